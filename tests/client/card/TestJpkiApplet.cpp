// SPDX-License-Identifier: Apache-2.0
#include "VirtualCardTransport.h"
#include "ca/CertificateAuthority.h"
#include "card/CertificateInfo.h"
#include "card/JpkiApplet.h"

#include <QTest>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <memory>

using oqs::client::card::JpkiApplet;
using oqs::client::card::PinVerdict;
using oqs::client::core::CardReader;
using oqs::tests::support::VirtualCardProfile;
using oqs::tests::support::VirtualCardTransport;
using oqs::tests::support::VirtualJpkiCard;
using Bytes = std::vector<std::uint8_t>;

Q_DECLARE_METATYPE(PinVerdict::Outcome)
Q_DECLARE_METATYPE(JpkiApplet::LastTry)

namespace {

/// DigestInfo of SHA-256 over "challenge": what a server challenge signature is made over.
Bytes digestInfoOfChallenge()
{
    static constexpr std::uint8_t kSha256Prefix[] = {0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                                     0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
    Bytes digestInfo(std::begin(kSha256Prefix), std::end(kSha256Prefix));
    unsigned char digest[32];
    unsigned int length = 0;
    const std::string challenge = "challenge";
    EVP_Digest(challenge.data(), challenge.size(), digest, &length, EVP_sha256(), nullptr);
    digestInfo.insert(digestInfo.end(), digest, digest + length);
    return digestInfo;
}

bool verifiesWithCertificate(const Bytes& der, const Bytes& signature)
{
    const unsigned char* cursor = der.data();
    std::unique_ptr<X509, decltype(&X509_free)> certificate(d2i_X509(nullptr, &cursor, static_cast<long>(der.size())),
                                                            X509_free);
    EVP_PKEY* key = X509_get0_pubkey(certificate.get());
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    const std::string challenge = "challenge";
    return EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, key) == 1 &&
           EVP_DigestVerify(context.get(), signature.data(), signature.size(),
                            reinterpret_cast<const unsigned char*>(challenge.data()), challenge.size()) == 1;
}

} // namespace

class TestJpkiApplet : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        const auto ca = oqs::server::ca::CertificateAuthority::create("OQS TEST JPKI CA",
                                                                       oqs::server::ca::KeyType::Rsa2048);
        m_issued = ca.issueJpkiUserCertificate("OQS TEST USER", {std::string("0A1B2C3D"), std::nullopt});
    }

    void readsTheAuthenticationCertificate()
    {
        VirtualJpkiCard card(profile());
        VirtualCardTransport transport(card);
        const auto certificate = JpkiApplet(transport).readAuthenticationCertificate();
        QVERIFY(certificate.ok());
        QCOMPARE(certificate.value(), m_issued.der);
        // SELECT AP, SELECT EF, then ceil(length / 255) READ BINARY: the length came from the DER header.
        const int reads = static_cast<int>((m_issued.der.size() + 254) / 255);
        QCOMPARE(card.readsAnswered(), reads);
        QCOMPARE(transport.commandsSent(), 2 + reads);

        const auto info = oqs::client::card::CertificateInfo::parse(certificate.value());
        QVERIFY(info.has_value());
        QCOMPARE(info->serialHex, std::string("0A1B2C3D"));
        QVERIFY(info->issuer.find("CN=OQS TEST JPKI CA") != std::string::npos);
        QVERIFY(info->notBefore < std::chrono::system_clock::now());
        QVERIFY(info->notAfter > std::chrono::system_clock::now());
    }

    void reportsCardProblems_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("content");
        QTest::addColumn<CardReader::Problem>("problem");
        QTest::newRow("not a My Number card") << 0 << "certificate" << CardReader::Problem::NotJpki;
        QTest::newRow("pulled after two chunks") << 1 << "certificate" << CardReader::Problem::RemovedMidRead;
        QTest::newRow("erased certificate EF") << 2 << "erased" << CardReader::Problem::ReadFailed;
    }
    void reportsCardProblems()
    {
        QFETCH(int, kind);
        QFETCH(QString, content);
        QFETCH(CardReader::Problem, problem);
        VirtualCardProfile card = profile();
        if (kind == 0) {
            card.kind = VirtualCardProfile::Kind::NotJpki;
        } else if (kind == 1) {
            card.pulledAfterReads = 2;
        }
        if (content == "erased") {
            card.certificateDer.assign(300, 0xFF);
        }
        VirtualJpkiCard virtualCard(card);
        VirtualCardTransport transport(virtualCard);
        const auto certificate = JpkiApplet(transport).readAuthenticationCertificate();
        QVERIFY(!certificate.ok());
        QCOMPARE(certificate.error().problem, problem);
        QVERIFY(!certificate.error().detail.empty());
    }

    void certificateInfoRejectsGarbage()
    {
        QVERIFY(!oqs::client::card::CertificateInfo::parse(Bytes{0x30, 0x03, 0x02, 0x01, 0x01}).has_value());
        Bytes trailing = m_issued.der;
        trailing.push_back(0x00);
        QVERIFY(!oqs::client::card::CertificateInfo::parse(trailing).has_value());
    }

    void verifiesThePin_data()
    {
        QTest::addColumn<int>("triesBefore");
        QTest::addColumn<QString>("pin");
        QTest::addColumn<JpkiApplet::LastTry>("lastTry");
        QTest::addColumn<PinVerdict::Outcome>("outcome");
        QTest::addColumn<int>("triesAfter"); // on the card, read back with an empty VERIFY
        using Outcome = PinVerdict::Outcome;
        const auto no = JpkiApplet::LastTry::NotConfirmed;
        const auto yes = JpkiApplet::LastTry::Confirmed;
        QTest::newRow("right PIN") << 3 << "1234" << no << Outcome::Verified << 3;
        QTest::newRow("right PIN restores tries") << 2 << "1234" << no << Outcome::Verified << 3;
        QTest::newRow("wrong PIN") << 3 << "9999" << no << Outcome::Wrong << 2;
        QTest::newRow("last try not confirmed: nothing sent") << 1 << "1234" << no
                                                              << Outcome::LastTryNeedsConfirmation << 1;
        QTest::newRow("last try confirmed, right") << 1 << "1234" << yes << Outcome::Verified << 3;
        QTest::newRow("last try confirmed, wrong") << 1 << "9999" << yes << Outcome::Blocked << 0;
        QTest::newRow("blocked") << 0 << "1234" << yes << Outcome::Blocked << 0;
        QTest::newRow("three digits: nothing sent") << 3 << "123" << no << Outcome::BadFormat << 3;
        QTest::newRow("letters: nothing sent") << 3 << "12a4" << no << Outcome::BadFormat << 3;
        QTest::newRow("full-width digits: nothing sent") << 3 << "１２３４" << no << Outcome::BadFormat << 3;
    }
    void verifiesThePin()
    {
        QFETCH(int, triesBefore);
        QFETCH(QString, pin);
        QFETCH(JpkiApplet::LastTry, lastTry);
        QFETCH(PinVerdict::Outcome, outcome);
        QFETCH(int, triesAfter);
        VirtualCardProfile card = profile();
        card.pinTriesLeft = triesBefore;
        VirtualJpkiCard virtualCard(card);
        VirtualCardTransport transport(virtualCard);
        JpkiApplet applet(transport);
        const auto verdict = applet.verifyAuthenticationPin(pin.toStdString(), lastTry);
        QVERIFY(verdict.ok());
        QCOMPARE(verdict.value().outcome, outcome);
        virtualCard.reset(); // a new session: the card then reports its counter, not "verified"
        const auto tries = applet.authenticationPinTriesLeft();
        QVERIFY(tries.ok());
        QCOMPARE(tries.value(), triesAfter);
    }

    void signsAChallengeAfterThePin()
    {
        VirtualJpkiCard card(profile());
        VirtualCardTransport transport(card);
        JpkiApplet applet(transport);
        QCOMPARE(applet.authenticationPinTriesLeft().value(), 3); // AP selected, PIN not verified
        const auto refused = applet.signWithAuthenticationKey(digestInfoOfChallenge());
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().statusWord, std::uint16_t{0x6982});

        QCOMPARE(applet.verifyAuthenticationPin("1234", JpkiApplet::LastTry::NotConfirmed).value().outcome,
                 PinVerdict::Outcome::Verified);
        const auto signature = applet.signWithAuthenticationKey(digestInfoOfChallenge());
        QVERIFY(signature.ok());
        QCOMPARE(signature.value().size(), std::size_t{256});
        QVERIFY(verifiesWithCertificate(m_issued.der, signature.value()));
    }

private:
    VirtualCardProfile profile() const
    {
        VirtualCardProfile card;
        card.certificateDer = m_issued.der;
        card.privateKeyPem = m_issued.privateKeyPem;
        return card;
    }

    oqs::server::ca::IssuedCertificate m_issued;
};

QTEST_GUILESS_MAIN(TestJpkiApplet)
#include "TestJpkiApplet.moc"
