// SPDX-License-Identifier: Apache-2.0
#include "TestDatabase.h"
#include "batch/CrlImporter.h"
#include "ca/CertificateAuthority.h"
#include "core/BatchRepository.h"
#include "core/DatasetLoader.h"
#include "core/FeedRepository.h"
#include "core/RevocationRepository.h"
#include "simulator/FeedSimulator.h"

#include <Poco/Data/Session.h>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <fstream>

using namespace oqs::server;

namespace {

constexpr int kFiles = 8;
constexpr int kSerialsPerFile = 40'000;

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

private:
    std::filesystem::path path(const char* name) const;
    QStringList crlImportArguments() const;
    /// Starts `oqs-server` with `arguments` and kills it (SIGKILL) once its output shows `marker`.
    void runAndKill(const QStringList& arguments, const QByteArray& marker);

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

void TestBatchCrashRecovery::runAndKill(const QStringList& arguments, const QByteArray& marker)
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
    QVERIFY2(output.contains(marker) && !output.contains("state=finished"), output.constData());
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

QTEST_GUILESS_MAIN(TestBatchCrashRecovery)
#include "TestBatchCrashRecovery.moc"
