// SPDX-License-Identifier: Apache-2.0
#include "oqs/common/Validation.h"

#include <algorithm>

namespace oqs::common {
namespace {

constexpr std::size_t kMaxSymbolBytes = 60; // 20 kanji in UTF-8
constexpr std::size_t kMaxNumberLength = 20;
constexpr int kEarliestBirthYear = 1880;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool allDigits(std::string_view text)
{
    return std::all_of(text.begin(), text.end(), isDigit);
}

bool isAsciiAlnum(char c)
{
    return isDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/// Maps U+FF01..U+FF5E (full-width ASCII) to ASCII and U+3000 (ideographic space) to ' '; keeps other text.
std::string foldFullWidth(std::string_view utf8)
{
    std::string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const auto b0 = static_cast<unsigned char>(utf8[i]);
        if (i + 2 < utf8.size()) {
            const auto b1 = static_cast<unsigned char>(utf8[i + 1]);
            const auto b2 = static_cast<unsigned char>(utf8[i + 2]);
            if (b0 == 0xEF && b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) { // U+FF01..U+FF3F
                out.push_back(char(0x21 + (b2 - 0x81)));
                i += 2;
                continue;
            }
            if (b0 == 0xEF && b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) { // U+FF40..U+FF5E
                out.push_back(char(0x60 + (b2 - 0x80)));
                i += 2;
                continue;
            }
            if (b0 == 0xE3 && b1 == 0x80 && b2 == 0x80) { // U+3000
                out.push_back(' ');
                i += 2;
                continue;
            }
        }
        out.push_back(char(b0));
    }
    return out;
}

std::string trimSpaces(std::string text)
{
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

std::string withoutSpaces(std::string text)
{
    std::erase_if(text, [](char c) { return c == ' ' || c == '\t'; });
    return text;
}

bool hasControlCharacters(std::string_view text)
{
    return std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

bool hasValidCheckDigit(std::string_view digits)
{
    return checkDigitOf(digits.substr(0, digits.size() - 1)) == digits.back() - '0';
}

} // namespace

int checkDigitOf(std::string_view digits)
{
    int sum = 0;
    int weight = 2;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        const int product = (*it - '0') * weight;
        sum += product / 10 + product % 10;
        weight = weight == 2 ? 1 : 2;
    }
    return (10 - sum % 10) % 10;
}

std::string normalizeAscii(std::string_view utf8)
{
    return trimSpaces(foldFullWidth(utf8));
}

std::string normalizeSymbol(std::string_view utf8)
{
    return withoutSpaces(foldFullWidth(utf8));
}

std::optional<FieldReason> checkInsurerNumber(std::string_view number)
{
    if (number.empty()) {
        return FieldReason::Required;
    }
    if (!allDigits(number)) {
        return FieldReason::NotDigits;
    }
    if (number.size() != 6 && number.size() != 8) {
        return FieldReason::WrongLength;
    }
    if (!hasValidCheckDigit(number)) {
        return FieldReason::CheckDigit;
    }
    return std::nullopt;
}

std::optional<FieldReason> checkMedicalInstitutionCode(std::string_view code)
{
    if (code.empty()) {
        return FieldReason::Required;
    }
    if (!allDigits(code)) {
        return FieldReason::NotDigits;
    }
    if (code.size() != 10) {
        return FieldReason::WrongLength;
    }
    const std::string_view prefecture = code.substr(0, 2);
    if (prefecture < "01" || prefecture > "47") {
        return FieldReason::InvalidValue;
    }
    if (!hasValidCheckDigit(code.substr(3))) { // the 7-digit institution part carries the check digit
        return FieldReason::CheckDigit;
    }
    return std::nullopt;
}

FieldErrors normalizeAndCheck(InsuranceCardKey& key)
{
    FieldErrors errors;
    key.insurerNumber = withoutSpaces(normalizeAscii(key.insurerNumber));
    key.symbol = normalizeSymbol(key.symbol);
    key.number = withoutSpaces(normalizeAscii(key.number));
    key.branch = withoutSpaces(normalizeAscii(key.branch));
    if (key.branch.size() == 1 && isDigit(key.branch[0])) {
        key.branch.insert(key.branch.begin(), '0'); // "1" typed for 枝番 01
    }

    if (auto reason = checkInsurerNumber(key.insurerNumber)) {
        errors.push_back({"insurerNumber", *reason});
    }
    if (key.symbol.size() > kMaxSymbolBytes) {
        errors.push_back({"symbol", FieldReason::TooLong});
    } else if (hasControlCharacters(key.symbol)) {
        errors.push_back({"symbol", FieldReason::InvalidCharacters});
    }
    if (key.number.empty()) {
        errors.push_back({"number", FieldReason::Required});
    } else if (key.number.size() > kMaxNumberLength) {
        errors.push_back({"number", FieldReason::TooLong});
    } else if (!std::all_of(key.number.begin(), key.number.end(), isAsciiAlnum)) {
        errors.push_back({"number", FieldReason::InvalidCharacters});
    }
    if (key.branch.empty()) {
        errors.push_back({"branch", FieldReason::Required});
    } else if (!allDigits(key.branch)) {
        errors.push_back({"branch", FieldReason::NotDigits});
    } else if (key.branch.size() != 2) {
        errors.push_back({"branch", FieldReason::WrongLength});
    }
    return errors;
}

std::optional<FieldReason> checkBirthDate(const Date& birthDate, const Date& today)
{
    if (birthDate > today) {
        return FieldReason::FutureDate;
    }
    if (birthDate.year < kEarliestBirthYear) {
        return FieldReason::InvalidDate;
    }
    return std::nullopt;
}

std::optional<FieldReason> checkConsultationDate(const Date& consultationDate, const Date& today)
{
    if (consultationDate > today) {
        return FieldReason::FutureDate;
    }
    if (consultationDate < today.addMonths(-1)) {
        return FieldReason::TooOld;
    }
    return std::nullopt;
}

} // namespace oqs::common
