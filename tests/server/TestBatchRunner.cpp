// SPDX-License-Identifier: Apache-2.0
#include "TestDatabase.h"
#include "batch/BatchRunner.h"
#include "core/BatchRepository.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <condition_variable>
#include <mutex>
#include <sstream>
#include <thread>

using namespace oqs::server;

namespace {

std::int64_t epochSeconds()
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// "thishost:PID" of a process that has already exited.
std::string deadOwnerOnThisHost()
{
    QProcess process;
    process.start("true", {});
    process.waitForStarted();
    const auto pid = process.processId();
    process.waitForFinished();
    const std::string owner = batch::BatchRunner::defaultOwner();
    return owner.substr(0, owner.rfind(':') + 1) + std::to_string(pid);
}

} // namespace

/// The batch runner: one run per job across instances (database lock), run log, alarms.
class TestBatchRunner : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void secondInstanceIsLockedOut();
    void holderTakeOver_data();
    void holderTakeOver();
    void failureRaisesAlarmAndFreesTheLock();

private:
    std::unique_ptr<QTemporaryDir> m_temporary;
    std::unique_ptr<oqs::tests::TestDatabase> m_testDatabase;
    std::unique_ptr<core::Database> m_database;
};

void TestBatchRunner::init()
{
    m_temporary = std::make_unique<QTemporaryDir>();
    m_testDatabase = std::make_unique<oqs::tests::TestDatabase>(m_temporary->path().toStdString());
    m_database = std::make_unique<core::Database>(m_testDatabase->config());
    m_database->migrate();
}

void TestBatchRunner::cleanup()
{
    m_database.reset();
    m_testDatabase.reset();
    m_temporary.reset();
}

void TestBatchRunner::secondInstanceIsLockedOut()
{
    batch::BatchRunner first(*m_database, "host-a:1");
    batch::BatchRunner second(*m_database, "host-b:1");
    std::mutex mutex;
    std::condition_variable changed;
    bool running = false;
    bool release = false;
    std::ostringstream firstLog;
    batch::RunStatus firstStatus = batch::RunStatus::Failed;
    std::thread instanceA([&] {
        firstStatus = first.run(
            "feed", "a",
            [&] {
                std::unique_lock lock(mutex);
                running = true;
                changed.notify_all();
                changed.wait(lock, [&] { return release; });
                return std::uint64_t(7);
            },
            firstLog);
    });
    {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return running; });
    }
    std::ostringstream log;
    bool secondRan = false;
    QCOMPARE(second.run(
                 "feed", "b",
                 [&] {
                     secondRan = true;
                     return std::uint64_t(0);
                 },
                 log),
             batch::RunStatus::Locked);
    QVERIFY(!secondRan);
    QVERIFY(log.str().find("holder=host-a:1") != std::string::npos);
    // Another job is not blocked by this one.
    QCOMPARE(second.run(
                 "crl-import", "b", [] { return std::uint64_t(1); }, log),
             batch::RunStatus::Succeeded);
    {
        std::lock_guard lock(mutex);
        release = true;
    }
    changed.notify_all();
    instanceA.join();
    QCOMPARE(firstStatus, batch::RunStatus::Succeeded);
    QCOMPARE(second.run(
                 "feed", "b", [] { return std::uint64_t(3); }, log),
             batch::RunStatus::Succeeded);

    const auto runs = core::BatchRepository(*m_database).recentRuns("feed", 10);
    QCOMPARE(runs.size(), std::size_t(2));
    QCOMPARE(runs[0].owner, std::string("host-b:1"));
    QCOMPARE(runs[0].processed, std::uint64_t(3));
    QCOMPARE(runs[1].owner, std::string("host-a:1"));
    QCOMPARE(runs[1].status, std::string("succeeded"));
    QCOMPARE(runs[1].processed, std::uint64_t(7));
    QVERIFY(!runs[1].finishedAt.empty());
}

void TestBatchRunner::holderTakeOver_data()
{
    QTest::addColumn<QString>("holder");
    QTest::addColumn<int>("silentSeconds");
    QTest::addColumn<int>("expected");
    QTest::newRow("live holder elsewhere") << "other-host:1" << 5 << int(batch::RunStatus::Locked);
    QTest::newRow("silent holder elsewhere") << "other-host:1" << 600 << int(batch::RunStatus::Succeeded);
    QTest::newRow("dead process on this host") << "dead" << 5 << int(batch::RunStatus::Succeeded);
}

void TestBatchRunner::holderTakeOver()
{
    QFETCH(QString, holder);
    QFETCH(int, silentSeconds);
    QFETCH(int, expected);
    const std::string owner = holder == "dead" ? deadOwnerOnThisHost() : holder.toStdString();
    core::BatchRepository repository(*m_database);
    const std::int64_t then = epochSeconds() - silentSeconds;
    QVERIFY(repository.tryLock("crl-import", owner, then, then - 1, {}));
    QCOMPARE(repository.lockOwner("crl-import"), owner);

    batch::BatchRunner runner(*m_database);
    std::ostringstream log;
    const auto status = runner.run(
        "crl-import", "", [] { return std::uint64_t(1); }, log);
    QCOMPARE(int(status), expected);
    QCOMPARE(repository.lockOwner("crl-import"), expected == int(batch::RunStatus::Locked) ? owner : std::string());
}

void TestBatchRunner::failureRaisesAlarmAndFreesTheLock()
{
    batch::BatchRunner runner(*m_database, "host-a:1");
    std::ostringstream log;
    const auto status = runner.run(
        "crl-import", "--dir x", []() -> std::uint64_t { throw std::runtime_error("dp2.crl: bad signature"); }, log);
    QCOMPARE(status, batch::RunStatus::Failed);
    QVERIFY(log.str().starts_with("ALARM batch job=crl-import status=failed"));
    QVERIFY(log.str().find("dp2.crl: bad signature") != std::string::npos);
    const auto runs = core::BatchRepository(*m_database).recentRuns("", 5);
    QCOMPARE(runs.size(), std::size_t(1));
    QCOMPARE(runs[0].status, std::string("failed"));
    QCOMPARE(runs[0].message, std::string("dp2.crl: bad signature"));
    QCOMPARE(core::BatchRepository(*m_database).lockOwner("crl-import"), std::string());
}

QTEST_GUILESS_MAIN(TestBatchRunner)
#include "TestBatchRunner.moc"
