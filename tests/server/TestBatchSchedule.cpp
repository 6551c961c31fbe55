// SPDX-License-Identifier: Apache-2.0
#include "TestDatabase.h"
#include "batch/BatchJobs.h"
#include "batch/BatchSchedule.h"

#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <sstream>

using namespace oqs::server;

namespace {

using TimePoint = batch::BatchSchedule::TimePoint;

/// The instant of a JST wall-clock time on 2026-11-25.
TimePoint jst(int hour, int minute)
{
    const auto day = std::chrono::sys_days(std::chrono::year(2026) / 11 / 25);
    return TimePoint(day + std::chrono::hours(hour - 9) + std::chrono::minutes(minute));
}

} // namespace

/// The built-in schedule: CRL daily at 07:00 (late alarm after 08:00), feed every 30 min but never 04:00–06:00.
class TestBatchSchedule : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void nextStart_data();
    void nextStart();
    void lateRunRaisesAlarm();
    void stopIsPrompt();

private:
    /// The product's jobs (BatchJobs), as the server schedules them.
    batch::ScheduledJob crlJob() { return batch::BatchJobs::crlImport(*m_database, {}, "crl", m_log); }
    batch::ScheduledJob feedJob() { return batch::BatchJobs::feedImport(*m_database, "inbox", "archive", m_log); }

    std::unique_ptr<QTemporaryDir> m_temporary;
    std::unique_ptr<oqs::tests::TestDatabase> m_testDatabase;
    std::unique_ptr<core::Database> m_database;
    std::unique_ptr<batch::BatchRunner> m_runner;
    std::ostringstream m_log;
};

void TestBatchSchedule::init()
{
    m_temporary = std::make_unique<QTemporaryDir>();
    m_testDatabase = std::make_unique<oqs::tests::TestDatabase>(m_temporary->path().toStdString());
    m_database = std::make_unique<core::Database>(m_testDatabase->config());
    m_database->migrate();
    m_runner = std::make_unique<batch::BatchRunner>(*m_database);
    m_log.str({});
}

void TestBatchSchedule::cleanup()
{
    m_runner.reset();
    m_database.reset();
    m_testDatabase.reset();
    m_temporary.reset();
}

void TestBatchSchedule::nextStart_data()
{
    QTest::addColumn<bool>("feed");
    QTest::addColumn<int>("afterHour");
    QTest::addColumn<int>("afterMinute");
    QTest::addColumn<int>("dayOffset");
    QTest::addColumn<int>("hour");
    QTest::addColumn<int>("minute");
    QTest::newRow("crl before 07:00") << false << 3 << 10 << 0 << 7 << 0;
    QTest::newRow("crl at 07:00 exactly → tomorrow") << false << 7 << 0 << 1 << 7 << 0;
    QTest::newRow("crl after 07:00 → tomorrow") << false << 12 << 0 << 1 << 7 << 0;
    QTest::newRow("feed mid-day") << true << 12 << 10 << 0 << 12 << 30;
    QTest::newRow("feed just before the window") << true << 3 << 31 << 0 << 6 << 0;
    QTest::newRow("feed inside the window") << true << 4 << 45 << 0 << 6 << 0;
    QTest::newRow("feed late evening wraps") << true << 23 << 50 << 1 << 0 << 0;
}

void TestBatchSchedule::nextStart()
{
    QFETCH(bool, feed);
    QFETCH(int, afterHour);
    QFETCH(int, afterMinute);
    QFETCH(int, dayOffset);
    QFETCH(int, hour);
    QFETCH(int, minute);
    const auto job = feed ? feedJob() : crlJob();
    const auto next = batch::BatchSchedule::nextStart(job, jst(afterHour, afterMinute));
    QCOMPARE(next, jst(hour, minute) + std::chrono::days(dayOffset));
    QVERIFY(batch::BatchSchedule::allowedAt(job, next));
    QCOMPARE(batch::BatchSchedule::allowedAt(feedJob(), jst(5, 59)), false);
    QCOMPARE(batch::BatchSchedule::allowedAt(feedJob(), jst(6, 0)), true);
}

void TestBatchSchedule::lateRunRaisesAlarm()
{
    batch::BatchSchedule schedule(*m_runner, m_log);
    // A deadline one minute before "now" in JST: any run ends late.
    const auto nowJst = std::chrono::system_clock::now() + std::chrono::hours(9);
    const auto minuteOfDay =
        std::chrono::duration_cast<std::chrono::minutes>(nowJst - std::chrono::floor<std::chrono::days>(nowJst))
            .count();
    if (minuteOfDay < 2) {
        QSKIP("too close to midnight JST for a same-day deadline");
    }
    auto job = crlJob();
    job.body = [] { return std::uint64_t(0); };
    job.at = {0, 0};
    job.finishBy = batch::JstTime{int((minuteOfDay - 1) / 60), int((minuteOfDay - 1) % 60)};
    QCOMPARE(schedule.runNow(job), batch::RunStatus::Succeeded);
    QVERIFY2(m_log.str().find("ALARM batch job=crl-import status=late") != std::string::npos, m_log.str().c_str());
}

void TestBatchSchedule::stopIsPrompt()
{
    std::atomic<int> runs = 0;
    const auto started = std::chrono::steady_clock::now();
    {
        batch::BatchSchedule schedule(*m_runner, m_log);
        schedule.add({"tick",
                      [&] {
                          ++runs;
                          return std::uint64_t(1);
                      },
                      {0, 0},
                      std::chrono::minutes(1),
                      {},
                      {}});
        schedule.start();
        schedule.stop(); // prompt: does not wait for the next minute
    }
    QVERIFY(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
    QVERIFY(runs.load() <= 1); // at most a run that fell due on a minute boundary meanwhile
}

QTEST_GUILESS_MAIN(TestBatchSchedule)
#include "TestBatchSchedule.moc"
