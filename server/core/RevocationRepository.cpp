// SPDX-License-Identifier: Apache-2.0
#include "core/RevocationRepository.h"

#include "core/RowBatch.h"

#include <Poco/Data/Statement.h>
#include <algorithm>
#include <stdexcept>

using namespace Poco::Data::Keywords;

namespace oqs::server::core {
namespace {

constexpr std::size_t kFlushRows = 50'000;

std::string tableOf(const std::string& slot)
{
    return "revoked_serial_" + slot;
}

std::string activeSlotOf(Database& database, Poco::Data::Session& session)
{
    std::string slot;
    session << database.sql("SELECT active_slot FROM revocation_state WHERE id = 1"), into(slot), now;
    if (slot != "a" && slot != "b") {
        throw std::runtime_error("revocation_state has no active slot: schema not migrated to version 10");
    }
    return slot;
}

/// A PostgreSQL text[] literal; the values are hex serials and ISO dates, checked here so that no quoting is needed.
std::string arrayLiteral(const std::vector<std::string>& values)
{
    std::string out = "{";
    for (const auto& value : values) {
        const bool plain = !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
            return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || c == '-';
        });
        if (!plain) {
            throw std::invalid_argument("revocation entry '" + value + "' is not a canonical serial or ISO date");
        }
        if (out.size() > 1) {
            out += ',';
        }
        out += value;
    }
    out += '}';
    return out;
}

} // namespace

bool RevocationRepository::isRevoked(const std::string& serial)
{
    auto session = m_database.session();
    // The slot test is uncorrelated, so both engines evaluate it once and skip the inactive table's lookup.
    const QueryRows rows =
        m_database.query(*session,
                         "SELECT (SELECT COUNT(*) FROM revoked_serial_a WHERE serial = ? AND EXISTS "
                         "(SELECT 1 FROM revocation_state WHERE id = 1 AND active_slot = 'a')) + "
                         "(SELECT COUNT(*) FROM revoked_serial_b WHERE serial = ? AND EXISTS "
                         "(SELECT 1 FROM revocation_state WHERE id = 1 AND active_slot = 'b'))",
                         {serial, serial});
    return rows.integer(0, 0).value_or(0) > 0;
}

RevocationSetInfo RevocationRepository::active()
{
    auto session = m_database.session();
    RevocationSetInfo info;
    Poco::Int64 count = 0;
    *session << "SELECT active_slot, activated_at, source, serial_count FROM revocation_state WHERE id = 1",
        into(info.activeSlot), into(info.activatedAt), into(info.source), into(count), now;
    info.serialCount = static_cast<std::uint64_t>(count);
    return info;
}

std::vector<std::string> RevocationRepository::activeSerials()
{
    auto session = m_database.session();
    std::vector<std::string> serials;
    *session << "SELECT serial FROM " + tableOf(activeSlotOf(m_database, *session)) + " ORDER BY serial", into(serials),
        now;
    return serials;
}

void RevocationRepository::insertIntoActive(Database& database, Poco::Data::Session& session,
                                            const std::vector<Revocation>& revocations)
{
    if (revocations.empty()) {
        return;
    }
    RowBatch<std::string, std::string> rows;
    for (const auto& [serial, revokedOn] : revocations) {
        rows.add(serial, revokedOn);
    }
    const std::string table = tableOf(activeSlotOf(database, session));
    rows.execute(database, session, [&table](std::size_t count) {
        return "INSERT INTO " + table + " (serial, revoked_on) VALUES " + placeholderRows(2, count);
    });
    Poco::Int64 added = Poco::Int64(revocations.size());
    session << database.sql("UPDATE revocation_state SET serial_count = serial_count + ? WHERE id = 1"), use(added),
        now;
}

RevocationRepository::Staging::Staging(Database& database) : m_database(database), m_session(database.session())
{
    m_slot = activeSlotOf(m_database, *m_session) == "a" ? "b" : "a";
    const std::string table = tableOf(m_slot);
    // Dropping the index first lets the rows go in unsorted; it is rebuilt in one sort by activate().
    m_session->begin();
    *m_session << "DROP TABLE " + table, now;
    *m_session << "CREATE TABLE " + table + " (serial TEXT NOT NULL, revoked_on TEXT NOT NULL)", now;
    m_session->commit();
    m_serials.reserve(kFlushRows);
    m_dates.reserve(kFlushRows);
}

RevocationRepository::Staging::~Staging() = default;

void RevocationRepository::Staging::add(std::string serial, std::string revokedOn)
{
    m_serials.push_back(std::move(serial));
    m_dates.push_back(std::move(revokedOn));
    ++m_count;
    if (m_serials.size() >= kFlushRows) {
        flush();
    }
}

void RevocationRepository::Staging::flush()
{
    if (m_serials.empty()) {
        return;
    }
    const std::string table = tableOf(m_slot);
    if (m_database.dialect() == Dialect::PostgreSQL) {
        // One round trip per batch: the rows travel as two array parameters.
        std::string serials = arrayLiteral(m_serials);
        std::string dates = arrayLiteral(m_dates);
        *m_session << m_database.sql("INSERT INTO " + table +
                                     " (serial, revoked_on) SELECT unnest(?::text[]), unnest(?::text[])"),
            use(serials), use(dates), now;
    } else {
        m_session->begin();
        *m_session << "INSERT INTO " + table + " (serial, revoked_on) VALUES (?, ?)", use(m_serials), use(m_dates), now;
        m_session->commit();
    }
    m_serials.clear();
    m_dates.clear();
}

void RevocationRepository::Staging::activate(const std::string& source)
{
    flush();
    const std::string table = tableOf(m_slot);
    *m_session << "CREATE INDEX " + table + "_serial ON " + table + " (serial)", now;
    if (m_database.dialect() == Dialect::PostgreSQL) {
        *m_session << "ANALYZE " + table, now;
    }
    std::string slot = m_slot;
    std::string from = source;
    auto count = static_cast<Poco::Int64>(m_count);
    m_session->begin();
    *m_session << m_database.sql("UPDATE revocation_state SET active_slot = ?, activated_at = CURRENT_TIMESTAMP, "
                                 "source = ?, serial_count = ? WHERE id = 1"),
        use(slot), use(from), use(count), now;
    m_session->commit();
}

} // namespace oqs::server::core
