// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/AuditRepository.h"
#include "core/CardChallengeRepository.h"
#include "core/CertificateVerifier.h"
#include "core/VerificationService.h"

#include <oqs/common/CardChallengeMessages.h>
#include <oqs/common/FieldError.h>
#include <oqs/common/Messages.h>

#include <chrono>
#include <cstddef>

namespace oqs::server::core {

/// PIN mode of card checks (D3, higher assurance): the server hands out a random challenge, the card signs it with
/// its user-authentication key after the patient's PIN, and the check request carries challenge and signature.
/// A challenge belongs to the institution and clerk it was issued to, lives kLifetime, and is accepted once by any
/// server instance (CardChallengeRepository). Issues and checks are audited. Knows nothing of HTTP. Thread-safe.
class CardChallengeService {
public:
    CardChallengeService(CardChallengeRepository& challenges, AuditRepository& audit, Clock clock);

    /// A new challenge for the asking institution and clerk. Throws on a database failure.
    common::CardChallenge issue(const CheckContext& context);
    /// Whether a PIN-mode request proves that the card holding `request.certificateDer` signed a challenge issued
    /// to this institution and clerk, unused and unexpired: empty when it does, else the field-level reasons
    /// (challenge: invalid-value (unknown or someone else's) / already-used / expired; signature:
    /// signature-mismatch; certificate: invalid-value; a missing half: required). A well-formed pair uses the
    /// challenge up whatever the outcome, so a refused one cannot be tried again. Only for isPinMode() requests.
    /// `certificate`: request.certificateDer as CardCertificate::parse() found it.
    common::FieldErrors check(const CheckContext& context, const common::CertificateVerificationRequest& request,
                              const std::optional<CardCertificate>& certificate);

    /// Whether the request asks for PIN mode (carries a challenge or a signature).
    static bool isPinMode(const common::CertificateVerificationRequest& request)
    {
        return !request.challenge.empty() || !request.signature.empty();
    }

    static constexpr std::size_t kChallengeBytes = 32;
    /// Long enough for the client to sign right after the PIN was verified, short enough that a stolen one is stale.
    static constexpr std::chrono::seconds kLifetime{120};
    /// Used and expired challenges are kept this long, so that a late reuse is still told "already-used"/"expired".
    static constexpr std::chrono::hours kKeptAfterExpiry{1};

private:
    void audit(const CheckContext& context, const std::string& action, const std::string& challengeHex,
               const std::string& result);

    CardChallengeRepository& m_challenges;
    AuditRepository& m_audit;
    Clock m_clock;
};

} // namespace oqs::server::core
