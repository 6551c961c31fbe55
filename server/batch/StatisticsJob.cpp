// SPDX-License-Identifier: Apache-2.0
#include "batch/StatisticsJob.h"

#include "batch/BatchError.h"
#include "batch/RetentionPurge.h"

#include <Poco/Util/AbstractConfiguration.h>
#include <algorithm>
#include <oqs/common/Status.h>

namespace oqs::server::batch {

StatisticsSettings statisticsSettingsFrom(const Poco::Util::AbstractConfiguration& configuration)
{
    StatisticsSettings settings;
    settings.scheduled = configuration.getBool("statistics.schedule.enabled", true);
    settings.at = nightlyStartFrom(configuration, "statistics.schedule.at", "01:00");
    return settings;
}

StatisticsJob::StatisticsJob(core::Database& database, int historyMonths)
    : m_database(database), m_historyMonths(historyMonths)
{
}

std::uint64_t StatisticsJob::run(const common::Date& day, const common::Date& today, JobProgress& progress)
{
    if (day >= today) {
        throw BatchError("statistics: " + day.toIso() + " is not over yet (JST): count yesterday or earlier");
    }
    // The purge deletes history before this date: a day before it would be recounted from what is left (nothing),
    // wiping the statistics that are the only record of it now.
    const common::Date oldest = today.addMonths(-m_historyMonths);
    if (day < oldest) {
        throw BatchError("statistics: the check history of " + day.toIso() + " is past retention (kept from " +
                         oldest.toIso() + "): its statistics stay as they are");
    }
    const auto checks = core::StatisticsRepository(m_database).aggregateDay(day);
    progress.finish("day-" + day.toIso(), checks);
    return checks;
}

std::uint64_t StatisticsJob::catchUp(const common::Date& today, JobProgress& progress)
{
    const common::Date yesterday = today.addDays(-1);
    const common::Date oldest = today.addMonths(-m_historyMonths);
    const auto last = core::StatisticsRepository(m_database).lastCountedDay();
    common::Date day = last ? std::max(std::min(last->addDays(1), yesterday), oldest) : yesterday;
    std::uint64_t checks = 0;
    for (; day <= yesterday; day = day.addDays(1)) {
        checks += run(day, today, progress);
    }
    return checks;
}

void StatisticsJob::writeReport(std::ostream& out, const std::vector<core::DailyStatistic>& rows)
{
    out << "day,institution_code,prefecture,hour,mode,status,outcome,checks\n";
    for (const auto& row : rows) {
        // アクセス成否 (seed 資_02-01): a check that reached a verdict on the qualification succeeded, whatever it was.
        const auto status = common::statusFromWire(row.status);
        const bool answered = status && common::kindOf(*status) == common::StatusKind::Verdict;
        out << row.day << ',' << row.institutionCode << ',' << row.institutionCode.substr(0, 2) << ',' << row.hour
            << ',' << row.mode << ',' << row.status << ',' << (answered ? "success" : "failure") << ',' << row.checks
            << '\n';
    }
}

ScheduledJob StatisticsJob::scheduledJob(core::Database& database, const StatisticsSettings& settings,
                                         int historyMonths, std::ostream& log)
{
    ScheduledJob job;
    job.name = "statistics";
    job.at = settings.at;
    job.blocked = nightlyBlockedWindows();
    job.finishBy = JstTime{8, 0};
    job.body = [&database, &log, historyMonths] {
        JobProgress progress(log, "statistics", false);
        return StatisticsJob(database, historyMonths).catchUp(common::Date::todayJst(), progress);
    };
    return job;
}

} // namespace oqs::server::batch
