// SPDX-License-Identifier: Apache-2.0
#include "oqs/common/Csv.h"

#include <algorithm>
#include <optional>

namespace oqs::common {
namespace {

constexpr auto npos = std::string_view::npos;

/// A character that ends an unquoted field, so a field holding one must be quoted.
bool isSeparatorOrQuote(char c)
{
    return c == ',' || c == '"' || c == '\r' || c == '\n';
}

void appendField(std::string& out, std::string_view field, bool aloneInRow)
{
    // A row's only field, when empty, is quoted so that it reads back as one empty field rather than a blank line.
    const bool quote = std::any_of(field.begin(), field.end(), isSeparatorOrQuote) || (aloneInRow && field.empty());
    if (!quote) {
        out += field;
        return;
    }
    out += '"';
    for (char c : field) {
        if (c == '"') {
            out += '"';
        }
        out += c;
    }
    out += '"';
}

std::string toUtf8Csv(const std::vector<CsvRow>& rows)
{
    std::string out;
    for (const CsvRow& row : rows) {
        for (std::size_t column = 0; column < row.size(); ++column) {
            if (column > 0) {
                out += ',';
            }
            appendField(out, row[column], row.size() == 1);
        }
        out += "\r\n";
    }
    return out;
}

/// The error for the first field that cannot be written in `encoding`. Conversion is per character and the
/// separators are ASCII, so when the whole text fails, one of its fields fails on its own.
Error unwritableField(const std::vector<CsvRow>& rows, TextEncoding encoding)
{
    for (std::size_t row = 0; row < rows.size(); ++row) {
        for (std::size_t column = 0; column < rows[row].size(); ++column) {
            const std::string& field = rows[row][column];
            if (encodeText(field, encoding)) {
                continue;
            }
            const std::string where = "row " + std::to_string(row + 1) + " column " + std::to_string(column + 1);
            const char* why = isValidUtf8(field) ? ": a character has no CP932 form" : ": not well-formed UTF-8";
            return Error::badRequest({FieldError{where, FieldReason::InvalidCharacters}}, where + why);
        }
    }
    // Reached only if even ASCII fails, i.e. the platform lacks the CP932 conversion.
    return Error{Status::Internal, "text conversion unavailable", {}};
}

Error malformed(std::size_t line, FieldReason reason, std::string_view what)
{
    const std::string where = "line " + std::to_string(line);
    return Error::badRequest({FieldError{where, reason}}, where + ": " + std::string(what));
}

/// The 1-based line holding the first byte that does not decode, given that `bytes` as a whole does not.
std::size_t firstUndecodableLine(std::string_view bytes, TextEncoding encoding)
{
    // A line feed is never part of a multibyte character in UTF-8 or CP932, so the lines decode independently.
    // Each piece after the first starts with the preceding line feed so that a U+FEFF opening a later line is not
    // dropped as if it were the file's BOM.
    std::size_t line = 1;
    std::size_t start = 0;
    for (std::size_t end = bytes.find('\n'); end != npos; end = bytes.find('\n', end + 1), ++line) {
        if (!decodeText(bytes.substr(start, end - start), encoding)) {
            return line;
        }
        start = end;
    }
    return line;
}

} // namespace

CsvReader::CsvReader(std::string_view utf8, std::size_t offset, std::size_t line)
    : m_text(utf8), m_pos(offset), m_line(line)
{
}

Result<bool> CsvReader::next(CsvRecord& record)
{
    if (atEnd()) {
        return false;
    }
    record.line = m_line;
    // The fields of the previous record are overwritten, not destroyed, so that a reader of millions of records
    // reuses their buffers instead of allocating a string per field and record.
    std::size_t count = 0;
    // A blank line is a record without fields, so that a row written with no fields reads back as one.
    if (peek() != '\n' && peek() != '\r') {
        do {
            if (count == record.fields.size()) {
                record.fields.emplace_back();
            }
            if (auto error = readField(record.fields[count++])) {
                return *error;
            }
        } while (consume(','));
    }
    record.fields.resize(count);
    if (auto error = endRecord()) {
        return *error;
    }
    return true;
}

bool CsvReader::consume(char c)
{
    if (atEnd() || m_text[m_pos] != c) {
        return false;
    }
    ++m_pos;
    return true;
}

std::optional<Error> CsvReader::readField(std::string& field)
{
    if (consume('"')) {
        return readQuoted(field);
    }
    const std::size_t start = m_pos;
    const char* const end = m_text.data() + m_text.size();
    const char* stop = m_text.data() + start;
    while (stop != end && !isSeparatorOrQuote(*stop)) {
        ++stop;
    }
    m_pos = std::size_t(stop - m_text.data());
    field.assign(m_text.data() + start, stop);
    if (peek() == '"') {
        return malformed(m_line, FieldReason::InvalidValue, "quote inside an unquoted field");
    }
    return std::nullopt;
}

/// The rest of a quoted field, after its opening quote.
std::optional<Error> CsvReader::readQuoted(std::string& field)
{
    const std::size_t openedOn = m_line;
    field.clear();
    while (true) {
        const std::size_t quote = m_text.find('"', m_pos);
        if (quote == npos) {
            return malformed(openedOn, FieldReason::InvalidValue, "quoted field not closed");
        }
        const std::string_view content = m_text.substr(m_pos, quote - m_pos);
        field += content;
        m_line += static_cast<std::size_t>(std::count(content.begin(), content.end(), '\n'));
        m_pos = quote + 1;
        if (!consume('"')) {
            return std::nullopt;
        }
        field += '"';
    }
}

/// Consumes the line end after a record's last field (none at the end of the file).
std::optional<Error> CsvReader::endRecord()
{
    if (consume('\r')) {
        if (!consume('\n')) {
            return malformed(m_line, FieldReason::InvalidValue, "carriage return without line feed");
        }
    } else if (!atEnd() && !consume('\n')) {
        // Unquoted fields stop only at separators, so this follows a closing quote.
        return malformed(m_line, FieldReason::InvalidValue, "characters after a closing quote");
    }
    ++m_line;
    return std::nullopt;
}

Result<std::string> writeCsv(const std::vector<CsvRow>& rows, TextEncoding encoding)
{
    auto encoded = encodeText(toUtf8Csv(rows), encoding);
    if (!encoded) {
        return unwritableField(rows, encoding);
    }
    return std::move(*encoded);
}

Result<std::vector<CsvRecord>> readCsv(std::string_view bytes, TextEncoding encoding)
{
    const auto text = decodeText(bytes, encoding);
    if (!text) {
        const char* what = encoding == TextEncoding::Cp932 ? "not valid CP932" : "not well-formed UTF-8";
        return malformed(firstUndecodableLine(bytes, encoding), FieldReason::InvalidCharacters, what);
    }
    std::vector<CsvRecord> records;
    CsvReader reader(*text);
    for (CsvRecord record;;) {
        const auto read = reader.next(record);
        if (!read) {
            return read.error();
        }
        if (!*read) {
            return records;
        }
        records.push_back(std::move(record));
    }
}

} // namespace oqs::common
