// SPDX-License-Identifier: Apache-2.0
#include "batch/LinkageFile.h"

#include "batch/BatchError.h"
#include "core/CertificateRepository.h"

#include <oqs/common/Csv.h>

namespace oqs::server::batch {
namespace {

constexpr std::size_t kMaxSerialDigits = 40; ///< 20 octets, the longest serial RFC 5280 allows
constexpr std::size_t kLinkageDigits = 15;

std::string checkLinkageNumber(std::string_view text)
{
    if (text.empty()) {
        return "required";
    }
    if (text.find_first_not_of("0123456789") != std::string_view::npos) {
        return "not-digits";
    }
    return text.size() == kLinkageDigits ? std::string() : "wrong-length";
}

core::LinkageRecord recordOf(core::LinkageKind kind, const common::CsvRecord& row)
{
    core::LinkageRecord record;
    record.line = row.line;
    const auto& names = LinkageFile::columns(kind);
    if (row.fields.size() != names.size()) {
        record.rejection =
            "expected " + std::to_string(names.size()) + " fields, found " + std::to_string(row.fields.size());
        return record;
    }
    const auto fail = [&](std::size_t column, const std::string& reason) {
        if (record.rejection.empty() && !reason.empty()) {
            record.rejection = names[column] + ": " + reason;
        }
    };
    if (kind == core::LinkageKind::SerialLinkage) {
        fail(0, LinkageFile::checkSerial(row.fields[0], record.serial));
        fail(1, checkLinkageNumber(row.fields[1]));
        record.linkageNumber = row.fields[1];
        return record;
    }
    fail(0, LinkageFile::checkSerial(row.fields[0], record.oldSerial));
    fail(1, LinkageFile::checkSerial(row.fields[1], record.serial));
    if (record.rejection.empty() && record.serial == record.oldSerial) {
        fail(1, "same-as-old-serial");
    }
    return record;
}

} // namespace

const std::vector<std::string>& LinkageFile::columns(core::LinkageKind kind)
{
    static const std::vector<std::string> kLinkage = {"serial", "linkage_number"};
    static const std::vector<std::string> kRenewal = {"old_serial", "new_serial"};
    return kind == core::LinkageKind::SerialLinkage ? kLinkage : kRenewal;
}

std::string LinkageFile::checkSerial(std::string_view text, std::string& canonical)
{
    if (text.empty()) {
        return "required";
    }
    if (text.find_first_not_of("0123456789ABCDEFabcdef") != std::string_view::npos) {
        return "not-hex";
    }
    canonical = core::canonicalSerial(text);
    if (canonical == "0") {
        return "zero";
    }
    return canonical.size() > kMaxSerialDigits ? "too-long" : std::string();
}

LinkageFile LinkageFile::parse(std::string_view bytes, const std::string& name)
{
    const std::string refused = name + ": rejected whole: ";
    auto parsed = common::readCsv(bytes, common::TextEncoding::Utf8);
    if (!parsed) {
        throw BatchError(refused + parsed.error().detail);
    }
    std::vector<common::CsvRecord>& rows = parsed.value();
    while (!rows.empty() && rows.back().fields.empty()) {
        rows.pop_back(); // blank lines after the trailer
    }
    LinkageFile file;
    if (!rows.empty() && rows.front().fields == columns(core::LinkageKind::SerialRenewal)) {
        file.kind = core::LinkageKind::SerialRenewal;
    } else if (rows.empty() || rows.front().fields != columns(core::LinkageKind::SerialLinkage)) {
        throw BatchError(refused + "line 1: the header is neither serial,linkage_number nor old_serial,new_serial");
    }
    const common::CsvRecord& last = rows.back();
    if (rows.size() < 2 || last.fields.size() != 2 || last.fields[0] != "END") {
        throw BatchError(refused + "line " + std::to_string(last.line) +
                         ": no trailer row END,<rows> (truncated file?)");
    }
    const std::size_t dataRows = rows.size() - 2; // between the header and the trailer
    if (last.fields[1] != std::to_string(dataRows)) {
        throw BatchError(refused + "line " + std::to_string(last.line) + ": the trailer says " + last.fields[1] +
                         " rows, the file has " + std::to_string(dataRows) + " (truncated file?)");
    }
    file.records.reserve(dataRows);
    for (std::size_t i = 1; i <= dataRows; ++i) {
        file.records.push_back(recordOf(file.kind, rows[i]));
    }
    return file;
}

} // namespace oqs::server::batch
