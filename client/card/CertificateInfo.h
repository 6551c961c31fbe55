// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace oqs::client::card {

/// What the client itself may look at in a card's user-authentication certificate: enough to log which card was
/// read and to warn early about an expired one. The server decides trust; the subject (name, address) is not kept.
struct CertificateInfo {
    std::string serialHex; ///< upper-case hex of the minimal big-endian bytes, as the server keys serials
    std::chrono::system_clock::time_point notBefore;
    std::chrono::system_clock::time_point notAfter;
    std::string issuer; ///< RFC 2253 form

    /// Parses a DER X.509 certificate with OpenSSL; nullopt when it does not parse or has trailing bytes.
    static std::optional<CertificateInfo> parse(std::span<const std::uint8_t> der);
};

} // namespace oqs::client::card
