// SPDX-License-Identifier: Apache-2.0
#include "core/AuditRepository.h"

#include "core/RowBatch.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>
#include <algorithm>
#include <array>
#include <openssl/sha.h>

using namespace Poco::Data::Keywords;

namespace oqs::server::core {
namespace {

const std::string kGenesisHash(64, '0');
constexpr int kAppendAttempts = 5;

/// SHA-256 over length-prefixed fields, so no choice of field contents can make two records hash alike.
std::string chainHash(const std::string& previousHash, std::int64_t sequence, const std::string& recordedAt,
                      const AuditEvent& event)
{
    std::string text;
    for (const std::string& field : {previousHash, std::to_string(sequence), recordedAt, event.actor,
                                     event.institutionCode, event.terminal, event.action, event.target, event.result}) {
        text += std::to_string(field.size()) + ':' + field + ';';
    }
    std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
    SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest.data());
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned char byte : digest) {
        hex += kHex[byte >> 4];
        hex += kHex[byte & 0x0F];
    }
    return hex;
}

} // namespace

AuditRepository::AuditRepository(Database& database, std::function<std::string()> timestamp)
    : m_database(database), m_timestamp(std::move(timestamp))
{
}

AuditRepository::Head AuditRepository::readHead()
{
    Poco::Nullable<Poco::Int64> sequence;
    Poco::Nullable<std::string> hash;
    auto session = m_database.session();
    *session << "SELECT sequence, hash FROM audit_log WHERE sequence = (SELECT MAX(sequence) FROM audit_log)",
        into(sequence), into(hash), now;
    if (sequence.isNull()) {
        return Head{0, kGenesisHash};
    }
    return Head{sequence.value(), hash.value()};
}

void AuditRepository::append(const AuditEvent& event)
{
    appendAll(std::span(&event, 1), {});
}

void AuditRepository::appendAll(std::span<const AuditEvent> events,
                                const std::function<void(Poco::Data::Session&)>& alongside)
{
    std::lock_guard lock(m_mutex);
    for (int attempt = 1;; ++attempt) {
        if (!m_head) {
            m_head = readHead();
        }
        Head head = *m_head;
        try {
            auto session = m_database.session();
            session->begin();
            if (alongside) {
                alongside(*session);
            }
            RowBatch<Poco::Int64, std::string, std::string, std::string, std::string, std::string, std::string,
                     std::string, std::string, std::string>
                rows;
            rows.reserve(events.size());
            for (const AuditEvent& event : events) {
                const Poco::Int64 sequence = head.sequence + 1;
                std::string recordedAt = m_timestamp();
                std::string hash = chainHash(head.hash, sequence, recordedAt, event);
                rows.add(sequence, std::move(recordedAt), event.actor, event.institutionCode, event.terminal,
                         event.action, event.target, event.result, head.hash, hash);
                head = Head{sequence, std::move(hash)};
            }
            rows.execute(m_database, *session, [](std::size_t count) {
                return "INSERT INTO audit_log (sequence, recorded_at, actor, institution_code, terminal, action, "
                       "target, result, previous_hash, hash) VALUES " +
                       placeholderRows(10, count);
            });
            session->commit();
            m_head = head; // only now: a rolled-back batch must not become the head the next append chains to
            return;
        } catch (const Poco::Exception&) {
            m_head.reset(); // another instance appended first: re-read the head and chain after it
            if (attempt == kAppendAttempts) {
                throw;
            }
        }
    }
}

AuditVerification AuditRepository::verifyChain()
{
    AuditVerification result;
    auto session = m_database.session();
    Poco::Data::Statement select(*session);
    select << "SELECT sequence, recorded_at, actor, institution_code, terminal, action, target, result, "
              "previous_hash, hash FROM audit_log ORDER BY sequence";
    select.execute();
    Poco::Data::RecordSet rows(select);
    std::string previous = kGenesisHash;
    std::int64_t expected = 1;
    for (bool more = rows.moveFirst(); more; more = rows.moveNext()) {
        const std::int64_t sequence = rows[0].convert<Poco::Int64>();
        if (result.records == 0 && sequence > 1) { // the rows before it are archived
            expected = sequence;
            previous = rows[8].convert<std::string>();
        }
        const AuditEvent event{rows[2].convert<std::string>(), rows[3].convert<std::string>(),
                               rows[4].convert<std::string>(), rows[5].convert<std::string>(),
                               rows[6].convert<std::string>(), rows[7].convert<std::string>()};
        const std::string stored = rows[9].convert<std::string>();
        ++result.records;
        if (sequence != expected || rows[8].convert<std::string>() != previous ||
            chainHash(previous, sequence, rows[1].convert<std::string>(), event) != stored) {
            result.firstBrokenSequence = expected;
            return result;
        }
        previous = stored;
        ++expected;
    }
    return result;
}

std::string AuditRepository::recordHash(const std::string& previousHash, std::int64_t sequence,
                                        const std::string& recordedAt, const AuditEvent& event)
{
    return chainHash(previousHash, sequence, recordedAt, event);
}

} // namespace oqs::server::core
