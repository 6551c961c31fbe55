// SPDX-License-Identifier: Apache-2.0
#include "core/Database.h"

#include "core/Migrations.h"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Statement.h>

#include <charconv>
#include <filesystem>
#include <mutex>
#include <sqlite3.h>
#include <stdexcept>

using namespace Poco::Data::Keywords;

namespace oqs::server::core {
namespace {

/// Finalizes the statements query() kept for one connection, which must happen before the connection closes.
void finalizeAll(const std::map<std::string, sqlite3_stmt*, std::less<>>& statements)
{
    for (const auto& [sql, statement] : statements) {
        sqlite3_finalize(statement);
    }
}

/// Two settings of the SQLite library, configurable only while it is not initialised, so this must run before the
/// first connection opens:
/// - memory statistics off: they take one process-wide mutex on every allocation, and Debian's build has no
///   lookaside allocator, so every statement allocates through it: with dozens of request threads that mutex was
///   where they queued. Nothing here reads the statistics.
/// - multi-thread mode instead of serialised: every connection is used by one thread at a time (a lease from the
///   pool, the recorder's own), so the connection mutex SQLite takes in every call of its API only costs time.
void configureSqlite()
{
    sqlite3_shutdown();
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite3_initialize();
}

/// Process-wide set-up of the database libraries, once, before the first connection.
void registerConnectors()
{
    static std::once_flag once;
    std::call_once(once, [] {
        configureSqlite();
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

Database::~Database()
{
    for (auto& [connection, statements] : m_prepared) {
        finalizeAll(statements);
    }
}

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
    if (bulk && !m_idleBulk) {
        m_idleBulk = std::move(session);
    } else if (!bulk && int(m_idle.size()) < m_config.poolSize) {
        m_idle.push_back(std::move(session));
    } else if (m_config.dialect == Dialect::SQLite) {
        // Closed when `session` goes: a pool already full, or a second bulk connection used at the same time.
        if (const auto found = m_prepared.find(Poco::Data::SQLite::Utility::dbHandle(session));
            found != m_prepared.end()) {
            finalizeAll(found->second);
            m_prepared.erase(found);
        }
    }
}

const std::string& QueryRows::text(std::size_t row, std::size_t column) const
{
    static const std::string kEmpty;
    const auto& found = value(row, column);
    return found ? *found : kEmpty;
}

std::optional<std::int64_t> QueryRows::integer(std::size_t row, std::size_t column) const
{
    const auto& found = value(row, column);
    if (!found) {
        return std::nullopt;
    }
    std::int64_t number = 0;
    const auto [end, error] = std::from_chars(found->data(), found->data() + found->size(), number);
    if (error != std::errc{} || end != found->data() + found->size()) {
        throw std::invalid_argument("column " + std::to_string(column) + " is not an integer: '" + *found + "'");
    }
    return number;
}

QueryRows Database::query(Poco::Data::Session& session, const std::string& portableSql,
                          const std::vector<QueryValue>& parameters)
{
    if (m_config.dialect != Dialect::SQLite) {
        return queryPoco(session, sql(portableSql), parameters);
    }
    return querySqlite(session, portableSql, [&](SqliteBinder& binder) {
        for (const QueryValue& parameter : parameters) {
            std::visit(
                [&](const auto& value) {
                    using Value = std::decay_t<decltype(value)>;
                    if constexpr (std::is_same_v<Value, std::string>) {
                        binder.text(value);
                    } else if constexpr (std::is_same_v<Value, std::int64_t>) {
                        binder.integer(value);
                    } else {
                        binder.null();
                    }
                },
                parameter);
        }
    });
}

void SqliteBinder::check(int result) const
{
    if (result != SQLITE_OK) {
        Poco::Data::SQLite::Utility::throwException(sqlite3_db_handle(m_statement), result, m_sql);
    }
}

void SqliteBinder::text(std::string_view value)
{
    check(sqlite3_bind_text(m_statement, m_next++, value.data(), int(value.size()), SQLITE_STATIC));
}

void SqliteBinder::integer(std::int64_t value)
{
    check(sqlite3_bind_int64(m_statement, m_next++, value));
}

void SqliteBinder::null()
{
    check(sqlite3_bind_null(m_statement, m_next++));
}

sqlite3_stmt* Database::keptStatement(Poco::Data::Session& session, const std::string& sql)
{
    sqlite3* connection = Poco::Data::SQLite::Utility::dbHandle(session);
    std::lock_guard lock(m_mutex);
    auto& statements = m_prepared[connection];
    if (const auto found = statements.find(sql); found != statements.end()) {
        return found->second;
    }
    sqlite3_stmt* statement = nullptr;
    const int prepared =
        sqlite3_prepare_v3(connection, sql.c_str(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
    if (prepared != SQLITE_OK) {
        Poco::Data::SQLite::Utility::throwException(connection, prepared, sql);
    }
    statements.emplace(sql, statement);
    return statement;
}

Database::ResetAfterRun::~ResetAfterRun()
{
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
}

QueryRows Database::stepKept(sqlite3_stmt* statement, const std::string& sql)
{
    QueryRows rows;
    rows.m_columns = std::size_t(sqlite3_column_count(statement));
    for (int stepped = sqlite3_step(statement);; stepped = sqlite3_step(statement)) {
        if (stepped == SQLITE_DONE) {
            return rows;
        }
        if (stepped != SQLITE_ROW) {
            Poco::Data::SQLite::Utility::throwException(sqlite3_db_handle(statement), stepped, sql);
        }
        for (int column = 0; column < int(rows.m_columns); ++column) {
            if (sqlite3_column_type(statement, column) == SQLITE_NULL) {
                rows.m_values.emplace_back();
            } else {
                const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
                rows.m_values.emplace_back(std::in_place, text, std::size_t(sqlite3_column_bytes(statement, column)));
            }
        }
    }
}

QueryRows Database::queryPoco(Poco::Data::Session& session, const std::string& sql,
                              const std::vector<QueryValue>& parameters)
{
    Poco::Data::Statement statement(session);
    statement << sql;
    // use() keeps references: the copies must not move until the statement has run.
    std::vector<std::string> texts;
    std::vector<Poco::Int64> integers;
    texts.reserve(parameters.size());
    integers.reserve(parameters.size());
    for (const auto& parameter : parameters) {
        if (const auto* text = std::get_if<std::string>(&parameter)) {
            statement, use(texts.emplace_back(*text));
        } else if (const auto* integer = std::get_if<std::int64_t>(&parameter)) {
            statement, use(integers.emplace_back(*integer));
        } else {
            statement, use(null);
        }
    }
    statement.execute();
    Poco::Data::RecordSet records(statement);
    QueryRows rows;
    rows.m_columns = records.columnCount();
    for (bool more = records.moveFirst(); more; more = records.moveNext()) {
        for (std::size_t column = 0; column < rows.m_columns; ++column) {
            const Poco::Dynamic::Var& value = records.value(column);
            if (value.isEmpty()) {
                rows.m_values.emplace_back();
            } else {
                rows.m_values.emplace_back(value.convert<std::string>());
            }
        }
    }
    return rows;
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
    session << "PRAGMA temp_store = MEMORY", now;
    session << "PRAGMA wal_autocheckpoint = " + std::to_string(kBulkCheckpointPages), now;
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
    return repeatRow(row, rows);
}

std::string repeatRow(std::string_view row, std::size_t count)
{
    std::string rows;
    rows.reserve(count * (row.size() + 2));
    for (std::size_t index = 0; index < count; ++index) {
        rows.append(index == 0 ? "" : ", ").append(row);
    }
    return rows;
}

std::string withValues(std::string_view head, std::string_view row, std::size_t count, std::string_view tail)
{
    return std::string(head) + " (VALUES " + repeatRow(row, count) + ") AS v " + std::string(tail);
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

BackgroundCheckpoint::BackgroundCheckpoint(Database& database)
{
    if (database.dialect() != Dialect::SQLite) {
        return;
    }
    m_task.emplace(kPeriod, [&database] {
        try {
            auto session = database.session();
            database.query(*session, "PRAGMA wal_checkpoint(PASSIVE)", {});
        } catch (const std::exception&) {
            // Busy or failed: the log stays and the writer's own checkpoint still copies it; nothing is lost.
        }
    });
}

} // namespace oqs::server::core
