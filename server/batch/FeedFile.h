// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/FeedRecord.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace oqs::server::batch {

/// A line of a feed file that cannot be attributed to an insurer's sequence (no valid insurer number or sequence).
struct FeedLineRejection
{
    std::size_t line = 0;
    std::string reason;
};

/// Where a data row of a feed file is, kept from the pass that checks the file to the pass that applies it.
struct FeedRowPlace
{
    std::uint32_t insurer = 0; ///< index into FeedFile::insurers
    std::size_t offset = 0;    ///< of the row in FeedFile::text
    std::size_t line = 0;
};

/// A checked feed file (layout v1, resources/docs/feeds.md): UTF-8 CSV, a header row naming the columns, one data
/// row per record, a trailer row "END,<number of data rows>". It keeps where its rows are, not the rows: a file of
/// millions of records is read twice from `text` (a view of the caller's bytes, typically a mapped file) instead of
/// being held in memory as records.
struct FeedFile
{
    std::string_view text;             ///< the file after a byte order mark
    std::vector<std::string> insurers; ///< the insurer numbers of `rows`, in order of first appearance
    std::vector<FeedRowPlace> rows;    ///< attributed data rows, in file order
    std::vector<FeedLineRejection> unattributed;

    /// The header row of layout v1.
    static const std::vector<std::string>& columns();
    /// Below this, a part of a file is not worth a thread of its own.
    static constexpr std::size_t kMinimumScanPartBytes = 1 << 20;

    /// Checks a whole file. Throws BatchError naming the file and line when the file as a whole is unusable: not
    /// UTF-8, malformed CSV, wrong header, missing or wrong trailer (a truncated file). `bytes` must outlive the
    /// result. The file is read in up to `parts` parts in parallel, with the same result and the same first fault.
    static FeedFile scan(std::string_view bytes, const std::string& name, std::size_t parts);
    /// One part per core, each of kMinimumScanPartBytes at least.
    static std::size_t defaultScanParts(std::size_t bytes);
    /// The field-checked record of a row of `rows` (a bad one carries its rejection reason).
    core::FeedRecord record(const FeedRowPlace& place) const;
    /// Checks one data row (fields in column order) and builds its record; `line` is kept for the results.
    static core::FeedRecord parseRecord(std::vector<std::string> fields, std::size_t line);
};

} // namespace oqs::server::batch
