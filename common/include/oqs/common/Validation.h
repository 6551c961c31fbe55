// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "oqs/common/FieldError.h"
#include "oqs/common/Qualification.h"

#include <optional>
#include <string>
#include <string_view>

namespace oqs::common {

/// The check digit of D2: weights 2,1,2,1… from the right over `digits`, digit sums of the products,
/// (10 − sum mod 10) mod 10. `digits` must be ASCII digits only.
int checkDigitOf(std::string_view digits);

/// Full-width digits, letters and spaces → ASCII; trims leading and trailing (half- or full-width) spaces.
std::string normalizeAscii(std::string_view utf8);
/// Symbol (記号): digits and Latin letters to half-width, trims, removes inner spaces; kanji and kana stay.
std::string normalizeSymbol(std::string_view utf8);

/// Insurer number: 6 or 8 ASCII digits with a valid check digit.
std::optional<FieldReason> checkInsurerNumber(std::string_view number);
/// Medical-institution code: 10 digits = prefecture 2 + fee table 1 + institution 7, the last a check digit.
std::optional<FieldReason> checkMedicalInstitutionCode(std::string_view code);

/// Normalises a card key in place and returns the reasons, per field, that it is unusable.
FieldErrors normalizeAndCheck(InsuranceCardKey& key);

/// Birth date: not in the future, not before 1880.
std::optional<FieldReason> checkBirthDate(const Date& birthDate, const Date& today);
/// Consultation date (D4): not after today, at most one month back.
std::optional<FieldReason> checkConsultationDate(const Date& consultationDate, const Date& today);

/// Longest free identifier (patient ID / HIS key) the API accepts, in bytes.
inline constexpr std::size_t kMaxIdentifierBytes = 64;

} // namespace oqs::common
