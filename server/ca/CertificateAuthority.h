// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ca/CaSupport.h"
#include "oqs/common/Date.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace oqs::server::ca {

using TimePoint = std::chrono::system_clock::time_point;

enum class KeyType {
    EcP256,  ///< CAs, the server, institutions, the feed: fast to generate and to verify.
    Rsa2048, ///< JPKI user certificates, as on real My Number cards.
};

/// A certificate's validity window; both bounds are inclusive and stored with one-second precision.
struct Validity {
    TimePoint notBefore;
    TimePoint notAfter;

    /// From the first second of `first` to the last second of `last`, both days in Japan (JST), the way card
    /// validity is stated. Throws CaError when `last` is before `first`.
    static Validity fromDates(const common::Date& first, const common::Date& last);
    /// Starts five minutes ago (clock skew between hosts) and lasts `length`.
    static Validity fromNow(std::chrono::days length);
};

/// Choices every issued certificate may make; unset fields take the defaults.
struct IssueOptions {
    /// Hex serial, up to 16 bytes, not zero (see normalizeSerialHex). Default: 16 random bytes.
    std::optional<std::string> serialHex{};
    /// Default: Validity::fromNow(kDefaultLeafLifetime).
    std::optional<Validity> validity{};
};

inline constexpr std::chrono::days kDefaultLeafLifetime{730};
inline constexpr std::chrono::days kDefaultCaLifetime{3650};

/// A certificate and its new private key.
struct IssuedCertificate {
    std::string certificatePem;
    std::string privateKeyPem; ///< unencrypted PKCS#8
    std::string serialHex;     ///< canonical form, see normalizeSerialHex
    std::vector<std::uint8_t> der;

    /// Writes <directory>/<baseName>.pem and <baseName>.key.pem (owner-only), each replaced atomically.
    /// Throws CaError on I/O failure.
    void save(const std::filesystem::path& directory, std::string_view baseName) const;
};

/// One CRL entry.
struct RevokedCertificate {
    std::string serialHex;
    TimePoint revokedAt;

    bool operator==(const RevokedCertificate&) const = default;
};

/// The header fields of a CRL.
struct CrlOptions {
    TimePoint thisUpdate;
    TimePoint nextUpdate;
    std::uint64_t crlNumber = 1; ///< cRLNumber extension; must grow with every CRL the CA issues

    /// A CRL issued now and valid for `lifetime`. thisUpdate is set back by the same allowance as a new
    /// certificate's notBefore: a relying party whose clock is a little behind (or reads the coarse clock, as
    /// glibc's time() does) would otherwise find the CRL "not yet valid" and fail every check it governs.
    static CrlOptions issuedNow(std::chrono::seconds lifetime, std::uint64_t crlNumber);
};

/// What a CRL says, once its signature has been checked.
struct CrlContents {
    std::vector<RevokedCertificate> revoked;
    CrlOptions options;
};

/// A self-signed CA: the institution CA (server, institution and feed certificates, their CRL) or a test JPKI CA
/// (My Number card user-authentication certificates). All operations throw CaError on failure.
class CertificateAuthority {
public:
    /// A new CA with a fresh key: subject C=JP, O=OQS, CN=`commonName`; may sign certificates and CRLs.
    static CertificateAuthority create(std::string_view commonName, KeyType keyType = KeyType::EcP256,
                                       std::optional<Validity> validity = std::nullopt);
    /// Reads <directory>/<baseName>.pem and <baseName>.key.pem as written by save(); throws CaError when a file
    /// is missing or unreadable, the certificate is not a CA, or the key does not belong to it.
    static CertificateAuthority load(const std::filesystem::path& directory, std::string_view baseName = "ca");
    /// Writes <directory>/<baseName>.pem and <baseName>.key.pem (owner-only), each replaced atomically.
    void save(const std::filesystem::path& directory, std::string_view baseName = "ca") const;

    /// This CA's certificate, PEM: the trust anchor to configure wherever its certificates are checked.
    std::string certificatePem() const;

    /// TLS server certificate (serverAuth) with the given SAN DNS names and IP addresses, CN = the first name.
    /// Throws CaError when both lists are empty, a DNS name has characters other than letters, digits, '-', '.' and
    /// '*', or an address does not parse.
    IssuedCertificate issueServerCertificate(const std::vector<std::string>& dnsNames = {"localhost"},
                                             const std::vector<std::string>& ipAddresses = {"127.0.0.1"},
                                             const IssueOptions& options = {}) const;
    /// Institution client certificate (clientAuth): CN = the 10-digit medical-institution code, O = its name.
    /// Throws CaError when the code fails common::checkMedicalInstitutionCode.
    IssuedCertificate issueInstitutionCertificate(std::string_view institutionCode, std::string_view institutionName,
                                                  const IssueOptions& options = {}) const;
    /// Machine certificate (clientAuth) of the insurers' intermediate server feed: CN = "feed:<feedName>".
    IssuedCertificate issueFeedCertificate(std::string_view feedName, const IssueOptions& options = {}) const;
    /// My Number card user-authentication certificate (RSA 2048, clientAuth), subject C=JP, CN=`commonName`:
    /// never the individual number (D10).
    IssuedCertificate issueJpkiUserCertificate(std::string_view commonName, const IssueOptions& options = {}) const;

    /// Returns the canonical serial of a PEM certificate signed by this CA; throws CaError for any other one.
    std::string issuedSerialOf(std::string_view certificatePem) const;

    /// Signed X.509 v2 CRL (issuer, thisUpdate, nextUpdate, authorityKeyIdentifier, cRLNumber) listing `revoked` in
    /// the given order, duplicates kept; DER. Cost is linear in the number of entries. Throws CaError on a bad
    /// serial or when nextUpdate is before thisUpdate.
    std::vector<std::uint8_t> signCrlDer(std::span<const RevokedCertificate> revoked, const CrlOptions& options) const;
    /// As signCrlDer, PEM-encoded.
    std::string signCrlPem(std::span<const RevokedCertificate> revoked, const CrlOptions& options) const;
    /// Parses a PEM or DER CRL and checks that this CA signed it; crlNumber is 0 when the CRL has none. Throws
    /// CaError when the CRL does not parse, another key signed it, or it has no nextUpdate.
    CrlContents readCrl(std::string_view pemOrDer) const;

    /// PKCS#12 (OpenSSL 3 defaults: AES-256-CBC, PBKDF2, SHA-256 MAC) holding the certificate, its key under
    /// `friendlyName`, and this CA's certificate as the chain. Throws CaError when the key does not match.
    std::vector<std::uint8_t> exportPkcs12(std::string_view certificatePem, std::string_view privateKeyPem,
                                           std::string_view password, std::string_view friendlyName) const;

private:
    struct LeafProfile;

    CertificateAuthority(X509Ptr certificate, EvpPkeyPtr key);
    IssuedCertificate issue(const LeafProfile& profile, const IssueOptions& options) const;
    X509CrlPtr signCrl(std::span<const RevokedCertificate> revoked, const CrlOptions& options) const;

    X509Ptr m_certificate;
    EvpPkeyPtr m_key;
};

/// Canonical serial: upper-case hex of the minimal big-endian bytes (even length, as OpenSSL prints serials).
/// Accepts upper- or lower-case hex with leading zeros; throws CaError when empty, not hex, zero, or over 16 bytes.
std::string normalizeSerialHex(std::string_view serialHex);

/// The `ca` command line, `args` being the words after the program name and starting with "ca":
///   ca init-demo <dir>
///   ca issue-jpki <dir> <serialHex> <notBefore YYYY-MM-DD> <notAfter YYYY-MM-DD> <out-prefix>
///   ca revoke-institution <dir> <cert.pem>
/// Reports progress on `out` and problems on `err`; returns 0 on success, 1 on failure, 2 on bad arguments.
int runCaCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace oqs::server::ca
