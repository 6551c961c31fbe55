// SPDX-License-Identifier: Apache-2.0
#include "TestDatabase.h"
#include "batch/AuditArchive.h"
#include "batch/CrlImporter.h"
#include "ca/CertificateAuthority.h"
#include "core/AuditRepository.h"
#include "core/BatchRepository.h"
#include "core/DatasetLoader.h"
#include "core/FeedRepository.h"
#include "core/RevocationRepository.h"
#include "simulator/FeedSimulator.h"
#include "simulator/LinkageSimulator.h"

#include <Poco/Data/Session.h>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <fstream>
#include <map>

using namespace oqs::server;

namespace {

constexpr int kFiles = 8;
constexpr int kSerialsPerFile = 40'000;
constexpr int kLinkageChunks = 4;
constexpr int kPersonsPerChunk = 3'000;
constexpr int kAuditMonths = 4;
constexpr int kAuditRowsPerMonth = 8'000;
constexpr int kOldHistoryRows = 5'000;
constexpr int kRecentHistoryRows = 50;

const QString kServer = QStringLiteral(OQS_BINARY_DIR "/server/oqs-server");

} // namespace

/// kill -9 of a real `oqs-server batch` process in the middle of a job, then a re-run: the data stay consistent
/// (the old set in service until the new one is complete), nothing is lost, and the re-run is not locked out.
class TestBatchCrashRecovery : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void killedCrlImportLeavesTheOldSetAndReRunCompletes();
    void killedFeedImportAppliesNothingTwice();
    void killedLinkageImportLeavesWholeFilesAndReRunCompletes();
    void killedPurgeLosesNothingAndArchivesEachAuditRowOnce();

private:
    std::filesystem::path path(const char* name) const;
    QStringList crlImportArguments() const;
    /// Starts `oqs-server` with `arguments` and kills it (SIGKILL) once its output shows `marker`, checking that
    /// the output did not show `done` by then (the job was cut short).
    void runAndKill(const QStringList& arguments, const QByteArray& marker, const QByteArray& done = "state=finished");
    /// Runs `oqs-server` with `arguments` to its end; whether it exited with 0 (within 2 minutes), and its output.
    bool runToEnd(const QStringList& arguments, QByteArray& output);
    std::int64_t countOf(core::Database& database, const std::string& sql);
    /// Acquisition log rows per source file.
    std::map<std::string, std::int64_t> acquisitionsBySource(core::Database& database);
    /// Appends audit rows chained as AuditRepository chains them, `perMonth` in each of the months from
    /// 2025-12 on, and one recorded on 2026-11-20; many rows per statement, so that PostgreSQL loads them quickly.
    void insertAuditChain(core::Database& database, int months, int perMonth);

    std::map<std::string, std::int64_t> m_linkageRows; ///< data rows of each simulated linkage file

    std::unique_ptr<QTemporaryDir> m_temporary;
    std::unique_ptr<oqs::tests::TestDatabase> m_testDatabase;
};

std::filesystem::path TestBatchCrashRecovery::path(const char* name) const
{
    return std::filesystem::path(m_temporary->path().toStdString()) / name;
}

QStringList TestBatchCrashRecovery::crlImportArguments() const
{
    return {"batch",    "crl-import",
            "--config", QString::fromStdString(path("oqs.properties").string()),
            "--ca",     QString::fromStdString(path("jpki-ca.pem").string()),
            "--dir",    QString::fromStdString(path("crl").string())};
}

void TestBatchCrashRecovery::initTestCase()
{
    QVERIFY2(QFile::exists(kServer), "oqs-server is not built");
    m_temporary = std::make_unique<QTemporaryDir>();
    m_testDatabase = std::make_unique<oqs::tests::TestDatabase>(path("db"));
    const auto& config = m_testDatabase->config();
    std::ofstream(path("oqs.properties")) << "database.dialect = " << core::toString(config.dialect) << "\n"
                                          << "database.connection = " << config.connection << "\n";

    const auto authority = ca::CertificateAuthority::create("JPKI test CA");
    std::ofstream(path("jpki-ca.pem")) << authority.certificatePem();
    std::filesystem::create_directories(path("crl"));
    const auto now = std::chrono::system_clock::now();
    for (int file = 0; file < kFiles; ++file) {
        std::vector<ca::RevokedCertificate> entries;
        for (int i = 0; i < kSerialsPerFile; ++i) {
            entries.push_back({std::to_string(10'000'000 + file * kSerialsPerFile + i), now - std::chrono::hours(1)});
        }
        const auto der =
            authority.signCrlDer(entries, {now - std::chrono::minutes(1), now + std::chrono::hours(24), 1});
        std::ofstream(path("crl") / ("dp" + std::to_string(file) + ".crl"), std::ios::binary)
            .write(reinterpret_cast<const char*>(der.data()), std::streamsize(der.size()));
    }

    core::Database database(config);
    database.migrate();
    const dataset::SyntheticDataset dataset(1, oqs::common::Date::todayJst());
    core::loadSyntheticDataset(database, dataset, 0); // the insurer master, for the feed
    simulator::FeedSimulator(dataset).writeFeedFiles(path("feed"), 0, 30'000);
    for (int chunk = 0; chunk < kLinkageChunks; ++chunk) {
        const std::uint64_t first = std::uint64_t(chunk) * kPersonsPerChunk;
        const auto linkage =
            simulator::LinkageSimulator(dataset).writeLinkageFiles(path("linkage"), {first, kPersonsPerChunk, 0, 100});
        const std::string prefix = "linkage-" + std::to_string(first);
        m_linkageRows[prefix + "-1-serial.csv"] = std::int64_t(linkage.links);
        m_linkageRows[prefix + "-2-renewal.csv"] = std::int64_t(linkage.renewals);
    }
    std::ofstream(path("initial.txt")) << "A1\nA2\n";
    auto silent = batch::JobProgress::silent();
    batch::CrlImporter(database, {authority.certificatePem()}).importSerialList(path("initial.txt"), silent);
}

void TestBatchCrashRecovery::cleanupTestCase()
{
    m_testDatabase.reset();
    m_temporary.reset();
}

void TestBatchCrashRecovery::killedCrlImportLeavesTheOldSetAndReRunCompletes()
{
    runAndKill(crlImportArguments(), "phase=crl-files");
    core::Database database(m_testDatabase->config());
    core::RevocationRepository revocations(database);
    QCOMPARE(revocations.activeSerials(), (std::vector<std::string>{"A1", "A2"}));
    QVERIFY(!revocations.isRevoked("10000000"));
    const auto killedRuns = core::BatchRepository(database).recentRuns("crl-import", 5);
    QCOMPARE(killedRuns.size(), std::size_t(1));
    QCOMPARE(killedRuns[0].status, std::string("running")); // it never finished, and the log says so

    QProcess rerun;
    rerun.setProcessChannelMode(QProcess::MergedChannels);
    rerun.start(kServer, crlImportArguments());
    QVERIFY(rerun.waitForFinished(60'000));
    QVERIFY2(rerun.exitCode() == 0, rerun.readAll().constData());
    QCOMPARE(revocations.active().serialCount, std::uint64_t(kFiles * kSerialsPerFile));
    QVERIFY(revocations.isRevoked("10000000"));
    QVERIFY(revocations.isRevoked(std::to_string(10'000'000 + kFiles * kSerialsPerFile - 1)));
    QVERIFY(!revocations.isRevoked("A1"));
    const auto runs = core::BatchRepository(database).recentRuns("crl-import", 5);
    QCOMPARE(runs.size(), std::size_t(2));
    QCOMPARE(runs[0].status, std::string("succeeded"));
}

void TestBatchCrashRecovery::runAndKill(const QStringList& arguments, const QByteArray& marker, const QByteArray& done)
{
    QProcess victim;
    victim.setProcessChannelMode(QProcess::MergedChannels);
    victim.start(kServer, arguments);
    QVERIFY(victim.waitForStarted());
    // The first progress line comes after the first unit of work was written: kill it there.
    QByteArray output;
    while (!output.contains(marker) && victim.state() == QProcess::Running) {
        victim.waitForReadyRead(100);
        output += victim.readAll();
    }
    QVERIFY2(output.contains(marker) && !output.contains(done), output.constData());
    ::kill(pid_t(victim.processId()), SIGKILL);
    QVERIFY(victim.waitForFinished());
    QCOMPARE(victim.exitStatus(), QProcess::CrashExit);
}

void TestBatchCrashRecovery::killedFeedImportAppliesNothingTwice()
{
    const QStringList arguments = {
        "batch",    "feed-import",
        "--config", QString::fromStdString(path("oqs.properties").string()),
        "--file",   QString::fromStdString((path("feed") / "feed-0-1-register.csv").string())};
    runAndKill(arguments, "phase=records");

    core::Database database(m_testDatabase->config());
    const auto countOf = [&](const std::string& sql) {
        auto session = database.session();
        Poco::Int64 count = 0;
        *session << sql, Poco::Data::Keywords::into(count), Poco::Data::Keywords::now;
        return count;
    };
    // Per insurer all or nothing: every processed sequence has its result and its row.
    const auto partial = countOf("SELECT COUNT(*) FROM qualification");
    QVERIFY(partial > 0);
    QCOMPARE(countOf("SELECT COUNT(*) FROM feed_result"), partial);
    QCOMPARE(countOf("SELECT COALESCE(SUM(last_sequence), 0) FROM feed_insurer_state"), partial);

    QProcess rerun;
    rerun.setProcessChannelMode(QProcess::MergedChannels);
    rerun.start(kServer, arguments);
    QVERIFY(rerun.waitForFinished(120'000));
    const QByteArray output = rerun.readAll();
    QVERIFY2(rerun.exitCode() == 0, output.constData());
    const auto total = countOf("SELECT COUNT(*) FROM qualification");
    QVERIFY(total > partial);
    QCOMPARE(countOf("SELECT COUNT(*) FROM feed_result"), total);
    QCOMPARE(countOf("SELECT COUNT(*) FROM feed_result WHERE status = 'applied'"), total);
    // The second run reports the records the killed one had applied as duplicates.
    QVERIFY2(output.contains(QByteArray::number(qlonglong(partial)) + " duplicates"), output.constData());
}

bool TestBatchCrashRecovery::runToEnd(const QStringList& arguments, QByteArray& output)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(kServer, arguments);
    const bool finished = process.waitForFinished(120'000);
    output = process.readAll();
    return finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

std::int64_t TestBatchCrashRecovery::countOf(core::Database& database, const std::string& sql)
{
    auto session = database.session();
    Poco::Int64 count = 0;
    *session << sql, Poco::Data::Keywords::into(count), Poco::Data::Keywords::now;
    return count;
}

std::map<std::string, std::int64_t> TestBatchCrashRecovery::acquisitionsBySource(core::Database& database)
{
    std::vector<std::string> sources;
    std::vector<Poco::Int64> counts;
    *database.session() << "SELECT source, COUNT(*) FROM linkage_acquisition_log GROUP BY source",
        Poco::Data::Keywords::into(sources), Poco::Data::Keywords::into(counts), Poco::Data::Keywords::now;
    std::map<std::string, std::int64_t> bySource;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        bySource[sources[i]] = counts[i];
    }
    return bySource;
}

void TestBatchCrashRecovery::killedLinkageImportLeavesWholeFilesAndReRunCompletes()
{
    const QStringList arguments = {"batch",    "linkage-import",
                                   "--config", QString::fromStdString(path("oqs.properties").string()),
                                   "--dir",    QString::fromStdString(path("linkage").string())};
    // Serial files go first (a renewal needs its old serial linked): kill once the first one is committed.
    runAndKill(arguments, "state=finished", "status=succeeded");

    core::Database database(m_testDatabase->config());
    // Each file in one transaction: a file's acquisition rows are all there or none (nothing half-applied).
    const auto partial = acquisitionsBySource(database);
    QVERIFY(!partial.empty());
    QVERIFY(partial.size() < m_linkageRows.size());
    for (const auto& [source, rows] : partial) {
        QCOMPARE(rows, m_linkageRows.at(source));
    }
    const auto killedRuns = core::BatchRepository(database).recentRuns("linkage-import", 5);
    QCOMPARE(killedRuns.size(), std::size_t(1));
    QCOMPARE(killedRuns[0].status, std::string("running"));

    QByteArray output;
    QVERIFY2(runToEnd(arguments, output), output.constData());
    // The files the killed run applied come back as duplicates, nothing is acquired twice.
    QCOMPARE(acquisitionsBySource(database), m_linkageRows);
    QVERIFY2(output.contains(QByteArray::number(qlonglong(m_linkageRows.begin()->second)) + " duplicates"),
             output.constData());
    const auto runs = core::BatchRepository(database).recentRuns("linkage-import", 5);
    QCOMPARE(runs.size(), std::size_t(2));
    QCOMPARE(runs[0].status, std::string("succeeded"));
    QCOMPARE(runs[1].status, std::string("running")); // the log still shows the killed run
}

void TestBatchCrashRecovery::insertAuditChain(core::Database& database, int months, int perMonth)
{
    constexpr int kRowsPerStatement = 1'000;
    std::string previous(64, '0');
    std::int64_t sequence = 0;
    std::string values;
    const auto flush = [&] {
        if (!values.empty()) {
            *database.session() << "INSERT INTO audit_log (sequence, recorded_at, actor, institution_code, terminal, "
                                   "action, target, result, previous_hash, hash) VALUES " +
                                       values,
                Poco::Data::Keywords::now;
            values.clear();
        }
    };
    const auto append = [&](const std::string& recordedAt) {
        const core::AuditEvent event{"clerk" + std::to_string(sequence % 7), "1310000018", "t1", "verify",
                                     "R" + std::to_string(sequence),         "ok"};
        ++sequence;
        const std::string hash = core::AuditRepository::recordHash(previous, sequence, recordedAt, event);
        values += std::string(values.empty() ? "" : ",") + "(" + std::to_string(sequence) + ",'" + recordedAt + "','" +
                  event.actor + "','" + event.institutionCode + "','" + event.terminal + "','" + event.action + "','" +
                  event.target + "','" + event.result + "','" + previous + "','" + hash + "')";
        previous = hash;
        if (sequence % kRowsPerStatement == 0) {
            flush();
        }
    };
    for (int month = 0; month < months; ++month) {
        const oqs::common::Date first = oqs::common::Date{2025, 12, 1}.addMonths(month);
        for (int i = 0; i < perMonth; ++i) {
            append(first.addDays(i % 28).toIso() + "T10:00:00.000+09:00");
        }
    }
    append("2026-11-20T10:00:00.000+09:00");
    flush();
}

void TestBatchCrashRecovery::killedPurgeLosesNothingAndArchivesEachAuditRowOnce()
{
    core::Database database(m_testDatabase->config());
    insertAuditChain(database, kAuditMonths, kAuditRowsPerMonth);
    const auto history = [&](int rows, const std::string& checkedAt, const std::string& prefix) {
        for (int from = 0; from < rows; from += 1'000) {
            std::string values;
            for (int i = from; i < std::min(rows, from + 1'000); ++i) {
                values += std::string(values.empty() ? "" : ",") + "('" + prefix + std::to_string(i) +
                          "','1310000018','clerk','t1','my-number-card','valid','x','" + checkedAt + "','{}')";
            }
            *database.session() << "INSERT INTO check_history (receipt_number, institution_code, clerk_id, terminal, "
                                   "mode, status, identifier, checked_at, answer) VALUES " +
                                       values,
                Poco::Data::Keywords::now;
        }
    };
    history(kOldHistoryRows, "2025-10-01T09:00:00.000+09:00", "R-old-");
    history(kRecentHistoryRows, "2026-11-01T09:00:00.000+09:00", "R-new-");
    const auto& config = m_testDatabase->config();
    std::ofstream(path("purge.properties")) << "database.dialect = " << core::toString(config.dialect) << "\n"
                                            << "database.connection = " << config.connection << "\n"
                                            << "retention.audit.archive.dir = audit\n";
    const QString configFile = QString::fromStdString(path("purge.properties").string());
    const QStringList purge = {"batch", "purge", "--config", configFile, "--today", "2026-11-25"};
    const QStringList verify = {"audit",    "verify",    "--config",
                                configFile, "--archive", QString::fromStdString(path("audit").string())};

    // Killed once the first month file is in place and its rows are gone from the database.
    runAndKill(purge, "phase=audit-2025-12", "status=succeeded");
    QCOMPARE(countOf(database, "SELECT COUNT(*) FROM check_history WHERE checked_at < '2026-05-25'"), 0);
    const auto leftInDatabase = countOf(database, "SELECT COUNT(*) FROM audit_log");
    QVERIFY2(leftInDatabase > 1 && leftInDatabase <= kAuditMonths * kAuditRowsPerMonth - kAuditRowsPerMonth + 1,
             std::to_string(leftInDatabase).c_str());
    QByteArray during;
    QVERIFY2(runToEnd(verify, during), during.constData()); // files and database still form one intact chain
    QVERIFY2(during.contains("audit: " + QByteArray::number(kAuditMonths * kAuditRowsPerMonth + 1) + " records"),
             during.constData());

    QByteArray rerun;
    QVERIFY2(runToEnd(purge, rerun), rerun.constData());
    QCOMPARE(countOf(database, "SELECT COUNT(*) FROM check_history WHERE receipt_number LIKE 'R-old-%'"), 0);
    QCOMPARE(countOf(database, "SELECT COUNT(*) FROM check_history WHERE receipt_number LIKE 'R-new-%'"),
             std::int64_t(kRecentHistoryRows));
    QCOMPARE(countOf(database, "SELECT COUNT(*) FROM audit_log"), 1);
    batch::AuditArchive archive(database, path("audit"));
    QCOMPARE(archive.files().size(), std::size_t(kAuditMonths));
    const auto check = archive.verify();
    QVERIFY2(!check.brokenAt, check.brokenAt.value_or("").c_str());
    // Each record once: a row written twice, or skipped, would break the sequence the chain checks.
    QCOMPARE(check.archivedRecords, std::uint64_t(kAuditMonths * kAuditRowsPerMonth));
    QCOMPARE(check.databaseRecords, std::uint64_t(1));
    QByteArray after;
    QVERIFY2(runToEnd(verify, after), after.constData());
    QVERIFY2(after.contains("chain intact from record 1"), after.constData());

    const auto runs = core::BatchRepository(database).recentRuns("purge", 5);
    QCOMPARE(runs.size(), std::size_t(2));
    QCOMPARE(runs[0].status, std::string("succeeded"));
    QCOMPARE(runs[1].status, std::string("running")); // the killed run, as the run log shows it
}

QTEST_GUILESS_MAIN(TestBatchCrashRecovery)
#include "TestBatchCrashRecovery.moc"
