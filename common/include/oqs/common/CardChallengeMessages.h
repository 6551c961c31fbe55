// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

namespace oqs::common {

/// Body of POST /v1/verifications/my-number-card/challenge: nothing but the version (the body may also be empty);
/// the challenge is bound to the caller's credentials.
struct CardChallengeRequest {
    bool operator==(const CardChallengeRequest&) const = default;
};

/// Answer of POST /v1/verifications/my-number-card/challenge (PIN mode, D3): random bytes the card must sign with
/// its user-authentication key, for the asking institution and clerk only, once, before `expiresAt`. The card signs
/// exactly these bytes (RSA PKCS#1 v1.5 over their SHA-256 DigestInfo); the request that follows sends them back as
/// "challenge" with the signature.
struct CardChallenge {
    std::string challenge; ///< the random bytes (base64 on the wire)
    std::string expiresAt; ///< JST timestamp, ISO 8601
    int lifetimeSeconds = 0;

    bool operator==(const CardChallenge&) const = default;
};

} // namespace oqs::common
