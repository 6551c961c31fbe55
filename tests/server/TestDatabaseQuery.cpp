// SPDX-License-Identifier: Apache-2.0
#include "TestDatabase.h"
#include "core/Database.h"
#include "core/RowBatch.h"

#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Session.h>
#include <Poco/Exception.h>
#include <QTemporaryDir>
#include <QTest>
#include <sqlite3.h>
#include <memory>
#include <stdexcept>
#include <vector>

using namespace oqs::server;
using namespace Poco::Data::Keywords;

/// Database::query(), the read path of the hot checks: values and NULLs come back as written, and a statement kept
/// prepared on a connection stays right when the data or the schema change under it, when its SQL fails, and when
/// the pool closes the connection. RowBatch, which writes the feed and the check history through it on SQLite.
class TestDatabaseQuery : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void valuesNullsAndIntegers();
    void keptStatementSeesNewRowsAndARebuiltTable();
    void badSqlThrowsAndTheNextQueryWorks();
    void connectionsClosedByAFullPoolTakeTheirStatements();
    void nullParametersAreWrittenAsNull();
    void rowBatchWritesAndReadsFullGroupsAndTheRowsLeftOver();
    void cardLookupSeeksOnTheWholeCard();
    void sqliteKeepsNoMemoryStatistics();
    void sqliteConnectionsTakeNoMutex();
    void backgroundCheckpointCopiesTheLogIntoTheDatabaseFile();

private:
    void execute(const std::string& sql);

    std::unique_ptr<QTemporaryDir> m_temporary;
    std::unique_ptr<oqs::tests::TestDatabase> m_testDatabase;
    std::unique_ptr<core::Database> m_database;
};

void TestDatabaseQuery::init()
{
    m_temporary = std::make_unique<QTemporaryDir>();
    m_testDatabase = std::make_unique<oqs::tests::TestDatabase>(m_temporary->path().toStdString());
    m_database = std::make_unique<core::Database>(m_testDatabase->config());
    execute("CREATE TABLE sample (name TEXT NOT NULL, note TEXT, amount BIGINT)");
    execute("INSERT INTO sample VALUES ('a', 'first', 10), ('b', NULL, NULL), ('c', '日本語', -3)");
}

void TestDatabaseQuery::cleanup()
{
    m_database.reset();
    m_testDatabase.reset();
    m_temporary.reset();
}

void TestDatabaseQuery::execute(const std::string& sql)
{
    *m_database->session() << sql, now;
}

void TestDatabaseQuery::valuesNullsAndIntegers()
{
    auto session = m_database->session();
    const auto rows = m_database->query(*session, "SELECT name, note, amount FROM sample WHERE amount > ? OR name = ? "
                                                  "ORDER BY name",
                                        {std::int64_t(0), std::string("b")});
    QCOMPARE(rows.size(), std::size_t(2));
    QCOMPARE(rows.text(0, 0), std::string("a"));
    QCOMPARE(rows.text(0, 1), std::string("first"));
    QCOMPARE(rows.integer(0, 2), std::optional<std::int64_t>(10));
    QCOMPARE(rows.text(1, 0), std::string("b"));
    QVERIFY(rows.isNull(1, 1));
    QCOMPARE(rows.text(1, 1), std::string());
    QCOMPARE(rows.integer(1, 2), std::optional<std::int64_t>());
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, rows.integer(0, 0));

    const auto japanese = m_database->query(*session, "SELECT note, amount FROM sample WHERE name = ?", {"c"});
    QCOMPARE(japanese.text(0, 0), std::string("日本語"));
    QCOMPARE(japanese.integer(0, 1), std::optional<std::int64_t>(-3));
    QCOMPARE(m_database->query(*session, "SELECT name FROM sample WHERE name = ?", {"none"}).size(), std::size_t(0));
}

void TestDatabaseQuery::keptStatementSeesNewRowsAndARebuiltTable()
{
    // The revocation check runs like this while the CRL import drops and rebuilds the table it reads.
    auto reader = m_database->session();
    const std::string count = "SELECT COUNT(*) FROM sample WHERE amount IS NOT NULL";
    QCOMPARE(m_database->query(*reader, count, {}).integer(0, 0), std::optional<std::int64_t>(2));
    execute("INSERT INTO sample VALUES ('d', NULL, 7)");
    QCOMPARE(m_database->query(*reader, count, {}).integer(0, 0), std::optional<std::int64_t>(3));
    {
        auto writer = m_database->session();
        writer->begin();
        *writer << "DROP TABLE sample", now;
        *writer << "CREATE TABLE sample (name TEXT NOT NULL, amount BIGINT, note TEXT)", now;
        *writer << "INSERT INTO sample (name, amount) VALUES ('z', 1)", now;
        writer->commit();
    }
    QCOMPARE(m_database->query(*reader, count, {}).integer(0, 0), std::optional<std::int64_t>(1));
    const auto rows = m_database->query(*reader, "SELECT name, note, amount FROM sample", {});
    QCOMPARE(rows.text(0, 0), std::string("z"));
    QVERIFY(rows.isNull(0, 1));
}

void TestDatabaseQuery::badSqlThrowsAndTheNextQueryWorks()
{
    auto session = m_database->session();
    QVERIFY_THROWS_EXCEPTION(Poco::Exception, m_database->query(*session, "SELECT nothing FROM sample", {}));
    QVERIFY_THROWS_EXCEPTION(Poco::Exception, m_database->query(*session, "SELECT name FROM missing_table", {}));
    // A type error inside a run (PostgreSQL rejects text as BIGINT) leaves the kept statement reusable.
    try {
        m_database->query(*session, "SELECT name FROM sample WHERE amount = CAST(? AS BIGINT)", {"x"});
    } catch (const Poco::Exception&) {
        if (session->isTransaction()) {
            session->rollback();
        }
    }
    QCOMPARE(m_database->query(*session, "SELECT name FROM sample WHERE amount = CAST(? AS BIGINT)",
                               {std::int64_t(10)})
                 .text(0, 0),
             std::string("a"));
}

void TestDatabaseQuery::connectionsClosedByAFullPoolTakeTheirStatements()
{
    core::DatabaseConfig config = m_testDatabase->config();
    config.poolSize = 1;
    core::Database database(config);
    for (int round = 0; round < 3; ++round) {
        std::vector<core::Database::Lease> leases;
        for (int index = 0; index < 4; ++index) {
            leases.push_back(database.session());
            const auto rows =
                database.query(*leases.back(), "SELECT name FROM sample WHERE amount = ?", {std::int64_t(10)});
            QCOMPARE(rows.text(0, 0), std::string("a"));
        }
        // Three of the four connections close here, with the statements kept for them.
    }
    QCOMPARE(database.idleSessions(), std::size_t(1));
}

void TestDatabaseQuery::nullParametersAreWrittenAsNull()
{
    auto session = m_database->session();
    m_database->query(*session, "INSERT INTO sample (name, note, amount) VALUES (?, ?, ?)",
                      {std::string("n"), core::QueryValue(), core::QueryValue()});
    const auto rows = m_database->query(*session, "SELECT note, amount FROM sample WHERE name = ?", {"n"});
    QCOMPARE(rows.size(), std::size_t(1));
    QVERIFY(rows.isNull(0, 0));
    QVERIFY(rows.isNull(0, 1));
}

void TestDatabaseQuery::rowBatchWritesAndReadsFullGroupsAndTheRowsLeftOver()
{
    using Batch = core::RowBatch<std::string, Poco::Nullable<std::string>, Poco::Int64>;
    // Two full statements' worth of rows and three more, which go one at a time on SQLite.
    const std::size_t perStatement = Batch::kParametersPerStatement / Batch::kColumnCount;
    const std::size_t count = 2 * perStatement + 3;
    Batch rows;
    for (std::size_t index = 0; index < count; ++index) {
        rows.add("row" + std::to_string(index),
                 index % 2 == 0 ? Poco::Nullable<std::string>() : Poco::Nullable<std::string>("odd"),
                 Poco::Int64(index) - 5);
    }
    auto session = m_database->session();
    session->begin();
    rows.execute(*m_database, *session, [](std::size_t width) {
        return "INSERT INTO sample (name, note, amount) VALUES " + core::placeholderRows(3, width);
    });
    QVERIFY(rows.empty());
    session->commit();

    core::RowBatch<std::string> wanted;
    for (std::size_t index = 0; index < count; index += 2) {
        wanted.add("row" + std::to_string(index));
    }
    wanted.add("not there");
    std::vector<std::string> names;
    std::vector<std::string> notes;
    std::vector<Poco::Int64> amounts;
    wanted.query(
        *m_database, *session,
        [](std::size_t width) {
            return "SELECT name, note, amount FROM sample WHERE note IS NULL AND amount > ? AND name IN " +
                   core::placeholderRows(int(width), 1);
        },
        std::tie(names, notes, amounts), Poco::Int64(-5));
    QCOMPARE(names.size(), (count + 1) / 2 - 1); // every even row but row0, whose amount is -5
    for (std::size_t index = 0; index < names.size(); ++index) {
        const std::size_t number = std::stoul(names[index].substr(3));
        QCOMPARE(number % 2, std::size_t(0));
        QCOMPARE(notes[index], std::string());
        QCOMPARE(amounts[index], Poco::Int64(number) - 5);
    }
    QCOMPARE(m_database->query(*session, "SELECT COUNT(*) FROM sample WHERE note = ?", {"odd"}).integer(0, 0),
             std::optional<std::int64_t>(std::int64_t(count / 2)));
}

/// Insurers number persons within a symbol (記号): an index without it matched hundreds of rows per card at 10 M.
void TestDatabaseQuery::cardLookupSeeksOnTheWholeCard()
{
    if (m_testDatabase->config().dialect != core::Dialect::SQLite) {
        QSKIP("the plan of an empty PostgreSQL table says nothing about 10 M rows");
    }
    m_database->migrate();
    auto session = m_database->session();
    const auto plan = m_database->query(*session,
                                        "EXPLAIN QUERY PLAN SELECT name FROM qualification WHERE insurer_number = ? AND "
                                        "card_symbol = ? AND card_number = ? AND card_branch = ?",
                                        {"06130012", "12", "345", "01"});
    QCOMPARE(plan.size(), std::size_t(1));
    QCOMPARE(plan.text(0, 3), std::string("SEARCH qualification USING INDEX qualification_by_card (insurer_number=? AND "
                                          "card_symbol=? AND card_number=? AND card_branch=?)"));
}

void TestDatabaseQuery::sqliteKeepsNoMemoryStatistics()
{
    if (m_testDatabase->config().dialect != core::Dialect::SQLite) {
        QSKIP("a setting of SQLite's library");
    }
    // Counting every allocation serialises all request threads on one mutex; a Database switches it off.
    m_database->migrate();
    auto session = m_database->session();
    QCOMPARE(m_database->query(*session, "SELECT count(*) FROM schema_version", {}).size(), std::size_t(1));
    QCOMPARE(sqlite3_memory_used(), sqlite3_int64(0));
}

void TestDatabaseQuery::sqliteConnectionsTakeNoMutex()
{
    if (m_testDatabase->config().dialect != core::Dialect::SQLite) {
        QSKIP("a setting of SQLite's library");
    }
    // Multi-thread mode: a connection is one thread's at a time (a lease), so SQLite gives it no mutex of its own.
    auto session = m_database->session();
    QCOMPARE(sqlite3_db_mutex(Poco::Data::SQLite::Utility::dbHandle(*session)), static_cast<sqlite3_mutex*>(nullptr));
    auto bulk = m_database->bulkSession();
    QCOMPARE(sqlite3_db_mutex(Poco::Data::SQLite::Utility::dbHandle(*bulk)), static_cast<sqlite3_mutex*>(nullptr));
}

void TestDatabaseQuery::backgroundCheckpointCopiesTheLogIntoTheDatabaseFile()
{
    if (m_testDatabase->config().dialect != core::Dialect::SQLite) {
        QSKIP("PostgreSQL checkpoints by itself");
    }
    // The database file alone, without the log: what a checkpoint has copied so far.
    const auto rowsInDatabaseFile = [this] {
        const std::string uri = "file:" + m_testDatabase->config().connection + "?immutable=1";
        sqlite3* connection = nullptr;
        sqlite3_open_v2(uri.c_str(), &connection, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
        sqlite3_stmt* statement = nullptr;
        int rows = -1; // no table

        if (sqlite3_prepare_v2(connection, "SELECT count(*) FROM sample", -1, &statement, nullptr) == SQLITE_OK &&
            sqlite3_step(statement) == SQLITE_ROW) {
            rows = sqlite3_column_int(statement, 0);
        }
        sqlite3_finalize(statement);
        sqlite3_close(connection);
        return rows;
    };
    execute("INSERT INTO sample VALUES ('d', NULL, 4)"); // far below the pages that make a commit checkpoint
    QCOMPARE(rowsInDatabaseFile(), -1); // even the table is only in the log yet
    {
        const core::BackgroundCheckpoint checkpoint(*m_database);
        QTRY_COMPARE_WITH_TIMEOUT(rowsInDatabaseFile(), 4, 10'000);
    }
    auto session = m_database->session();
    QCOMPARE(m_database->query(*session, "SELECT count(*) FROM sample", {}).integer(0, 0), std::optional<std::int64_t>(4));
}

QTEST_GUILESS_MAIN(TestDatabaseQuery)
#include "TestDatabaseQuery.moc"
