// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "oqs/common/Result.h"
#include "oqs/common/TextEncoding.h"

#include <string>
#include <string_view>
#include <vector>

namespace oqs::common {

using CsvRow = std::vector<std::string>;

/// RFC 4180 writing: fields quoted when they hold a comma, quote, CR or LF; quotes doubled; CRLF line ends.
/// Rows are UTF-8 in memory and written in `encoding`; fails (BadRequest naming row and column) if a field
/// cannot be represented in CP932 or is not well-formed UTF-8. A row whose only field is empty is written as ""
/// so that it does not read back as a blank line.
Result<std::string> writeCsv(const std::vector<CsvRow>& rows, TextEncoding encoding);

/// One parsed record with the 1-based physical line it started on (for "line N: reason" reports).
struct CsvRecord {
    std::size_t line = 0;
    CsvRow fields;
};

/// RFC 4180 reading of a whole file in `encoding` (a UTF-8 BOM is accepted either way). Accepts CRLF or LF.
/// A malformed file (unterminated quote, stray quote, invalid encoding) fails whole with the line number: where
/// an unclosed quoted field opened, else where the fault is. A blank line is a record with no fields.
Result<std::vector<CsvRecord>> readCsv(std::string_view bytes, TextEncoding encoding);

} // namespace oqs::common
