// SPDX-License-Identifier: Apache-2.0
#include "core/CardChallengeRepository.h"

#include <Poco/Data/Statement.h>

using namespace Poco::Data::Keywords;

namespace oqs::server::core {

void CardChallengeRepository::insert(const std::string& challengeHex, const std::string& institutionCode,
                                     const std::string& clerkId, std::int64_t expiresAt)
{
    auto session = m_database.session();
    std::string challenge = challengeHex;
    std::string institution = institutionCode;
    std::string clerk = clerkId;
    Poco::Int64 expiry = expiresAt;
    *session << m_database.sql("INSERT INTO card_challenge (challenge, institution_code, clerk_id, expires_at) "
                               "VALUES (?, ?, ?, ?)"),
        use(challenge), use(institution), use(clerk), use(expiry), now;
}

ChallengeClaim CardChallengeRepository::claim(const std::string& challengeHex, const std::string& institutionCode,
                                              const std::string& clerkId, std::int64_t now, std::int64_t& expiresAt)
{
    auto session = m_database.session();
    std::string challenge = challengeHex;
    std::string institution = institutionCode;
    std::string clerk = clerkId;
    Poco::Int64 usedAt = now;
    Poco::Data::Statement update(*session);
    update << m_database.sql("UPDATE card_challenge SET used_at = ? WHERE challenge = ? AND institution_code = ? AND "
                             "clerk_id = ? AND used_at IS NULL"),
        use(usedAt), use(challenge), use(institution), use(clerk);
    const bool claimed = update.execute() == 1;

    Poco::Int64 expiry = 0;
    Poco::Data::Statement select(*session);
    select << m_database.sql("SELECT expires_at FROM card_challenge WHERE challenge = ? AND institution_code = ? AND "
                             "clerk_id = ?"),
        use(challenge), use(institution), use(clerk), into(expiry);
    if (select.execute() == 0) {
        return ChallengeClaim::Unknown;
    }
    expiresAt = expiry;
    return claimed ? ChallengeClaim::Claimed : ChallengeClaim::AlreadyUsed;
}

std::size_t CardChallengeRepository::purgeExpired(std::int64_t before)
{
    auto session = m_database.session();
    Poco::Int64 limit = before;
    Poco::Data::Statement remove(*session);
    remove << m_database.sql("DELETE FROM card_challenge WHERE expires_at < ?"), use(limit);
    return remove.execute();
}

} // namespace oqs::server::core
