// SPDX-License-Identifier: Apache-2.0
#include "core/AccountRepository.h"

#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

using namespace Poco::Data::Keywords;

namespace oqs::server::core {
namespace {

std::string kindText(AccountKind kind)
{
    return kind == AccountKind::Machine ? "machine" : "clerk";
}

} // namespace

bool AccountRepository::insert(const AccountRecord& account)
{
    std::string institution = account.institutionCode;
    std::string user = account.userId;
    if (find(institution, user)) {
        return false;
    }
    std::string kind = kindText(account.kind);
    std::string name = account.displayName;
    std::string hash = account.credentialHash;
    int mustChange = account.mustChangePassword ? 1 : 0;
    int failed = account.failedAttempts;
    Poco::Int64 lockedUntil = account.lockedUntil;
    Poco::Int64 createdAt = account.createdAt;
    auto session = m_database.session();
    *session << m_database.sql("INSERT INTO account (institution_code, user_id, kind, display_name, credential_hash, "
                               "must_change_password, failed_attempts, locked_until, created_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        use(institution), use(user), use(kind), use(name), use(hash), use(mustChange), use(failed), use(lockedUntil),
        use(createdAt), now;
    return true;
}

std::optional<AccountRecord> AccountRepository::find(const std::string& institutionCode, const std::string& userId)
{
    std::string institution = institutionCode;
    std::string user = userId;
    Poco::Nullable<std::string> kind;
    std::string name;
    std::string hash;
    int mustChange = 0;
    int failed = 0;
    Poco::Int64 lockedUntil = 0;
    Poco::Int64 createdAt = 0;
    auto session = m_database.session();
    *session << m_database.sql("SELECT kind, display_name, credential_hash, must_change_password, failed_attempts, "
                               "locked_until, created_at FROM account WHERE institution_code = ? AND user_id = ?"),
        use(institution), use(user), into(kind), into(name), into(hash), into(mustChange), into(failed),
        into(lockedUntil), into(createdAt), now;
    if (kind.isNull()) {
        return std::nullopt;
    }
    const AccountKind accountKind = kind.value() == "machine" ? AccountKind::Machine : AccountKind::Clerk;
    return AccountRecord{institutionCode, userId, accountKind, name,     hash,
                         mustChange != 0, failed, lockedUntil, createdAt};
}

int AccountRepository::recordFailure(const std::string& institutionCode, const std::string& userId, int lockAfter,
                                     std::int64_t lockUntil)
{
    std::string institution = institutionCode;
    std::string user = userId;
    int threshold = lockAfter;
    Poco::Int64 until = lockUntil;
    auto session = m_database.session();
    // One statement each, so concurrent failures on several instances all count.
    *session << m_database.sql("UPDATE account SET failed_attempts = failed_attempts + 1 "
                               "WHERE institution_code = ? AND user_id = ?"),
        use(institution), use(user), now;
    *session << m_database.sql("UPDATE account SET locked_until = ?, failed_attempts = 0 "
                               "WHERE institution_code = ? AND user_id = ? AND failed_attempts >= ?"),
        use(until), use(institution), use(user), use(threshold), now;
    int failed = 0;
    *session << m_database.sql("SELECT failed_attempts FROM account WHERE institution_code = ? AND user_id = ?"),
        use(institution), use(user), into(failed), now;
    return failed;
}

void AccountRepository::clearFailures(const std::string& institutionCode, const std::string& userId)
{
    std::string institution = institutionCode;
    std::string user = userId;
    auto session = m_database.session();
    *session << m_database.sql("UPDATE account SET failed_attempts = 0, locked_until = 0 "
                               "WHERE institution_code = ? AND user_id = ?"),
        use(institution), use(user), now;
}

void AccountRepository::setCredential(const std::string& institutionCode, const std::string& userId,
                                      const std::string& hash, bool mustChange)
{
    std::string institution = institutionCode;
    std::string user = userId;
    std::string credential = hash;
    int flag = mustChange ? 1 : 0;
    auto session = m_database.session();
    *session << m_database.sql("UPDATE account SET credential_hash = ?, must_change_password = ?, "
                               "failed_attempts = 0, locked_until = 0 WHERE institution_code = ? AND user_id = ?"),
        use(credential), use(flag), use(institution), use(user), now;
}

void AccountRepository::insertSession(const SessionRecord& record)
{
    std::string token = record.tokenHash;
    std::string institution = record.institutionCode;
    std::string user = record.userId;
    Poco::Int64 createdAt = record.createdAt;
    Poco::Int64 expiresAt = record.expiresAt;
    auto session = m_database.session();
    *session << m_database.sql("INSERT INTO clerk_session (token_hash, institution_code, user_id, created_at, "
                               "expires_at) VALUES (?, ?, ?, ?, ?)"),
        use(token), use(institution), use(user), use(createdAt), use(expiresAt), now;
}

std::optional<SessionRecord> AccountRepository::findSession(const std::string& tokenHash, std::int64_t nowSeconds)
{
    auto session = m_database.session();
    const QueryRows rows =
        m_database.query(*session,
                         "SELECT s.institution_code, s.user_id, s.created_at, s.expires_at, "
                         "a.must_change_password FROM clerk_session s JOIN account a "
                         "ON a.institution_code = s.institution_code AND a.user_id = s.user_id "
                         "WHERE s.token_hash = ? AND s.expires_at > ?",
                         {tokenHash, nowSeconds});
    if (rows.size() == 0) {
        return std::nullopt;
    }
    return SessionRecord{tokenHash, rows.text(0, 0), rows.text(0, 1), rows.integer(0, 2).value_or(0),
                         rows.integer(0, 3).value_or(0), rows.integer(0, 4).value_or(0) != 0};
}

void AccountRepository::deleteSession(const std::string& tokenHash)
{
    std::string token = tokenHash;
    auto session = m_database.session();
    *session << m_database.sql("DELETE FROM clerk_session WHERE token_hash = ?"), use(token), now;
}

void AccountRepository::deleteSessionsOf(const std::string& institutionCode, const std::string& userId)
{
    std::string institution = institutionCode;
    std::string user = userId;
    auto session = m_database.session();
    *session << m_database.sql("DELETE FROM clerk_session WHERE institution_code = ? AND user_id = ?"),
        use(institution), use(user), now;
}

} // namespace oqs::server::core
