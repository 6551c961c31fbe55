// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "batch/BatchSchedule.h"
#include "batch/JobProgress.h"
#include "core/Database.h"

#include <cstdint>
#include <filesystem>
#include <oqs/common/Date.h>
#include <string>
#include <vector>

namespace Poco::Util {
class AbstractConfiguration;
}

namespace oqs::server::batch {

/// How long each kind of data is kept (PRODUCT.md D8; the retention.* keys of resources/docs/server-config.md).
struct RetentionSettings
{
    int historyMonths = 6; ///< check history rows (searchable 5 months back, deleted after 6)
    /// Superseded qualification versions, counted from when they were superseded. Never below historyMonths: a
    /// check still in the history was answered from a version that must still be there to explain it; and the
    /// D4 look-back of a past-date check (1 month) is shorter than any allowed value.
    int versionsMonths = 6;
    int resultsMonths = 6;     ///< batch_run and feed_result rows (the run log and per-record feed results)
    int archiveDays = 90;      ///< received files kept in the `<archive>/<YYYYMMDD>/` folders
    int auditOnlineMonths = 6; ///< audit rows kept in the database; older ones go to the archive files
    int auditYears = 3;        ///< archive files kept (whole months)
    /// Acquisition record log (取得記録ログ): whole months kept before the current one. Billing counts it by month
    /// after each month closes (seed 資_09-03/04); a year of closed months lets any claim of the past year be counted
    /// again, with its denominator, when J-LIS or a bearer queries it.
    int acquisitionMonths = 12;
    int statisticsMonths = 24; ///< daily check statistics (D8: 2 years; seed 資_04: 2 years on disk)
    std::filesystem::path auditArchiveDirectory = "audit-archive"; ///< empty: audit rows stay in the database
    std::vector<std::filesystem::path> receivedArchives;           ///< feed and linkage archive roots
    bool scheduled = true; ///< part of the built-in schedule (when batch.schedule.enabled)
    JstTime purgeAt{3, 0}; ///< daily start, outside the feed's 04:00–06:00 and the CRL's 07:00–08:00
};

/// The windows nightly maintenance jobs keep out of: the feed's quiet hours (04:00–06:00, the intermediate server's
/// maintenance) and the CRL import (07:00, in service by 08:00), which their long statements would slow down.
const std::vector<std::pair<JstTime, JstTime>>& nightlyBlockedWindows();

/// Reads the daily start time `key` ("HH:MM", JST; `fallback` when absent). Throws std::invalid_argument naming the
/// key when it is not a time of day or falls in nightlyBlockedWindows().
JstTime nightlyStartFrom(const Poco::Util::AbstractConfiguration& configuration, const std::string& key,
                         const std::string& fallback);

/// Reads a whole number `key` (`fallback` when absent) within [low, high]. Throws std::invalid_argument naming the
/// key, the bounds and `unit` when the text is not a whole number or out of range.
int wholeNumberFrom(const Poco::Util::AbstractConfiguration& configuration, const std::string& key, int fallback,
                    int low, int high, const std::string& unit);

/// Reads the retention.* keys (and the archive roots batch.feed.archive / batch.linkage.archive); relative paths
/// resolve against `baseDirectory`. Throws std::invalid_argument naming the key and what is wrong.
RetentionSettings retentionSettingsFrom(const Poco::Util::AbstractConfiguration& configuration,
                                        const std::string& baseDirectory);

/// What one purge removed (or, in a dry run, would remove).
struct RetentionReport
{
    std::uint64_t historyRows = 0;
    std::uint64_t versionRows = 0;
    std::uint64_t runRows = 0;
    std::uint64_t feedResultRows = 0;
    std::uint64_t archiveFolders = 0;
    std::uint64_t auditArchived = 0;
    std::uint64_t auditDeleted = 0;
    std::uint64_t auditFilesRetired = 0;
    std::uint64_t acquisitionRows = 0;
    std::uint64_t statisticsRows = 0;

    std::uint64_t total() const;
};

/// The retention purge job: deletes what is past its retention period and moves old audit rows to archive files.
/// Each step is idempotent, so a run cut short (kill -9) is completed by the next one.
class RetentionPurge
{
public:
    RetentionPurge(core::Database& database, RetentionSettings settings);

    /// Purges relative to `today` (a JST date); with `dryRun`, counts only. Throws on failure.
    RetentionReport run(const common::Date& today, bool dryRun, JobProgress& progress);

    /// A scheduled job (daily at settings.purgeAt, never in the feed or CRL windows; alarm if it is still running
    /// at 07:00, when the CRL import needs the database). `database` and `log` must outlive the schedule.
    static ScheduledJob scheduledJob(core::Database& database, RetentionSettings settings, std::ostream& log);

private:
    /// Deletes (counts, in a dry run) the rows of `table` whose `column` sorts before `cutoff`, and `condition`.
    std::uint64_t deleteOlder(const std::string& table, const std::string& column, const std::string& cutoff,
                              bool dryRun, const std::string& condition = {});
    std::uint64_t removeArchiveFolders(const common::Date& cutoff, bool dryRun);

    core::Database& m_database;
    RetentionSettings m_settings;
};

} // namespace oqs::server::batch
