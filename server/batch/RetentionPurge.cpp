// SPDX-License-Identifier: Apache-2.0
#include "batch/RetentionPurge.h"

#include "batch/AuditArchive.h"

#include <Poco/Data/Statement.h>
#include <Poco/Util/AbstractConfiguration.h>
#include <cctype>
#include <stdexcept>

using namespace Poco::Data::Keywords;

namespace oqs::server::batch {
namespace {

namespace fs = std::filesystem;

const std::vector<std::pair<JstTime, JstTime>> kNightlyBlocked = {{{4, 0}, {6, 0}}, {{7, 0}, {8, 0}}};

fs::path resolved(const std::string& path, const std::string& base)
{
    if (path.empty() || fs::path(path).is_absolute()) {
        return path;
    }
    return (fs::path(base) / path).lexically_normal();
}

} // namespace

std::uint64_t RetentionReport::total() const
{
    return historyRows + versionRows + runRows + feedResultRows + archiveFolders + auditArchived + auditDeleted +
           auditFilesRetired + acquisitionRows + statisticsRows;
}

const std::vector<std::pair<JstTime, JstTime>>& nightlyBlockedWindows()
{
    return kNightlyBlocked;
}

int wholeNumberFrom(const Poco::Util::AbstractConfiguration& configuration, const std::string& key, int fallback,
                    int low, int high, const std::string& unit)
{
    const std::string text = configuration.getString(key, std::to_string(fallback));
    int value = 0;
    try {
        std::size_t end = 0;
        value = std::stoi(text, &end);
        if (end != text.size()) {
            throw std::invalid_argument(text);
        }
    } catch (const std::exception&) {
        throw std::invalid_argument(key + " must be a whole number of " + unit + ", not '" + text + "'");
    }
    if (value < low || value > high) {
        throw std::invalid_argument(key + " must be between " + std::to_string(low) + " and " + std::to_string(high) +
                                    " " + unit + ", not " + std::to_string(value));
    }
    return value;
}

JstTime nightlyStartFrom(const Poco::Util::AbstractConfiguration& configuration, const std::string& key,
                         const std::string& fallback)
{
    const std::string text = configuration.getString(key, fallback);
    const bool shaped = text.size() == 5 && text[2] == ':' && std::isdigit(static_cast<unsigned char>(text[0])) &&
                        std::isdigit(static_cast<unsigned char>(text[1])) &&
                        std::isdigit(static_cast<unsigned char>(text[3])) &&
                        std::isdigit(static_cast<unsigned char>(text[4]));
    const JstTime time{shaped ? std::stoi(text.substr(0, 2)) : -1, shaped ? std::stoi(text.substr(3, 2)) : -1};
    if (time.hour < 0 || time.hour > 23 || time.minute < 0 || time.minute > 59) {
        throw std::invalid_argument(key + " must be a time of day HH:MM (JST), not '" + text + "'");
    }
    ScheduledJob probe;
    probe.blocked = kNightlyBlocked;
    probe.at = time;
    const auto midnight = std::chrono::system_clock::time_point{} - std::chrono::hours(9); // 00:00 JST
    if (!BatchSchedule::allowedAt(probe, midnight + std::chrono::minutes(time.minutes()))) {
        throw std::invalid_argument(key + " must be outside 04:00-06:00 (feed) and 07:00-08:00 (CRL import), not " +
                                    text);
    }
    return time;
}

RetentionSettings retentionSettingsFrom(const Poco::Util::AbstractConfiguration& configuration,
                                        const std::string& baseDirectory)
{
    constexpr int kCentury = 1200;
    RetentionSettings settings;
    settings.historyMonths = wholeNumberFrom(configuration, "retention.history.months", 6, 1, kCentury, "months");
    settings.versionsMonths = wholeNumberFrom(configuration, "retention.versions.months", 6, 1, kCentury, "months");
    if (settings.versionsMonths < settings.historyMonths) {
        throw std::invalid_argument("retention.versions.months (" + std::to_string(settings.versionsMonths) +
                                    ") must be at least retention.history.months (" +
                                    std::to_string(settings.historyMonths) +
                                    "): a check still in the history needs the version it was answered from");
    }
    settings.resultsMonths = wholeNumberFrom(configuration, "retention.results.months", 6, 1, kCentury, "months");
    settings.archiveDays = wholeNumberFrom(configuration, "retention.archive.days", 90, 1, 36500, "days");
    settings.auditYears = wholeNumberFrom(configuration, "retention.audit.years", 3, 1, 100, "years");
    settings.auditOnlineMonths =
        wholeNumberFrom(configuration, "retention.audit.online.months", 6, 1, settings.auditYears * 12, "months");
    settings.acquisitionMonths =
        wholeNumberFrom(configuration, "retention.acquisition.months", 12, 1, kCentury, "months");
    settings.statisticsMonths =
        wholeNumberFrom(configuration, "retention.statistics.months", 24, 1, kCentury, "months");
    settings.auditArchiveDirectory =
        resolved(configuration.getString("retention.audit.archive.dir", "audit-archive"), baseDirectory);
    for (const char* key : {"batch.feed.archive", "batch.linkage.archive"}) {
        const auto root = resolved(configuration.getString(key, ""), baseDirectory);
        if (!root.empty()) {
            settings.receivedArchives.push_back(root);
        }
    }
    settings.scheduled = configuration.getBool("retention.schedule.enabled", true);
    settings.purgeAt = nightlyStartFrom(configuration, "retention.schedule.at", "03:00");
    return settings;
}

RetentionPurge::RetentionPurge(core::Database& database, RetentionSettings settings)
    : m_database(database), m_settings(std::move(settings))
{
}

std::uint64_t RetentionPurge::deleteOlder(const std::string& table, const std::string& column,
                                          const std::string& cutoff, bool dryRun, const std::string& condition)
{
    // Timestamps are ISO 8601 text in both dialects ("YYYY-MM-DD…"): a bare date sorts before every time of its day.
    const std::string where = " FROM " + table + " WHERE " + column + " < ?" + condition;
    auto session = m_database.session();
    std::string before = cutoff;
    Poco::Int64 count = 0;
    *session << m_database.sql("SELECT COUNT(*)" + where), use(before), into(count), now;
    if (!dryRun && count > 0) {
        *session << m_database.sql("DELETE" + where), use(before), now;
    }
    return std::uint64_t(count);
}

std::uint64_t RetentionPurge::removeArchiveFolders(const common::Date& cutoff, bool dryRun)
{
    std::uint64_t removed = 0;
    for (const auto& root : m_settings.receivedArchives) {
        std::error_code missing;
        for (const auto& entry : fs::directory_iterator(root, missing)) {
            const std::string name = entry.path().filename().string();
            const auto day = name.size() == 8 ? common::Date::parse(name) : std::nullopt;
            // Only the importers' own day folders: anything else an operator put there is left alone.
            if (!entry.is_directory() || !day || *day >= cutoff) {
                continue;
            }
            if (!dryRun) {
                fs::remove_all(entry.path());
            }
            ++removed;
        }
    }
    return removed;
}

RetentionReport RetentionPurge::run(const common::Date& today, bool dryRun, JobProgress& progress)
{
    RetentionReport report;
    report.historyRows =
        deleteOlder("check_history", "checked_at", today.addMonths(-m_settings.historyMonths).toIso(), dryRun);
    progress.finish("check-history", report.historyRows);
    // Current rows have no superseded_at (NULL never compares below the cutoff): only superseded versions go.
    report.versionRows = deleteOlder("qualification_version", "superseded_at",
                                     today.addMonths(-m_settings.versionsMonths).toIso(), dryRun);
    progress.finish("qualification-versions", report.versionRows);
    const std::string resultsCutoff = today.addMonths(-m_settings.resultsMonths).toIso();
    report.feedResultRows = deleteOlder("feed_result", "processed_at", resultsCutoff, dryRun);
    // Finished runs only: the purge's own run (and any still going) keeps its row.
    report.runRows = deleteOlder("batch_run", "started_at", resultsCutoff, dryRun, " AND finished_at IS NOT NULL");
    progress.finish("batch-results", report.feedResultRows + report.runRows);
    // Whole months only: a month's acquisition count (the serial-provision fee) is never cut in half.
    const common::Date monthStart{today.year, today.month, 1};
    report.acquisitionRows = deleteOlder("linkage_acquisition_log", "acquired_on",
                                         monthStart.addMonths(-m_settings.acquisitionMonths).toIso(), dryRun);
    progress.finish("acquisition-log", report.acquisitionRows);
    report.statisticsRows =
        deleteOlder("check_statistics_daily", "day", today.addMonths(-m_settings.statisticsMonths).toIso(), dryRun);
    progress.finish("statistics", report.statisticsRows);
    report.archiveFolders = removeArchiveFolders(today.addDays(-m_settings.archiveDays), dryRun);
    progress.finish("received-archives", report.archiveFolders);
    if (!m_settings.auditArchiveDirectory.empty()) {
        AuditArchive archive(m_database, m_settings.auditArchiveDirectory);
        const auto audit = archive.archiveBefore(today.addMonths(-m_settings.auditOnlineMonths), dryRun, progress);
        report.auditArchived = audit.archived;
        report.auditDeleted = audit.deleted;
        report.auditFilesRetired = archive.retireBefore(today.addMonths(-12 * m_settings.auditYears), dryRun);
        progress.finish("audit-archive", report.auditArchived);
    }
    return report;
}

ScheduledJob RetentionPurge::scheduledJob(core::Database& database, RetentionSettings settings, std::ostream& log)
{
    ScheduledJob job;
    job.name = "purge";
    job.at = settings.purgeAt;
    job.blocked = kNightlyBlocked;
    job.finishBy = JstTime{7, 0};
    job.body = [&database, &log, settings = std::move(settings)] {
        JobProgress progress(log, "purge", false);
        return RetentionPurge(database, settings).run(common::Date::todayJst(), false, progress).total();
    };
    return job;
}

} // namespace oqs::server::batch
