// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "batch/JobProgress.h"
#include "core/AuditRepository.h"
#include "core/Database.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <oqs/common/Date.h>
#include <string>
#include <vector>

namespace oqs::server::batch {

/// What one archiving pass did (or, in a dry run, would do).
struct AuditArchiveReport
{
    std::uint64_t archived = 0;     ///< rows newly written to archive files
    std::uint64_t deleted = 0;      ///< rows deleted from the database (archived now or by an interrupted earlier pass)
    std::vector<std::string> files; ///< archive files written, in order
};

/// The outcome of checking archive files and database as one chain.
struct AuditChainCheck
{
    std::uint64_t archivedRecords = 0;
    std::uint64_t databaseRecords = 0;
    std::int64_t firstSequence = 0; ///< the record the chain starts at (1 unless old archives were retired)
    /// Where and why the chain breaks ("audit-2026-03.jsonl line 12 (record 345): …"); nullopt: intact.
    std::optional<std::string> brokenAt;
};

/// Audit rows past their online period, moved to monthly archive files that keep the hash chain (PRODUCT.md D8).
///
/// Files: `<dir>/audit-YYYY-MM.jsonl`, one JSON object per line with every column of audit_log, in sequence order;
/// a row belongs to the month it was recorded in (never to an earlier month than the row before it, so that the
/// files taken in name order hold one unbroken run of sequence numbers). A file is replaced whole: written beside
/// as `.tmp`, fsync'd, renamed over, and the folder fsync'd; only then are its rows deleted from the database. A
/// kill at any point therefore loses nothing: a torn `.tmp` is rewritten by the next pass, and rows both in a file
/// and still in the database are recognised by their sequence number and deleted then. The newest row always stays
/// in the database: the log's next record chains to it. Retired files (past the archive period) leave their last
/// record in `audit-retired.json`, so that the first remaining file must still chain to it.
class AuditArchive
{
public:
    AuditArchive(core::Database& database, std::filesystem::path directory);

    /// Moves the rows recorded before `cutoff` (a JST date) to the archive files; with `dryRun`, counts only. Each
    /// month file finished (written, in place, its rows deleted) is reported to `progress` as phase "audit-YYYY-MM".
    /// Throws BatchError when the database does not continue the archive's chain (nothing is deleted then).
    AuditArchiveReport archiveBefore(const common::Date& cutoff, bool dryRun, JobProgress& progress);
    /// Deletes the files of months wholly before `cutoff`, recording the last retired record first. Returns the
    /// number of files (to be) deleted.
    std::uint64_t retireBefore(const common::Date& cutoff, bool dryRun);
    /// Checks the archive files, then the database, as one hash chain.
    AuditChainCheck verify();

    /// The archive files in chain order.
    std::vector<std::filesystem::path> files() const;

private:
    struct Row
    {
        std::int64_t sequence = 0;
        std::string recordedAt;
        core::AuditEvent event;
        std::string previousHash;
        std::string hash;
    };
    std::vector<Row> readDatabaseRows(std::int64_t after, std::int64_t before, const std::string& recordedBefore,
                                      std::size_t limit);
    std::optional<Row> lastRowOf(const std::filesystem::path& file) const;
    std::uint64_t deleteRange(std::int64_t from, std::int64_t through, bool dryRun);

    static std::string encodeRow(const Row& row);
    static std::optional<Row> decodeRow(const std::string& line);

    core::Database& m_database;
    std::filesystem::path m_directory;
};

} // namespace oqs::server::batch
