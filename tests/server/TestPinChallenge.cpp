// SPDX-License-Identifier: Apache-2.0
// PIN mode of card checks over real mutual TLS: the server issues a challenge, a card key signs it (here the test
// signs as the card does: RSA PKCS#1 v1.5 over SHA-256), the check carries both. Good signatures pass; a wrong key,
// a reused, expired, tampered or someone else's challenge is refused as a recorded bad-request naming the field.
// Runs on SQLite and (TestPinChallengePostgreSQL) PostgreSQL; two server instances share one database.
#include "ApiClient.h"
#include "TestDatabase.h"
#include "TestPki.h"
#include "ServerStack.h"
#include "core/CardChallengeService.h"
#include "core/DatasetLoader.h"
#include "dataset/SyntheticDataset.h"

#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <oqs/common/JsonCodec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

using namespace oqs;
using namespace oqs::common;

namespace {

constexpr std::uint64_t kPersons = 400;
constexpr const char* kCheckPath = "/v1/verifications/my-number-card";
constexpr const char* kChallengePath = "/v1/verifications/my-number-card/challenge";
constexpr const char* kIdentifier = "PIN-0001";

/// What a refused request does wrong.
enum class Attack {
    WrongKey,          ///< signed by a key other than the certificate's
    TamperedSignature, ///< one bit of a good signature flipped
    TamperedChallenge, ///< one bit of the challenge flipped: a challenge never issued
    Reused,            ///< a challenge that already passed once
    Expired,           ///< presented after its lifetime
    OtherClerk,        ///< issued to another clerk of the same institution
    MissingSignature,  ///< a challenge without a signature
};

/// Signs like the JPKI AP's COMPUTE DIGITAL SIGNATURE over a SHA-256 DigestInfo.
std::string signSha256Rsa(const std::string& privateKeyPem, const std::string& message)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> in(BIO_new_mem_buf(privateKeyPem.data(), int(privateKeyPem.size())),
                                                 BIO_free);
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    std::size_t length = 0;
    const auto* bytes = reinterpret_cast<const unsigned char*>(message.data());
    if (!key || EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
        EVP_DigestSign(context.get(), nullptr, &length, bytes, message.size()) != 1) {
        throw std::runtime_error("cannot sign");
    }
    std::string signature(length, '\0');
    EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length, bytes, message.size());
    signature.resize(length);
    return signature;
}

} // namespace

Q_DECLARE_METATYPE(Attack)
Q_DECLARE_METATYPE(oqs::common::FieldReason)

class TestPinChallenge : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void goodSignatureAccepted();
    void refused_data();
    void refused();
    void challengeBodyChecked_data();
    void challengeBodyChecked();
    void oneUseAcrossInstances();

private:
    Poco::Net::NameValueCollection headersOf(const std::string& token) const;
    /// A fresh challenge issued to the clerk with `token` through `client`.
    std::string issueChallenge(tests::ApiClient& client, const std::string& token);
    /// The PIN-mode check of the test card with this challenge and signature.
    VerificationAnswer check(tests::ApiClient& client, const std::string& token, const std::string& challenge,
                             const std::string& signature);
    int historyTotal(const std::string& identifier);

    QTemporaryDir m_directory;
    std::atomic<long long> m_skewSeconds{0};
    std::unique_ptr<tests::ServerStack> m_stack;
    std::unique_ptr<tests::ApiClient> m_client;
    std::string m_token;
    std::string m_otherToken;
    server::ca::IssuedCertificate m_card;    ///< the card's certificate and key, linked to a valid qualification
    server::ca::IssuedCertificate m_strange; ///< another card's: the "wrong key"
};

void TestPinChallenge::initTestCase()
{
    QVERIFY(m_directory.isValid());
    m_stack = std::make_unique<tests::ServerStack>(m_directory.path().toStdString(), [this] {
        return std::chrono::system_clock::now() + std::chrono::seconds(m_skewSeconds.load());
    });
    const Date today = Date::todayJst();
    const server::dataset::SyntheticDataset dataset(11, today);
    QCOMPARE(server::core::loadSyntheticDataset(m_stack->server().database(), dataset, kPersons).persons, kPersons);
    const auto index = dataset.findPerson([&](const server::dataset::Person& person) {
        const auto& certificate = person.certificate;
        return certificate && certificate->linked && !certificate->revoked && certificate->notBefore <= today &&
               certificate->notAfter >= today &&
               std::count_if(person.qualifications.begin(), person.qualifications.end(),
                             [&](const Qualification& q) { return isValidOn(q, today); }) == 1;
    });
    QVERIFY(index.has_value());
    const auto person = dataset.person(*index);
    // The test JPKI CA that the server trusts, to issue the card's certificate with a key the test can sign with.
    const auto jpki = server::ca::CertificateAuthority::load(m_stack->pki().directory(), "jpki-ca");
    m_card = jpki.issueJpkiUserCertificate(
        "TEST CARD HOLDER", {person.certificate->serialHex,
                             server::ca::Validity::fromDates(person.certificate->notBefore,
                                                             person.certificate->notAfter)});
    m_strange = jpki.issueJpkiUserCertificate("ANOTHER CARD HOLDER");

    m_stack->server().start();
    m_client =
        std::make_unique<tests::ApiClient>(m_stack->pki(), m_stack->server().port(), m_stack->pki().institution());
    m_token = tests::createClerkAndLogin(m_stack->server(), *m_client, tests::TestPki::kInstitutionCode, "clerk-1");
    m_otherToken =
        tests::createClerkAndLogin(m_stack->server(), *m_client, tests::TestPki::kInstitutionCode, "clerk-2");
    QVERIFY(!m_token.empty() && !m_otherToken.empty());
}

void TestPinChallenge::cleanupTestCase()
{
    m_client.reset();
    if (m_stack) {
        m_stack->server().stop();
    }
    m_stack.reset();
}

Poco::Net::NameValueCollection TestPinChallenge::headersOf(const std::string& token) const
{
    Poco::Net::NameValueCollection headers;
    headers.add("Authorization", "Bearer " + token);
    headers.add("X-OQS-Terminal", "counter-1");
    return headers;
}

std::string TestPinChallenge::issueChallenge(tests::ApiClient& client, const std::string& token)
{
    const auto reply = client.post(kChallengePath, encode(CardChallengeRequest{}), headersOf(token));
    const auto challenge = decode<CardChallenge>(reply.body);
    if (reply.status != 200 || !challenge) {
        throw std::runtime_error("no challenge: " + reply.body);
    }
    return challenge->challenge;
}

VerificationAnswer TestPinChallenge::check(tests::ApiClient& client, const std::string& token,
                                           const std::string& challenge, const std::string& signature)
{
    CertificateVerificationRequest request;
    request.certificateDer.assign(m_card.der.begin(), m_card.der.end());
    request.identifier = kIdentifier;
    request.challenge = challenge;
    request.signature = signature;
    const auto reply = client.post(kCheckPath, encode(request), headersOf(token));
    auto answer = decode<VerificationAnswer>(reply.body);
    if (!answer) {
        throw std::runtime_error("undecodable answer: " + reply.body);
    }
    return std::move(answer).value();
}

int TestPinChallenge::historyTotal(const std::string& identifier)
{
    const auto reply = m_client->get("/v1/history?limit=1&identifier=" + identifier, headersOf(m_token));
    const auto page = decode<HistoryPage>(reply.body);
    return page ? page->total : -1;
}

void TestPinChallenge::goodSignatureAccepted()
{
    const auto reply = m_client->post(kChallengePath, "", headersOf(m_token));
    QCOMPARE(reply.status, 200);
    const auto issued = decode<CardChallenge>(reply.body);
    QVERIFY2(issued.ok(), reply.body.c_str());
    QCOMPARE(issued->challenge.size(), server::core::CardChallengeService::kChallengeBytes);
    QCOMPARE(issued->lifetimeSeconds, int(server::core::CardChallengeService::kLifetime.count()));
    QVERIFY(!issued->expiresAt.empty());
    QVERIFY(issueChallenge(*m_client, m_token) != issued->challenge);

    const int before = historyTotal(kIdentifier);
    const auto answer = check(*m_client, m_token, issued->challenge, signSha256Rsa(m_card.privateKeyPem,
                                                                                   issued->challenge));
    QCOMPARE(toWire(answer.status), toWire(Status::Valid));
    QCOMPARE(answer.qualifications.size(), std::size_t(1));
    QVERIFY(answer.fieldErrors.empty());
    QVERIFY(answer.receipt.has_value());
    QCOMPARE(historyTotal(kIdentifier), before + 1);
}

void TestPinChallenge::refused_data()
{
    QTest::addColumn<Attack>("attack");
    QTest::addColumn<QString>("field");
    QTest::addColumn<FieldReason>("reason");

    QTest::newRow("wrong key") << Attack::WrongKey << "signature" << FieldReason::SignatureMismatch;
    QTest::newRow("tampered signature") << Attack::TamperedSignature << "signature" << FieldReason::SignatureMismatch;
    QTest::newRow("tampered challenge") << Attack::TamperedChallenge << "challenge" << FieldReason::InvalidValue;
    QTest::newRow("reused challenge") << Attack::Reused << "challenge" << FieldReason::AlreadyUsed;
    QTest::newRow("expired challenge") << Attack::Expired << "challenge" << FieldReason::Expired;
    QTest::newRow("another clerk's challenge") << Attack::OtherClerk << "challenge" << FieldReason::InvalidValue;
    QTest::newRow("challenge without signature") << Attack::MissingSignature << "signature" << FieldReason::Required;
}

void TestPinChallenge::refused()
{
    QFETCH(Attack, attack);
    QFETCH(QString, field);
    QFETCH(FieldReason, reason);

    std::string challenge = issueChallenge(*m_client, attack == Attack::OtherClerk ? m_otherToken : m_token);
    std::string signature = signSha256Rsa(m_card.privateKeyPem, challenge);
    switch (attack) {
    case Attack::WrongKey:
        signature = signSha256Rsa(m_strange.privateKeyPem, challenge);
        break;
    case Attack::TamperedSignature:
        signature[signature.size() / 2] ^= 0x01;
        break;
    case Attack::TamperedChallenge:
        challenge[0] ^= 0x01;
        signature = signSha256Rsa(m_card.privateKeyPem, challenge);
        break;
    case Attack::Reused:
        QCOMPARE(toWire(check(*m_client, m_token, challenge, signature).status), toWire(Status::Valid));
        break;
    case Attack::Expired:
        m_skewSeconds = server::core::CardChallengeService::kLifetime.count() + 1;
        break;
    case Attack::OtherClerk:
    case Attack::MissingSignature:
        break;
    }
    if (attack == Attack::MissingSignature) {
        signature.clear();
    }
    const int before = historyTotal(kIdentifier);
    const auto answer = check(*m_client, m_token, challenge, signature);
    m_skewSeconds = 0;
    QCOMPARE(toWire(answer.status), toWire(Status::BadRequest));
    QCOMPARE(answer.fieldErrors.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(answer.fieldErrors.front().field), field);
    QCOMPARE(toWire(answer.fieldErrors.front().reason), toWire(reason));
    QVERIFY(answer.qualifications.empty());
    QCOMPARE(answer.identifier, std::string(kIdentifier));
    // Recorded like every other check, with a receipt.
    QVERIFY(answer.receipt && m_stack->server().runtime().receiptSigner().verify(*answer.receipt));
    QCOMPARE(historyTotal(kIdentifier), before + 1);
    // A refused challenge is spent too: the right signature cannot follow a wrong one.
    if (attack == Attack::WrongKey || attack == Attack::TamperedSignature) {
        const auto retry = check(*m_client, m_token, challenge, signSha256Rsa(m_card.privateKeyPem, challenge));
        QCOMPARE(toWire(retry.fieldErrors.at(0).reason), toWire(FieldReason::AlreadyUsed));
    }
}

void TestPinChallenge::challengeBodyChecked_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("httpStatus");

    QTest::newRow("empty") << QByteArray() << 200;
    QTest::newRow("version only") << QByteArray::fromStdString(encode(CardChallengeRequest{})) << 200;
    QTest::newRow("unknown field") << QByteArray("{'v':1,'serial':'01'}").replace('\'', '"') << 400;
    QTest::newRow("not json") << QByteArray("challenge please") << 400;
}

void TestPinChallenge::challengeBodyChecked()
{
    QFETCH(QByteArray, body);
    QFETCH(int, httpStatus);

    const auto reply = m_client->post(kChallengePath, body.toStdString(), headersOf(m_token));
    QCOMPARE(reply.status, httpStatus);
    if (httpStatus != 200) {
        const auto error = decode<ErrorAnswer>(reply.body);
        QVERIFY2(error.ok(), reply.body.c_str());
        QCOMPARE(toWire(error->status), toWire(Status::BadRequest));
        QVERIFY(!error->fieldErrors.empty());
    }
    // Without credentials there is no challenge.
    QCOMPARE(m_client->post(kChallengePath, body.toStdString()).status, 401);
}

void TestPinChallenge::oneUseAcrossInstances()
{
    tests::TestServer second(m_stack->pki(), m_stack->database());
    second.start();
    tests::ApiClient secondClient(m_stack->pki(), second.port(), m_stack->pki().institution());

    const std::string challenge = issueChallenge(*m_client, m_token);
    const std::string signature = signSha256Rsa(m_card.privateKeyPem, challenge);
    QCOMPARE(toWire(check(secondClient, m_token, challenge, signature).status), toWire(Status::Valid));
    const auto again = check(*m_client, m_token, challenge, signature);
    QCOMPARE(toWire(again.status), toWire(Status::BadRequest));
    QCOMPARE(toWire(again.fieldErrors.at(0).reason), toWire(FieldReason::AlreadyUsed));
    second.stop();
}

QTEST_GUILESS_MAIN(TestPinChallenge)
#include "TestPinChallenge.moc"
