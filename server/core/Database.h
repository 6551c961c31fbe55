// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/PeriodicTask.h"

#include <Poco/Data/Session.h>

#include <utility>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace oqs::server::core {

enum class Dialect { SQLite, PostgreSQL };

/// How a commit reaches the disk. Deferred returns before the log is flushed; the next Immediate commit on any
/// session flushes the (sequential) log up to itself, which makes every earlier deferred commit durable too. A crash
/// of the process never loses a deferred commit; a power cut may lose the ones not yet followed by an Immediate one.
enum class Durability { Immediate, Deferred };

struct DatabaseConfig {
    Dialect dialect = Dialect::SQLite;
    /// SQLite: a file path. PostgreSQL: a libpq connection string ("host=127.0.0.1 port=5432 dbname=oqs user=oqs").
    std::string connection = "var/oqs.db";
    /// Idle connections kept open for reuse.
    int poolSize = 16;
    /// SQLite only: synchronous=FULL makes every committed check survive a power cut, not just a crash.
    bool durableCommits = true;
};

/// A parameter of Database::query(): NULL (std::monostate), text or an integer.
using QueryValue = std::variant<std::monostate, std::string, std::int64_t>;

/// Binds the parameters of an SQLite statement in order, for Database::querySqlite(): texts are bound without a
/// copy, so they must stay unchanged until the statement has run.
class SqliteBinder {
public:
    void text(std::string_view value);
    void integer(std::int64_t value);
    void null();

private:
    friend class Database;
    SqliteBinder(sqlite3_stmt* statement, const std::string& sql) : m_statement(statement), m_sql(sql) {}
    void check(int result) const;

    sqlite3_stmt* m_statement;
    const std::string& m_sql;
    int m_next = 1;
};

/// The rows Database::query() read: each value as text (integers in decimal) or NULL.
class QueryRows {
public:
    std::size_t size() const { return m_columns == 0 ? 0 : m_values.size() / m_columns; }
    bool isNull(std::size_t row, std::size_t column) const { return !value(row, column); }
    /// The value as text; empty for NULL.
    const std::string& text(std::size_t row, std::size_t column) const;
    /// The value as an integer; nullopt for NULL. Throws std::invalid_argument when it is not one.
    std::optional<std::int64_t> integer(std::size_t row, std::size_t column) const;

private:
    friend class Database;
    const std::optional<std::string>& value(std::size_t row, std::size_t column) const
    {
        return m_values.at(row * m_columns + column);
    }

    std::size_t m_columns = 0;
    std::vector<std::optional<std::string>> m_values;
};

/// One pool of sessions on SQLite (WAL) or PostgreSQL. Repositories write portable SQL with '?' placeholders;
/// sql() rewrites them for the dialect. Thread-safe.
class Database {
public:
    explicit Database(DatabaseConfig config);
    ~Database();

    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// A pooled session, configured once when its connection opens; goes back to the pool when the lease ends.
    class Lease {
    public:
        Lease(Database& owner, Poco::Data::Session session, bool bulk = false)
            : m_owner(&owner), m_session(std::move(session)), m_bulk(bulk)
        {
        }
        Lease(Lease&& other) noexcept
            : m_owner(std::exchange(other.m_owner, nullptr)), m_session(other.m_session), m_bulk(other.m_bulk)
        {
        }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Lease& operator=(Lease&&) = delete;
        ~Lease();

        Poco::Data::Session& operator*() { return m_session; }
        Poco::Data::Session* operator->() { return &m_session; }

    private:
        Database* m_owner;
        Poco::Data::Session m_session;
        bool m_bulk;
    };

    Lease session();
    /// A session for bulk writes (feed import, dataset load). On SQLite its connection has a page cache of
    /// kBulkPageCacheKiB instead of SQLite's 2 MiB: a transaction of thousands of rows in random key order otherwise
    /// spills pages to the log again and again before it commits. One such connection is kept for reuse, so that
    /// its cache stays warm from one transaction to the next; the cache grows only as used.
    Lease bulkSession();
    Dialect dialect() const { return m_config.dialect; }
    /// Portable SQL → dialect SQL: '?' placeholders become $1, $2… on PostgreSQL.
    std::string sql(std::string_view portable) const;
    /// Runs a statement (portable SQL) on `session` and returns the rows it yields, if any. On SQLite the statement
    /// is prepared once per connection and kept for the next run: Poco's connector prepares every statement again
    /// each time it runs, which cost a sixth of a check's CPU. On PostgreSQL it runs through Poco.
    QueryRows query(Poco::Data::Session& session, const std::string& portableSql,
                    const std::vector<QueryValue>& parameters);
    /// query() on SQLite only, its parameters bound by `bind` straight from where the caller keeps them.
    template <class Bind> QueryRows querySqlite(Poco::Data::Session& session, const std::string& sql, const Bind& bind)
    {
        sqlite3_stmt* statement = keptStatement(session, sql);
        const ResetAfterRun reset{statement};
        SqliteBinder binder(statement, sql);
        bind(binder);
        return stepKept(statement, sql);
    }
    /// Starts a transaction on `session` whose commit is as durable as `durability` asks (Immediate: as configured).
    /// SQLite fixes the sync level of a transaction before it starts, hence begin() and commit() of our own.
    void begin(Poco::Data::Session& session, Durability durability);
    /// Commits the transaction begin() started and restores the session's configured durability.
    void commit(Poco::Data::Session& session);
    /// Applies the schema migrations not yet applied; safe to call from several instances at once.
    void migrate();
    /// The schema version the database is at (0 if empty).
    int schemaVersion();
    /// Pool gauges for /metrics: connections waiting for reuse, and sessions handed out right now.
    std::size_t idleSessions();
    int leasedSessions() const { return m_leased.load(); }

private:
    Poco::Data::Session openSession();
    /// SQLite: the configured sync level, set on every connection (and again after a deferred transaction).
    std::string synchronousPragma() const;
    void release(Poco::Data::Session session, bool bulk);
    /// The statement this connection keeps for `sql`, prepared on first use.
    sqlite3_stmt* keptStatement(Poco::Data::Session& session, const std::string& sql);
    /// Leaves a kept statement reset and unbound for its next run, whatever happened in this one.
    struct ResetAfterRun {
        sqlite3_stmt* statement;
        ~ResetAfterRun();
    };
    /// Runs a bound kept statement and reads the rows it yields.
    static QueryRows stepKept(sqlite3_stmt* statement, const std::string& sql);
    QueryRows queryPoco(Poco::Data::Session& session, const std::string& sql,
                        const std::vector<QueryValue>& parameters);

    DatabaseConfig m_config;
    std::mutex m_mutex;
    std::vector<Poco::Data::Session> m_idle;
    std::optional<Poco::Data::Session> m_idleBulk;
    /// query()'s statements per SQLite connection, by SQL text. A connection is used by one thread at a time, so
    /// only the map itself needs m_mutex.
    std::map<sqlite3*, std::map<std::string, sqlite3_stmt*, std::less<>>> m_prepared;
    std::atomic<int> m_leased{0};
};

std::string_view toString(Dialect dialect);
/// "(?, ?), (?, ?)" for `rows` rows of `columns` placeholders: one multi-row INSERT prepares and runs once, where a
/// statement per row would be parsed again for every row.
std::string placeholderRows(int columns, std::size_t rows);
/// `count` copies of `row`, comma-separated: the rows of a multi-row statement.
std::string repeatRow(std::string_view row, std::size_t count);
/// `head` (VALUES <count rows like `row`>) AS v `tail`: parameter rows as a table v to join or update from. Its
/// columns are column1, column2… in both dialects; PostgreSQL takes their parameters as text unless `row` casts them.
std::string withValues(std::string_view head, std::string_view row, std::size_t count, std::string_view tail);
/// The page cache of a bulkSession() on SQLite: 256 MiB measured 30 % faster than 64 MiB on a feed of 247 k records.
inline constexpr int kBulkPageCacheKiB = 256 * 1024;
/// A bulkSession() on SQLite checkpoints the log into the database when it holds this many pages (64 MiB) instead of
/// SQLite's 1,000: a bulk job rewrites the same index pages transaction after transaction, and each checkpoint copies
/// them to the database once however often they changed since the last.
inline constexpr int kBulkCheckpointPages = 16 * 1024;

/// While it lives, copies an SQLite database's write-ahead log into the database file every kPeriod on a thread and
/// connection of its own (a passive checkpoint: it never waits for the writer or the readers), so that a bulk job's
/// commits seldom reach kBulkCheckpointPages and checkpoint — and wait for the disk — themselves. Does nothing on
/// PostgreSQL, whose server checkpoints by itself.
class BackgroundCheckpoint
{
public:
    static constexpr std::chrono::milliseconds kPeriod{250};

    explicit BackgroundCheckpoint(Database& database);

private:
    std::optional<PeriodicTask> m_task;
};

/// Portable SQL → dialect SQL: '?' placeholders outside string literals become $1, $2… on PostgreSQL.
std::string toDialectSql(std::string_view portable, Dialect dialect);

} // namespace oqs::server::core
