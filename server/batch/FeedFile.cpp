// SPDX-License-Identifier: Apache-2.0
#include "batch/FeedFile.h"

#include "batch/BatchError.h"

#include <algorithm>
#include <charconv>
#include <exception>
#include <map>
#include <optional>
#include <stdexcept>
#include <thread>
#include <oqs/common/Csv.h>
#include <oqs/common/FeedMessages.h>
#include <oqs/common/Validation.h>

namespace oqs::server::batch {
namespace {

enum Column : std::size_t {
    kSequence,
    kOperation,
    kInsurer,
    kSymbol,
    kNumber,
    kBranch,
    kBirthDate,
    kLinkage,
    kName,
    kNameKana,
    kSex,
    kRelationship,
    kCardCategory,
    kAcquisition,
    kLoss,
    kValidFrom,
    kValidTo,
    kCopayment,
    kAddress,
    kInsuredPerson,
    kOffice,
    kColumnCount
};

std::optional<std::int64_t> integerOf(std::string_view text)
{
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool allDigits(std::string_view text)
{
    return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

/// Collects "column: reason" for the first bad field; later checks are skipped once one failed.
class Checker
{
public:
    explicit Checker(const std::vector<std::string>& fields) : m_fields(fields) {}

    const std::string& text(Column column) const { return m_fields[column]; }
    void fail(Column column, std::string_view reason)
    {
        if (m_reason.empty()) {
            m_reason = FeedFile::columns()[column] + ": " + std::string(reason);
        }
    }
    std::optional<common::Date> optionalDate(Column column)
    {
        if (text(column).empty()) {
            return std::nullopt; // not registered by the insurer: allowed
        }
        const auto date = common::Date::parse(text(column));
        if (!date) {
            fail(column, "invalid-date");
        }
        return date;
    }
    std::optional<int> optionalCode(Column column)
    {
        if (text(column).empty()) {
            return std::nullopt;
        }
        const auto value = integerOf(text(column));
        if (!value) {
            fail(column, "not-digits");
        }
        return value ? std::optional<int>(int(*value)) : std::nullopt;
    }
    const std::string& reason() const { return m_reason; }

private:
    const std::vector<std::string>& m_fields;
    std::string m_reason;
};

} // namespace

const std::vector<std::string>& FeedFile::columns()
{
    // The file's header: the processing number and operation, then the record's columns as the HTTP feed has them.
    static const std::vector<std::string> kColumns = [] {
        std::vector<std::string> columns = {"sequence", "operation"};
        columns.insert(columns.end(), common::kFeedRecordColumns.begin(), common::kFeedRecordColumns.end());
        return columns;
    }();
    return kColumns;
}

core::FeedRecord FeedFile::parseRecord(std::vector<std::string> fields, std::size_t line)
{
    core::FeedRecord record;
    record.line = line;
    Checker check(fields);
    record.sequence = integerOf(fields[kSequence]).value_or(0);
    const auto operation = core::feedOperationFrom(fields[kOperation]);
    if (!operation) {
        check.fail(kOperation, "invalid-value");
    }
    record.operation = operation.value_or(core::FeedOperation::Register);
    common::Qualification& q = record.row.qualification;
    q.card = {std::move(fields[kInsurer]), std::move(fields[kSymbol]), std::move(fields[kNumber]),
              std::move(fields[kBranch])};
    for (const auto& error : common::normalizeAndCheck(q.card)) {
        const Column column = error.field == "insurerNumber" ? kInsurer
                              : error.field == "symbol"      ? kSymbol
                              : error.field == "number"      ? kNumber
                                                             : kBranch;
        check.fail(column, common::toWire(error.reason));
    }
    const auto birthDate = common::Date::parse(fields[kBirthDate]);
    if (!birthDate) {
        check.fail(kBirthDate, fields[kBirthDate].empty() ? "required" : "invalid-date");
    }
    q.birthDate = birthDate.value_or(common::Date{});
    if (record.operation != core::FeedOperation::Delete) {
        if (!allDigits(fields[kLinkage]) || fields[kLinkage].size() != 15) {
            check.fail(kLinkage, fields[kLinkage].empty() ? "required" : "wrong-length");
        }
        record.row.linkageNumber = std::move(fields[kLinkage]);
        if (fields[kName].empty()) {
            check.fail(kName, "required");
        }
        q.name = std::move(fields[kName]);
        q.nameKana = std::move(fields[kNameKana]);
        const auto sex = check.optionalCode(kSex);
        q.sex = sex ? common::sexFromCode(*sex).value_or(common::Sex::Unknown) : common::Sex::Unknown;
        if (sex && !common::sexFromCode(*sex)) {
            check.fail(kSex, "invalid-value");
        }
        if (const auto relationship = check.optionalCode(kRelationship)) {
            q.relationship = common::relationshipFromCode(*relationship);
            if (!q.relationship) {
                check.fail(kRelationship, "invalid-value");
            }
        }
        if (!fields[kCardCategory].empty()) {
            q.cardCategory = common::cardCategoryFromCode(fields[kCardCategory]);
            if (!q.cardCategory) {
                check.fail(kCardCategory, "invalid-value");
            }
        }
        q.acquisitionDate = check.optionalDate(kAcquisition);
        q.lossDate = check.optionalDate(kLoss);
        q.cardValidFrom = check.optionalDate(kValidFrom);
        q.cardValidTo = check.optionalDate(kValidTo);
        q.copaymentPercent = check.optionalCode(kCopayment);
        if (q.copaymentPercent && *q.copaymentPercent != 10 && *q.copaymentPercent != 20 && *q.copaymentPercent != 30) {
            check.fail(kCopayment, "invalid-value");
        }
        q.address = std::move(fields[kAddress]);
        q.insuredPersonName = std::move(fields[kInsuredPerson]);
        q.officeName = std::move(fields[kOffice]);
    }
    record.rejection = check.reason();
    return record;
}

namespace {

/// Where the parts of a file scanned in parallel start: at records, each after the first at a non-blank one (so
/// that the trailer, the last non-blank row, is in the last part), about evenly apart. A newline ends a record
/// exactly when the quotes before it are even in number: a quoted field's own quotes come in pairs.
std::vector<std::size_t> partStarts(std::string_view text, std::size_t parts)
{
    std::vector<std::size_t> starts = {0};
    std::size_t counted = 0; // quotes are counted in text[0, counted)
    bool quoted = false;
    for (std::size_t part = 1; part < parts; ++part) {
        std::size_t at = std::max(text.size() / parts * part, counted);
        quoted ^= std::count(text.begin() + std::ptrdiff_t(counted), text.begin() + std::ptrdiff_t(at), '"') % 2 != 0;
        for (; at < text.size(); ++at) {
            if (text[at] == '"') {
                quoted = !quoted;
            } else if (text[at] == '\n' && !quoted && at + 1 < text.size() && text[at + 1] != '\n' &&
                       text[at + 1] != '\r') {
                break;
            }
        }
        if (at >= text.size()) {
            break; // nothing but blank lines left
        }
        counted = ++at;
        starts.push_back(at);
    }
    return starts;
}

/// What scanning one part found, its insurers numbered within the part.
struct ScannedPart
{
    std::vector<std::string> insurers;
    std::vector<FeedRowPlace> rows;
    std::vector<FeedLineRejection> unattributed;
    std::size_t dataRows = 0;
    std::optional<FeedRowPlace> trailer; ///< the last part's last non-blank row
    std::vector<std::string> trailerFields;
};

/// Scans the records in text[begin, end), which starts on line `line`: the first part begins with the header, the
/// last ends with the trailer. Throws BatchError (prefixed with `rejected`) on malformed CSV or a wrong header.
ScannedPart scanPart(std::string_view text, std::size_t begin, std::size_t end, std::size_t line, bool first,
                     bool last, const std::string& rejected)
{
    ScannedPart part;
    common::CsvReader reader(text.substr(0, end), begin, line);
    common::CsvRecord row;
    const auto next = [&]() -> std::optional<FeedRowPlace> {
        const FeedRowPlace place{0, reader.offset(), reader.line()};
        const auto read = reader.next(row);
        if (!read) {
            throw BatchError(rejected + read.error().detail);
        }
        return *read ? std::optional(place) : std::nullopt;
    };
    if (first && (!next() || row.fields != FeedFile::columns())) {
        throw BatchError(rejected + "line 1: the header is not feed layout v1");
    }
    // A row is known to be data only once another non-blank row follows it: the last one is the trailer. Blank
    // lines at the end are ignored; blank lines before the trailer are data rows with no fields. A part before the
    // last is followed by a non-blank row (partStarts), so its rows are all data.
    std::map<std::string, std::uint32_t, std::less<>> insurerIndex;
    std::optional<FeedRowPlace> pending; // the last non-blank row so far, and the blank rows after it
    std::vector<std::size_t> blankLines;
    std::vector<std::string> pendingFields;
    const auto addDataRow = [&](const FeedRowPlace& place, const std::vector<std::string>& fields) {
        ++part.dataRows;
        if (fields.size() != kColumnCount) {
            part.unattributed.push_back({place.line, "expected " + std::to_string(kColumnCount) + " fields, found " +
                                                         std::to_string(fields.size())});
            return;
        }
        const auto sequence = integerOf(fields[kSequence]);
        if (!sequence || *sequence <= 0) {
            part.unattributed.push_back({place.line, "sequence: not a positive number"});
            return;
        }
        if (common::checkInsurerNumber(fields[kInsurer])) {
            part.unattributed.push_back({place.line, "insurer_number: invalid"});
            return;
        }
        const auto [entry, added] = insurerIndex.try_emplace(fields[kInsurer], std::uint32_t(part.insurers.size()));
        if (added) {
            part.insurers.push_back(fields[kInsurer]);
        }
        part.rows.push_back({entry->second, place.offset, place.line});
    };
    const auto addBlankLines = [&] {
        for (const std::size_t blank : blankLines) {
            addDataRow({0, 0, blank}, {});
        }
        blankLines.clear();
    };
    while (const auto place = next()) {
        if (row.fields.empty()) {
            blankLines.push_back(place->line);
            continue;
        }
        if (pending) {
            addDataRow(*pending, pendingFields);
        }
        addBlankLines();
        pending = place;
        std::swap(pendingFields, row.fields);
    }
    if (last) {
        part.trailer = pending;
        part.trailerFields = std::move(pendingFields);
    } else if (pending) {
        addDataRow(*pending, pendingFields);
        addBlankLines();
    }
    return part;
}

} // namespace

std::size_t FeedFile::defaultScanParts(std::size_t bytes)
{
    return std::clamp<std::size_t>(bytes / kMinimumScanPartBytes, 1, std::max(1U, std::thread::hardware_concurrency()));
}

FeedFile FeedFile::scan(std::string_view bytes, const std::string& name, std::size_t parts)
{
    const std::string rejected = name + ": rejected whole: ";
    if (!common::isValidUtf8(bytes)) {
        // The whole-file reader names the first line that does not decode.
        throw BatchError(rejected + common::readCsv(bytes, common::TextEncoding::Utf8).error().detail);
    }
    FeedFile file;
    file.text = bytes.starts_with(kUtf8Bom) ? bytes.substr(kUtf8Bom.size()) : bytes;

    // The parts are scanned on threads of their own; what they found is joined in file order, and the first fault
    // in file order is the one reported, as if the file had been read from start to end.
    const std::vector<std::size_t> starts = partStarts(file.text, std::max<std::size_t>(parts, 1));
    std::vector<ScannedPart> scanned(starts.size());
    std::vector<std::exception_ptr> failures(starts.size());
    {
        std::vector<std::jthread> threads;
        std::size_t line = 1;
        for (std::size_t index = 0; index < starts.size(); ++index) {
            if (index > 0) {
                line += std::size_t(std::count(file.text.begin() + std::ptrdiff_t(starts[index - 1]),
                                               file.text.begin() + std::ptrdiff_t(starts[index]), '\n'));
            }
            const bool last = index + 1 == starts.size();
            const std::size_t end = last ? file.text.size() : starts[index + 1];
            const auto scanOne = [&, index, line, last, end] {
                try {
                    scanned[index] = scanPart(file.text, starts[index], end, line, index == 0, last, rejected);
                } catch (...) {
                    failures[index] = std::current_exception();
                }
            };
            if (last) {
                scanOne(); // on this thread
            } else {
                threads.emplace_back(scanOne);
            }
        }
    }
    for (const auto& failure : failures) {
        if (failure) {
            std::rethrow_exception(failure);
        }
    }

    std::map<std::string_view, std::uint32_t> insurerIndex;
    std::size_t dataRows = 0;
    for (ScannedPart& part : scanned) {
        std::vector<std::uint32_t> global(part.insurers.size());
        for (std::size_t local = 0; local < part.insurers.size(); ++local) {
            const auto [entry, added] =
                insurerIndex.try_emplace(part.insurers[local], std::uint32_t(file.insurers.size()));
            if (added) {
                file.insurers.push_back(part.insurers[local]);
            }
            global[local] = entry->second;
        }
        for (FeedRowPlace& row : part.rows) {
            row.insurer = global[row.insurer];
        }
        file.rows.insert(file.rows.end(), part.rows.begin(), part.rows.end());
        file.unattributed.insert(file.unattributed.end(), std::make_move_iterator(part.unattributed.begin()),
                                 std::make_move_iterator(part.unattributed.end()));
        dataRows += part.dataRows;
    }
    const ScannedPart& lastPart = scanned.back();
    const std::vector<std::string>& trailer = lastPart.trailerFields;
    const std::string where = rejected + "line " + std::to_string(lastPart.trailer ? lastPart.trailer->line : 1) + ": ";
    if (!lastPart.trailer || trailer.size() != 2 || trailer[0] != "END") {
        throw BatchError(where + "no trailer row END,<records> (truncated file?)");
    }
    if (integerOf(trailer[1]) != std::optional<std::int64_t>(std::int64_t(dataRows))) {
        throw BatchError(where + "the trailer says " + trailer[1] + " records, the file has " +
                         std::to_string(dataRows) + " (truncated file?)");
    }
    return file;
}

core::FeedRecord FeedFile::record(const FeedRowPlace& place) const
{
    common::CsvReader reader(text, place.offset, place.line);
    common::CsvRecord row;
    const auto read = reader.next(row);
    if (!read || !*read) {
        throw std::logic_error("FeedFile::record: no row at the place scan() found");
    }
    return parseRecord(std::move(row.fields), place.line);
}

} // namespace oqs::server::batch
