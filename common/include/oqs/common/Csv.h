// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "oqs/common/Result.h"
#include "oqs/common/TextEncoding.h"

#include <optional>
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

/// RFC 4180 reading, one record at a time, of text already decoded to UTF-8 (no copy of it is made): a file of
/// millions of rows needs memory for one. A reader made at a record's offset() and line() reads that record again.
class CsvReader {
public:
    explicit CsvReader(std::string_view utf8, std::size_t offset = 0, std::size_t line = 1);

    /// Reads the next record into `record` (replacing its fields): true, or false at the end of the text. A
    /// malformed record fails (BadRequest, the detail naming the line) and the reader must not be used further.
    Result<bool> next(CsvRecord& record);
    /// Where the next record starts: its byte offset and 1-based line.
    std::size_t offset() const { return m_pos; }
    std::size_t line() const { return m_line; }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }
    bool consume(char c);
    std::optional<Error> readField(std::string& field);
    std::optional<Error> readQuoted(std::string& field);
    std::optional<Error> endRecord();

    std::string_view m_text;
    std::size_t m_pos;
    std::size_t m_line;
};

/// RFC 4180 reading of a whole file in `encoding` (a UTF-8 BOM is accepted either way). Accepts CRLF or LF.
/// A malformed file (unterminated quote, stray quote, invalid encoding) fails whole with the line number: where
/// an unclosed quoted field opened, else where the fault is. A blank line is a record with no fields.
Result<std::vector<CsvRecord>> readCsv(std::string_view bytes, TextEncoding encoding);

} // namespace oqs::common
