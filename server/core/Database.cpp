// SPDX-License-Identifier: Apache-2.0
#include "core/Database.h"

#include "core/Migrations.h"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>

#include <filesystem>
#include <mutex>

using namespace Poco::Data::Keywords;

namespace oqs::server::core {
namespace {

void registerConnectors()
{
    static std::once_flag once;
    std::call_once(once, [] {
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::PostgreSQL::Connector::registerConnector();
    });
}

std::string connectorOf(Dialect dialect)
{
    return dialect == Dialect::SQLite ? std::string(Poco::Data::SQLite::Connector::KEY)
                                      : std::string(Poco::Data::PostgreSQL::Connector::KEY);
}

} // namespace

std::string_view toString(Dialect dialect)
{
    return dialect == Dialect::SQLite ? "sqlite" : "postgresql";
}

Database::Database(DatabaseConfig config) : m_config(std::move(config))
{
    registerConnectors();
    if (m_config.dialect == Dialect::SQLite) {
        const auto parent = std::filesystem::path(m_config.connection).parent_path();
        if (!parent.empty()) {
            std::filesystem::create_directories(parent);
        }
    }
    ++m_leased;
    release(openSession(), false); // fail fast on a wrong path or connection string
}

Database::~Database() = default;

Database::Lease::~Lease()
{
    if (m_owner) {
        m_owner->release(m_session, m_bulk);
    }
}

Poco::Data::Session Database::openSession()
{
    Poco::Data::Session session(connectorOf(m_config.dialect), m_config.connection);
    if (m_config.dialect == Dialect::SQLite) {
        session << "PRAGMA journal_mode=WAL", now;
        session << "PRAGMA busy_timeout=10000", now;
        session << synchronousPragma(), now;
    }
    return session;
}

void Database::begin(Poco::Data::Session& session, Durability durability)
{
    const bool deferred = durability == Durability::Deferred;
    if (deferred && m_config.dialect == Dialect::SQLite && m_config.durableCommits) {
        session << "PRAGMA synchronous=NORMAL", now; // WAL: the commit is appended to the log without an fsync
    }
    session.begin();
    if (deferred && m_config.dialect == Dialect::PostgreSQL) {
        session << "SET LOCAL synchronous_commit TO OFF", now; // ends with the transaction
    }
}

void Database::commit(Poco::Data::Session& session)
{
    session.commit();
    if (m_config.dialect == Dialect::SQLite) {
        session << synchronousPragma(), now;
    }
}

std::string Database::synchronousPragma() const
{
    return m_config.durableCommits ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL";
}

std::size_t Database::idleSessions()
{
    std::lock_guard lock(m_mutex);
    return m_idle.size();
}

void Database::release(Poco::Data::Session session, bool bulk)
{
    --m_leased;
    if (session.isTransaction()) {
        session.rollback(); // a lease that ended by exception must not leave a transaction open for the next user
        if (m_config.dialect == Dialect::SQLite) {
            session << synchronousPragma(), now; // nor a lowered sync level (Database::begin)
        }
    }
    std::lock_guard lock(m_mutex);
    if (bulk) {
        if (!m_idleBulk) {
            m_idleBulk = std::move(session); // a second bulk connection, used at the same time, is closed
        }
    } else if (int(m_idle.size()) < m_config.poolSize) {
        m_idle.push_back(std::move(session));
    }
}

Database::Lease Database::bulkSession()
{
    if (m_config.dialect != Dialect::SQLite) {
        return session();
    }
    ++m_leased;
    {
        std::lock_guard lock(m_mutex);
        if (m_idleBulk) {
            Lease lease(*this, std::move(*m_idleBulk), true);
            m_idleBulk.reset();
            return lease;
        }
    }
    Poco::Data::Session session = openSession();
    session << "PRAGMA cache_size = -" + std::to_string(kBulkPageCacheKiB), now;
    return Lease(*this, std::move(session), true);
}

Database::Lease Database::session()
{
    ++m_leased;
    {
        std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            Poco::Data::Session session = std::move(m_idle.back());
            m_idle.pop_back();
            return Lease(*this, std::move(session));
        }
    }
    return Lease(*this, openSession());
}

std::string Database::sql(std::string_view portable) const
{
    return toDialectSql(portable, m_config.dialect);
}

std::string toDialectSql(std::string_view portable, Dialect dialect)
{
    if (dialect == Dialect::SQLite) {
        return std::string(portable);
    }
    std::string out;
    out.reserve(portable.size() + 16);
    int index = 0;
    bool inString = false;
    for (char c : portable) {
        if (c == '\'') {
            inString = !inString;
        }
        if (c == '?' && !inString) {
            out += '$' + std::to_string(++index);
        } else {
            out += c;
        }
    }
    return out;
}

std::string placeholderRows(int columns, std::size_t rows)
{
    std::string row = "(?";
    for (int column = 1; column < columns; ++column) {
        row += ", ?";
    }
    row += ')';
    std::string out;
    out.reserve(rows * (row.size() + 2));
    for (std::size_t index = 0; index < rows; ++index) {
        out += index == 0 ? "" : ", ";
        out += row;
    }
    return out;
}

int Database::schemaVersion()
{
    auto db = session();
    return currentSchemaVersion(*db, m_config.dialect);
}

void Database::migrate()
{
    auto db = session();
    applyMigrations(*db, m_config.dialect);
}

} // namespace oqs::server::core
