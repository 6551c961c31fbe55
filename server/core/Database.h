// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <Poco/Data/Session.h>

#include <utility>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <typeindex>
#include <unordered_map>
#include <vector>

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

/// A query a repository runs on every request: its statement is parsed once per connection and then only run again.
/// A subclass binds its own members with use()/into() in a constructor taking (Database&, Poco::Data::Session&) and
/// clears its outputs before each run (Poco keeps the previous run's values when a query finds no row).
class PreparedQuery {
public:
    virtual ~PreparedQuery() = default;
};

/// One pool of sessions on SQLite (WAL) or PostgreSQL. Repositories write portable SQL with '?' placeholders;
/// sql() rewrites them for the dialect. Thread-safe.
class Database {
public:
    explicit Database(DatabaseConfig config);
    ~Database();

    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// The prepared queries of one connection, by type.
    using PreparedQueries = std::unordered_map<std::type_index, std::unique_ptr<PreparedQuery>>;

    /// A pooled connection and the queries prepared on it. The queries are declared last so that they are destroyed
    /// before the session they were prepared on.
    struct Connection {
        Poco::Data::Session session;
        std::shared_ptr<PreparedQueries> queries = std::make_shared<PreparedQueries>();
    };

    /// A pooled session, configured once when its connection opens; goes back to the pool when the lease ends.
    class Lease {
    public:
        Lease(Database& owner, Connection connection);
        Lease(Lease&& other) noexcept;
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Lease& operator=(Lease&&) = delete;
        ~Lease();

        Poco::Data::Session& operator*() { return m_connection.session; }
        Poco::Data::Session* operator->() { return &m_connection.session; }

        /// This connection's `Query`, prepared on first use and kept with the connection on SQLite. On PostgreSQL
        /// it lives for this lease only: Poco's connector double-frees a re-run statement that fails.
        template <class Query>
        Query& prepared()
        {
            std::unique_ptr<PreparedQuery>& slot = (*m_connection.queries)[std::type_index(typeid(Query))];
            if (!slot) {
                slot = std::make_unique<Query>(*m_owner, m_connection.session);
            }
            return static_cast<Query&>(*slot);
        }

    private:
        Database* m_owner;
        Connection m_connection;
        int m_uncaughtExceptions; ///< at the start: more at the end means the lease ended by an exception
    };

    Lease session();
    Dialect dialect() const { return m_config.dialect; }
    /// Portable SQL → dialect SQL: '?' placeholders become $1, $2… on PostgreSQL.
    std::string sql(std::string_view portable) const;
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
    Connection openConnection();
    /// SQLite: the configured sync level, set on every connection (and again after a deferred transaction).
    std::string synchronousPragma() const;
    /// Returns the connection to the pool; `failed` (the lease ended by an exception) drops its prepared queries.
    void release(Connection connection, bool failed);

    DatabaseConfig m_config;
    std::mutex m_mutex;
    std::vector<Connection> m_idle;
    std::atomic<int> m_leased{0};
};

std::string_view toString(Dialect dialect);
/// "(?, ?), (?, ?)" for `rows` rows of `columns` placeholders: one multi-row INSERT prepares and runs once, where a
/// statement per row would be parsed again for every row.
std::string placeholderRows(int columns, std::size_t rows);
/// Rows per multi-row INSERT: 200 rows of ten columns stay far below either database's parameter limit.
inline constexpr std::size_t kRowsPerInsert = 200;

/// Portable SQL → dialect SQL: '?' placeholders outside string literals become $1, $2… on PostgreSQL.
std::string toDialectSql(std::string_view portable, Dialect dialect);

} // namespace oqs::server::core
