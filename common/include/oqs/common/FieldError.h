// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "oqs/common/Status.h"

#include <string>
#include <string_view>
#include <vector>

namespace oqs::common {

/// Why one input field was refused. Stable wire names (kebab-case), messages per language.
enum class FieldReason {
    Required,
    NotDigits,
    WrongLength,
    CheckDigit,
    InvalidDate,
    FutureDate,
    TooOld,
    TooLong,
    InvalidCharacters,
    WrongType,
    UnknownField,
    InvalidValue,
    Expired,           ///< PIN mode: the challenge's lifetime is over
    AlreadyUsed,       ///< PIN mode: the challenge was presented before (single use)
    SignatureMismatch, ///< PIN mode: the signature is not the certificate's key over the challenge
};

struct FieldError {
    std::string field; ///< wire name of the field, e.g. "insurerNumber"
    FieldReason reason = FieldReason::InvalidValue;

    bool operator==(const FieldError&) const = default;
};

using FieldErrors = std::vector<FieldError>;

std::string_view toWire(FieldReason reason);
std::optional<FieldReason> fieldReasonFromWire(std::string_view text);
std::string_view messageOf(FieldReason reason, Language language);

} // namespace oqs::common
