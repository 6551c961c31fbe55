// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "batch/BatchSchedule.h"
#include "batch/JobProgress.h"
#include "core/Database.h"
#include "core/StatisticsRepository.h"

#include <cstdint>
#include <oqs/common/Date.h>
#include <ostream>
#include <string>
#include <vector>

namespace Poco::Util {
class AbstractConfiguration;
}

namespace oqs::server::batch {

/// When the daily statistics run (the statistics.* keys of resources/docs/server-config.md).
struct StatisticsSettings
{
    bool scheduled = true; ///< part of the built-in schedule (when batch.schedule.enabled)
    /// Daily start: after the day closed (service ends 21:00), outside the online hours and the feed and CRL windows.
    JstTime at{1, 0};
};

/// Reads the statistics.* keys. Throws std::invalid_argument naming the key and what is wrong.
StatisticsSettings statisticsSettingsFrom(const Poco::Util::AbstractConfiguration& configuration);

/// The daily statistics job (seed 資_02-01, D8): counts one JST day of check history into check_statistics_daily,
/// replacing whatever an earlier run left for that day, and writes the statistics report.
class StatisticsJob
{
public:
    /// `historyMonths`: the check history retention (retention.history.months); older days cannot be recounted.
    StatisticsJob(core::Database& database, int historyMonths);

    /// Counts `day` relative to `today` (JST dates). Returns the number of checks counted. Throws BatchError when
    /// the day is not over yet, or when its history is already past retention (its statistics are then kept as they
    /// are, never replaced by an empty count).
    std::uint64_t run(const common::Date& day, const common::Date& today, JobProgress& progress);

    /// The nightly run: counts yesterday and every earlier day since the last counted one that a missed night left
    /// uncounted, oldest first, back to the history's retention at most (with no statistics yet, only yesterday).
    /// Recounting a day is harmless, so the days after the last one with checks are counted again. Returns the
    /// number of checks counted.
    std::uint64_t catchUp(const common::Date& today, JobProgress& progress);

    /// Writes `rows` as the statistics report CSV (UTF-8, LF, header line; layout in batch-operations.md):
    /// day,institution_code,prefecture,hour,mode,status,outcome,checks.
    static void writeReport(std::ostream& out, const std::vector<core::DailyStatistic>& rows);

    /// A scheduled job running catchUp() (yesterday, and days missed before it) daily at `settings.at`, never in the feed or CRL windows, with an
    /// alarm when still running at 08:00 (opening). `database` and `log` must outlive the schedule.
    static ScheduledJob scheduledJob(core::Database& database, const StatisticsSettings& settings, int historyMonths,
                                     std::ostream& log);

private:
    core::Database& m_database;
    int m_historyMonths;
};

} // namespace oqs::server::batch
