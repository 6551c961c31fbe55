// SPDX-License-Identifier: Apache-2.0
#include "TestDatabase.h"
#include "batch/AuditArchive.h"
#include "batch/BatchCommand.h"
#include "batch/RetentionPurge.h"
#include "core/AuditRepository.h"
#include "core/BatchRepository.h"

#include <Poco/AutoPtr.h>
#include <Poco/Data/Statement.h>
#include <Poco/Util/MapConfiguration.h>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace oqs::server;
using namespace Poco::Data::Keywords;
namespace fs = std::filesystem;

namespace {

const oqs::common::Date kToday{2026, 11, 25}; // six months back: 2026-05-25; 90 days back: 2026-08-27

std::string at(const std::string& date, const std::string& time = "12:00:00.000")
{
    return date + "T" + time + "+09:00";
}

std::vector<std::string> linesOf(const fs::path& file)
{
    std::ifstream in(file);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

void writeLines(const fs::path& file, const std::vector<std::string>& lines)
{
    std::ofstream out(file, std::ios::trunc);
    for (const auto& line : lines) {
        out << line << '\n';
    }
}

std::string contentsOf(const fs::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

/// The retention purge (PRODUCT.md D8): history, superseded versions, batch results, received-file archives, and the
/// audit rows moved to archive files that keep the hash chain; re-runs, interruptions and bad settings.
class TestRetentionPurge : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void historyOlderThanTheRetentionIsDeleted_data();
    void historyOlderThanTheRetentionIsDeleted();
    void supersededVersionsGoAfterTheirPeriod_data();
    void supersededVersionsGoAfterTheirPeriod();
    void batchResultsAndReceivedArchivesGo();
    void dryRunDeletesNothing();
    void auditRowsMoveToArchiveFilesAndTheChainVerifies();
    void aTamperedArchiveIsFoundWithItsPlace_data();
    void aTamperedArchiveIsFoundWithItsPlace();
    void aReRunIsHarmless();
    void rowsLeftInFileAndDatabaseAreDeletedNotWrittenTwice();
    void acquisitionLogKeepsWholeMonths_data();
    void acquisitionLogKeepsWholeMonths();
    void statisticsGoAfterTwoYears();
    void manyRowsCrossTheReadChunks();
    void oldArchiveFilesAreRetiredAndTheChainStillVerifies();
    void badSettingsAreRefusedByName_data();
    void badSettingsAreRefusedByName();
    void commandLineRunsThroughTheBatchRunner();
    void scheduledNightlyOutsideTheFeedAndCrlWindows();

private:
    void insertHistory(const std::string& receipt, const std::string& checkedAt);
    void insertVersion(const std::string& linkage, const std::string& supersededAt);
    void insertAcquisition(const std::string& serial, const std::string& acquiredOn);
    /// Appends audit rows recorded at `times`, chained exactly as AuditRepository chains them, in one transaction.
    void insertAudit(const std::vector<std::string>& times);
    int countOf(const std::string& table, const std::string& where = "1 = 1");
    batch::RetentionSettings settings() const;
    batch::RetentionReport purge(bool dryRun = false);

    std::unique_ptr<QTemporaryDir> m_databaseDirectory;
    std::unique_ptr<QTemporaryDir> m_temporary; ///< the archive folders and files of one test function
    std::unique_ptr<oqs::tests::TestDatabase> m_testDatabase;
    std::unique_ptr<core::Database> m_database;
    fs::path m_auditDirectory;
    fs::path m_feedArchive;
    std::int64_t m_auditHead = 0;
    std::string m_auditHash = std::string(64, '0');
};

void TestRetentionPurge::initTestCase()
{
    // One database for all functions (creating one costs seconds on PostgreSQL); init() empties its tables.
    m_databaseDirectory = std::make_unique<QTemporaryDir>();
    m_testDatabase = std::make_unique<oqs::tests::TestDatabase>(m_databaseDirectory->path().toStdString());
    m_database = std::make_unique<core::Database>(m_testDatabase->config());
    m_database->migrate();
}

void TestRetentionPurge::cleanupTestCase()
{
    m_database.reset();
    m_testDatabase.reset();
    m_databaseDirectory.reset();
}

void TestRetentionPurge::init()
{
    for (const char* table : {"check_history", "qualification_version", "feed_result", "batch_run", "batch_lock",
                              "audit_log", "linkage_acquisition_log", "check_statistics_daily"}) {
        *m_database->session() << std::string("DELETE FROM ") + table, now;
    }
    m_temporary = std::make_unique<QTemporaryDir>();
    m_auditDirectory = fs::path(m_temporary->path().toStdString()) / "audit";
    m_feedArchive = fs::path(m_temporary->path().toStdString()) / "feed-archive";
    m_auditHead = 0;
    m_auditHash = std::string(64, '0');
}

void TestRetentionPurge::cleanup()
{
    m_temporary.reset();
}

void TestRetentionPurge::insertHistory(const std::string& receipt, const std::string& checkedAt)
{
    std::string number = receipt;
    std::string when = checkedAt;
    *m_database->session() << m_database->sql("INSERT INTO check_history (receipt_number, institution_code, "
                                              "clerk_id, terminal, mode, status, identifier, checked_at, answer) "
                                              "VALUES (?, '1310000001', 'clerk', 't1', 'card', 'valid', 'x', ?, '{}')"),
        use(number), use(when), now;
}

void TestRetentionPurge::insertVersion(const std::string& linkage, const std::string& supersededAt)
{
    std::string key = linkage;
    std::string when = supersededAt;
    *m_database->session() << m_database->sql("INSERT INTO qualification_version (linkage_number, insurer_number, "
                                              "superseded_at, superseding_operation) VALUES (?, '06130001', ?, "
                                              "'update')"),
        use(key), use(when), now;
}

void TestRetentionPurge::insertAcquisition(const std::string& serial, const std::string& acquiredOn)
{
    std::string key = serial;
    std::string day = acquiredOn;
    *m_database->session() << m_database->sql("INSERT INTO linkage_acquisition_log (acquired_on, acquired_at, kind, "
                                              "serial, source, line) VALUES (?, ?, 'serial-linkage', ?, 'l.csv', 2)"),
        use(day), bind(acquiredOn + "T10:00:00.000+09:00"), use(key), now;
}

void TestRetentionPurge::insertAudit(const std::vector<std::string>& times)
{
    auto session = m_database->session();
    session->begin();
    Poco::Int64 sequence = 0;
    std::string when;
    std::string previous;
    std::string hash;
    core::AuditEvent row;
    Poco::Data::Statement insert(*session); // prepared once: thousands of rows stay quick on PostgreSQL too
    insert << m_database->sql("INSERT INTO audit_log (sequence, recorded_at, actor, institution_code, terminal, "
                              "action, target, result, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        use(sequence), use(when), use(row.actor), use(row.institutionCode), use(row.terminal), use(row.action),
        use(row.target), use(row.result), use(previous), use(hash);
    for (const auto& recordedAt : times) {
        row = core::AuditEvent{"clerk" + std::to_string(m_auditHead % 7), "1310000001", "t1", "verify",
                               "R" + std::to_string(m_auditHead),         "ok"};
        sequence = ++m_auditHead;
        when = recordedAt;
        previous = m_auditHash;
        hash = core::AuditRepository::recordHash(previous, sequence, when, row);
        insert.execute();
        m_auditHash = hash;
    }
    session->commit();
}

int TestRetentionPurge::countOf(const std::string& table, const std::string& where)
{
    Poco::Int64 count = 0;
    *m_database->session() << "SELECT COUNT(*) FROM " + table + " WHERE " + where, into(count), now;
    return int(count);
}

batch::RetentionSettings TestRetentionPurge::settings() const
{
    batch::RetentionSettings settings;
    settings.auditArchiveDirectory = m_auditDirectory;
    settings.receivedArchives = {m_feedArchive};
    return settings;
}

batch::RetentionReport TestRetentionPurge::purge(bool dryRun)
{
    auto progress = batch::JobProgress::silent();
    return batch::RetentionPurge(*m_database, settings()).run(kToday, dryRun, progress);
}

void TestRetentionPurge::historyOlderThanTheRetentionIsDeleted_data()
{
    QTest::addColumn<QString>("checkedAt");
    QTest::addColumn<bool>("kept");
    QTest::newRow("yesterday") << QString::fromStdString(at("2026-11-24")) << true;
    QTest::newRow("5 months back: still searchable") << QString::fromStdString(at("2026-06-25")) << true;
    QTest::newRow("first day of the 6-month window")
        << QString::fromStdString(at("2026-05-25", "00:00:00.000")) << true;
    QTest::newRow("last moment before it") << QString::fromStdString(at("2026-05-24", "23:59:59.999")) << false;
    QTest::newRow("a year back") << QString::fromStdString(at("2025-11-25")) << false;
}

void TestRetentionPurge::historyOlderThanTheRetentionIsDeleted()
{
    QFETCH(QString, checkedAt);
    QFETCH(bool, kept);
    insertHistory("R-probe", checkedAt.toStdString());
    insertHistory("R-today", at("2026-11-25"));
    const auto report = purge();
    QCOMPARE(countOf("check_history", "receipt_number = 'R-probe'"), kept ? 1 : 0);
    QCOMPARE(countOf("check_history", "receipt_number = 'R-today'"), 1);
    QCOMPARE(report.historyRows, std::uint64_t(kept ? 0 : 1));
}

void TestRetentionPurge::supersededVersionsGoAfterTheirPeriod_data()
{
    QTest::addColumn<QString>("supersededAt");
    QTest::addColumn<bool>("kept");
    // A past-date check looks back at most one month (D4); a version stays as long as the history that used it.
    QTest::newRow("superseded last week: a past-date check needs it")
        << QString::fromStdString(at("2026-11-18")) << true;
    QTest::newRow("superseded 5 months back: history still refers to it")
        << QString::fromStdString(at("2026-06-20")) << true;
    QTest::newRow("superseded 7 months back") << QString::fromStdString(at("2026-04-20")) << false;
}

void TestRetentionPurge::supersededVersionsGoAfterTheirPeriod()
{
    QFETCH(QString, supersededAt);
    QFETCH(bool, kept);
    insertVersion("L-probe", supersededAt.toStdString());
    purge();
    QCOMPARE(countOf("qualification_version", "linkage_number = 'L-probe'"), kept ? 1 : 0);
}

void TestRetentionPurge::batchResultsAndReceivedArchivesGo()
{
    auto session = m_database->session();
    *session << m_database->sql(
        "INSERT INTO feed_result (insurer_number, sequence, source, line, operation, status, "
        "reason, processed_at) VALUES ('06130001', 1, 'a.csv', 2, 'register', 'applied', '', ?), "
        "('06130001', 2, 'b.csv', 2, 'register', 'applied', '', ?)"),
        bind(at("2026-04-01")), bind(at("2026-10-01")), now;
    *session << m_database->sql(
        "INSERT INTO batch_run (job, owner, arguments, started_at, finished_at, status, "
        "processed, message) VALUES "
        "('feed-import', 'h:1', '', '2026-04-01 01:00:00', '2026-04-01 01:01:00', 'succeeded', "
        "1, ''), ('feed-import', 'h:1', '', '2026-10-01 01:00:00', '2026-10-01 01:01:00', "
        "'succeeded', 1, ''), ('purge', 'h:1', '', '2026-04-01 03:00:00', NULL, 'running', 0, '')"),
        now;
    for (const char* day : {"20260801", "20260826", "20260827", "20261120"}) {
        fs::create_directories(m_feedArchive / day);
        std::ofstream(m_feedArchive / day / "feed.csv") << "x\n";
    }
    fs::create_directories(m_feedArchive / "operator-notes");
    std::ofstream(m_feedArchive / "20200101") << "a file, not a day folder\n";

    const auto report = purge();
    QCOMPARE(countOf("feed_result"), 1);
    QCOMPARE(countOf("feed_result", "sequence = 2"), 1);
    QCOMPARE(countOf("batch_run"), 2);
    QCOMPARE(countOf("batch_run", "finished_at IS NULL"), 1); // a run still going (or left by a kill) stays
    QCOMPARE(report.archiveFolders, std::uint64_t(2));
    QVERIFY(!fs::exists(m_feedArchive / "20260801"));
    QVERIFY(!fs::exists(m_feedArchive / "20260826"));
    QVERIFY(fs::exists(m_feedArchive / "20260827" / "feed.csv")); // exactly 90 days back: kept
    QVERIFY(fs::exists(m_feedArchive / "20261120" / "feed.csv"));
    QVERIFY(fs::exists(m_feedArchive / "operator-notes"));
    QVERIFY(fs::exists(m_feedArchive / "20200101"));
}

void TestRetentionPurge::dryRunDeletesNothing()
{
    insertHistory("R-old", at("2025-01-10"));
    insertVersion("L-old", at("2025-01-10"));
    insertAudit({at("2026-01-10"), at("2026-02-10"), at("2026-11-20")});
    insertAcquisition("S-old", "2025-01-10");
    fs::create_directories(m_feedArchive / "20250101");
    const auto report = purge(true);
    QCOMPARE(report.historyRows, std::uint64_t(1));
    QCOMPARE(report.versionRows, std::uint64_t(1));
    QCOMPARE(report.archiveFolders, std::uint64_t(1));
    QCOMPARE(report.auditArchived, std::uint64_t(2));
    QCOMPARE(report.acquisitionRows, std::uint64_t(1));
    QCOMPARE(countOf("check_history"), 1);
    QCOMPARE(countOf("linkage_acquisition_log"), 1);
    QCOMPARE(countOf("qualification_version"), 1);
    QCOMPARE(countOf("audit_log"), 3);
    QVERIFY(fs::exists(m_feedArchive / "20250101"));
    QVERIFY(!fs::exists(m_auditDirectory));
}

void TestRetentionPurge::auditRowsMoveToArchiveFilesAndTheChainVerifies()
{
    insertAudit({at("2026-01-05"), at("2026-01-20"), at("2026-03-01"), at("2026-05-24", "23:59:59.999"),
                 at("2026-05-25", "00:00:00.000"), at("2026-09-01"), at("2026-11-24")});
    const auto report = purge();
    QCOMPARE(report.auditArchived, std::uint64_t(4));
    QCOMPARE(report.auditDeleted, std::uint64_t(4));
    QCOMPARE(countOf("audit_log"), 3);
    QCOMPARE(countOf("audit_log", "sequence < 5"), 0);

    batch::AuditArchive archive(*m_database, m_auditDirectory);
    const auto files = archive.files();
    QCOMPARE(files.size(), std::size_t(3));
    QCOMPARE(files[0].filename().string(), std::string("audit-2026-01.jsonl"));
    QCOMPARE(files[2].filename().string(), std::string("audit-2026-05.jsonl"));
    QCOMPARE(linesOf(files[0]).size(), std::size_t(2));
    QVERIFY((fs::status(files[0]).permissions() & fs::perms::others_all) == fs::perms::none);

    const auto check = archive.verify();
    QVERIFY2(!check.brokenAt, check.brokenAt.value_or("").c_str());
    QCOMPARE(check.archivedRecords, std::uint64_t(4));
    QCOMPARE(check.databaseRecords, std::uint64_t(3));
    QCOMPARE(check.firstSequence, std::int64_t(1));

    // The live log keeps chaining after the purge, and the whole chain still verifies.
    core::AuditRepository audit(*m_database, [] { return at("2026-11-25"); });
    audit.append({"clerk", "1310000001", "t1", "login", "-", "ok"});
    const auto after = archive.verify();
    QVERIFY2(!after.brokenAt, after.brokenAt.value_or("").c_str());
    QCOMPARE(after.databaseRecords, std::uint64_t(4));
}

void TestRetentionPurge::aTamperedArchiveIsFoundWithItsPlace_data()
{
    QTest::addColumn<QString>("tamper");
    QTest::addColumn<QString>("expected");
    QTest::newRow("a field edited") << "edit"
                                    << "audit-2026-02.jsonl line 2 (record 4): hash does not match";
    QTest::newRow("a line removed") << "remove"
                                    << "audit-2026-02.jsonl line 2 (record 5): record 4 expected";
    QTest::newRow("a line garbled") << "garble"
                                    << "audit-2026-02.jsonl line 2: not an audit record";
    QTest::newRow("a whole file removed") << "drop-file"
                                          << "audit-2026-03.jsonl line 1 (record 6): record 3 expected";
    QTest::newRow("a database row edited") << "database"
                                           << "database record 8: hash does not match";
}

void TestRetentionPurge::aTamperedArchiveIsFoundWithItsPlace()
{
    QFETCH(QString, tamper);
    QFETCH(QString, expected);
    insertAudit({at("2026-01-05"), at("2026-01-06"), at("2026-02-01"), at("2026-02-02"), at("2026-02-03"),
                 at("2026-03-01"), at("2026-03-02"), at("2026-10-01"), at("2026-11-01")});
    purge();
    const fs::path february = m_auditDirectory / "audit-2026-02.jsonl";
    auto lines = linesOf(february);
    QCOMPARE(lines.size(), std::size_t(3));
    if (tamper == "edit") {
        auto record = nlohmann::json::parse(lines[1]);
        record["target"] = "R-forged";
        lines[1] = record.dump();
        writeLines(february, lines);
    } else if (tamper == "remove") {
        lines.erase(lines.begin() + 1);
        writeLines(february, lines);
    } else if (tamper == "garble") {
        lines[1] = lines[1].substr(0, lines[1].size() / 2);
        writeLines(february, lines);
    } else if (tamper == "drop-file") {
        fs::remove(february);
    } else {
        *m_database->session() << "UPDATE audit_log SET result = 'denied' WHERE sequence = 8", now;
    }
    const auto check = batch::AuditArchive(*m_database, m_auditDirectory).verify();
    QVERIFY(check.brokenAt.has_value());
    QVERIFY2(check.brokenAt->starts_with(expected.toStdString()), check.brokenAt->c_str());
}

void TestRetentionPurge::aReRunIsHarmless()
{
    insertAudit({at("2026-01-05"), at("2026-02-01"), at("2026-04-01"), at("2026-10-01")});
    insertHistory("R-old", at("2025-12-01"));
    purge();
    const auto files = batch::AuditArchive(*m_database, m_auditDirectory).files();
    std::vector<std::string> before;
    for (const auto& file : files) {
        before.push_back(contentsOf(file));
    }
    const auto again = purge();
    QCOMPARE(again.total(), std::uint64_t(0));
    const auto filesAgain = batch::AuditArchive(*m_database, m_auditDirectory).files();
    QCOMPARE(filesAgain.size(), files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        QCOMPARE(contentsOf(filesAgain[i]), before[i]);
    }
    QCOMPARE(countOf("audit_log"), 1);
    QVERIFY(!batch::AuditArchive(*m_database, m_auditDirectory).verify().brokenAt);

    // Later rows of a month already in a file extend that file.
    insertAudit({at("2026-11-20")});
    const oqs::common::Date nextMonth{2027, 4, 15}; // cutoff 2026-10-15: the 2026-10 row goes now
    auto progress = batch::JobProgress::silent();
    batch::RetentionPurge(*m_database, settings()).run(nextMonth, false, progress);
    QCOMPARE(linesOf(m_auditDirectory / "audit-2026-10.jsonl").size(), std::size_t(1));
    QVERIFY(!batch::AuditArchive(*m_database, m_auditDirectory).verify().brokenAt);
}

void TestRetentionPurge::rowsLeftInFileAndDatabaseAreDeletedNotWrittenTwice()
{
    insertAudit(
        {at("2026-01-05"), at("2026-01-06"), at("2026-02-01"), at("2026-02-02"), at("2026-03-01"), at("2026-11-01")});
    // A torn temporary file from an earlier kill mid-write is simply replaced.
    fs::create_directories(m_auditDirectory);
    std::ofstream(m_auditDirectory / "audit-2026-02.jsonl.tmp") << "torn";
    auto progress = batch::JobProgress::silent();
    batch::AuditArchive(*m_database, m_auditDirectory).archiveBefore({2026, 2, 15}, false, progress);
    QVERIFY(!fs::exists(m_auditDirectory / "audit-2026-02.jsonl.tmp"));
    QCOMPARE(countOf("audit_log"), 2);

    // The state a kill leaves between a file's rename and the deletion of its rows (TestBatchCrashRecovery kills a
    // real purge): February's rows both in their file and in the database. Put them back from the file.
    const auto february = linesOf(m_auditDirectory / "audit-2026-02.jsonl");
    QCOMPARE(february.size(), std::size_t(2));
    for (const auto& line : february) {
        const auto record = nlohmann::json::parse(line);
        *m_database->session() << m_database->sql("INSERT INTO audit_log (sequence, recorded_at, actor, "
                                                  "institution_code, terminal, action, target, result, "
                                                  "previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            bind(record["sequence"].get<Poco::Int64>()), bind(record["recorded_at"].get<std::string>()),
            bind(record["actor"].get<std::string>()), bind(record["institution_code"].get<std::string>()),
            bind(record["terminal"].get<std::string>()), bind(record["action"].get<std::string>()),
            bind(record["target"].get<std::string>()), bind(record["result"].get<std::string>()),
            bind(record["previous_hash"].get<std::string>()), bind(record["hash"].get<std::string>()), now;
    }
    QCOMPARE(countOf("audit_log"), 4);
    const auto during = batch::AuditArchive(*m_database, m_auditDirectory).verify();
    QVERIFY2(!during.brokenAt, during.brokenAt.value_or("").c_str());
    QCOMPARE(during.archivedRecords + during.databaseRecords, std::uint64_t(6));

    const auto report = purge();
    QCOMPARE(report.auditArchived, std::uint64_t(1)); // March only: February is not written twice
    QCOMPARE(report.auditDeleted, std::uint64_t(3));  // February's two leftovers and March
    QCOMPARE(countOf("audit_log"), 1);
    QCOMPARE(linesOf(m_auditDirectory / "audit-2026-02.jsonl").size(), std::size_t(2));
    const auto check = batch::AuditArchive(*m_database, m_auditDirectory).verify();
    QVERIFY2(!check.brokenAt, check.brokenAt.value_or("").c_str());
    QCOMPARE(check.archivedRecords, std::uint64_t(5));
}

void TestRetentionPurge::acquisitionLogKeepsWholeMonths_data()
{
    QTest::addColumn<QString>("acquiredOn");
    QTest::addColumn<bool>("kept");
    // Today 2026-11-25, 12 months kept before the current one: from 2025-11-01 on.
    QTest::newRow("this month") << "2026-11-02" << true;
    QTest::newRow("last month, counted for billing now") << "2026-10-31" << true;
    QTest::newRow("first day of the oldest month kept") << "2025-11-01" << true;
    QTest::newRow("last day of the month before it") << "2025-10-31" << false;
    QTest::newRow("two years back") << "2024-11-25" << false;
}

void TestRetentionPurge::acquisitionLogKeepsWholeMonths()
{
    QFETCH(QString, acquiredOn);
    QFETCH(bool, kept);
    insertAcquisition("S-probe", acquiredOn.toStdString());
    insertAcquisition("S-today", "2026-11-25");
    const auto report = purge();
    QCOMPARE(countOf("linkage_acquisition_log", "serial = 'S-probe'"), kept ? 1 : 0);
    QCOMPARE(countOf("linkage_acquisition_log", "serial = 'S-today'"), 1);
    QCOMPARE(report.acquisitionRows, std::uint64_t(kept ? 0 : 1));
}

void TestRetentionPurge::statisticsGoAfterTwoYears()
{
    *m_database->session() << "INSERT INTO check_statistics_daily (day, institution_code, hour, mode, status, checks) "
                              "VALUES ('2024-11-24', '1310000018', 9, 'my-number-card', 'valid', 1), "
                              "('2024-11-25', '1310000018', 9, 'my-number-card', 'valid', 2), "
                              "('2026-11-24', '1310000018', 9, 'my-number-card', 'valid', 3)",
        now;
    QCOMPARE(purge(true).statisticsRows, std::uint64_t(1));
    QCOMPARE(countOf("check_statistics_daily"), 3);
    const auto report = purge();
    QCOMPARE(report.statisticsRows, std::uint64_t(1));
    QCOMPARE(countOf("check_statistics_daily"), 2);
    QCOMPARE(countOf("check_statistics_daily", "day = '2024-11-24'"), 0); // kept from 2024-11-25 on

    // Configurable: one year.
    batch::RetentionSettings shorter = settings();
    shorter.statisticsMonths = 12;
    auto progress = batch::JobProgress::silent();
    batch::RetentionPurge(*m_database, shorter).run(kToday, false, progress);
    QCOMPARE(countOf("check_statistics_daily"), 1);
}

void TestRetentionPurge::manyRowsCrossTheReadChunks()
{
    std::vector<std::string> times;
    for (int i = 0; i < 5'500; ++i) { // the archive reads 5,000 rows at a time
        times.push_back(at(i < 3'000 ? "2026-02-10" : "2026-04-10", "10:00:" + std::to_string(10 + i % 50) + ".000"));
    }
    times.push_back(at("2026-11-01"));
    insertAudit(times);
    const auto report = purge();
    QCOMPARE(report.auditArchived, std::uint64_t(5'500));
    QCOMPARE(linesOf(m_auditDirectory / "audit-2026-02.jsonl").size(), std::size_t(3'000));
    QCOMPARE(linesOf(m_auditDirectory / "audit-2026-04.jsonl").size(), std::size_t(2'500));
    const auto check = batch::AuditArchive(*m_database, m_auditDirectory).verify();
    QVERIFY2(!check.brokenAt, check.brokenAt.value_or("").c_str());
    QCOMPARE(check.archivedRecords + check.databaseRecords, std::uint64_t(5'501));
}

void TestRetentionPurge::oldArchiveFilesAreRetiredAndTheChainStillVerifies()
{
    insertAudit({at("2023-06-01"), at("2023-06-02"), at("2023-12-01"), at("2024-01-10"), at("2026-10-01")});
    purge(); // three years back from 2026-11-25: 2023-11-25, so June 2023 goes
    batch::AuditArchive archive(*m_database, m_auditDirectory);
    QVERIFY(!fs::exists(m_auditDirectory / "audit-2023-06.jsonl"));
    QVERIFY(fs::exists(m_auditDirectory / "audit-2023-12.jsonl"));
    const auto check = archive.verify();
    QVERIFY2(!check.brokenAt, check.brokenAt.value_or("").c_str());
    QCOMPARE(check.firstSequence, std::int64_t(3));
    QCOMPARE(check.archivedRecords, std::uint64_t(2));

    // Removing the oldest remaining file is still noticed: it no longer chains to the retired records.
    fs::remove(m_auditDirectory / "audit-2023-12.jsonl");
    const auto broken = archive.verify();
    QVERIFY(broken.brokenAt.has_value());
    QVERIFY2(broken.brokenAt->starts_with("audit-2024-01.jsonl line 1 (record 4): record 3 expected"),
             broken.brokenAt->c_str());
}

void TestRetentionPurge::badSettingsAreRefusedByName_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("negative months") << "retention.history.months"
                                     << "-1"
                                     << "retention.history.months must be between 1 and 1200 months, not -1";
    QTest::newRow("not a number") << "retention.archive.days"
                                  << "ninety"
                                  << "retention.archive.days must be a whole number of days, not 'ninety'";
    QTest::newRow("versions shorter than history")
        << "retention.versions.months"
        << "3"
        << "retention.versions.months (3) must be at least retention.history";
    QTest::newRow("online longer than the archive") << "retention.audit.online.months"
                                                    << "48"
                                                    << "retention.audit.online.months must be between 1 and 36";
    QTest::newRow("zero years") << "retention.audit.years"
                                << "0"
                                << "retention.audit.years must be between 1 and 100";
    QTest::newRow("acquisition log kept no month") << "retention.acquisition.months"
                                                   << "0"
                                                   << "retention.acquisition.months must be between 1 and 1200 months";
    QTest::newRow("statistics period not a number") << "retention.statistics.months"
                                                    << "2y"
                                                    << "retention.statistics.months must be a whole number of months";
    QTest::newRow("purge in the feed window") << "retention.schedule.at"
                                              << "05:00"
                                              << "retention.schedule.at must be outside 04:00-06:00";
    QTest::newRow("purge in the CRL window") << "retention.schedule.at"
                                             << "07:30"
                                             << "retention.schedule.at must be outside";
    QTest::newRow("not a time") << "retention.schedule.at"
                                << "25:00"
                                << "retention.schedule.at must be a time of day HH:MM";
}

void TestRetentionPurge::badSettingsAreRefusedByName()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, message);
    Poco::AutoPtr configuration(new Poco::Util::MapConfiguration);
    configuration->setString(key.toStdString(), value.toStdString());
    try {
        batch::retentionSettingsFrom(*configuration, "/etc/oqs");
        QFAIL("accepted");
    } catch (const std::invalid_argument& error) {
        QVERIFY2(std::string(error.what()).starts_with(message.toStdString()), error.what());
    }

    // The command line refuses the same file before touching anything: exit 2 and the key named.
    const fs::path file = fs::path(m_temporary->path().toStdString()) / "bad.properties";
    std::ofstream(file) << key.toStdString() << " = " << value.toStdString() << '\n';
    insertHistory("R-old", at("2025-01-10"));
    std::ostringstream out;
    std::ostringstream err;
    const std::vector<std::string> args{"batch", "purge", "--config", file.string()};
    const int code =
        batch::runBatchCommand(args, out, err, [this](const std::string&) { return m_testDatabase->config(); });
    QCOMPARE(code, int(batch::RunStatus::BadArguments));
    QVERIFY2(err.str().find(key.toStdString()) != std::string::npos, err.str().c_str());
    QCOMPARE(countOf("check_history"), 1);
}

void TestRetentionPurge::commandLineRunsThroughTheBatchRunner()
{
    insertHistory("R-old", at("2025-01-10"));
    insertHistory("R-new", at("2026-11-01"));
    insertAudit({at("2026-01-05"), at("2026-11-01")});
    const fs::path file = fs::path(m_temporary->path().toStdString()) / "oqs.properties";
    std::ofstream(file) << "retention.audit.archive.dir = audit\n";
    const auto read = [this](const std::string&) { return m_testDatabase->config(); };

    std::ostringstream out;
    std::ostringstream err;
    const std::vector<std::string> dryRun{"batch",   "purge",      "--config", file.string(),
                                          "--today", "2026-11-25", "--dry-run"};
    QCOMPARE(batch::runBatchCommand(dryRun, out, err, read), 0);
    QVERIFY2(out.str().find("dry run, nothing deleted): check_history 1") != std::string::npos, out.str().c_str());
    QVERIFY2(out.str().find("linkage_acquisition_log 0, check_statistics_daily 0") != std::string::npos,
             out.str().c_str());
    QCOMPARE(countOf("check_history"), 2);

    const std::vector<std::string> real{"batch", "purge", "--config", file.string(), "--today", "2026-11-25"};
    QCOMPARE(batch::runBatchCommand(real, out, err, read), 0);
    QCOMPARE(countOf("check_history"), 1);
    QCOMPARE(countOf("audit_log"), 1);
    QVERIFY(fs::exists(m_auditDirectory / "audit-2026-01.jsonl")); // relative to the configuration file
    const auto runs = core::BatchRepository(*m_database).recentRuns("purge", 5);
    QCOMPARE(runs.size(), std::size_t(2));
    QCOMPARE(runs[0].status, std::string("succeeded"));

    std::ostringstream usage;
    const std::vector<std::string> badDate{"batch", "purge", "--config", file.string(), "--today", "2026-13-01"};
    QCOMPARE(batch::runBatchCommand(badDate, out, usage, read), int(batch::RunStatus::BadArguments));
}

void TestRetentionPurge::scheduledNightlyOutsideTheFeedAndCrlWindows()
{
    std::ostringstream log;
    const auto job = batch::RetentionPurge::scheduledJob(*m_database, settings(), log);
    QCOMPARE(job.name, std::string("purge"));
    const auto day = std::chrono::sys_days(std::chrono::year(2026) / 11 / 25);
    const auto jst = [day](int hour, int minute) {
        return batch::BatchSchedule::TimePoint(day + std::chrono::hours(hour - 9) + std::chrono::minutes(minute));
    };
    QCOMPARE(batch::BatchSchedule::nextStart(job, jst(1, 0)), jst(3, 0));
    QCOMPARE(batch::BatchSchedule::nextStart(job, jst(3, 0)), jst(27, 0));
    QVERIFY(!batch::BatchSchedule::allowedAt(job, jst(5, 0)));
    QVERIFY(!batch::BatchSchedule::allowedAt(job, jst(7, 30)));

    insertHistory("R-old", at("2025-01-10"));
    batch::BatchRunner runner(*m_database);
    batch::BatchSchedule schedule(runner, log);
    QCOMPARE(schedule.runNow(job), batch::RunStatus::Succeeded);
    QCOMPARE(countOf("check_history"), 0);
}

QTEST_GUILESS_MAIN(TestRetentionPurge)
#include "TestRetentionPurge.moc"
