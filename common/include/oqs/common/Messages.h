// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "oqs/common/Date.h"
#include "oqs/common/FieldError.h"
#include "oqs/common/Qualification.h"
#include "oqs/common/Status.h"

#include <optional>
#include <string>
#include <vector>

namespace oqs::common {

/// Version of the JSON messages below; every message carries it as "v".
inline constexpr int kWireVersion = 1;

/// How a check was asked for.
enum class VerificationMode {
    InsuranceCard, ///< "insurance-card": keys typed or scanned (D1)
    MyNumberCard,  ///< "my-number-card": JPKI user-authentication certificate (D3)
};

std::string_view toWire(VerificationMode mode);
std::optional<VerificationMode> verificationModeFromWire(std::string_view text);

/// POST /v1/verifications/insurance-card
struct InsuranceCardVerificationRequest {
    InsuranceCardKey card;
    Date birthDate;
    std::optional<Date> consultationDate; ///< default: today (JST)
    std::string identifier;               ///< free patient ID / HIS key, echoed back unchanged

    bool operator==(const InsuranceCardVerificationRequest&) const = default;
};

/// POST /v1/verifications/my-number-card
struct CertificateVerificationRequest {
    std::string certificateDer;           ///< the card's user-authentication certificate, DER (base64 on the wire)
    std::optional<Date> consultationDate;
    std::string identifier;
    /// PIN mode (optional, both or neither): a CardChallenge's bytes as issued, and the card's signature over them
    /// with the key of `certificateDer` (base64 on the wire).
    std::string challenge;
    std::string signature;

    bool operator==(const CertificateVerificationRequest&) const = default;
};

/// Proof, signed by the server, that a check was made (D5). The signature covers canonicalText().
struct CheckReceipt {
    std::string receiptNumber;
    std::string institutionCode;
    std::string checkedAt;
    Status status = Status::Internal;
    std::string keyId;     ///< which server key signed it
    std::string signature; ///< base64 of an ECDSA P-256 / SHA-256 signature

    /// The exact bytes the signature is made over: fields joined by '\n'.
    std::string canonicalText() const;
    bool operator==(const CheckReceipt&) const = default;
};

/// Every answer of the verification endpoints, errors included.
struct VerificationAnswer {
    Status status = Status::Internal;
    std::string message;       ///< for the clerk, in the language asked for
    std::string receiptNumber; ///< empty only when the request was never admitted (closed, busy, unauthenticated)
    std::string identifier;    ///< the request's identifier, unchanged
    VerificationMode mode = VerificationMode::InsuranceCard;
    std::optional<Date> consultationDate;
    std::string checkedAt;
    std::string dataUpdatedAt; ///< when the insurer's data for this answer were last updated (freshness)
    std::vector<Qualification> qualifications; ///< valid ones, newest first
    std::optional<Qualification> lostRecord;   ///< card mode, none valid: the most recent lost record
    std::optional<CheckReceipt> receipt;
    FieldErrors fieldErrors;
    std::optional<int> retryAfterSeconds; ///< busy
    std::string nextOpening;              ///< closed: ISO 8601 time of the next opening

    bool operator==(const VerificationAnswer&) const = default;
};

/// GET /v1/history with query parameters; the same fields as JSON for the HIS endpoint.
struct HistoryQuery {
    std::optional<Date> from;
    std::optional<Date> to;
    std::string identifier;
    std::optional<Status> status;
    int limit = 100;
    int offset = 0;

    bool operator==(const HistoryQuery&) const = default;
};

struct HistoryEntry {
    std::string receiptNumber;
    std::string checkedAt;
    VerificationMode mode = VerificationMode::InsuranceCard;
    Status status = Status::Internal;
    std::string identifier;
    std::string clerkId;
    std::optional<Date> consultationDate;

    bool operator==(const HistoryEntry&) const = default;
};

struct HistoryPage {
    std::vector<HistoryEntry> entries;
    int total = 0;

    bool operator==(const HistoryPage&) const = default;
};

/// The body of every non-verification error (and of verification errors before a receipt exists).
struct ErrorAnswer {
    Status status = Status::Internal;
    std::string message;
    std::string identifier;
    FieldErrors fieldErrors;
    std::optional<int> retryAfterSeconds;
    std::string nextOpening;

    bool operator==(const ErrorAnswer&) const = default;
};

} // namespace oqs::common
