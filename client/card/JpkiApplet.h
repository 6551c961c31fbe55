// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "card/Apdu.h"
#include "card/CardError.h"
#include "card/JpkiCard.h"

#include <span>
#include <string_view>

namespace oqs::client::card {

class CardTransport;

/// Result of a PIN verification attempt.
struct PinVerdict {
    enum class Outcome {
        Verified,
        Wrong,                    ///< tries left in triesLeft
        Blocked,                  ///< no tries left: only the municipality can unblock the card
        LastTryNeedsConfirmation, ///< one try left and the caller did not confirm it: nothing was sent
        BadFormat,                ///< not 4 digits: nothing was sent
    };
    Outcome outcome = Outcome::Wrong;
    int triesLeft = 0;
};

/// The JPKI application of a My Number card, over any transport (APDU operations; the card facts are in
/// JpkiCard.h). Reads only the user-authentication side; never selects the individual-number application (D10).
/// Each operation selects what it needs first, so it works after a reset or another application's use.
class JpkiApplet {
public:
    /// Whether the caller has confirmed, a second time, spending the PIN's last try.
    enum class LastTry { NotConfirmed, Confirmed };

    explicit JpkiApplet(CardTransport& transport);

    /// Selects the JPKI AP. Fails with Problem::NotJpki when the card has no such application.
    CardResult<Done> selectApplication();
    /// Reads the user-authentication certificate (DER) without PIN: READ BINARY in chunks, the length taken from
    /// the DER header of the first chunk. Starts again once when the card was reset meanwhile. Fails with NotJpki
    /// (no JPKI AP), RemovedMidRead (card gone), NoService / NoReader (PC/SC) or ReadFailed (status word, or data
    /// that are not a certificate).
    CardResult<Bytes> readAuthenticationCertificate();
    /// Tries left on the user-authentication PIN, read with an empty VERIFY that spends none.
    CardResult<int> authenticationPinTriesLeft();
    /// Verifies the 4-digit user-authentication PIN. Refuses, without sending it, a PIN that is not 4 digits, and
    /// spending the last try unless `lastTry` is Confirmed.
    CardResult<PinVerdict> verifyAuthenticationPin(std::string_view pin, LastTry lastTry);
    /// Signs `digestInfo` (a DER DigestInfo, PKCS#1 v1.5 padding by the card) with the user-authentication key;
    /// needs a verified PIN in the same card session (else a Card error with status 6982).
    CardResult<Bytes> signWithAuthenticationKey(std::span<const std::uint8_t> digestInfo);
    /// Signs `message` the way the server checks a PIN-mode challenge: RSA PKCS#1 v1.5 over SHA-256, i.e. the
    /// card signs the SHA-256 DigestInfo of `message`. Same preconditions and errors as signWithAuthenticationKey.
    CardResult<Bytes> signSha256(std::span<const std::uint8_t> message);

private:
    CardResult<ResponseApdu> exchange(const CommandApdu& command, std::string_view step);
    CardResult<Done> selectFile(const jpki::FileId& file, std::string_view step);
    CardResult<Bytes> readCertificateOnce();

    CardTransport& m_transport;
};

} // namespace oqs::client::card
