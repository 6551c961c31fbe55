// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/FeedRecord.h"

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

/// A parsed feed file (layout v1, resources/docs/feeds.md): UTF-8 CSV, a header row naming the columns, one data
/// row per record, a trailer row "END,<number of data rows>".
struct FeedFile
{
    std::vector<core::FeedRecord> records; ///< field-checked; a bad one carries its rejection reason
    std::vector<FeedLineRejection> unattributed;

    /// The header row of layout v1.
    static const std::vector<std::string>& columns();
    /// Parses a whole file. Throws BatchError naming the file and line when the file as a whole is unusable: not
    /// UTF-8, malformed CSV, wrong header, missing or wrong trailer (a truncated file).
    static FeedFile parse(std::string_view bytes, const std::string& name);
    /// Checks one data row (fields in column order) and builds its record; `line` is kept for the results.
    static core::FeedRecord parseRecord(const std::vector<std::string>& fields, std::size_t line);
};

} // namespace oqs::server::batch
