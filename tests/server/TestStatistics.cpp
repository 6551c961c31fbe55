// SPDX-License-Identifier: Apache-2.0
#include "TestDatabase.h"
#include "batch/BatchCommand.h"
#include "batch/BatchError.h"
#include "batch/StatisticsJob.h"
#include "core/BatchRepository.h"
#include "core/StatisticsRepository.h"

#include <Poco/AutoPtr.h>
#include <Poco/Data/Statement.h>
#include <Poco/Util/MapConfiguration.h>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <sstream>

using namespace oqs::server;
using namespace Poco::Data::Keywords;
using oqs::common::Date;

namespace {

const std::string kTokyo = "1310000018";
const std::string kOsaka = "2710000026";

std::string at(const Date& day, const std::string& time)
{
    return day.toIso() + "T" + time + "+09:00";
}

} // namespace

/// The daily statistics (seed 資_02-01, D8): one JST day of check history counted per institution, hour, mode and
/// result by `batch statistics` (idempotent), the statistics report CSV, and the refusals of bad days and arguments.
class TestStatistics : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void aDayIsCountedPerInstitutionHourModeAndStatus();
    void reRunningADayReplacesItsCounts();
    void daysThatCannotBeCountedAreRefused_data();
    void daysThatCannotBeCountedAreRefused();
    void commandLineCountsYesterdayByDefault();
    void reportIsCsvOfTheRange_data();
    void reportIsCsvOfTheRange();
    void badArgumentsAreNamed_data();
    void badArgumentsAreNamed();
    void scheduledNightlyOutsideTheFeedAndCrlWindows();
    void nightlyRunCatchesUpMissedNights();
    void firstNightlyRunCountsOnlyYesterday();
    void badScheduleIsRefusedByName_data();
    void badScheduleIsRefusedByName();

private:
    void insertHistory(const std::string& institution, const std::string& checkedAt, const std::string& mode,
                       const std::string& status);
    int countOf(const std::string& table, const std::string& where = "1 = 1");
    int run(const std::vector<std::string>& args, std::string& out, std::string& err);

    std::unique_ptr<QTemporaryDir> m_temporary;
    std::unique_ptr<oqs::tests::TestDatabase> m_testDatabase;
    std::unique_ptr<core::Database> m_database;
    std::string m_configFile;
    int m_receipts = 0;
    Date m_today;
    Date m_yesterday;
};

void TestStatistics::initTestCase()
{
    // One database for all functions (creating one costs seconds on PostgreSQL); init() empties the tables used.
    m_temporary = std::make_unique<QTemporaryDir>();
    m_testDatabase = std::make_unique<oqs::tests::TestDatabase>(m_temporary->path().toStdString());
    m_database = std::make_unique<core::Database>(m_testDatabase->config());
    m_database->migrate();
    m_configFile = m_temporary->path().toStdString() + "/oqs.properties";
    std::ofstream(m_configFile) << "retention.history.months = 6\n";
}

void TestStatistics::cleanupTestCase()
{
    m_database.reset();
    m_testDatabase.reset();
    m_temporary.reset();
}

void TestStatistics::init()
{
    for (const char* table : {"check_history", "check_statistics_daily", "batch_run", "batch_lock"}) {
        *m_database->session() << std::string("DELETE FROM ") + table, now;
    }
    m_today = Date::todayJst();
    m_yesterday = m_today.addDays(-1);
}

void TestStatistics::insertHistory(const std::string& institution, const std::string& checkedAt,
                                   const std::string& mode, const std::string& status)
{
    std::string receipt = "R" + std::to_string(++m_receipts);
    std::string code = institution;
    std::string when = checkedAt;
    std::string how = mode;
    std::string what = status;
    *m_database->session() << m_database->sql("INSERT INTO check_history (receipt_number, institution_code, "
                                              "clerk_id, terminal, mode, status, identifier, checked_at, answer) "
                                              "VALUES (?, ?, 'clerk', 't1', ?, ?, 'x', ?, '{}')"),
        use(receipt), use(code), use(how), use(what), use(when), now;
}

int TestStatistics::countOf(const std::string& table, const std::string& where)
{
    Poco::Int64 count = 0;
    *m_database->session() << "SELECT COUNT(*) FROM " + table + " WHERE " + where, into(count), now;
    return int(count);
}

int TestStatistics::run(const std::vector<std::string>& args, std::string& out, std::string& err)
{
    std::ostringstream outStream;
    std::ostringstream errStream;
    const int code = batch::runBatchCommand(args, outStream, errStream,
                                            [this](const std::string&) { return m_testDatabase->config(); });
    out = outStream.str();
    err = errStream.str();
    return code;
}

void TestStatistics::aDayIsCountedPerInstitutionHourModeAndStatus()
{
    insertHistory(kTokyo, at(m_yesterday, "00:00:00.000"), "my-number-card", "valid");
    insertHistory(kTokyo, at(m_yesterday, "09:10:00.000"), "my-number-card", "valid");
    insertHistory(kTokyo, at(m_yesterday, "09:59:59.999"), "my-number-card", "valid");
    insertHistory(kTokyo, at(m_yesterday, "09:30:00.000"), "insurance-card", "not-found");
    insertHistory(kOsaka, at(m_yesterday, "23:59:59.999"), "my-number-card", "certificate-revoked");
    insertHistory(kTokyo, at(m_yesterday.addDays(-1), "23:59:59.999"), "my-number-card", "valid"); // other days
    insertHistory(kTokyo, at(m_today, "00:00:00.000"), "my-number-card", "valid");

    auto progress = batch::JobProgress::silent();
    QCOMPARE(batch::StatisticsJob(*m_database, 6).run(m_yesterday, m_today, progress), std::uint64_t(5));
    const auto rows = core::StatisticsRepository(*m_database).rows(m_yesterday, m_yesterday, "");
    QCOMPARE(rows.size(), std::size_t(4));
    QCOMPARE(rows[0].institutionCode, kTokyo);
    QCOMPARE(rows[0].hour, 0);
    QCOMPARE(rows[0].checks, std::uint64_t(1));
    QCOMPARE(rows[1].hour, 9);
    QCOMPARE(rows[1].mode, std::string("insurance-card"));
    QCOMPARE(rows[1].status, std::string("not-found"));
    QCOMPARE(rows[2].hour, 9);
    QCOMPARE(rows[2].mode, std::string("my-number-card"));
    QCOMPARE(rows[2].checks, std::uint64_t(2));
    QCOMPARE(rows[3].institutionCode, kOsaka);
    QCOMPARE(rows[3].hour, 23);
    QCOMPARE(rows[3].status, std::string("certificate-revoked"));
    QCOMPARE(rows[3].day, m_yesterday.toIso());
    QCOMPARE(countOf("check_statistics_daily"), 4); // the neighbouring days were not counted
}

void TestStatistics::reRunningADayReplacesItsCounts()
{
    insertHistory(kTokyo, at(m_yesterday, "10:00:00.000"), "my-number-card", "valid");
    insertHistory(kTokyo, at(m_yesterday, "10:05:00.000"), "my-number-card", "valid");
    // A row left by an earlier count that no longer matches the history (e.g. a run over a half-loaded day).
    std::string day = m_yesterday.toIso();
    *m_database->session() << m_database->sql(
        "INSERT INTO check_statistics_daily (day, institution_code, hour, mode, "
        "status, checks) VALUES (?, '1310000018', 3, 'my-number-card', 'busy', 7)"),
        use(day), now;
    std::string earlier = m_yesterday.addDays(-1).toIso();
    *m_database->session() << m_database->sql(
        "INSERT INTO check_statistics_daily (day, institution_code, hour, mode, "
        "status, checks) VALUES (?, '1310000018', 3, 'my-number-card', 'busy', 7)"),
        use(earlier), now;

    auto progress = batch::JobProgress::silent();
    batch::StatisticsJob job(*m_database, 6);
    QCOMPARE(job.run(m_yesterday, m_today, progress), std::uint64_t(2));
    QCOMPARE(job.run(m_yesterday, m_today, progress), std::uint64_t(2));
    QCOMPARE(countOf("check_statistics_daily", "day = '" + m_yesterday.toIso() + "'"), 1);
    insertHistory(kTokyo, at(m_yesterday, "10:10:00.000"), "my-number-card", "valid");
    QCOMPARE(job.run(m_yesterday, m_today, progress), std::uint64_t(3));
    const auto rows = core::StatisticsRepository(*m_database).rows(m_yesterday, m_yesterday, kTokyo);
    QCOMPARE(rows.size(), std::size_t(1));
    QCOMPARE(rows[0].checks, std::uint64_t(3));
    QCOMPARE(countOf("check_statistics_daily", "day = '" + earlier + "'"), 1); // other days untouched
}

void TestStatistics::daysThatCannotBeCountedAreRefused_data()
{
    QTest::addColumn<int>("daysBack");
    QTest::addColumn<QString>("message");
    QTest::newRow("today is not over") << 0 << "is not over yet";
    QTest::newRow("tomorrow") << -1 << "is not over yet";
    QTest::newRow("history past retention") << 200 << "is past retention";
}

void TestStatistics::daysThatCannotBeCountedAreRefused()
{
    QFETCH(int, daysBack);
    QFETCH(QString, message);
    const Date day = m_today.addDays(-daysBack);
    std::string text = day.toIso();
    *m_database->session() << m_database->sql("INSERT INTO check_statistics_daily (day, institution_code, hour, mode, "
                                              "status, checks) VALUES (?, '1310000018', 9, 'my-number-card', 'valid', "
                                              "42)"),
        use(text), now;
    auto progress = batch::JobProgress::silent();
    try {
        batch::StatisticsJob(*m_database, 6).run(day, m_today, progress);
        QFAIL("counted");
    } catch (const batch::BatchError& error) {
        QVERIFY2(std::string(error.what()).find(message.toStdString()) != std::string::npos, error.what());
    }
    QCOMPARE(countOf("check_statistics_daily", "checks = 42"), 1); // the statistics already there stay

    // The command line runs it as a failed job: alarm, exit 1, the run recorded.
    std::string out;
    std::string err;
    QCOMPARE(run({"batch", "statistics", "--config", m_configFile, "--day", text}, out, err),
             int(batch::RunStatus::Failed));
    QVERIFY2(err.find("ALARM batch job=statistics status=failed") != std::string::npos, err.c_str());
    QCOMPARE(countOf("check_statistics_daily", "checks = 42"), 1);
}

void TestStatistics::commandLineCountsYesterdayByDefault()
{
    insertHistory(kTokyo, at(m_yesterday, "11:00:00.000"), "insurance-card", "valid");
    insertHistory(kOsaka, at(m_yesterday, "12:00:00.000"), "insurance-card", "invalid");
    std::string out;
    std::string err;
    QCOMPARE(run({"batch", "statistics", "--config", m_configFile}, out, err), 0);
    QVERIFY2(out.find("statistics: " + m_yesterday.toIso() + ": 2 checks counted") != std::string::npos, out.c_str());
    QCOMPARE(countOf("check_statistics_daily"), 2);
    const auto runs = core::BatchRepository(*m_database).recentRuns("statistics", 5);
    QCOMPARE(runs.size(), std::size_t(1));
    QCOMPARE(runs[0].status, std::string("succeeded"));
    QCOMPARE(runs[0].processed, std::uint64_t(2));
}

void TestStatistics::reportIsCsvOfTheRange_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QStringList>("lines");
    const QString header = "day,institution_code,prefecture,hour,mode,status,outcome,checks";
    QTest::newRow("whole range") << QStringList{"--from", "2026-01-01", "--to", "2026-01-31"}
                                 << QStringList{header, "2026-01-01,1310000018,13,8,my-number-card,valid,success,3",
                                                "2026-01-01,2710000026,27,20,insurance-card,busy,failure,1",
                                                "2026-01-31,1310000018,13,9,my-number-card,card-error,failure,2"};
    QTest::newRow("one institution") << QStringList{"--from",     "2026-01-01",    "--to",
                                                    "2026-01-31", "--institution", QString::fromStdString(kOsaka)}
                                     << QStringList{header,
                                                    "2026-01-01,2710000026,27,20,insurance-card,busy,failure,1"};
    QTest::newRow("one day, compact dates")
        << QStringList{"--from", "20260131", "--to", "20260131"}
        << QStringList{header, "2026-01-31,1310000018,13,9,my-number-card,card-error,failure,2"};
    QTest::newRow("empty range: header only")
        << QStringList{"--from", "2025-01-01", "--to", "2025-12-31"} << QStringList{header};
}

void TestStatistics::reportIsCsvOfTheRange()
{
    QFETCH(QStringList, options);
    QFETCH(QStringList, lines);
    *m_database->session() << "INSERT INTO check_statistics_daily (day, institution_code, hour, mode, status, checks) "
                              "VALUES ('2026-01-01', '1310000018', 8, 'my-number-card', 'valid', 3), "
                              "('2026-01-01', '2710000026', 20, 'insurance-card', 'busy', 1), "
                              "('2026-01-31', '1310000018', 9, 'my-number-card', 'card-error', 2), "
                              "('2026-02-01', '1310000018', 9, 'my-number-card', 'valid', 5)",
        now;
    std::vector<std::string> args{"batch", "statistics-report", "--config", m_configFile};
    for (const auto& option : options) {
        args.push_back(option.toStdString());
    }
    std::string out;
    std::string err;
    QCOMPARE(run(args, out, err), 0);
    QCOMPARE(QString::fromStdString(out), lines.join('\n') + '\n');
    QVERIFY(err.empty());
}

void TestStatistics::badArgumentsAreNamed_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("report without --from") << QStringList{"statistics-report", "--to", "2026-01-01"}
                                           << "statistics-report: --from is required (YYYY-MM-DD)";
    QTest::newRow("report without --to") << QStringList{"statistics-report", "--from", "2026-01-01"}
                                         << "statistics-report: --to is required (YYYY-MM-DD)";
    QTest::newRow("report with a non-date")
        << QStringList{"statistics-report", "--from", "2026-02-30", "--to", "2026-03-01"}
        << "statistics-report: --from: '2026-02-30' is not a date YYYY-MM-DD";
    QTest::newRow("report range reversed")
        << QStringList{"statistics-report", "--from", "2026-03-01", "--to", "2026-02-01"}
        << "statistics-report: --from 2026-03-01 is after --to 2026-02-01";
    QTest::newRow("report institution with a wrong check digit")
        << QStringList{"statistics-report", "--from", "2026-01-01", "--to", "2026-01-02", "--institution", "1310000019"}
        << "statistics-report: --institution: '1310000019' is not a medical-institution code (check-digit)";
    QTest::newRow("report institution not digits")
        << QStringList{"statistics-report", "--from", "2026-01-01", "--to", "2026-01-02", "--institution", "ABC"}
        << "statistics-report: --institution: 'ABC' is not a medical-institution code";
    QTest::newRow("statistics with a non-date")
        << QStringList{"statistics", "--day", "yesterday"} << "statistics: --day: 'yesterday' is not a date YYYY-MM-DD";
    QTest::newRow("option without a value") << QStringList{"statistics", "--day"} << "usage: oqs-server batch";
}

void TestStatistics::badArgumentsAreNamed()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    *m_database->session() << "INSERT INTO check_statistics_daily (day, institution_code, hour, mode, status, checks) "
                              "VALUES ('2026-01-01', '1310000018', 8, 'my-number-card', 'valid', 3)",
        now;
    std::vector<std::string> words{"batch", args.front().toStdString(), "--config", m_configFile};
    for (qsizetype i = 1; i < args.size(); ++i) {
        words.push_back(args[i].toStdString());
    }
    std::string out;
    std::string err;
    QCOMPARE(run(words, out, err), int(batch::RunStatus::BadArguments));
    QVERIFY2(err.starts_with(message.toStdString()), err.c_str());
    QVERIFY(out.empty());
    QCOMPARE(countOf("check_statistics_daily"), 1);
    QCOMPARE(countOf("batch_run"), 0); // refused before any run started
}

void TestStatistics::scheduledNightlyOutsideTheFeedAndCrlWindows()
{
    Poco::AutoPtr configuration(new Poco::Util::MapConfiguration);
    const auto settings = batch::statisticsSettingsFrom(*configuration);
    QVERIFY(settings.scheduled);
    std::ostringstream log;
    const auto job = batch::StatisticsJob::scheduledJob(*m_database, settings, 6, log);
    QCOMPARE(job.name, std::string("statistics"));
    const auto day = std::chrono::sys_days(std::chrono::year(2026) / 11 / 25);
    const auto jst = [day](int hour, int minute) {
        return batch::BatchSchedule::TimePoint(day + std::chrono::hours(hour - 9) + std::chrono::minutes(minute));
    };
    QCOMPARE(batch::BatchSchedule::nextStart(job, jst(0, 30)), jst(1, 0));
    QCOMPARE(batch::BatchSchedule::nextStart(job, jst(1, 0)), jst(25, 0));

    insertHistory(kTokyo, at(m_yesterday, "15:00:00.000"), "my-number-card", "valid");
    batch::BatchRunner runner(*m_database);
    batch::BatchSchedule schedule(runner, log);
    QCOMPARE(schedule.runNow(job), batch::RunStatus::Succeeded);
    QCOMPARE(countOf("check_statistics_daily", "day = '" + m_yesterday.toIso() + "'"), 1);
}

void TestStatistics::nightlyRunCatchesUpMissedNights()
{
    // Counted up to 5 days ago; the server was down for the nights that would have counted the 3 days after it.
    const Date counted = m_today.addDays(-5);
    insertHistory(kTokyo, at(counted, "10:00:00.000"), "my-number-card", "valid");
    auto progress = batch::JobProgress::silent();
    batch::StatisticsJob job(*m_database, 6);
    QCOMPARE(job.run(counted, m_today, progress), std::uint64_t(1));
    insertHistory(kTokyo, at(m_today.addDays(-4), "10:00:00.000"), "my-number-card", "valid");
    insertHistory(kOsaka, at(m_today.addDays(-2), "11:00:00.000"), "insurance-card", "valid");
    insertHistory(kOsaka, at(m_today.addDays(-2), "11:30:00.000"), "insurance-card", "not-found");
    insertHistory(kTokyo, at(m_yesterday, "09:00:00.000"), "my-number-card", "valid");
    insertHistory(kTokyo, at(m_today, "09:00:00.000"), "my-number-card", "valid"); // not over: left for tomorrow
    // A late correction of the last counted day is not recounted: only days after it are.
    insertHistory(kTokyo, at(counted, "11:00:00.000"), "my-number-card", "valid");

    QCOMPARE(job.catchUp(m_today, progress), std::uint64_t(4));
    for (const auto& [daysBack, checks] : std::vector<std::pair<int, int>>{{5, 1}, {4, 1}, {3, 0}, {2, 2}, {1, 1}}) {
        const auto rows = core::StatisticsRepository(*m_database).rows(m_today.addDays(-daysBack),
                                                                        m_today.addDays(-daysBack), "");
        std::uint64_t sum = 0;
        for (const auto& row : rows) {
            sum += row.checks;
        }
        QCOMPARE(sum, std::uint64_t(checks));
    }
    QCOMPARE(countOf("check_statistics_daily", "day = '" + m_today.toIso() + "'"), 0);
    // The next night, with nothing missed, counts yesterday again and nothing else.
    QCOMPARE(job.catchUp(m_today, progress), std::uint64_t(1));
}

void TestStatistics::firstNightlyRunCountsOnlyYesterday()
{
    // A new installation with months of imported history does not count them all in its first night.
    insertHistory(kTokyo, at(m_today.addDays(-30), "10:00:00.000"), "my-number-card", "valid");
    insertHistory(kTokyo, at(m_yesterday, "10:00:00.000"), "my-number-card", "valid");
    auto progress = batch::JobProgress::silent();
    QCOMPARE(batch::StatisticsJob(*m_database, 6).catchUp(m_today, progress), std::uint64_t(1));
    QCOMPARE(countOf("check_statistics_daily"), 1);
}

void TestStatistics::badScheduleIsRefusedByName_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("in the feed window") << "04:30"
                                        << "statistics.schedule.at must be outside 04:00-06:00 (feed) and 07:00-08:00";
    QTest::newRow("in the CRL window") << "07:00"
                                       << "statistics.schedule.at must be outside";
    QTest::newRow("not a time") << "1am"
                                << "statistics.schedule.at must be a time of day HH:MM (JST), not '1am'";
}

void TestStatistics::badScheduleIsRefusedByName()
{
    QFETCH(QString, value);
    QFETCH(QString, message);
    Poco::AutoPtr configuration(new Poco::Util::MapConfiguration);
    configuration->setString("statistics.schedule.at", value.toStdString());
    std::string refusal = "accepted";
    try {
        batch::statisticsSettingsFrom(*configuration);
    } catch (const std::invalid_argument& error) {
        refusal = error.what();
    }
    QVERIFY2(refusal.starts_with(message.toStdString()), refusal.c_str());
}

QTEST_GUILESS_MAIN(TestStatistics)
#include "TestStatistics.moc"
