// SPDX-License-Identifier: Apache-2.0
#include "ca/CertificateAuthority.h"

#include "oqs/common/Validation.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/err.h>

#include <cstdio>
#include <ctime>
#include <map>
#include <optional>
#include <sstream>

using namespace oqs::server::ca;
using namespace std::chrono_literals;

namespace {

constexpr std::string_view kValidInstitutionCode = "1312345676";
constexpr int kJstOffsetSeconds = 9 * 3600;

QString errorText(int verifyError)
{
    return QString::fromUtf8(X509_verify_cert_error_string(verifyError));
}

struct VerifyOptions {
    int purpose = 0;                  ///< X509_PURPOSE_*; 0 leaves the EKU unchecked
    const std::string* crl = nullptr; ///< turns on revocation checking against this CRL
};

/// X509_verify_cert on `leafPem` with `caPem` as the only trust anchor, at the current time; the error text
/// ("ok" on success) so that a failure says why.
QString verifyCertificate(const std::string& leafPem, const std::string& caPem, const VerifyOptions& options = {})
{
    const X509Ptr leaf = certificateFromPem(leafPem);
    const X509Ptr anchor = certificateFromPem(caPem);
    const X509StorePtr store(X509_STORE_new());
    X509_STORE_add_cert(store.get(), anchor.get());
    if (options.crl != nullptr) {
        const X509CrlPtr crl = crlFromPemOrDer(*options.crl);
        X509_STORE_add_crl(store.get(), crl.get());
        X509_STORE_set_flags(store.get(), X509_V_FLAG_CRL_CHECK);
    }
    const X509StoreCtxPtr context(X509_STORE_CTX_new());
    X509_STORE_CTX_init(context.get(), store.get(), leaf.get(), nullptr);
    if (options.purpose != 0) {
        X509_STORE_CTX_set_purpose(context.get(), options.purpose);
    }
    const int verified = X509_verify_cert(context.get());
    ERR_clear_error();
    return errorText(verified == 1 ? X509_V_OK : X509_STORE_CTX_get_error(context.get()));
}

/// The value of the first subject attribute `nid` as UTF-8, or a null QString when absent.
QString subjectAttribute(const X509& certificate, int nid)
{
    const X509_NAME* name = X509_get_subject_name(&certificate);
    const int index = X509_NAME_get_index_by_NID(name, nid, -1);
    if (index < 0) {
        return {};
    }
    unsigned char* utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index)));
    const QString value = QString::fromUtf8(reinterpret_cast<const char*>(utf8), length);
    OPENSSL_free(utf8);
    return value;
}

/// Serial as OpenSSL's own big-number code prints it, independent of the library's hex conversion.
QString serialOf(const ASN1_INTEGER* serial)
{
    const std::unique_ptr<BIGNUM, OpenSslFree<BN_free>> number(ASN1_INTEGER_to_BN(serial, nullptr));
    char* hex = BN_bn2hex(number.get());
    const QString text = QString::fromLatin1(hex);
    OPENSSL_free(hex);
    return text;
}

std::time_t jstSeconds(QDate date, QTime time)
{
    return static_cast<std::time_t>(QDateTime(date, time, QTimeZone(kJstOffsetSeconds)).toSecsSinceEpoch());
}

oqs::common::Date toDate(QDate date)
{
    return oqs::common::Date{date.year(), date.month(), date.day()};
}

/// Checks what every issued certificate promises: the key matches, the DER is the PEM's, the serial is the one
/// in the certificate. Returns the parsed certificate.
X509Ptr checkedCertificate(const IssuedCertificate& issued)
{
    X509Ptr certificate = certificateFromPem(issued.certificatePem);
    const EvpPkeyPtr key = privateKeyFromPem(issued.privateKeyPem);
    if (X509_check_private_key(certificate.get(), key.get()) != 1) {
        QTest::qFail("private key does not match the certificate", __FILE__, __LINE__);
    }
    if (encodeDer(*certificate, i2d_X509, "i2d_X509") != issued.der) {
        QTest::qFail("der differs from the PEM certificate", __FILE__, __LINE__);
    }
    if (serialOf(X509_get0_serialNumber(certificate.get())) != QString::fromStdString(issued.serialHex)) {
        QTest::qFail("serialHex differs from the certificate's serial", __FILE__, __LINE__);
    }
    return certificate;
}

struct CommandResult {
    int exitCode = -1;
    QString out;
    QString err;
};

CommandResult runCa(const QStringList& args)
{
    std::vector<std::string> words;
    for (const QString& arg : args) {
        words.push_back(arg.toStdString());
    }
    std::ostringstream out;
    std::ostringstream err;
    const int exitCode = runCaCommand(words, out, err);
    return CommandResult{exitCode, QString::fromStdString(out.str()), QString::fromStdString(err.str())};
}

std::string fileText(const QDir& directory, const QString& name)
{
    return readFileBytes(directory.filePath(name).toStdString());
}

/// Every file in `directory` with its bytes: a snapshot to prove that a command changed nothing.
std::map<QString, std::string> snapshot(const QDir& directory)
{
    std::map<QString, std::string> files;
    for (const QString& name : directory.entryList(QDir::Files)) {
        files[name] = fileText(directory, name);
    }
    return files;
}

std::vector<RevokedCertificate> manySerials(int count, TimePoint revokedAt)
{
    std::vector<RevokedCertificate> revoked;
    revoked.reserve(static_cast<std::size_t>(count));
    char hex[33];
    for (int i = 0; i < count; ++i) {
        // 16-byte serials like real ones, spread over the value space.
        const unsigned long long high = 0x4000000000000000ULL + static_cast<unsigned long long>(i) * 2654435761ULL;
        std::snprintf(hex, sizeof hex, "%016llX%016llX", high, static_cast<unsigned long long>(i));
        revoked.push_back(RevokedCertificate{hex, revokedAt});
    }
    return revoked;
}

} // namespace

class TestCertificateAuthority : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void serverCertificateIsForTlsOnLocalhost();
    void serverCertificateTakesOtherNames();
    void serverCertificateRejectsBadNames_data();
    void serverCertificateRejectsBadNames();
    void institutionCertificateNamesTheInstitution();
    void institutionCertificateRejectsBadCodes_data();
    void institutionCertificateRejectsBadCodes();
    void feedCertificateNamesTheFeed();
    void jpkiUserCertificate_data();
    void jpkiUserCertificate();
    void randomSerialsAreDistinctAndPositive();
    void serialHexIsNormalized_data();
    void serialHexIsNormalized();
    void issuedSerialOfAcceptsOnlyOwnCertificates();

    void crlListsExactlyTheGivenSerials_data();
    void crlListsExactlyTheGivenSerials();
    void crlRevokesDuringVerification();
    void readCrlRejectsForeignCrls();
    void largeCrlSignsInSaneTime();

    void pkcs12RoundTrip();
    void pkcs12RejectsMismatchedKey();

    void saveAndLoadRoundTrip();
    void loadRejectsBrokenDirectories();

    void initDemoCreatesVerifiableFiles();
    void initDemoIsIdempotent();
    void initDemoRefusesLoneFiles();
    void issueJpkiCommand_data();
    void issueJpkiCommand();
    void revokeInstitutionCommand();
    void badArguments_data();
    void badArguments();

private:
    std::optional<CertificateAuthority> m_ca;
    std::optional<CertificateAuthority> m_otherCa;
    std::optional<CertificateAuthority> m_jpkiCa;
    std::optional<CertificateAuthority> m_otherJpkiCa;
};

void TestCertificateAuthority::initTestCase()
{
    m_ca.emplace(CertificateAuthority::create("Test Institution CA"));
    m_otherCa.emplace(CertificateAuthority::create("Test Institution CA")); // same name, different key
    m_jpkiCa.emplace(CertificateAuthority::create("Test JPKI CA", KeyType::Rsa2048));
    m_otherJpkiCa.emplace(CertificateAuthority::create("Untrusted JPKI CA", KeyType::Rsa2048));
    QVERIFY(!oqs::common::checkMedicalInstitutionCode(kValidInstitutionCode));
}

void TestCertificateAuthority::serverCertificateIsForTlsOnLocalhost()
{
    const IssuedCertificate issued = m_ca->issueServerCertificate();
    const X509Ptr certificate = checkedCertificate(issued);

    QCOMPARE(verifyCertificate(issued.certificatePem, m_ca->certificatePem(), {X509_PURPOSE_SSL_SERVER}),
             errorText(X509_V_OK));
    QCOMPARE(verifyCertificate(issued.certificatePem, m_otherCa->certificatePem()),
             errorText(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY));
    QCOMPARE(verifyCertificate(issued.certificatePem, m_ca->certificatePem(), {X509_PURPOSE_SSL_CLIENT}),
             errorText(X509_V_ERR_INVALID_PURPOSE));

    QCOMPARE(X509_check_host(certificate.get(), "localhost", 0, 0, nullptr), 1);
    QCOMPARE(X509_check_ip_asc(certificate.get(), "127.0.0.1", 0), 1);
    QCOMPARE(X509_check_host(certificate.get(), "example.com", 0, 0, nullptr), 0);
    QCOMPARE(X509_check_ip_asc(certificate.get(), "127.0.0.2", 0), 0);
    QCOMPARE(subjectAttribute(*certificate, NID_commonName), QStringLiteral("localhost"));
    QCOMPARE(X509_get_extended_key_usage(certificate.get()), std::uint32_t{XKU_SSL_SERVER});
    QCOMPARE(EVP_PKEY_get_base_id(X509_get0_pubkey(certificate.get())), EVP_PKEY_EC);
    QCOMPARE(X509_check_ca(certificate.get()), 0);
}

void TestCertificateAuthority::serverCertificateTakesOtherNames()
{
    const IssuedCertificate issued = m_ca->issueServerCertificate({"oqs.example.jp", "*.oqs.example.jp"}, {"::1"});
    const X509Ptr certificate = checkedCertificate(issued);
    QCOMPARE(X509_check_host(certificate.get(), "oqs.example.jp", 0, 0, nullptr), 1);
    QCOMPARE(X509_check_host(certificate.get(), "api.oqs.example.jp", 0, 0, nullptr), 1);
    QCOMPARE(X509_check_host(certificate.get(), "localhost", 0, 0, nullptr), 0);
    QCOMPARE(X509_check_ip_asc(certificate.get(), "::1", 0), 1);
    QCOMPARE(subjectAttribute(*certificate, NID_commonName), QStringLiteral("oqs.example.jp"));
}

void TestCertificateAuthority::serverCertificateRejectsBadNames_data()
{
    QTest::addColumn<QStringList>("dnsNames");
    QTest::addColumn<QStringList>("ipAddresses");
    QTest::newRow("no names") << QStringList{} << QStringList{};
    QTest::newRow("space in DNS name") << QStringList{"local host"} << QStringList{};
    QTest::newRow("non-ASCII DNS name") << QStringList{"病院.jp"} << QStringList{};
    QTest::newRow("bad IPv4") << QStringList{} << QStringList{"999.0.0.1"};
    QTest::newRow("not an address") << QStringList{"localhost"} << QStringList{"localhost"};
}

void TestCertificateAuthority::serverCertificateRejectsBadNames()
{
    QFETCH(QStringList, dnsNames);
    QFETCH(QStringList, ipAddresses);
    const auto toStrings = [](const QStringList& list) {
        std::vector<std::string> strings;
        for (const QString& item : list) {
            strings.push_back(item.toStdString());
        }
        return strings;
    };
    QVERIFY_THROWS_EXCEPTION(CaError, m_ca->issueServerCertificate(toStrings(dnsNames), toStrings(ipAddresses)));
}

void TestCertificateAuthority::institutionCertificateNamesTheInstitution()
{
    const IssuedCertificate issued = m_ca->issueInstitutionCertificate(kValidInstitutionCode, "OQSテスト病院");
    const X509Ptr certificate = checkedCertificate(issued);

    QCOMPARE(subjectAttribute(*certificate, NID_commonName), QString::fromLatin1(kValidInstitutionCode.data()));
    QCOMPARE(subjectAttribute(*certificate, NID_organizationName), QStringLiteral("OQSテスト病院"));
    QCOMPARE(subjectAttribute(*certificate, NID_countryName), QStringLiteral("JP"));
    QCOMPARE(X509_get_extended_key_usage(certificate.get()), std::uint32_t{XKU_SSL_CLIENT});
    QCOMPARE(EVP_PKEY_get_base_id(X509_get0_pubkey(certificate.get())), EVP_PKEY_EC);

    QCOMPARE(verifyCertificate(issued.certificatePem, m_ca->certificatePem(), {X509_PURPOSE_SSL_CLIENT}),
             errorText(X509_V_OK));
    QCOMPARE(verifyCertificate(issued.certificatePem, m_ca->certificatePem(), {X509_PURPOSE_SSL_SERVER}),
             errorText(X509_V_ERR_INVALID_PURPOSE));
    QCOMPARE(verifyCertificate(issued.certificatePem, m_otherCa->certificatePem()),
             errorText(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY));
    QCOMPARE(verifyCertificate(issued.certificatePem, m_jpkiCa->certificatePem()),
             errorText(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY));
}

void TestCertificateAuthority::institutionCertificateRejectsBadCodes_data()
{
    QTest::addColumn<QString>("code");
    QTest::newRow("wrong check digit") << "1312345678";
    QTest::newRow("nine digits") << "131234567";
    QTest::newRow("letter") << "13123456A6";
    QTest::newRow("no prefecture 99") << "9912345676";
    QTest::newRow("empty") << "";
}

void TestCertificateAuthority::institutionCertificateRejectsBadCodes()
{
    QFETCH(QString, code);
    QVERIFY_THROWS_EXCEPTION(CaError, m_ca->issueInstitutionCertificate(code.toStdString(), "OQSテスト病院"));
}

void TestCertificateAuthority::feedCertificateNamesTheFeed()
{
    const IssuedCertificate issued = m_ca->issueFeedCertificate("insurers-east");
    const X509Ptr certificate = checkedCertificate(issued);
    QCOMPARE(subjectAttribute(*certificate, NID_commonName), QStringLiteral("feed:insurers-east"));
    QCOMPARE(X509_get_extended_key_usage(certificate.get()), std::uint32_t{XKU_SSL_CLIENT});
    QCOMPARE(verifyCertificate(issued.certificatePem, m_ca->certificatePem(), {X509_PURPOSE_SSL_CLIENT}),
             errorText(X509_V_OK));
    QVERIFY_THROWS_EXCEPTION(CaError, m_ca->issueFeedCertificate(""));
}

void TestCertificateAuthority::jpkiUserCertificate_data()
{
    QTest::addColumn<QString>("serialHex");
    QTest::addColumn<QDate>("notBefore");
    QTest::addColumn<QDate>("notAfter");
    QTest::addColumn<bool>("trustedIssuer");
    QTest::addColumn<int>("expectedError");

    QTest::newRow("valid") << "0123456789ABCDEF0123456789ABCDEF" << QDate(2020, 1, 1) << QDate(2099, 12, 31)
                           << true << int(X509_V_OK);
    QTest::newRow("expired") << "0a" << QDate(2015, 1, 1) << QDate(2020, 3, 31) << true
                             << int(X509_V_ERR_CERT_HAS_EXPIRED);
    QTest::newRow("not yet valid") << "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF" << QDate(2090, 1, 1) << QDate(2095, 12, 31)
                                   << true << int(X509_V_ERR_CERT_NOT_YET_VALID);
    QTest::newRow("untrusted CA") << "00C0FFEE" << QDate(2020, 1, 1) << QDate(2099, 12, 31) << false
                                  << int(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
}

void TestCertificateAuthority::jpkiUserCertificate()
{
    QFETCH(QString, serialHex);
    QFETCH(QDate, notBefore);
    QFETCH(QDate, notAfter);
    QFETCH(bool, trustedIssuer);
    QFETCH(int, expectedError);

    const CertificateAuthority& issuer = trustedIssuer ? *m_jpkiCa : *m_otherJpkiCa;
    const IssuedCertificate issued = issuer.issueJpkiUserCertificate(
        "TEST USER " + serialHex.toStdString(),
        IssueOptions{serialHex.toStdString(), Validity::fromDates(toDate(notBefore), toDate(notAfter))});
    const X509Ptr certificate = checkedCertificate(issued);

    QCOMPARE(verifyCertificate(issued.certificatePem, m_jpkiCa->certificatePem(), {X509_PURPOSE_SSL_CLIENT}),
             errorText(expectedError));
    QCOMPARE(QString::fromStdString(issued.serialHex),
             QString::fromStdString(normalizeSerialHex(serialHex.toStdString())));
    QCOMPARE(ASN1_TIME_cmp_time_t(X509_get0_notBefore(certificate.get()), jstSeconds(notBefore, QTime(0, 0))), 0);
    QCOMPARE(ASN1_TIME_cmp_time_t(X509_get0_notAfter(certificate.get()), jstSeconds(notAfter, QTime(23, 59, 59))), 0);

    const EVP_PKEY* publicKey = X509_get0_pubkey(certificate.get());
    QCOMPARE(EVP_PKEY_get_base_id(publicKey), EVP_PKEY_RSA);
    QCOMPARE(EVP_PKEY_get_bits(publicKey), 2048);
    QCOMPARE(X509_get_extended_key_usage(certificate.get()), std::uint32_t{XKU_SSL_CLIENT});
    // D10: a synthetic name and the country, nothing that could hold an individual number.
    QCOMPARE(X509_NAME_entry_count(X509_get_subject_name(certificate.get())), 2);
    QCOMPARE(subjectAttribute(*certificate, NID_commonName), "TEST USER " + serialHex);
    QVERIFY(subjectAttribute(*certificate, NID_serialNumber).isNull());
}

void TestCertificateAuthority::randomSerialsAreDistinctAndPositive()
{
    const IssuedCertificate first = m_ca->issueFeedCertificate("a");
    const IssuedCertificate second = m_ca->issueFeedCertificate("a");
    QVERIFY(first.serialHex != second.serialHex);
    for (const IssuedCertificate* issued : {&first, &second}) {
        QCOMPARE(issued->serialHex.size(), std::size_t{32});
        QVERIFY(issued->serialHex.front() >= '4' && issued->serialHex.front() <= '7');
        const X509Ptr certificate = checkedCertificate(*issued);
        QCOMPARE(ASN1_STRING_type(X509_get0_serialNumber(certificate.get())), V_ASN1_INTEGER);
    }
}

void TestCertificateAuthority::serialHexIsNormalized_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected"); // null: rejected

    QTest::newRow("one digit") << "1" << "01";
    QTest::newRow("leading zeros") << "00ff" << "FF";
    QTest::newRow("odd length") << "abc" << "0ABC";
    QTest::newRow("16 bytes") << "fedcba9876543210FEDCBA9876543210" << "FEDCBA9876543210FEDCBA9876543210";
    QTest::newRow("16 bytes after zeros") << "000000000123456789abcdef0123456789abcdef"
                                          << "0123456789ABCDEF0123456789ABCDEF";
    QTest::newRow("empty") << "" << QString();
    QTest::newRow("zero") << "0" << QString();
    QTest::newRow("zeros") << "0000" << QString();
    QTest::newRow("not hex") << "12g4" << QString();
    QTest::newRow("negative") << "-1" << QString();
    QTest::newRow("17 bytes") << "100000000000000000000000000000000" << QString();
}

void TestCertificateAuthority::serialHexIsNormalized()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    if (expected.isNull()) {
        QVERIFY_THROWS_EXCEPTION(CaError, normalizeSerialHex(input.toStdString()));
        QVERIFY_THROWS_EXCEPTION(CaError, m_jpkiCa->issueJpkiUserCertificate("X", IssueOptions{input.toStdString()}));
        return;
    }
    QCOMPARE(QString::fromStdString(normalizeSerialHex(input.toStdString())), expected);
}

void TestCertificateAuthority::issuedSerialOfAcceptsOnlyOwnCertificates()
{
    const IssuedCertificate own = m_ca->issueInstitutionCertificate(kValidInstitutionCode, "OQSテスト病院");
    QCOMPARE(m_ca->issuedSerialOf(own.certificatePem), own.serialHex);
    QVERIFY_THROWS_EXCEPTION(CaError, m_otherCa->issuedSerialOf(own.certificatePem));
    QVERIFY_THROWS_EXCEPTION(CaError, m_ca->issuedSerialOf(m_otherCa->certificatePem()));
    QVERIFY_THROWS_EXCEPTION(CaError, m_ca->issuedSerialOf("not a certificate"));
}

void TestCertificateAuthority::crlListsExactlyTheGivenSerials_data()
{
    QTest::addColumn<bool>("pem");
    QTest::newRow("DER") << false;
    QTest::newRow("PEM") << true;
}

void TestCertificateAuthority::crlListsExactlyTheGivenSerials()
{
    QFETCH(bool, pem);
    const TimePoint thisUpdate = std::chrono::system_clock::from_time_t(1'750'000'000);
    const std::vector<RevokedCertificate> revoked{{"01", thisUpdate - 48h},
                                                  {"ABCDEF", thisUpdate - 1h},
                                                  {"FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", thisUpdate},
                                                  {"0123456789ABCDEF0123456789ABCDEF", thisUpdate}};
    const CrlOptions options{thisUpdate, thisUpdate + 24h * 7, 42};

    std::string encoded;
    if (pem) {
        encoded = m_ca->signCrlPem(revoked, options);
        QVERIFY(encoded.starts_with("-----BEGIN X509 CRL-----\n"));
    } else {
        const std::vector<std::uint8_t> der = m_ca->signCrlDer(revoked, options);
        encoded.assign(der.begin(), der.end());
        QCOMPARE(static_cast<unsigned char>(encoded.front()), 0x30); // a DER SEQUENCE
    }
    const X509CrlPtr crl = crlFromPemOrDer(encoded);
    const X509Ptr caCertificate = certificateFromPem(m_ca->certificatePem());

    QCOMPARE(X509_CRL_verify(crl.get(), X509_get0_pubkey(caCertificate.get())), 1);
    const X509Ptr otherCaCertificate = certificateFromPem(m_otherCa->certificatePem());
    QVERIFY(X509_CRL_verify(crl.get(), X509_get0_pubkey(otherCaCertificate.get())) != 1);
    ERR_clear_error();

    QCOMPARE(X509_CRL_get_version(crl.get()), long{X509_CRL_VERSION_2});
    QCOMPARE(X509_NAME_cmp(X509_CRL_get_issuer(crl.get()), X509_get_subject_name(caCertificate.get())), 0);
    QCOMPARE(
        ASN1_TIME_cmp_time_t(X509_CRL_get0_lastUpdate(crl.get()), std::chrono::system_clock::to_time_t(thisUpdate)), 0);
    QCOMPARE(ASN1_TIME_cmp_time_t(X509_CRL_get0_nextUpdate(crl.get()),
                                  std::chrono::system_clock::to_time_t(options.nextUpdate)),
             0);
    const Asn1IntegerPtr number(
        static_cast<ASN1_INTEGER*>(X509_CRL_get_ext_d2i(crl.get(), NID_crl_number, nullptr, nullptr)));
    QVERIFY(number);
    QCOMPARE(ASN1_INTEGER_get(number.get()), 42L);
    QVERIFY(X509_CRL_get_ext_by_NID(crl.get(), NID_authority_key_identifier, -1) >= 0);

    const STACK_OF(X509_REVOKED)* entries = X509_CRL_get_REVOKED(crl.get());
    QCOMPARE(sk_X509_REVOKED_num(entries), int(revoked.size()));
    for (int i = 0; i < sk_X509_REVOKED_num(entries); ++i) {
        const X509_REVOKED* entry = sk_X509_REVOKED_value(entries, i);
        const RevokedCertificate& expected = revoked[static_cast<std::size_t>(i)];
        QCOMPARE(serialOf(X509_REVOKED_get0_serialNumber(entry)), QString::fromStdString(expected.serialHex));
        QCOMPARE(ASN1_TIME_cmp_time_t(X509_REVOKED_get0_revocationDate(entry),
                                      std::chrono::system_clock::to_time_t(expected.revokedAt)),
                 0);
    }

    const CrlContents contents = m_ca->readCrl(encoded);
    QCOMPARE(contents.revoked, revoked);
    QVERIFY(contents.options.thisUpdate == options.thisUpdate);
    QVERIFY(contents.options.nextUpdate == options.nextUpdate);
    QCOMPARE(contents.options.crlNumber, options.crlNumber);
}

void TestCertificateAuthority::crlRevokesDuringVerification()
{
    const IssuedCertificate revokedCertificate = m_ca->issueInstitutionCertificate(kValidInstitutionCode, "A");
    const IssuedCertificate goodCertificate = m_ca->issueInstitutionCertificate(kValidInstitutionCode, "B");
    const TimePoint now = std::chrono::system_clock::now();
    const CrlOptions options{now - 1h, now + 24h, 7};
    const std::string crl = m_ca->signCrlPem(
        std::vector<RevokedCertificate>{{"1234", now - 2h}, {revokedCertificate.serialHex, now - 1h}}, options);
    const std::string emptyCrl = m_ca->signCrlPem({}, options);

    QCOMPARE(verifyCertificate(revokedCertificate.certificatePem, m_ca->certificatePem(), {0, &crl}),
             errorText(X509_V_ERR_CERT_REVOKED));
    QCOMPARE(verifyCertificate(goodCertificate.certificatePem, m_ca->certificatePem(), {0, &crl}),
             errorText(X509_V_OK));
    QCOMPARE(verifyCertificate(revokedCertificate.certificatePem, m_ca->certificatePem(), {0, &emptyCrl}),
             errorText(X509_V_OK));
    QCOMPARE(m_ca->readCrl(emptyCrl).revoked.size(), std::size_t{0});
}

void TestCertificateAuthority::readCrlRejectsForeignCrls()
{
    const TimePoint now = std::chrono::system_clock::now();
    const std::string foreign = m_otherCa->signCrlPem({}, CrlOptions{now, now + 1h});
    QVERIFY_THROWS_EXCEPTION(CaError, m_ca->readCrl(foreign));
    QVERIFY_THROWS_EXCEPTION(CaError, m_ca->readCrl("garbage"));
    QVERIFY_THROWS_EXCEPTION(CaError, m_ca->signCrlPem({}, CrlOptions{now, now - 1h}));
    QVERIFY_THROWS_EXCEPTION(CaError,
                             m_ca->signCrlDer(std::vector<RevokedCertificate>{{"xyz", now}}, CrlOptions{now, now}));
}

void TestCertificateAuthority::largeCrlSignsInSaneTime()
{
    constexpr int kEntries = 1'000'000;
    const TimePoint now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const std::vector<RevokedCertificate> revoked = manySerials(kEntries, now - 24h);

    // CPU time as well as wall time: the figure stays meaningful on a machine shared with other builds.
    QElapsedTimer timer;
    timer.start();
    const std::clock_t cpuStart = std::clock();
    const std::vector<std::uint8_t> der = m_ca->signCrlDer(revoked, CrlOptions{now, now + 24h, 1});
    const double cpuMs = 1000.0 * static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    qDebug("signed a CRL of %d entries in %lld ms wall, %.0f ms CPU (%zu bytes DER)", kEntries,
           static_cast<long long>(timer.elapsed()), cpuMs, der.size());

    const unsigned char* cursor = der.data();
    const X509CrlPtr crl(d2i_X509_CRL(nullptr, &cursor, static_cast<long>(der.size())));
    QVERIFY(crl);
    const X509Ptr caCertificate = certificateFromPem(m_ca->certificatePem());
    QCOMPARE(X509_CRL_verify(crl.get(), X509_get0_pubkey(caCertificate.get())), 1);
    const STACK_OF(X509_REVOKED)* entries = X509_CRL_get_REVOKED(crl.get());
    QCOMPARE(sk_X509_REVOKED_num(entries), kEntries);
    QCOMPARE(serialOf(X509_REVOKED_get0_serialNumber(sk_X509_REVOKED_value(entries, kEntries - 1))),
             QString::fromStdString(revoked.back().serialHex));
}

void TestCertificateAuthority::pkcs12RoundTrip()
{
    const IssuedCertificate issued = m_ca->issueInstitutionCertificate(kValidInstitutionCode, "OQSテスト病院");
    const std::vector<std::uint8_t> bytes =
        m_ca->exportPkcs12(issued.certificatePem, issued.privateKeyPem, "s3cret", kValidInstitutionCode);

    const unsigned char* cursor = bytes.data();
    const Pkcs12Ptr pkcs12(d2i_PKCS12(nullptr, &cursor, static_cast<long>(bytes.size())));
    QVERIFY(pkcs12);

    EVP_PKEY* rawKey = nullptr;
    X509* rawCertificate = nullptr;
    STACK_OF(X509)* rawChain = nullptr;
    QCOMPARE(PKCS12_parse(pkcs12.get(), "wrong", &rawKey, &rawCertificate, &rawChain), 0);
    ERR_clear_error();
    QCOMPARE(PKCS12_verify_mac(pkcs12.get(), "wrong", -1), 0);
    ERR_clear_error();

    QCOMPARE(PKCS12_parse(pkcs12.get(), "s3cret", &rawKey, &rawCertificate, &rawChain), 1);
    const EvpPkeyPtr key(rawKey);
    const X509Ptr certificate(rawCertificate);
    const X509StackPtr chain(rawChain);
    const X509Ptr original = certificateFromPem(issued.certificatePem);
    const EvpPkeyPtr originalKey = privateKeyFromPem(issued.privateKeyPem);
    QCOMPARE(X509_cmp(certificate.get(), original.get()), 0);
    QCOMPARE(EVP_PKEY_eq(key.get(), originalKey.get()), 1);
    int aliasLength = 0;
    const unsigned char* alias = X509_alias_get0(certificate.get(), &aliasLength);
    QCOMPARE(QByteArray(reinterpret_cast<const char*>(alias), aliasLength), QByteArray(kValidInstitutionCode.data()));
    QCOMPARE(sk_X509_num(chain.get()), 1);
    const X509Ptr caCertificate = certificateFromPem(m_ca->certificatePem());
    QCOMPARE(X509_cmp(sk_X509_value(chain.get(), 0), caCertificate.get()), 0);
}

void TestCertificateAuthority::pkcs12RejectsMismatchedKey()
{
    const IssuedCertificate first = m_ca->issueFeedCertificate("a");
    const IssuedCertificate second = m_ca->issueFeedCertificate("b");
    QVERIFY_THROWS_EXCEPTION(CaError, m_ca->exportPkcs12(first.certificatePem, second.privateKeyPem, "pw", "a"));
}

void TestCertificateAuthority::saveAndLoadRoundTrip()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const std::filesystem::path path = directory.path().toStdString();
    m_jpkiCa->save(path, "jpki-ca");

    QVERIFY(std::filesystem::exists(path / "jpki-ca.pem"));
    QCOMPARE(std::filesystem::status(path / "jpki-ca.key.pem").permissions(),
             std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);

    const CertificateAuthority loaded = CertificateAuthority::load(path, "jpki-ca");
    QCOMPARE(loaded.certificatePem(), m_jpkiCa->certificatePem());
    const IssuedCertificate issued = loaded.issueJpkiUserCertificate("TEST USER");
    QCOMPARE(verifyCertificate(issued.certificatePem, m_jpkiCa->certificatePem()), errorText(X509_V_OK));
    const TimePoint now = std::chrono::system_clock::now();
    const std::vector<std::uint8_t> crl = loaded.signCrlDer({}, CrlOptions{now, now + 1h});
    QCOMPARE(m_jpkiCa->readCrl(std::string(crl.begin(), crl.end())).revoked.size(), std::size_t{0});

    issued.save(path, "user");
    QCOMPARE(readFileBytes(path / "user.pem"), issued.certificatePem);
    QCOMPARE(readFileBytes(path / "user.key.pem"), issued.privateKeyPem);
}

void TestCertificateAuthority::loadRejectsBrokenDirectories()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const std::filesystem::path path = directory.path().toStdString();
    QVERIFY_THROWS_EXCEPTION(CaError, CertificateAuthority::load(path));

    // A key that belongs to another CA.
    m_ca->save(path);
    std::filesystem::copy_file(path / "ca.key.pem", path / "mixed.key.pem");
    m_otherCa->save(path, "other");
    std::filesystem::copy_file(path / "other.pem", path / "mixed.pem");
    QVERIFY_THROWS_EXCEPTION(CaError, CertificateAuthority::load(path, "mixed"));

    // An end-entity certificate cannot act as a CA.
    m_ca->issueFeedCertificate("leaf").save(path, "leaf");
    QVERIFY_THROWS_EXCEPTION(CaError, CertificateAuthority::load(path, "leaf"));
}

void TestCertificateAuthority::initDemoCreatesVerifiableFiles()
{
    QTemporaryDir temporary;
    QVERIFY(temporary.isValid());
    const QDir directory(temporary.filePath("demo")); // created by the command
    const CommandResult result = runCa({"ca", "init-demo", directory.path()});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.err, QString());

    const QStringList expectedFiles{"ca.crl.pem",      "ca.key.pem",          "ca.pem",          "feed.key.pem",
                                    "feed.pem",        "institution.key.pem", "institution.p12", "institution.pem",
                                    "jpki-ca.key.pem", "jpki-ca.pem",         "server.key.pem",  "server.pem"};
    QCOMPARE(directory.entryList(QDir::Files, QDir::Name), expectedFiles);

    const std::string caPem = fileText(directory, "ca.pem");
    const std::string serverPem = fileText(directory, "server.pem");
    QCOMPARE(verifyCertificate(serverPem, caPem, {X509_PURPOSE_SSL_SERVER}), errorText(X509_V_OK));
    QCOMPARE(X509_check_host(certificateFromPem(serverPem).get(), "localhost", 0, 0, nullptr), 1);
    QCOMPARE(X509_check_ip_asc(certificateFromPem(serverPem).get(), "127.0.0.1", 0), 1);

    const std::string institutionPem = fileText(directory, "institution.pem");
    QCOMPARE(verifyCertificate(institutionPem, caPem, {X509_PURPOSE_SSL_CLIENT}), errorText(X509_V_OK));
    const QString code = subjectAttribute(*certificateFromPem(institutionPem), NID_commonName);
    QCOMPARE(code, QString::fromLatin1(kValidInstitutionCode.data()));
    QVERIFY(!oqs::common::checkMedicalInstitutionCode(code.toStdString()));

    const std::string pkcs12Bytes = fileText(directory, "institution.p12");
    const unsigned char* cursor = reinterpret_cast<const unsigned char*>(pkcs12Bytes.data());
    const Pkcs12Ptr pkcs12(d2i_PKCS12(nullptr, &cursor, static_cast<long>(pkcs12Bytes.size())));
    QVERIFY(pkcs12);
    QCOMPARE(PKCS12_verify_mac(pkcs12.get(), "demo", -1), 1);

    const std::string feedPem = fileText(directory, "feed.pem");
    QCOMPARE(verifyCertificate(feedPem, caPem, {X509_PURPOSE_SSL_CLIENT}), errorText(X509_V_OK));
    QVERIFY(subjectAttribute(*certificateFromPem(feedPem), NID_commonName).startsWith("feed:"));

    const std::string jpkiCaPem = fileText(directory, "jpki-ca.pem");
    QCOMPARE(verifyCertificate(jpkiCaPem, jpkiCaPem), errorText(X509_V_OK));
    QCOMPARE(verifyCertificate(institutionPem, jpkiCaPem), errorText(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY));

    const CertificateAuthority ca = CertificateAuthority::load(directory.path().toStdString());
    QCOMPARE(ca.readCrl(fileText(directory, "ca.crl.pem")).revoked.size(), std::size_t{0});
    const std::string crl = fileText(directory, "ca.crl.pem");
    QCOMPARE(verifyCertificate(institutionPem, caPem, {X509_PURPOSE_SSL_CLIENT, &crl}), errorText(X509_V_OK));
}

void TestCertificateAuthority::initDemoIsIdempotent()
{
    QTemporaryDir temporary;
    QVERIFY(temporary.isValid());
    const QDir directory(temporary.path());
    QCOMPARE(runCa({"ca", "init-demo", directory.path()}).exitCode, 0);
    const std::map<QString, std::string> before = snapshot(directory);

    const CommandResult again = runCa({"ca", "init-demo", directory.path()});
    QCOMPARE(again.exitCode, 0);
    QVERIFY(!again.out.contains("created"));
    QVERIFY(snapshot(directory) == before);

    // A missing pair is issued anew by the existing CA; everything else stays.
    QVERIFY(QFile::remove(directory.filePath("server.pem")));
    QVERIFY(QFile::remove(directory.filePath("server.key.pem")));
    const CommandResult repaired = runCa({"ca", "init-demo", directory.path()});
    QCOMPARE(repaired.exitCode, 0);
    QVERIFY(repaired.out.contains("created server.pem"));
    std::map<QString, std::string> after = snapshot(directory);
    QVERIFY(after.at("server.pem") != before.at("server.pem"));
    QCOMPARE(verifyCertificate(after.at("server.pem"), after.at("ca.pem")), errorText(X509_V_OK));
    after.erase("server.pem");
    after.erase("server.key.pem");
    std::map<QString, std::string> unchanged = before;
    unchanged.erase("server.pem");
    unchanged.erase("server.key.pem");
    QVERIFY(after == unchanged);
}

void TestCertificateAuthority::initDemoRefusesLoneFiles()
{
    QTemporaryDir temporary;
    QVERIFY(temporary.isValid());
    const QDir directory(temporary.path());
    QCOMPARE(runCa({"ca", "init-demo", directory.path()}).exitCode, 0);
    const std::string feedKey = fileText(directory, "feed.key.pem");
    QVERIFY(QFile::remove(directory.filePath("feed.pem")));

    const CommandResult result = runCa({"ca", "init-demo", directory.path()});
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.err.contains("feed.pem"));
    QCOMPARE(fileText(directory, "feed.key.pem"), feedKey);
}

void TestCertificateAuthority::issueJpkiCommand_data()
{
    QTest::addColumn<QString>("serialHex");
    QTest::addColumn<QDate>("notBefore");
    QTest::addColumn<QDate>("notAfter");
    QTest::addColumn<int>("expectedError");
    QTest::newRow("valid") << "1a2b3c" << QDate(2020, 4, 1) << QDate(2099, 3, 31) << int(X509_V_OK);
    QTest::newRow("expired") << "00000000000000000000000000000777" << QDate(2014, 4, 1) << QDate(2019, 3, 31)
                             << int(X509_V_ERR_CERT_HAS_EXPIRED);
}

void TestCertificateAuthority::issueJpkiCommand()
{
    QFETCH(QString, serialHex);
    QFETCH(QDate, notBefore);
    QFETCH(QDate, notAfter);
    QFETCH(int, expectedError);

    QTemporaryDir temporary;
    QVERIFY(temporary.isValid());
    const QDir directory(temporary.path());
    QCOMPARE(runCa({"ca", "init-demo", directory.path()}).exitCode, 0);

    const QString prefix = directory.filePath("card");
    const CommandResult result = runCa({"ca", "issue-jpki", directory.path(), serialHex,
                                        notBefore.toString(Qt::ISODate), notAfter.toString(Qt::ISODate), prefix});
    QCOMPARE(result.err, QString());
    QCOMPARE(result.exitCode, 0);

    const std::string cardPem = fileText(directory, "card.pem");
    const X509Ptr certificate = certificateFromPem(cardPem);
    const EvpPkeyPtr key = privateKeyFromPem(fileText(directory, "card.key.pem"));
    QCOMPARE(X509_check_private_key(certificate.get(), key.get()), 1);
    QCOMPARE(verifyCertificate(cardPem, fileText(directory, "jpki-ca.pem"), {X509_PURPOSE_SSL_CLIENT}),
             errorText(expectedError));
    QCOMPARE(verifyCertificate(cardPem, fileText(directory, "ca.pem")),
             errorText(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY));
    const QString expectedSerial = QString::fromStdString(normalizeSerialHex(serialHex.toStdString()));
    QCOMPARE(serialOf(X509_get0_serialNumber(certificate.get())), expectedSerial);
    QVERIFY(result.out.contains(expectedSerial));
    QCOMPARE(ASN1_TIME_cmp_time_t(X509_get0_notBefore(certificate.get()), jstSeconds(notBefore, QTime(0, 0))), 0);
    QCOMPARE(ASN1_TIME_cmp_time_t(X509_get0_notAfter(certificate.get()), jstSeconds(notAfter, QTime(23, 59, 59))), 0);
    QCOMPARE(EVP_PKEY_get_bits(X509_get0_pubkey(certificate.get())), 2048);
}

void TestCertificateAuthority::revokeInstitutionCommand()
{
    QTemporaryDir temporary;
    QVERIFY(temporary.isValid());
    const QDir directory(temporary.path());
    QCOMPARE(runCa({"ca", "init-demo", directory.path()}).exitCode, 0);
    const CertificateAuthority ca = CertificateAuthority::load(directory.path().toStdString());
    const std::string caPem = fileText(directory, "ca.pem");
    const std::string institutionPem = fileText(directory, "institution.pem");

    const CommandResult result =
        runCa({"ca", "revoke-institution", directory.path(), directory.filePath("institution.pem")});
    QCOMPARE(result.err, QString());
    QCOMPARE(result.exitCode, 0);

    const std::string crl = fileText(directory, "ca.crl.pem");
    const CrlContents contents = ca.readCrl(crl);
    QCOMPARE(contents.revoked.size(), std::size_t{1});
    QCOMPARE(contents.revoked.front().serialHex, ca.issuedSerialOf(institutionPem));
    QCOMPARE(contents.options.crlNumber, std::uint64_t{2});
    QCOMPARE(verifyCertificate(institutionPem, caPem, {X509_PURPOSE_SSL_CLIENT, &crl}),
             errorText(X509_V_ERR_CERT_REVOKED));
    QCOMPARE(verifyCertificate(fileText(directory, "feed.pem"), caPem, {X509_PURPOSE_SSL_CLIENT, &crl}),
             errorText(X509_V_OK));

    // Revoking again changes nothing; the feed certificate joins the list.
    QCOMPARE(runCa({"ca", "revoke-institution", directory.path(), directory.filePath("institution.pem")}).exitCode, 0);
    QCOMPARE(fileText(directory, "ca.crl.pem"), crl);
    QCOMPARE(runCa({"ca", "revoke-institution", directory.path(), directory.filePath("feed.pem")}).exitCode, 0);
    QCOMPARE(ca.readCrl(fileText(directory, "ca.crl.pem")).revoked.size(), std::size_t{2});

    // A certificate from another CA is refused and the CRL stays as it was.
    const std::string before = fileText(directory, "ca.crl.pem");
    const CommandResult foreign =
        runCa({"ca", "revoke-institution", directory.path(), directory.filePath("jpki-ca.pem")});
    QCOMPARE(foreign.exitCode, 1);
    QVERIFY(!foreign.err.isEmpty());
    QCOMPARE(fileText(directory, "ca.crl.pem"), before);
}

void TestCertificateAuthority::badArguments_data()
{
    QTest::addColumn<QStringList>("args"); // "DIR" stands for a directory with init-demo files
    QTest::addColumn<int>("exitCode");

    QTest::newRow("nothing") << QStringList{} << 2;
    QTest::newRow("only ca") << QStringList{"ca"} << 2;
    QTest::newRow("not ca") << QStringList{"serve", "init-demo", "DIR"} << 2;
    QTest::newRow("unknown command") << QStringList{"ca", "frobnicate", "DIR"} << 2;
    QTest::newRow("init-demo without dir") << QStringList{"ca", "init-demo"} << 2;
    QTest::newRow("init-demo extra") << QStringList{"ca", "init-demo", "DIR", "x"} << 2;
    QTest::newRow("issue-jpki short") << QStringList{"ca", "issue-jpki", "DIR", "01", "2025-01-01"} << 2;
    QTest::newRow("issue-jpki bad serial")
        << QStringList{"ca", "issue-jpki", "DIR", "xyz", "2025-01-01", "2025-12-31", "DIR/out"} << 2;
    QTest::newRow("issue-jpki zero serial")
        << QStringList{"ca", "issue-jpki", "DIR", "00", "2025-01-01", "2025-12-31", "DIR/out"} << 2;
    QTest::newRow("issue-jpki bad date")
        << QStringList{"ca", "issue-jpki", "DIR", "01", "2025-02-30", "2025-12-31", "DIR/out"} << 2;
    QTest::newRow("issue-jpki reversed dates")
        << QStringList{"ca", "issue-jpki", "DIR", "01", "2025-12-31", "2025-01-01", "DIR/out"} << 2;
    QTest::newRow("issue-jpki no CA") << QStringList{"ca", "issue-jpki", "DIR/none", "01", "2025-01-01",
                                                     "2025-12-31", "DIR/out"}
                                      << 1;
    QTest::newRow("revoke without cert") << QStringList{"ca", "revoke-institution", "DIR"} << 2;
    QTest::newRow("revoke missing cert") << QStringList{"ca", "revoke-institution", "DIR", "DIR/none.pem"} << 1;
}

void TestCertificateAuthority::badArguments()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);

    QTemporaryDir temporary;
    QVERIFY(temporary.isValid());
    const QDir directory(temporary.path());
    QCOMPARE(runCa({"ca", "init-demo", directory.path()}).exitCode, 0);
    const std::map<QString, std::string> before = snapshot(directory);

    args.replaceInStrings("DIR", directory.path());
    const CommandResult result = runCa(args);
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY(result.err.startsWith("ca: "));
    QCOMPARE(result.err.contains("usage:"), exitCode == 2);
    QCOMPARE(result.out, QString());
    QVERIFY(snapshot(directory) == before);
}

QTEST_GUILESS_MAIN(TestCertificateAuthority)
#include "TestCertificateAuthority.moc"
