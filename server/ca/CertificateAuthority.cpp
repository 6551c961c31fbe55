// SPDX-License-Identifier: Apache-2.0
#include "ca/CertificateAuthority.h"

#include "oqs/common/Validation.h"

#include <openssl/pem.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <ctime>
#include <initializer_list>
#include <optional>
#include <utility>

namespace oqs::server::ca {

namespace {

/// Subject attributes in order: (short name such as "CN", UTF-8 value).
using Subject = std::vector<std::pair<const char*, std::string>>;

} // namespace

/// What distinguishes the kinds of end-entity certificates.
struct CertificateAuthority::LeafProfile {
    Subject subject{};
    KeyType keyType = KeyType::EcP256;
    const char* extendedKeyUsage = "clientAuth";
    std::vector<std::string> dnsNames{};
    std::vector<std::string> ipAddresses{};
};

namespace {

constexpr std::size_t kMaxSerialBytes = 16;
constexpr std::chrono::minutes kClockSkewAllowance{5};
constexpr std::chrono::hours kJstOffset{9};
constexpr std::size_t kRsaBits = 2048;

/// A serial's magnitude, big-endian without leading zero bytes; fixed-size so that building a CRL of millions of
/// entries allocates nothing per serial.
struct SerialBytes {
    std::array<std::uint8_t, kMaxSerialBytes> bytes{};
    std::size_t size = 0;
};

int hexDigitValue(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

SerialBytes parseSerial(std::string_view hex)
{
    const auto invalid = [hex](const char* why) { return CaError("serial number '" + std::string(hex) + "' " + why); };
    if (hex.empty()) {
        throw invalid("is empty");
    }
    const std::string_view digits = hex.substr(std::min(hex.find_first_not_of('0'), hex.size()));
    if (digits.empty()) {
        throw invalid("is zero");
    }
    if (digits.size() > 2 * kMaxSerialBytes) {
        throw invalid("is longer than 16 bytes");
    }
    SerialBytes serial;
    serial.size = (digits.size() + 1) / 2;
    // With an odd number of digits the first byte holds a single one.
    std::size_t next = 0;
    for (std::size_t i = 0; i < serial.size; ++i) {
        const int high = (i == 0 && digits.size() % 2 == 1) ? 0 : hexDigitValue(digits[next++]);
        const int low = hexDigitValue(digits[next++]);
        if (high < 0 || low < 0) {
            throw invalid("is not hexadecimal");
        }
        serial.bytes[i] = static_cast<std::uint8_t>(high * 16 + low);
    }
    return serial;
}

std::string toHex(const unsigned char* data, std::size_t size)
{
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string hex;
    hex.reserve(2 * size);
    for (std::size_t i = 0; i < size; ++i) {
        hex += kDigits[data[i] >> 4];
        hex += kDigits[data[i] & 0x0F];
    }
    return hex;
}

std::string serialHexOf(const ASN1_INTEGER& serial)
{
    return toHex(ASN1_STRING_get0_data(&serial), static_cast<std::size_t>(ASN1_STRING_length(&serial)));
}

/// 16 random bytes, the top one in 0x40–0x7F: positive, never zero, and always 32 hex digits long.
SerialBytes randomSerial()
{
    SerialBytes serial;
    serial.size = kMaxSerialBytes;
    requireOk(RAND_bytes(serial.bytes.data(), static_cast<int>(serial.size)), "RAND_bytes");
    serial.bytes[0] = static_cast<std::uint8_t>((serial.bytes[0] & 0x7F) | 0x40);
    return serial;
}

void setSerial(ASN1_INTEGER& target, const SerialBytes& serial)
{
    requireOk(ASN1_STRING_set(&target, serial.bytes.data(), static_cast<int>(serial.size)), "setting a serial number");
}

void setTime(ASN1_TIME& target, TimePoint time)
{
    requireNonNull(ASN1_TIME_set(&target, std::chrono::system_clock::to_time_t(time)), "ASN1_TIME_set");
}

Asn1TimePtr newTime(TimePoint time)
{
    Asn1TimePtr asn1(requireNonNull(ASN1_TIME_new(), "ASN1_TIME_new"));
    setTime(*asn1, time);
    return asn1;
}

TimePoint timePointOf(const ASN1_TIME& time)
{
    std::tm fields{};
    requireOk(ASN1_TIME_to_tm(&time, &fields), "ASN1_TIME_to_tm");
    const long days = common::Date{fields.tm_year + 1900, fields.tm_mon + 1, fields.tm_mday}.daysSinceEpoch();
    return TimePoint{} + std::chrono::days(days) + std::chrono::hours(fields.tm_hour) +
           std::chrono::minutes(fields.tm_min) + std::chrono::seconds(fields.tm_sec);
}

TimePoint startOfJstDay(const common::Date& date)
{
    return TimePoint{} + std::chrono::days(date.daysSinceEpoch()) - kJstOffset;
}

EvpPkeyPtr generateKey(KeyType keyType)
{
    EVP_PKEY* key = keyType == KeyType::EcP256 ? EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")
                                               : EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", kRsaBits);
    return EvpPkeyPtr(requireNonNull(key, "generating a key"));
}

X509Ptr newCertificate(const SerialBytes& serial, const Validity& validity, EVP_PKEY& publicKey)
{
    if (validity.notAfter < validity.notBefore) {
        throw CaError("certificate validity ends before it starts");
    }
    X509Ptr certificate(requireNonNull(X509_new(), "X509_new"));
    requireOk(X509_set_version(certificate.get(), X509_VERSION_3), "X509_set_version");
    setSerial(*X509_get_serialNumber(certificate.get()), serial);
    setTime(*X509_getm_notBefore(certificate.get()), validity.notBefore);
    setTime(*X509_getm_notAfter(certificate.get()), validity.notAfter);
    requireOk(X509_set_pubkey(certificate.get(), &publicKey), "X509_set_pubkey");
    return certificate;
}

void setSubject(X509& certificate, const Subject& subject)
{
    X509_NAME* name = X509_get_subject_name(&certificate);
    for (const auto& [attribute, value] : subject) {
        requireOk(X509_NAME_add_entry_by_txt(name, attribute, MBSTRING_UTF8,
                                             reinterpret_cast<const unsigned char*>(value.data()),
                                             static_cast<int>(value.size()), -1, 0),
                  "subject " + std::string(attribute) + "='" + value + "'");
    }
}

/// An extension given in openssl.cnf syntax; `ctx` supplies the certificates that key identifiers refer to.
X509ExtensionPtr makeExtension(X509V3_CTX& ctx, int nid, const char* value)
{
    return X509ExtensionPtr(
        requireNonNull(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value), "extension " + std::string(OBJ_nid2sn(nid))));
}

void addExtensions(X509& certificate, X509* issuer, std::initializer_list<std::pair<int, const char*>> extensions)
{
    X509V3_CTX ctx{};
    X509V3_set_ctx(&ctx, issuer, &certificate, nullptr, nullptr, 0);
    for (const auto& [nid, value] : extensions) {
        requireOk(X509_add_ext(&certificate, makeExtension(ctx, nid, value).get(), -1), "X509_add_ext");
    }
}

bool isDnsName(std::string_view name)
{
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
               c == '*';
    });
}

void addSubjectAltNames(X509& certificate, const std::vector<std::string>& dnsNames,
                        const std::vector<std::string>& ipAddresses)
{
    GeneralNamesPtr names(requireNonNull(GENERAL_NAMES_new(), "GENERAL_NAMES_new"));
    const auto append = [&names](int type, Asn1StringPtr value) {
        GeneralNamePtr name(requireNonNull(GENERAL_NAME_new(), "GENERAL_NAME_new"));
        GENERAL_NAME_set0_value(name.get(), type, value.release());
        if (sk_GENERAL_NAME_push(names.get(), name.get()) <= 0) {
            throwOpenSslError("sk_GENERAL_NAME_push");
        }
        static_cast<void>(name.release());
    };
    for (const std::string& dnsName : dnsNames) {
        if (!isDnsName(dnsName)) {
            throw CaError("'" + dnsName + "' is not a DNS name");
        }
        Asn1StringPtr ia5(requireNonNull(ASN1_IA5STRING_new(), "ASN1_IA5STRING_new"));
        requireOk(ASN1_STRING_set(ia5.get(), dnsName.data(), static_cast<int>(dnsName.size())), "ASN1_STRING_set");
        append(GEN_DNS, std::move(ia5));
    }
    for (const std::string& address : ipAddresses) {
        append(GEN_IPADD,
               Asn1StringPtr(requireNonNull(a2i_IPADDRESS(address.c_str()), "'" + address + "' is not an IP address")));
    }
    requireOk(X509_add1_ext_i2d(&certificate, NID_subject_alt_name, names.get(), 0, X509V3_ADD_DEFAULT),
              "subjectAltName");
}

void signWith(X509& certificate, EVP_PKEY& key)
{
    if (X509_sign(&certificate, &key, EVP_sha256()) <= 0) {
        throwOpenSslError("X509_sign");
    }
}

void savePemPair(const std::filesystem::path& directory, std::string_view baseName, std::string_view certificatePem,
                 std::string_view privateKeyPem)
{
    writeFileAtomically(certificateFileOf(directory, baseName), certificatePem, false);
    writeFileAtomically(privateKeyFileOf(directory, baseName), privateKeyPem, true);
}

/// Adds the entries one by one through the OpenSSL API: the stack grows amortised O(1) and is never sorted
/// (entry order is free in RFC 5280), scratch serial and time objects are reused, so the cost stays linear.
void appendRevoked(X509_CRL& crl, std::span<const RevokedCertificate> revoked)
{
    const Asn1IntegerPtr serial(requireNonNull(ASN1_INTEGER_new(), "ASN1_INTEGER_new"));
    const Asn1TimePtr date(requireNonNull(ASN1_TIME_new(), "ASN1_TIME_new"));
    std::optional<std::time_t> dateSeconds;
    for (const RevokedCertificate& entry : revoked) {
        setSerial(*serial, parseSerial(entry.serialHex));
        const std::time_t seconds = std::chrono::system_clock::to_time_t(entry.revokedAt);
        if (seconds != dateSeconds) {
            setTime(*date, entry.revokedAt);
            dateSeconds = seconds;
        }
        X509RevokedPtr item(requireNonNull(X509_REVOKED_new(), "X509_REVOKED_new"));
        requireOk(X509_REVOKED_set_serialNumber(item.get(), serial.get()), "X509_REVOKED_set_serialNumber");
        requireOk(X509_REVOKED_set_revocationDate(item.get(), date.get()), "X509_REVOKED_set_revocationDate");
        requireOk(X509_CRL_add0_revoked(&crl, item.get()), "X509_CRL_add0_revoked");
        static_cast<void>(item.release());
    }
}

} // namespace

Validity Validity::fromDates(const common::Date& first, const common::Date& last)
{
    if (last < first) {
        throw CaError("validity ends (" + last.toIso() + ") before it starts (" + first.toIso() + ")");
    }
    return Validity{startOfJstDay(first), startOfJstDay(last.addDays(1)) - std::chrono::seconds(1)};
}

Validity Validity::fromNow(std::chrono::days length)
{
    const TimePoint now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    return Validity{now - kClockSkewAllowance, now + length};
}

CrlOptions CrlOptions::issuedNow(std::chrono::seconds lifetime, std::uint64_t crlNumber)
{
    const TimePoint now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    return CrlOptions{now - kClockSkewAllowance, now + lifetime, crlNumber};
}

void IssuedCertificate::save(const std::filesystem::path& directory, std::string_view baseName) const
{
    savePemPair(directory, baseName, certificatePem, privateKeyPem);
}

std::string normalizeSerialHex(std::string_view serialHex)
{
    const SerialBytes serial = parseSerial(serialHex);
    return toHex(serial.bytes.data(), serial.size);
}

CertificateAuthority::CertificateAuthority(X509Ptr certificate, EvpPkeyPtr key)
    : m_certificate(std::move(certificate)), m_key(std::move(key))
{
}

CertificateAuthority CertificateAuthority::create(std::string_view commonName, KeyType keyType,
                                                  std::optional<Validity> validity)
{
    EvpPkeyPtr key = generateKey(keyType);
    X509Ptr certificate =
        newCertificate(randomSerial(), validity.value_or(Validity::fromNow(kDefaultCaLifetime)), *key);
    setSubject(*certificate, {{"C", "JP"}, {"O", "OQS"}, {"CN", std::string(commonName)}});
    requireOk(X509_set_issuer_name(certificate.get(), X509_get_subject_name(certificate.get())),
              "X509_set_issuer_name");
    // pathlen:0 — these CAs sign end-entity certificates only.
    addExtensions(*certificate, certificate.get(),
                  {{NID_basic_constraints, "critical,CA:TRUE,pathlen:0"},
                   {NID_key_usage, "critical,keyCertSign,cRLSign"},
                   {NID_subject_key_identifier, "hash"}});
    signWith(*certificate, *key);
    return CertificateAuthority(std::move(certificate), std::move(key));
}

CertificateAuthority CertificateAuthority::load(const std::filesystem::path& directory, std::string_view baseName)
{
    const std::filesystem::path certificateFile = certificateFileOf(directory, baseName);
    const std::filesystem::path keyFile = privateKeyFileOf(directory, baseName);
    X509Ptr certificate = certificateFromPem(readFileBytes(certificateFile), certificateFile.string());
    EvpPkeyPtr key = privateKeyFromPem(readFileBytes(keyFile), keyFile.string());
    if (X509_check_ca(certificate.get()) == 0) {
        throw CaError(certificateFile.string() + " is not a CA certificate");
    }
    requireOk(X509_check_private_key(certificate.get(), key.get()),
              keyFile.string() + " is not the key of " + certificateFile.string());
    return CertificateAuthority(std::move(certificate), std::move(key));
}

void CertificateAuthority::save(const std::filesystem::path& directory, std::string_view baseName) const
{
    savePemPair(directory, baseName, certificatePem(), privateKeyToPem(*m_key));
}

std::string CertificateAuthority::certificatePem() const
{
    return certificateToPem(*m_certificate);
}

IssuedCertificate CertificateAuthority::issue(const LeafProfile& profile, const IssueOptions& options) const
{
    const SerialBytes serial = options.serialHex ? parseSerial(*options.serialHex) : randomSerial();
    const EvpPkeyPtr key = generateKey(profile.keyType);
    const X509Ptr certificate =
        newCertificate(serial, options.validity.value_or(Validity::fromNow(kDefaultLeafLifetime)), *key);
    setSubject(*certificate, profile.subject);
    requireOk(X509_set_issuer_name(certificate.get(), X509_get_subject_name(m_certificate.get())),
              "X509_set_issuer_name");
    addExtensions(*certificate, m_certificate.get(),
                  {{NID_basic_constraints, "critical,CA:FALSE"},
                   {NID_key_usage, "critical,digitalSignature"},
                   {NID_ext_key_usage, profile.extendedKeyUsage},
                   {NID_subject_key_identifier, "hash"},
                   {NID_authority_key_identifier, "keyid:always"}});
    if (!profile.dnsNames.empty() || !profile.ipAddresses.empty()) {
        addSubjectAltNames(*certificate, profile.dnsNames, profile.ipAddresses);
    }
    signWith(*certificate, *m_key);
    return IssuedCertificate{certificateToPem(*certificate), privateKeyToPem(*key),
                             toHex(serial.bytes.data(), serial.size), encodeDer(*certificate, i2d_X509, "i2d_X509")};
}

IssuedCertificate CertificateAuthority::issueServerCertificate(const std::vector<std::string>& dnsNames,
                                                               const std::vector<std::string>& ipAddresses,
                                                               const IssueOptions& options) const
{
    if (dnsNames.empty() && ipAddresses.empty()) {
        throw CaError("a server certificate needs at least one DNS name or IP address");
    }
    const std::string commonName = dnsNames.empty() ? ipAddresses.front() : dnsNames.front();
    return issue(LeafProfile{.subject = {{"CN", commonName}},
                             .extendedKeyUsage = "serverAuth",
                             .dnsNames = dnsNames,
                             .ipAddresses = ipAddresses},
                 options);
}

IssuedCertificate CertificateAuthority::issueInstitutionCertificate(std::string_view institutionCode,
                                                                    std::string_view institutionName,
                                                                    const IssueOptions& options) const
{
    if (common::checkMedicalInstitutionCode(institutionCode)) {
        throw CaError("'" + std::string(institutionCode) + "' is not a valid medical-institution code");
    }
    return issue(
        LeafProfile{
            .subject = {{"C", "JP"}, {"O", std::string(institutionName)}, {"CN", std::string(institutionCode)}}},
        options);
}

IssuedCertificate CertificateAuthority::issueFeedCertificate(std::string_view feedName,
                                                             const IssueOptions& options) const
{
    if (feedName.empty()) {
        throw CaError("a feed certificate needs a feed name");
    }
    return issue(LeafProfile{.subject = {{"C", "JP"}, {"O", "OQS"}, {"CN", "feed:" + std::string(feedName)}}}, options);
}

IssuedCertificate CertificateAuthority::issueJpkiUserCertificate(std::string_view commonName,
                                                                 const IssueOptions& options) const
{
    return issue(LeafProfile{.subject = {{"C", "JP"}, {"CN", std::string(commonName)}}, .keyType = KeyType::Rsa2048},
                 options);
}

std::string CertificateAuthority::issuedSerialOf(std::string_view certificatePem) const
{
    const X509Ptr certificate = certificateFromPem(certificatePem);
    if (X509_check_issued(m_certificate.get(), certificate.get()) != X509_V_OK ||
        X509_verify(certificate.get(), X509_get0_pubkey(m_certificate.get())) != 1) {
        throwOpenSslError("the certificate was not issued by this CA");
    }
    return serialHexOf(*X509_get0_serialNumber(certificate.get()));
}

X509CrlPtr CertificateAuthority::signCrl(std::span<const RevokedCertificate> revoked, const CrlOptions& options) const
{
    if (options.nextUpdate < options.thisUpdate) {
        throw CaError("CRL nextUpdate is before thisUpdate");
    }
    X509CrlPtr crl(requireNonNull(X509_CRL_new(), "X509_CRL_new"));
    requireOk(X509_CRL_set_version(crl.get(), X509_CRL_VERSION_2), "X509_CRL_set_version");
    requireOk(X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(m_certificate.get())),
              "X509_CRL_set_issuer_name");
    requireOk(X509_CRL_set1_lastUpdate(crl.get(), newTime(options.thisUpdate).get()), "X509_CRL_set1_lastUpdate");
    requireOk(X509_CRL_set1_nextUpdate(crl.get(), newTime(options.nextUpdate).get()), "X509_CRL_set1_nextUpdate");
    appendRevoked(*crl, revoked);

    X509V3_CTX ctx{};
    X509V3_set_ctx(&ctx, m_certificate.get(), nullptr, nullptr, crl.get(), 0);
    requireOk(X509_CRL_add_ext(crl.get(), makeExtension(ctx, NID_authority_key_identifier, "keyid:always").get(), -1),
              "X509_CRL_add_ext");
    const Asn1IntegerPtr number(requireNonNull(ASN1_INTEGER_new(), "ASN1_INTEGER_new"));
    requireOk(ASN1_INTEGER_set_uint64(number.get(), options.crlNumber), "ASN1_INTEGER_set_uint64");
    requireOk(X509_CRL_add1_ext_i2d(crl.get(), NID_crl_number, number.get(), 0, X509V3_ADD_DEFAULT), "cRLNumber");

    if (X509_CRL_sign(crl.get(), m_key.get(), EVP_sha256()) <= 0) {
        throwOpenSslError("X509_CRL_sign");
    }
    return crl;
}

std::vector<std::uint8_t> CertificateAuthority::signCrlDer(std::span<const RevokedCertificate> revoked,
                                                           const CrlOptions& options) const
{
    return encodeDer(*signCrl(revoked, options), i2d_X509_CRL, "i2d_X509_CRL");
}

std::string CertificateAuthority::signCrlPem(std::span<const RevokedCertificate> revoked,
                                             const CrlOptions& options) const
{
    const X509CrlPtr crl = signCrl(revoked, options);
    const BioPtr bio = newMemoryBio();
    requireOk(PEM_write_bio_X509_CRL(bio.get(), crl.get()), "PEM_write_bio_X509_CRL");
    return contentsOf(*bio);
}

CrlContents CertificateAuthority::readCrl(std::string_view pemOrDer) const
{
    const X509CrlPtr crl = crlFromPemOrDer(pemOrDer);
    if (X509_CRL_verify(crl.get(), X509_get0_pubkey(m_certificate.get())) != 1) {
        throwOpenSslError("the CRL was not signed by this CA");
    }
    const ASN1_TIME* nextUpdate = X509_CRL_get0_nextUpdate(crl.get());
    if (nextUpdate == nullptr) {
        throw CaError("the CRL has no nextUpdate");
    }
    CrlContents contents;
    contents.options.thisUpdate = timePointOf(*X509_CRL_get0_lastUpdate(crl.get()));
    contents.options.nextUpdate = timePointOf(*nextUpdate);
    const Asn1IntegerPtr number(
        static_cast<ASN1_INTEGER*>(X509_CRL_get_ext_d2i(crl.get(), NID_crl_number, nullptr, nullptr)));
    contents.options.crlNumber = 0;
    if (number) {
        requireOk(ASN1_INTEGER_get_uint64(&contents.options.crlNumber, number.get()), "cRLNumber");
    }
    const STACK_OF(X509_REVOKED)* entries = X509_CRL_get_REVOKED(crl.get());
    const int count = sk_X509_REVOKED_num(entries); // -1 for a CRL without entries
    contents.revoked.reserve(static_cast<std::size_t>(std::max(count, 0)));
    for (int i = 0; i < count; ++i) {
        const X509_REVOKED* entry = sk_X509_REVOKED_value(entries, i);
        contents.revoked.push_back({serialHexOf(*X509_REVOKED_get0_serialNumber(entry)),
                                    timePointOf(*X509_REVOKED_get0_revocationDate(entry))});
    }
    return contents;
}

std::vector<std::uint8_t> CertificateAuthority::exportPkcs12(std::string_view certificatePem,
                                                             std::string_view privateKeyPem, std::string_view password,
                                                             std::string_view friendlyName) const
{
    const X509Ptr certificate = certificateFromPem(certificatePem);
    const EvpPkeyPtr key = privateKeyFromPem(privateKeyPem);
    requireOk(X509_check_private_key(certificate.get(), key.get()), "the private key does not match the certificate");
    X509StackPtr chain(requireNonNull(sk_X509_new_null(), "sk_X509_new_null"));
    X509Ptr caCopy(requireNonNull(X509_dup(m_certificate.get()), "X509_dup"));
    if (sk_X509_push(chain.get(), caCopy.get()) <= 0) {
        throwOpenSslError("sk_X509_push");
    }
    static_cast<void>(caCopy.release());
    // Zero iteration counts and NIDs select OpenSSL 3's defaults (AES-256-CBC, PBKDF2, SHA-256 MAC).
    const Pkcs12Ptr pkcs12(
        requireNonNull(PKCS12_create(std::string(password).c_str(), std::string(friendlyName).c_str(), key.get(),
                                     certificate.get(), chain.get(), 0, 0, 0, 0, 0),
                       "PKCS12_create"));
    return encodeDer(*pkcs12, i2d_PKCS12, "i2d_PKCS12");
}

} // namespace oqs::server::ca
