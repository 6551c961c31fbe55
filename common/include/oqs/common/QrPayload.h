// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "oqs/common/Messages.h"
#include "oqs/common/Result.h"

#include <string>
#include <string_view>

namespace oqs::common {

/// QR payloads (resources/docs/qr-payload.md). ASCII only, so a keyboard-wedge scanner types them exactly:
/// a prefix naming kind and version, then '|'-separated fields in a fixed order; every byte but ASCII letters,
/// digits, '-' and '.' is percent-encoded (UTF-8, upper-case hex). Dates are YYYYMMDD.
inline constexpr std::string_view kInsuranceCardQrPrefix = "OQSC1|";
inline constexpr std::string_view kResultQrPrefix = "OQSR1|";

/// What a scanned insurance-card QR fills in on the reception screen.
struct InsuranceCardQr {
    InsuranceCardKey card;
    std::optional<Date> birthDate;

    bool operator==(const InsuranceCardQr&) const = default;
};

/// What the result QR hands to the HIS: the verdict and what a receipt clerk would otherwise retype.
struct ResultQr {
    std::string receiptNumber;
    Status status = Status::Internal;
    Date consultationDate;
    std::string checkedAt;
    std::string identifier;
    InsuranceCardKey card;
    std::optional<CardCategory> cardCategory;
    std::optional<Relationship> relationship;
    std::string nameKana;
    Date birthDate;
    Sex sex = Sex::Unknown;
    std::optional<int> copaymentPercent;
    std::optional<int> elderlyCopaymentPercent;
    std::optional<Date> cardValidTo;

    bool operator==(const ResultQr&) const = default;
};

/// The payload text, ASCII only; never fails. decode…Qr(encodeQr(x)) == x for every x whose keys have the
/// documented shape and whose checkedAt is empty or an ISO 8601 timestamp with offset (as the server writes it);
/// other checkedAt text is written unchanged and refused by the decoder.
std::string encodeQr(const InsuranceCardQr& payload);
std::string encodeQr(const ResultQr& payload);
/// True if the text starts with one of our prefixes (how the reception screen spots a wedge scan); the CR/LF a
/// scanner ends with does not matter.
bool looksLikeQrPayload(std::string_view text);
/// Strict decoding (a trailing CR/LF is dropped first). Errors are Status::BadRequest with FieldErrors: the
/// field "payload" for a wrong prefix or field count, "version" for another version of the same kind, else the
/// field's own name (InvalidCharacters for a bad escape, InvalidDate, InvalidValue for a bad code, Required…).
Result<InsuranceCardQr> decodeInsuranceCardQr(std::string_view text);
Result<ResultQr> decodeResultQr(std::string_view text);
/// The result QR of a verification answer: its first valid qualification (or the lost record), nullopt if it
/// has neither. The consultation date defaults to the date of checkedAt; nullopt if that is missing too.
std::optional<ResultQr> resultQrOf(const VerificationAnswer& answer);

} // namespace oqs::common
