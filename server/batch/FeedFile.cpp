// SPDX-License-Identifier: Apache-2.0
#include "batch/FeedFile.h"

#include "batch/BatchError.h"

#include <charconv>
#include <map>
#include <optional>
#include <stdexcept>
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

FeedFile FeedFile::scan(std::string_view bytes, const std::string& name)
{
    const std::string rejected = name + ": rejected whole: ";
    if (!common::isValidUtf8(bytes)) {
        // The whole-file reader names the first line that does not decode.
        throw BatchError(rejected + common::readCsv(bytes, common::TextEncoding::Utf8).error().detail);
    }
    FeedFile file;
    file.text = bytes.starts_with(kUtf8Bom) ? bytes.substr(kUtf8Bom.size()) : bytes;
    common::CsvReader reader(file.text);
    common::CsvRecord row;
    const auto next = [&]() -> std::optional<FeedRowPlace> {
        const FeedRowPlace place{0, reader.offset(), reader.line()};
        const auto read = reader.next(row);
        if (!read) {
            throw BatchError(rejected + read.error().detail);
        }
        return *read ? std::optional(place) : std::nullopt;
    };
    if (!next() || row.fields != columns()) {
        throw BatchError(rejected + "line 1: the header is not feed layout v1");
    }
    // A row is known to be data only once another non-blank row follows it: the last one is the trailer. Blank
    // lines at the end are ignored; blank lines before the trailer are data rows with no fields.
    std::map<std::string, std::uint32_t, std::less<>> insurerIndex;
    std::size_t dataRows = 0;
    std::optional<FeedRowPlace> pending; // the last non-blank row so far, and the blank rows after it
    std::vector<std::size_t> blankLines;
    std::vector<std::string> pendingFields;
    const auto addDataRow = [&](const FeedRowPlace& place, const std::vector<std::string>& fields) {
        ++dataRows;
        if (fields.size() != kColumnCount) {
            file.unattributed.push_back({place.line, "expected " + std::to_string(kColumnCount) + " fields, found " +
                                                         std::to_string(fields.size())});
            return;
        }
        const auto sequence = integerOf(fields[kSequence]);
        if (!sequence || *sequence <= 0) {
            file.unattributed.push_back({place.line, "sequence: not a positive number"});
            return;
        }
        if (common::checkInsurerNumber(fields[kInsurer])) {
            file.unattributed.push_back({place.line, "insurer_number: invalid"});
            return;
        }
        const auto [entry, added] = insurerIndex.try_emplace(fields[kInsurer], std::uint32_t(file.insurers.size()));
        if (added) {
            file.insurers.push_back(fields[kInsurer]);
        }
        file.rows.push_back({entry->second, place.offset, place.line});
    };
    while (const auto place = next()) {
        if (row.fields.empty()) {
            blankLines.push_back(place->line);
            continue;
        }
        if (pending) {
            addDataRow(*pending, pendingFields);
        }
        for (const std::size_t line : blankLines) {
            addDataRow({0, 0, line}, {});
        }
        blankLines.clear();
        pending = place;
        std::swap(pendingFields, row.fields);
    }
    const std::vector<std::string>& trailer = pendingFields;
    const std::string where = rejected + "line " + std::to_string(pending ? pending->line : 1) + ": ";
    if (!pending || trailer.size() != 2 || trailer[0] != "END") {
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
