// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace oqs::tests::support {

/// What the emulated card is and how it misbehaves.
struct VirtualCardProfile {
    enum class Kind {
        Jpki,    ///< a My Number card's JPKI AP with a user-authentication certificate
        NotJpki, ///< another IC card: no JPKI AP
    };
    Kind kind = Kind::Jpki;
    std::vector<std::uint8_t> certificateDer; ///< the user-authentication certificate
    std::string privateKeyPem;                ///< its key, for COMPUTE DIGITAL SIGNATURE (may be empty)
    std::string pin = "1234";                 ///< the 4-digit user-authentication PIN
    int pinTriesLeft = 3;
    /// Taken off the reader after answering this many READ BINARY commands (the next one never gets an answer).
    std::optional<int> pulledAfterReads{};
};

/// The APDU behaviour of a My Number card's JPKI AP, enough for OQS: SELECT of the AP and of the certificate, PIN
/// and key EFs, READ BINARY, VERIFY (with the empty form that reads tries), COMPUTE DIGITAL SIGNATURE. Holds no
/// individual number: the emulated card has no such application (D10). Not thread-safe.
class VirtualJpkiCard {
public:
    explicit VirtualJpkiCard(VirtualCardProfile profile);
    ~VirtualJpkiCard();
    VirtualJpkiCard(const VirtualJpkiCard&) = delete;
    VirtualJpkiCard& operator=(const VirtualJpkiCard&) = delete;

    /// The answer-to-reset: T=0 and T=1.
    static std::vector<std::uint8_t> atr();
    /// Power cycle or reset: nothing selected, PIN no longer verified (tries kept).
    void reset();
    /// The response APDU (data + SW) to `command`; nullopt when the profile says the card leaves the reader now.
    std::optional<std::vector<std::uint8_t>> respond(std::span<const std::uint8_t> command);
    /// READ BINARY commands answered so far.
    int readsAnswered() const { return m_readsAnswered; }

private:
    enum class File { None, Certificate, Pin, Key };

    std::vector<std::uint8_t> select(std::uint8_t p1, std::span<const std::uint8_t> data);
    std::optional<std::vector<std::uint8_t>> readBinary(std::size_t offset, std::size_t length);
    std::vector<std::uint8_t> verify(std::span<const std::uint8_t> pin);
    std::vector<std::uint8_t> sign(std::span<const std::uint8_t> digestInfo);

    VirtualCardProfile m_profile;
    std::vector<std::uint8_t> m_certificateFile; ///< the DER then padding, like the fixed-size EF of a real card
    bool m_applicationSelected = false;
    File m_file = File::None;
    bool m_pinVerified = false;
    int m_readsAnswered = 0;
};

} // namespace oqs::tests::support
