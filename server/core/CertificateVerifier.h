// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/OpenSslHandles.h"

#include <chrono>
#include <filesystem>
#include <optional>
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

/// A My Number card certificate parsed once for a check: the chain check and, in PIN mode, the signature check both
/// read it, and parsing is the dearest step of a card check (OpenSSL 3.0 builds a decoder for its public key).
class CardCertificate {
public:
    /// The certificate if `der` is exactly one DER certificate, else nullopt.
    static std::optional<CardCertificate> parse(std::string_view der);

    X509* get() const { return m_certificate.get(); }

private:
    explicit CardCertificate(OpenSslPtr<X509> certificate) : m_certificate(std::move(certificate)) {}

    OpenSslPtr<X509> m_certificate;
};

/// Chain verification against configured JPKI CA certificates (D3). Time is checked separately from the chain so
/// an expired card from a trusted CA is "expired", not "untrusted". Revocation is the caller's (revocation table).
/// Thread-safe after construction.
class CertificateVerifier {
public:
    /// Loads every PEM certificate in the given files; throws if none can be loaded.
    explicit CertificateVerifier(const std::vector<std::filesystem::path>& trustAnchorFiles);

    /// `certificate` as CardCertificate::parse() found it (nullopt: Malformed).
    CertificateVerdict verify(const std::optional<CardCertificate>& certificate,
                              std::chrono::system_clock::time_point at) const;

private:
    OpenSslPtr<X509_STORE> m_store;
};

} // namespace oqs::server::core
