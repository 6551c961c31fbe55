// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "oqs/common/CardChallengeMessages.h"
#include "oqs/common/FeedMessages.h"
#include "oqs/common/Messages.h"
#include "oqs/common/ReceiptMessages.h"
#include "oqs/common/Result.h"
#include "oqs/common/SessionMessages.h"

#include <string>
#include <string_view>

namespace oqs::common {

/// The one JSON codec both sides use (nlohmann/json underneath, kept out of this header).
/// encode() writes compact UTF-8 JSON with "v" = kWireVersion. decode() is strict: unknown fields, wrong
/// types, missing required fields and malformed dates become field-level BadRequest errors; it never throws.
std::string encode(const InsuranceCardVerificationRequest& message);
std::string encode(const CertificateVerificationRequest& message);
std::string encode(const VerificationAnswer& message);
std::string encode(const HistoryQuery& message);
std::string encode(const HistoryPage& message);
std::string encode(const ErrorAnswer& message);
std::string encode(const Qualification& message);
std::string encode(const LoginRequest& message);
std::string encode(const SessionAnswer& message);
std::string encode(const PasswordChangeRequest& message);
std::string encode(const CheckReceipt& message);
std::string encode(const ReceiptVerificationAnswer& message);
std::string encode(const FeedRecordMessage& message);
std::string encode(const FeedResultAnswer& message);
std::string encode(const CardChallengeRequest& message);
std::string encode(const CardChallenge& message);

template <class T>
Result<T> decode(std::string_view json);

template <> Result<InsuranceCardVerificationRequest> decode(std::string_view json);
template <> Result<CertificateVerificationRequest> decode(std::string_view json);
template <> Result<VerificationAnswer> decode(std::string_view json);
template <> Result<HistoryQuery> decode(std::string_view json);
template <> Result<HistoryPage> decode(std::string_view json);
template <> Result<ErrorAnswer> decode(std::string_view json);
template <> Result<Qualification> decode(std::string_view json);
template <> Result<LoginRequest> decode(std::string_view json);
template <> Result<SessionAnswer> decode(std::string_view json);
template <> Result<PasswordChangeRequest> decode(std::string_view json);
template <> Result<CheckReceipt> decode(std::string_view json);
template <> Result<ReceiptVerificationAnswer> decode(std::string_view json);
template <> Result<FeedRecordMessage> decode(std::string_view json);
template <> Result<FeedResultAnswer> decode(std::string_view json);
template <> Result<CardChallengeRequest> decode(std::string_view json);
template <> Result<CardChallenge> decode(std::string_view json);

/// The top-level "identifier" of a body that may not decode, so that even a rejected request echoes it (D5).
/// Empty when the body is not a JSON object or its identifier is missing, not a string or too long.
std::string identifierOf(std::string_view json);

std::string base64Encode(std::string_view bytes);
std::optional<std::string> base64Decode(std::string_view text);

} // namespace oqs::common
