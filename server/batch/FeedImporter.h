// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "batch/JobProgress.h"
#include "core/Database.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <ostream>
#include <vector>

namespace oqs::server::batch {

struct FeedImportReport
{
    std::uint64_t records = 0; ///< data rows read
    std::uint64_t applied = 0;
    std::uint64_t rejected = 0;   ///< including rows that could not be attributed to an insurer
    std::uint64_t duplicates = 0; ///< re-sent records, already processed before
    std::filesystem::path resultFile;
};

/// The qualification feed from files (D11): parses a feed file, applies each insurer's records in sequence order
/// (insurers in parallel on PostgreSQL), writes the per-record result file "<name>.result.csv" (line, insurer,
/// sequence, status, reason) beside it, then moves the file into the archive folder. Re-importing a file is
/// harmless: its records come back as duplicates. The caller serialises imports (the batch lock).
class FeedImporter
{
public:
    /// Records per transaction, about: insurers in number order share a transaction until it has this many.
    static constexpr std::size_t kRecordsPerTransaction = 10'000;

    /// `archiveDirectory`: where processed files go (one sub-folder per JST day); empty keeps them in place.
    FeedImporter(core::Database& database, std::filesystem::path archiveDirectory,
                 std::size_t recordsPerTransaction = kRecordsPerTransaction)
        : m_database(database), m_archive(std::move(archiveDirectory)), m_recordsPerTransaction(recordsPerTransaction)
    {
    }

    /// Imports one file. Throws BatchError (nothing applied, no result file) when the file is rejected whole; a
    /// database failure mid-way leaves each insurer's records wholly applied or not, and a re-run completes it.
    FeedImportReport importFile(const std::filesystem::path& file, JobProgress& progress);
    /// Imports `files` in order, one summary line per file on `log`. A file rejected whole does not stop the others
    /// (their other insurers do not depend on it); afterwards throws BatchError naming the rejected files.
    /// Returns the number of records read.
    std::uint64_t importFiles(const std::vector<std::filesystem::path>& files, JobProgress& progress,
                              std::ostream& log);

    /// The feed files waiting in `inbox`: every *.csv except result files, sorted by name.
    static std::vector<std::filesystem::path> filesIn(const std::filesystem::path& inbox);

private:
    core::Database& m_database;
    std::filesystem::path m_archive;
    std::size_t m_recordsPerTransaction;
};

} // namespace oqs::server::batch
