// SPDX-License-Identifier: Apache-2.0
#include "ApiClient.h"
#include "ServerStack.h"
#include "batch/BatchRunner.h"
#include "core/OperationsGauges.h"

#include <QTemporaryDir>
#include <QTest>
#include <sstream>
#include <stdexcept>

using namespace oqs;
using std::chrono::system_clock;

Q_DECLARE_METATYPE(std::string)

/// The operator's gauges on /metrics: batch job outcomes and the revocation set in service, read from the
/// database that the batch jobs wrote, on the real server over mutual TLS.
class TestOperationsGauges : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void parsesDatabaseTimestamps_data();
    void parsesDatabaseTimestamps();
    void batchOutcomesAreGauged();
    void metricsEndpointShowsTheGauges();
    void databaseFailureIsAGaugeNotAnError();

private:
    QTemporaryDir m_directory;
    std::unique_ptr<tests::ServerStack> m_stack;
};

void TestOperationsGauges::initTestCase()
{
    QVERIFY(m_directory.isValid());
    m_stack = std::make_unique<tests::ServerStack>(m_directory.path().toStdString());
    m_stack->server().start();

    server::batch::BatchRunner runner(m_stack->server().database(), "gauges-test:1");
    std::ostringstream log;
    QCOMPARE(runner.run("crl-import", "", [] { return std::uint64_t{3}; }, log), server::batch::RunStatus::Succeeded);
    QCOMPARE(runner.run("crl-import", "", []() -> std::uint64_t { throw std::runtime_error("bad signature"); }, log),
             server::batch::RunStatus::Failed);
    QCOMPARE(runner.run("feed-import", "", [] { return std::uint64_t{1}; }, log), server::batch::RunStatus::Succeeded);
}

void TestOperationsGauges::parsesDatabaseTimestamps_data()
{
    QTest::addColumn<std::string>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("epochSeconds");
    QTest::newRow("sqlite") << std::string("2026-11-25 07:00:05") << true << qint64(1795590005);
    QTest::newRow("postgres utc") << std::string("2026-11-25 07:00:05.123456+00") << true << qint64(1795590005);
    QTest::newRow("postgres jst") << std::string("2026-11-25 16:00:05+09") << true << qint64(1795590005);
    QTest::newRow("offset minutes") << std::string("2026-11-25 01:30:05-05:30") << true << qint64(1795590005);
    QTest::newRow("empty") << std::string() << false << qint64(0);
    QTest::newRow("date only") << std::string("2026-11-25") << false << qint64(0);
    QTest::newRow("bad month") << std::string("2026-13-25 07:00:05") << false << qint64(0);
    QTest::newRow("junk after") << std::string("2026-11-25 07:00:05 later") << false << qint64(0);
}

void TestOperationsGauges::parsesDatabaseTimestamps()
{
    QFETCH(std::string, text);
    QFETCH(bool, valid);
    QFETCH(qint64, epochSeconds);
    const auto parsed = server::core::parseDatabaseTimestamp(text);
    QCOMPARE(parsed.has_value(), valid);
    if (valid) {
        QCOMPARE(qint64(std::chrono::duration_cast<std::chrono::seconds>(parsed->time_since_epoch()).count()),
                 epochSeconds);
    }
}

void TestOperationsGauges::batchOutcomesAreGauged()
{
    server::core::OperationsGauges gauges(m_stack->server().database());
    const auto values = gauges.read(system_clock::now() + std::chrono::hours(1));
    QCOMPARE(values.at("oqs_db_up"), 1.0);
    QCOMPARE(values.at("oqs_batch_last_run_succeeded{job=\"crl-import\"}"), 0.0); // the failed run is the newest
    QCOMPARE(values.at("oqs_batch_last_run_succeeded{job=\"feed-import\"}"), 1.0);
    QCOMPARE(values.at("oqs_batch_running{job=\"crl-import\"}"), 0.0);
    // The successful CRL run ended moments ago; the gauges were read "an hour later".
    const double age = values.at("oqs_batch_last_success_age_seconds{job=\"crl-import\"}");
    QVERIFY2(age > 3500 && age < 3700, std::to_string(age).c_str());
    QCOMPARE(values.at("oqs_revocation_serials"), 0.0);
    QVERIFY(values.count("oqs_revocation_set_age_seconds") == 1);
}

void TestOperationsGauges::metricsEndpointShowsTheGauges()
{
    tests::ApiClient client(m_stack->pki(), m_stack->server().port(), m_stack->pki().institution());
    const auto reply = client.get("/metrics");
    QCOMPARE(reply.status, 200);
    const QString text = QString::fromStdString(reply.body);
    QVERIFY2(text.contains("\n# TYPE oqs_batch_last_run_succeeded gauge\n"), reply.body.c_str());
    QCOMPARE(text.count("# TYPE oqs_batch_last_run_succeeded gauge"), 1); // one TYPE line for the whole family
    QVERIFY(text.contains("oqs_batch_last_run_succeeded{job=\"crl-import\"} 0\n"));
    QVERIFY(text.contains("oqs_batch_last_run_succeeded{job=\"feed-import\"} 1\n"));
    QVERIFY(text.contains("\noqs_db_up 1\n"));
}

void TestOperationsGauges::databaseFailureIsAGaugeNotAnError()
{
    // A database without the schema makes every gauge query fail, as a lost connection would.
    server::core::DatabaseConfig config;
    config.connection = (std::filesystem::path(m_directory.path().toStdString()) / "unmigrated.db").string();
    server::core::Database unmigrated(config);
    server::core::OperationsGauges gauges(unmigrated);
    const auto values = gauges.read(system_clock::now());
    QCOMPARE(values.size(), std::size_t{1});
    QCOMPARE(values.at("oqs_db_up"), 0.0);
}

QTEST_GUILESS_MAIN(TestOperationsGauges)
#include "TestOperationsGauges.moc"
