// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ca/CertificateAuthority.h"

#include <filesystem>
#include <string>

namespace oqs::tests {

/// A client identity presented over mutual TLS: certificate and key files (PEM).
struct ClientIdentity
{
    std::filesystem::path certificateFile;
    std::filesystem::path privateKeyFile;
};

/// Every certificate an end-to-end server test needs, generated at test time into `directory`:
/// the institution CA with its server certificate and CRL, two institutions (the second revoked on the CRL), a
/// machine certificate whose CN is no institution code, a client certificate from an untrusted CA, a test JPKI CA
/// for card certificates and an untrusted CA posing as one, and the feed CA (with an empty CRL) with the
/// intermediate server's feed certificate and an institution-looking certificate of its own.
class TestPki
{
public:
    /// Generates everything; throws ca::CaError on failure.
    explicit TestPki(std::filesystem::path directory);

    const std::filesystem::path& directory() const { return m_directory; }
    std::filesystem::path institutionCaFile() const { return m_directory / "ca.pem"; }
    std::filesystem::path institutionCrlFile() const { return m_directory / "ca.crl.pem"; }
    std::filesystem::path serverCertificateFile() const { return m_directory / "server.pem"; }
    std::filesystem::path serverKeyFile() const { return m_directory / "server.key.pem"; }
    std::filesystem::path jpkiCaFile() const { return m_directory / "jpki-ca.pem"; }
    std::filesystem::path receiptKeyFile() const { return m_directory / "receipt-signing.key.pem"; }
    std::filesystem::path feedCaFile() const { return m_directory / "feed-ca.pem"; }
    std::filesystem::path feedCrlFile() const { return m_directory / "feed-ca.crl.pem"; }

    /// Institution A: trusted, not revoked.
    ClientIdentity institution() const { return identity("institution-a"); }
    /// Institution B: issued by the institution CA but listed on its CRL.
    ClientIdentity revokedInstitution() const { return identity("institution-b"); }
    /// Issued by the institution CA to a machine whose CN is no medical-institution code.
    ClientIdentity nonInstitution() const { return identity("feed"); }
    /// An institution-looking certificate from a CA the server does not trust.
    ClientIdentity untrustedInstitution() const { return identity("stranger"); }
    /// The intermediate server's feed machine certificate, CN=feed:<kFeedName>, issued by the feed CA.
    ClientIdentity feed() const { return identity("feed-intermediate"); }
    /// Institution A's code as CN, but issued by the feed CA: trusted for TLS, yet no institution.
    ClientIdentity feedCaInstitution() const { return identity("feed-ca-institution"); }

    /// DER of a My Number card user-authentication certificate with this serial and validity, issued by the
    /// trusted test JPKI CA or, with `trusted` false, by the untrusted one.
    std::string cardCertificateDer(const std::string& serialHex, const server::ca::Validity& validity,
                                   bool trusted = true) const;

    static constexpr const char* kInstitutionCode = "1312345676";
    static constexpr const char* kRevokedInstitutionCode = "2717654320";
    static constexpr const char* kFeedName = "intermediate";

private:
    ClientIdentity identity(const std::string& baseName) const;

    std::filesystem::path m_directory;
    server::ca::CertificateAuthority m_jpki;
    server::ca::CertificateAuthority m_untrusted;
};

} // namespace oqs::tests
