// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "batch/JobProgress.h"
#include "core/Database.h"
#include "core/LinkageRepository.h"

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <vector>

namespace oqs::server::batch {

struct LinkageImportReport
{
    core::LinkageKind kind = core::LinkageKind::SerialLinkage;
    std::uint64_t rows = 0; ///< data rows read
    std::uint64_t applied = 0;
    std::uint64_t rejected = 0;
    std::uint64_t duplicates = 0; ///< re-sent rows that change nothing
    std::filesystem::path resultFile;
};

/// The card-serial linkage files (resources/docs/feeds.md §3): parses a file of either layout, applies it in one
/// transaction with its acquisition record log rows, writes the per-row result file "<name>.result.csv" (line,
/// status, reason) beside it, then moves the file into the archive folder (the layout feed-import uses, so one
/// retention purge covers both). Re-importing a file is harmless: its rows come back as duplicates. The caller
/// serialises imports (the batch lock).
class LinkageImporter
{
public:
    /// `archiveDirectory`: where processed files go (one sub-folder per JST day); empty keeps them in place.
    LinkageImporter(core::Database& database, std::filesystem::path archiveDirectory)
        : m_database(database), m_archive(std::move(archiveDirectory))
    {
    }

    /// Imports one file. Throws BatchError (nothing applied, no result file, the file stays) when the file is
    /// rejected whole; a crash or database failure leaves the file wholly applied or not at all.
    LinkageImportReport importFile(const std::filesystem::path& file, JobProgress& progress);
    /// Imports `files` in order (serial + linkage files before the renewal files that refer to their serials), one
    /// summary line per file on `log`. A file rejected whole does not stop the others; afterwards throws BatchError
    /// naming the rejected files. Returns the number of rows read.
    std::uint64_t importFiles(const std::vector<std::filesystem::path>& files, JobProgress& progress,
                              std::ostream& log);

private:
    core::Database& m_database;
    std::filesystem::path m_archive;
};

} // namespace oqs::server::batch
