// SPDX-License-Identifier: Apache-2.0
#include "batch/FeedFile.h"

#include "batch/BatchError.h"

#include <charconv>
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

core::FeedRecord FeedFile::parseRecord(const std::vector<std::string>& fields, std::size_t line)
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
    q.card = {fields[kInsurer], fields[kSymbol], fields[kNumber], fields[kBranch]};
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
        record.row.linkageNumber = fields[kLinkage];
        if (!allDigits(fields[kLinkage]) || fields[kLinkage].size() != 15) {
            check.fail(kLinkage, fields[kLinkage].empty() ? "required" : "wrong-length");
        }
        if (fields[kName].empty()) {
            check.fail(kName, "required");
        }
        q.name = fields[kName];
        q.nameKana = fields[kNameKana];
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
        q.address = fields[kAddress];
        q.insuredPersonName = fields[kInsuredPerson];
        q.officeName = fields[kOffice];
    }
    record.rejection = check.reason();
    return record;
}

FeedFile FeedFile::parse(std::string_view bytes, const std::string& name)
{
    auto parsed = common::readCsv(bytes, common::TextEncoding::Utf8);
    if (!parsed) {
        throw BatchError(name + ": rejected whole: " + parsed.error().detail);
    }
    std::vector<common::CsvRecord>& rows = parsed.value();
    while (!rows.empty() && rows.back().fields.empty()) {
        rows.pop_back(); // blank lines at the end
    }
    if (rows.empty() || rows.front().fields != columns()) {
        throw BatchError(name + ": rejected whole: line 1: the header is not feed layout v1");
    }
    const auto& trailer = rows.back().fields;
    const std::string where = name + ": rejected whole: line " + std::to_string(rows.back().line) + ": ";
    if (rows.size() < 2 || trailer.size() != 2 || trailer[0] != "END") {
        throw BatchError(where + "no trailer row END,<records> (truncated file?)");
    }
    const std::size_t dataRows = rows.size() - 2;
    if (integerOf(trailer[1]) != std::optional<std::int64_t>(std::int64_t(dataRows))) {
        throw BatchError(where + "the trailer says " + trailer[1] + " records, the file has " +
                         std::to_string(dataRows) + " (truncated file?)");
    }
    FeedFile file;
    file.records.reserve(dataRows);
    for (std::size_t i = 1; i + 1 < rows.size(); ++i) {
        const common::CsvRecord& row = rows[i];
        if (row.fields.size() != kColumnCount) {
            file.unattributed.push_back({row.line, "expected " + std::to_string(kColumnCount) + " fields, found " +
                                                       std::to_string(row.fields.size())});
            continue;
        }
        const auto sequence = integerOf(row.fields[kSequence]);
        if (!sequence || *sequence <= 0) {
            file.unattributed.push_back({row.line, "sequence: not a positive number"});
            continue;
        }
        if (common::checkInsurerNumber(row.fields[kInsurer])) {
            file.unattributed.push_back({row.line, "insurer_number: invalid"});
            continue;
        }
        file.records.push_back(parseRecord(row.fields, row.line));
    }
    return file;
}

} // namespace oqs::server::batch
