// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/OpenSslHandles.h"

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace oqs::server::core {

/// The outcome of checking a My Number card's user-authentication certificate against the JPKI trust anchors.
struct CertificateVerdict {
    enum class Outcome { Trusted, Untrusted, Expired, NotYetValid, Malformed };
    Outcome outcome = Outcome::Malformed;
    std::string serial; ///< canonical hex serial when the certificate could be parsed
};

/// Chain verification against configured JPKI CA certificates (D3). Time is checked separately from the chain so
/// an expired card from a trusted CA is "expired", not "untrusted". Revocation is the caller's (revocation table).
/// Thread-safe after construction.
class CertificateVerifier {
public:
    /// Loads every PEM certificate in the given files; throws if none can be loaded.
    explicit CertificateVerifier(const std::vector<std::filesystem::path>& trustAnchorFiles);

    CertificateVerdict verify(std::string_view der, std::chrono::system_clock::time_point at) const;

private:
    OpenSslPtr<X509_STORE> m_store;
};

} // namespace oqs::server::core
