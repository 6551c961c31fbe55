// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "oqs/common/Messages.h"
#include "oqs/common/Result.h"

#include <string>
#include <string_view>

namespace oqs::common {

/// QR payloads (resources/docs/qr-payload.md). ASCII only, so a keyboard-wedge scanner types them exactly:
/// a prefix naming kind and version, then '|'-separated fields; non-ASCII and the separators are
/// percent-encoded (UTF-8). Dates are YYYYMMDD.
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

std::string encodeQr(const InsuranceCardQr& payload);
std::string encodeQr(const ResultQr& payload);
/// True if the text starts with one of our prefixes (how the reception screen spots a wedge scan).
bool looksLikeQrPayload(std::string_view text);
Result<InsuranceCardQr> decodeInsuranceCardQr(std::string_view text);
Result<ResultQr> decodeResultQr(std::string_view text);
/// The result QR of a verification answer: its first valid qualification (or the lost record).
std::optional<ResultQr> resultQrOf(const VerificationAnswer& answer);

} // namespace oqs::common
