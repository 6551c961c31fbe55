// SPDX-License-Identifier: Apache-2.0
// End to end over real mutual TLS: the real server stack on port 0, a generated PKI, a synthetic dataset, on SQLite
// or (as TestVerificationApiPostgreSQL) on a throw-away PostgreSQL cluster.
#include "ApiClient.h"
#include "TestDatabase.h"
#include "TestPki.h"
#include "ServerStack.h"
#include "core/DatasetLoader.h"
#include "core/QualificationRepository.h"
#include "dataset/SyntheticDataset.h"

#include <Poco/Exception.h>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <nlohmann/json.hpp>
#include <oqs/common/JsonCodec.h>
#include <thread>

using namespace oqs;
using namespace oqs::common;
using nlohmann::json;

namespace {

constexpr std::uint64_t kPersons = 3000;
constexpr const char* kIdentifier = "HIS-0042";
constexpr const char* kCardPath = "/v1/verifications/insurance-card";
constexpr const char* kCertificatePath = "/v1/verifications/my-number-card";

using Predicate = std::function<bool(const server::dataset::Person&)>;

int validCount(const server::dataset::Person& person, const Date& day)
{
    return int(std::count_if(person.qualifications.begin(), person.qualifications.end(),
                             [&](const Qualification& q) { return isValidOn(q, day); }));
}

/// A certificate that verifies today and is neither revoked nor pending unless the predicate asks for it.
bool usableCertificate(const server::dataset::Person& person, const Date& day)
{
    const auto& certificate = person.certificate;
    return certificate && !certificate->revoked && certificate->linked && certificate->notBefore <= day &&
           certificate->notAfter >= day;
}

json cardBody(const Qualification& qualification, const Date& birthDate)
{
    return json{{"v", 1},
                {"card",
                 {{"insurerNumber", qualification.card.insurerNumber},
                  {"symbol", qualification.card.symbol},
                  {"number", qualification.card.number},
                  {"branch", qualification.card.branch}}},
                {"birthDate", birthDate.toIso()},
                {"identifier", kIdentifier}};
}

} // namespace

class TestVerificationApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void healthz();
    void insuranceCard_data();
    void insuranceCard();
    void myNumberCard_data();
    void myNumberCard();
    void badInput_data();
    void badInput();
    void oversizedBody();
    void receiptRefetch();
    void receiptVerification_data();
    void receiptVerification();
    void auditChain();
    void history_data();
    void history();
    void tlsRefused_data();
    void tlsRefused();
    void nonInstitutionForbidden();
    void unknownPath();
    void concurrentChecksAllRecorded();

private:
    server::dataset::Person personWhere(const Predicate& predicate, std::uint64_t from = 0) const;
    std::string certificateOf(const server::dataset::Person& person, bool trusted = true) const;
    Poco::Net::NameValueCollection clerk() const;
    int historyTotal(const std::string& identifier);

    QTemporaryDir m_directory;
    Date m_today = Date::todayJst();
    std::unique_ptr<tests::ServerStack> m_stack;
    std::unique_ptr<server::dataset::SyntheticDataset> m_dataset;
    std::unique_ptr<tests::ApiClient> m_client;
    server::dataset::Person m_multiple;
    std::string m_token;
};

void TestVerificationApi::initTestCase()
{
    QVERIFY(m_directory.isValid());
    m_stack = std::make_unique<tests::ServerStack>(m_directory.path().toStdString());
    m_dataset = std::make_unique<server::dataset::SyntheticDataset>(7, m_today);
    const auto report = server::core::loadSyntheticDataset(m_stack->server().database(), *m_dataset, kPersons);
    QCOMPARE(report.persons, kPersons);

    // The synthetic population has nobody with two valid qualifications at once: give one card holder a second.
    // Taken from the second half, so that the first-half persons used for "valid" keep one qualification.
    m_multiple = personWhere(
        [this](const auto& p) { return usableCertificate(p, m_today) && validCount(p, m_today) == 1; }, kPersons / 2);
    server::core::StoredQualification extra{m_multiple.linkageNumber, m_multiple.qualifications.front()};
    extra.qualification.card.number = "99" + extra.qualification.card.number;
    extra.qualification.insurerSequence += 1'000'000;
    server::core::QualificationRepository::BulkWriter writer(m_stack->server().database());
    writer.addQualification(extra);
    writer.commit();

    m_stack->server().start();
    m_client =
        std::make_unique<tests::ApiClient>(m_stack->pki(), m_stack->server().port(), m_stack->pki().institution());
    m_token = tests::createClerkAndLogin(m_stack->server(), *m_client, tests::TestPki::kInstitutionCode, "clerk-1");
    QVERIFY(!m_token.empty());
}

void TestVerificationApi::cleanupTestCase()
{
    m_client.reset();
    if (m_stack) {
        m_stack->server().stop();
    }
    m_stack.reset();
}

server::dataset::Person TestVerificationApi::personWhere(const Predicate& predicate, std::uint64_t from) const
{
    const auto index = m_dataset->findPerson(predicate, from, kPersons - from);
    if (!index) {
        throw std::runtime_error("no fixture person matches");
    }
    return m_dataset->person(*index);
}

std::string TestVerificationApi::certificateOf(const server::dataset::Person& person, bool trusted) const
{
    const auto& certificate = *person.certificate;
    return m_stack->pki().cardCertificateDer(
        certificate.serialHex, server::ca::Validity::fromDates(certificate.notBefore, certificate.notAfter), trusted);
}

Poco::Net::NameValueCollection TestVerificationApi::clerk() const
{
    Poco::Net::NameValueCollection headers;
    headers.add("Authorization", "Bearer " + m_token);
    headers.add("X-OQS-Terminal", "counter-1");
    return headers;
}

int TestVerificationApi::historyTotal(const std::string& identifier)
{
    const auto reply = m_client->get("/v1/history?limit=1&identifier=" + identifier, clerk());
    const auto page = decode<HistoryPage>(reply.body);
    return page ? page->total : -1;
}

void TestVerificationApi::healthz()
{
    const auto reply = m_client->get("/healthz");
    QCOMPARE(reply.status, 200);
    QCOMPARE(json::parse(reply.body).at("status").get<std::string>(), std::string("ok"));
}

void TestVerificationApi::insuranceCard_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("status");
    QTest::addColumn<int>("qualifications");

    const auto valid = personWhere([this](const auto& p) { return validCount(p, m_today) == 1; });
    const Qualification& current = valid.qualifications.front();
    QTest::newRow("valid") << QByteArray::fromStdString(cardBody(current, current.birthDate).dump()) << "valid" << 1;
    QTest::newRow("wrong birth date is not-found")
        << QByteArray::fromStdString(cardBody(current, current.birthDate.addDays(1)).dump()) << "not-found" << 0;
    Qualification unknown = current;
    unknown.card.number = "77777777";
    QTest::newRow("unknown number") << QByteArray::fromStdString(cardBody(unknown, current.birthDate).dump())
                                    << "not-found" << 0;

    const auto lost = personWhere([this](const auto& p) { return validCount(p, m_today) == 0; });
    QTest::newRow("lost") << QByteArray::fromStdString(
                                 cardBody(lost.qualifications.front(), lost.qualifications.front().birthDate).dump())
                          << "invalid" << 0;
    const auto renewed = personWhere([this](const auto& p) {
        return validCount(p, m_today) == 1 && p.qualifications.size() == 2 &&
               !isValidOn(p.qualifications.back(), m_today);
    });
    const Qualification& old = renewed.qualifications.back();
    QTest::newRow("lost, newer exists") << QByteArray::fromStdString(cardBody(old, old.birthDate).dump())
                                        << "invalid-newer-exists" << 0;

    json fullWidth = cardBody(current, current.birthDate);
    std::string wide;
    for (char digit : current.card.number) {
        wide += "\xEF\xBC";
        wide += char(0x90 + (digit - '0')); // U+FF10… full-width digits
    }
    fullWidth["card"]["number"] = wide;
    QTest::newRow("full-width digits are normalised") << QByteArray::fromStdString(fullWidth.dump()) << "valid" << 1;
}

void TestVerificationApi::insuranceCard()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, status);
    QFETCH(int, qualifications);

    const auto reply = m_client->post(kCardPath, body.toStdString(), clerk());
    QCOMPARE(reply.status, 200);
    const auto answer = decode<VerificationAnswer>(reply.body);
    QVERIFY2(answer.ok(), reply.body.c_str());
    QCOMPARE(QString::fromStdString(std::string(toWire(answer->status))), status);
    QCOMPARE(int(answer->qualifications.size()), qualifications);
    QCOMPARE(answer->identifier, std::string(kIdentifier));
    QVERIFY(!answer->receiptNumber.empty());
    QVERIFY(answer->receipt.has_value());
    QVERIFY(m_stack->server().runtime().receiptSigner().verify(*answer->receipt));
    QCOMPARE(answer->receipt->institutionCode, std::string(tests::TestPki::kInstitutionCode));
    QCOMPARE(answer->consultationDate, std::optional<Date>(m_today));
    if (answer->status != Status::NotFound) {
        QVERIFY(!answer->dataUpdatedAt.empty());
    }
    QCOMPARE(answer->lostRecord.has_value(), status.startsWith("invalid"));
}

void TestVerificationApi::myNumberCard_data()
{
    QTest::addColumn<QByteArray>("certificate");
    QTest::addColumn<QString>("status");
    QTest::addColumn<int>("qualifications");
    QTest::addColumn<bool>("lostRecord");

    const auto row = [this](const char* name, const server::dataset::Person& person, const char* status, int count,
                            bool lost, bool trusted = true) {
        QTest::newRow(name) << QByteArray::fromStdString(certificateOf(person, trusted)) << status << count << lost;
    };
    row("valid",
        personWhere([this](const auto& p) { return usableCertificate(p, m_today) && validCount(p, m_today) == 1; }),
        "valid", 1, false);
    row("valid-multiple", m_multiple, "valid-multiple", 2, false);
    row("none valid: latest lost record",
        personWhere([this](const auto& p) { return usableCertificate(p, m_today) && validCount(p, m_today) == 0; }),
        "invalid", 0, true);
    row("linkage pending", personWhere([this](const auto& p) {
            return p.certificate && !p.certificate->linked && !p.certificate->revoked &&
                   p.certificate->notAfter >= m_today;
        }),
        "linkage-pending", 0, false);
    row("revoked", personWhere([](const auto& p) { return p.certificate && p.certificate->revoked; }),
        "certificate-revoked", 0, false);
    row("expired", personWhere([this](const auto& p) { return p.certificate && p.certificate->notAfter < m_today; }),
        "certificate-expired", 0, false);
    row("untrusted issuer", personWhere([this](const auto& p) { return usableCertificate(p, m_today); }),
        "certificate-untrusted", 0, false, false);
}

void TestVerificationApi::myNumberCard()
{
    QFETCH(QByteArray, certificate);
    QFETCH(QString, status);
    QFETCH(int, qualifications);
    QFETCH(bool, lostRecord);

    const json body{{"v", 1}, {"certificate", base64Encode(certificate.toStdString())}, {"identifier", kIdentifier}};
    const auto reply = m_client->post(kCertificatePath, body.dump(), clerk());
    QCOMPARE(reply.status, 200);
    const auto answer = decode<VerificationAnswer>(reply.body);
    QVERIFY2(answer.ok(), reply.body.c_str());
    QCOMPARE(QString::fromStdString(std::string(toWire(answer->status))), status);
    QCOMPARE(int(answer->qualifications.size()), qualifications);
    QCOMPARE(answer->lostRecord.has_value(), lostRecord);
    QCOMPARE(answer->mode, VerificationMode::MyNumberCard);
    QCOMPARE(answer->identifier, std::string(kIdentifier));
    QVERIFY(answer->receipt && m_stack->server().runtime().receiptSigner().verify(*answer->receipt));
    for (std::size_t i = 1; i < answer->qualifications.size(); ++i) { // newest first
        QVERIFY(answer->qualifications[i - 1].acquisitionDate >= answer->qualifications[i].acquisitionDate);
    }
}

void TestVerificationApi::badInput_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<bool>("echoesIdentifier");

    const auto valid = personWhere([this](const auto& p) { return validCount(p, m_today) == 1; });
    const Qualification& q = valid.qualifications.front();
    const json good = cardBody(q, q.birthDate);
    const auto row = [](const char* name, const char* path, const std::string& body, const char* field,
                        const char* reason, bool echoes = true) {
        QTest::newRow(name) << path << QByteArray::fromStdString(body) << field << reason << echoes;
    };
    row("malformed JSON", kCardPath, good.dump().substr(0, 40), "body", "invalid-value", false);
    row("not an object", kCardPath, "[1,2]", "body", "wrong-type", false);
    json wrongType = good;
    wrongType["birthDate"] = 19800101;
    row("wrong type", kCardPath, wrongType.dump(), "birthDate", "wrong-type");
    json unknown = good;
    unknown["myNumber"] = "123456789012";
    row("unknown field", kCardPath, unknown.dump(), "myNumber", "unknown-field");
    json missing = good;
    missing.erase("card");
    row("missing card", kCardPath, missing.dump(), "card", "required");
    json checkDigit = good;
    checkDigit["card"]["insurerNumber"] = "33120016";
    row("bad check digit", kCardPath, checkDigit.dump(), "insurerNumber", "check-digit");
    json future = good;
    future["consultationDate"] = m_today.addDays(1).toIso();
    row("future consultation date", kCardPath, future.dump(), "consultationDate", "future-date");
    json tooOld = good;
    tooOld["consultationDate"] = m_today.addMonths(-2).toIso();
    row("consultation date too old", kCardPath, tooOld.dump(), "consultationDate", "too-old");
    json badDate = good;
    badDate["birthDate"] = "1980-02-30";
    row("impossible date", kCardPath, badDate.dump(), "birthDate", "invalid-date");
    json longIdentifier = good;
    longIdentifier["identifier"] = std::string(65, 'x');
    row("identifier too long", kCardPath, longIdentifier.dump(), "identifier", "too-long", false);
    const json garbage{
        {"v", 1}, {"certificate", base64Encode("not a certificate at all")}, {"identifier", kIdentifier}};
    row("garbage certificate", kCertificatePath, garbage.dump(), "certificate", "invalid-value");
    const json notBase64{{"v", 1}, {"certificate", "%%%%"}, {"identifier", kIdentifier}};
    row("certificate not base64", kCertificatePath, notBase64.dump(), "certificate", "invalid-value");
    const json noCertificate{{"v", 1}, {"identifier", kIdentifier}};
    row("certificate missing", kCertificatePath, noCertificate.dump(), "certificate", "required");
    json version = good;
    version["v"] = 2;
    row("unknown wire version", kCardPath, version.dump(), "v", "invalid-value");
}

void TestVerificationApi::badInput()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    QFETCH(QString, reason);
    QFETCH(bool, echoesIdentifier);

    const int before = historyTotal(kIdentifier);
    const auto reply = m_client->post(path.toStdString(), body.toStdString(), clerk());
    QCOMPARE(reply.status, 400);
    const auto answer = decode<VerificationAnswer>(reply.body);
    QVERIFY2(answer.ok(), reply.body.c_str());
    QCOMPARE(answer->status, Status::BadRequest);
    QVERIFY(!answer->fieldErrors.empty());
    QStringList fields;
    for (const auto& error : answer->fieldErrors) {
        fields << QString::fromStdString(error.field.substr(error.field.rfind('.') + 1)) + ":" +
                      QString::fromStdString(std::string(toWire(error.reason)));
    }
    QVERIFY2(fields.contains(field + ":" + reason), qPrintable(fields.join(", ")));
    QCOMPARE(answer->identifier, std::string(echoesIdentifier ? kIdentifier : ""));
    // A refused request is still a check: recorded once, with a receipt.
    QVERIFY(!answer->receiptNumber.empty());
    if (echoesIdentifier) {
        QCOMPARE(historyTotal(kIdentifier), before + 1);
    }
}

void TestVerificationApi::oversizedBody()
{
    const std::string body(80 * 1024, ' ');
    tests::ApiClient client(m_stack->pki(), m_stack->server().port(), m_stack->pki().institution());
    const auto reply = client.post(kCardPath, body, clerk());
    QCOMPARE(reply.status, 400);
    const auto answer = decode<ErrorAnswer>(reply.body);
    QVERIFY2(answer.ok(), reply.body.c_str());
    QCOMPARE(answer->fieldErrors.at(0).field, std::string("body"));
    QCOMPARE(answer->fieldErrors.at(0).reason, FieldReason::TooLong);
}

void TestVerificationApi::receiptRefetch()
{
    const auto valid = personWhere([this](const auto& p) { return validCount(p, m_today) == 1; });
    const auto first = m_client->post(
        kCardPath, cardBody(valid.qualifications.front(), valid.qualifications.front().birthDate).dump(), clerk());
    const auto answer = decode<VerificationAnswer>(first.body);
    QVERIFY(answer.ok());

    const auto again = m_client->get("/v1/verifications/" + answer->receiptNumber, clerk());
    QCOMPARE(again.status, 200);
    const auto stored = decode<VerificationAnswer>(again.body);
    QVERIFY2(stored.ok(), again.body.c_str());
    QCOMPARE(stored.value(), answer.value());

    QCOMPARE(m_client->get("/v1/verifications/20990101-0000000000000000", clerk()).status, 404);
}

void TestVerificationApi::receiptVerification_data()
{
    QTest::addColumn<QString>("tamper");
    QTest::addColumn<bool>("valid");
    QTest::newRow("as received") << "" << true;
    QTest::newRow("status changed") << "status" << false;
    QTest::newRow("institution changed") << "institution" << false;
    QTest::newRow("signature of another receipt") << "signature" << false;
}

void TestVerificationApi::receiptVerification()
{
    QFETCH(QString, tamper);
    QFETCH(bool, valid);
    const auto person = personWhere([this](const auto& p) { return validCount(p, m_today) == 1; });
    const auto& q = person.qualifications.front();
    auto receipt =
        *decode<VerificationAnswer>(m_client->post(kCardPath, cardBody(q, q.birthDate).dump(), clerk()).body)->receipt;
    if (tamper == "status") {
        receipt.status = Status::Invalid;
    } else if (tamper == "institution") {
        receipt.institutionCode = tests::TestPki::kRevokedInstitutionCode;
    } else if (tamper == "signature") {
        receipt.signature =
            decode<VerificationAnswer>(m_client->post(kCardPath, cardBody(q, q.birthDate).dump(), clerk()).body)
                ->receipt->signature;
    }
    const auto reply = m_client->post("/v1/receipts/verify", encode(receipt), clerk());
    QCOMPARE(reply.status, 200);
    const auto answer = decode<ReceiptVerificationAnswer>(reply.body);
    QVERIFY2(answer.ok(), reply.body.c_str());
    QCOMPARE(answer->valid, valid);
    QCOMPARE(answer->keyId, m_stack->server().runtime().receiptSigner().keyId());
    QCOMPARE(m_client->post("/v1/receipts/verify", "{}", clerk()).status, 400);
}

void TestVerificationApi::auditChain()
{
    auto& audit = m_stack->server().runtime().audit();
    const auto before = audit.verifyChain();
    QVERIFY(!before.firstBrokenSequence);
    QVERIFY(before.records > 10); // the login and every check so far
    // Editing one record (here: hiding who made check 3) breaks the chain exactly there.
    auto session = m_stack->server().database().session();
    *session << "UPDATE audit_log SET actor = 'someone-else' WHERE sequence = 3", Poco::Data::Keywords::now;
    const auto after = audit.verifyChain();
    QCOMPARE(after.firstBrokenSequence, std::optional<std::int64_t>(3));
    *session << "UPDATE audit_log SET actor = 'clerk-1' WHERE sequence = 3", Poco::Data::Keywords::now;
    QVERIFY(!audit.verifyChain().firstBrokenSequence);
}

void TestVerificationApi::history_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<QString>("field");

    QTest::newRow("own institution, by identifier") << "identifier=HIS-0042" << 200 << "";
    QTest::newRow("by result") << "status=valid&limit=5" << 200 << "";
    QTest::newRow("date range") << QString("from=%1&to=%2")
                                       .arg(QString::fromStdString(m_today.addMonths(-1).toIso()),
                                            QString::fromStdString(m_today.toIso()))
                                << 200 << "";
    QTest::newRow("more than 5 months back")
        << QString("from=%1").arg(QString::fromStdString(m_today.addMonths(-6).toIso())) << 400 << "from";
    QTest::newRow("future end") << QString("to=%1").arg(QString::fromStdString(m_today.addDays(1).toIso())) << 400
                                << "to";
    QTest::newRow("bad date") << "from=yesterday" << 400 << "from";
    QTest::newRow("unknown status") << "status=maybe" << 400 << "status";
    QTest::newRow("limit not a number") << "limit=ten" << 400 << "limit";
    QTest::newRow("limit too large") << "limit=100000" << 400 << "limit";
    QTest::newRow("unknown parameter") << "name=Taro" << 400 << "name";
}

void TestVerificationApi::history()
{
    QFETCH(QString, query);
    QFETCH(int, httpStatus);
    QFETCH(QString, field);

    const auto reply = m_client->get("/v1/history?" + query.toStdString(), clerk());
    QCOMPARE(reply.status, httpStatus);
    if (httpStatus != 200) {
        const auto error = decode<ErrorAnswer>(reply.body);
        QVERIFY2(error.ok(), reply.body.c_str());
        QCOMPARE(QString::fromStdString(error->fieldErrors.at(0).field), field);
        return;
    }
    const auto page = decode<HistoryPage>(reply.body);
    QVERIFY2(page.ok(), reply.body.c_str());
    QVERIFY(page->total > 0);
    for (const auto& entry : page->entries) {
        QCOMPARE(entry.clerkId, std::string("clerk-1"));
        if (query.startsWith("identifier")) {
            QCOMPARE(entry.identifier, std::string(kIdentifier));
        }
        if (query.startsWith("status")) {
            QCOMPARE(entry.status, Status::Valid);
        }
    }
}

void TestVerificationApi::tlsRefused_data()
{
    QTest::addColumn<int>("which");
    QTest::newRow("no client certificate") << 0;
    QTest::newRow("untrusted issuer") << 1;
    QTest::newRow("revoked institution") << 2;
}

void TestVerificationApi::tlsRefused()
{
    QFETCH(int, which);
    std::optional<tests::ClientIdentity> identity;
    if (which == 1) {
        identity = m_stack->pki().untrustedInstitution();
    } else if (which == 2) {
        identity = m_stack->pki().revokedInstitution();
    }
    tests::ApiClient client(m_stack->pki(), m_stack->server().port(), identity);
    bool refused = false;
    try {
        client.get("/healthz");
    } catch (const Poco::Exception&) {
        refused = true;
    }
    QVERIFY(refused);
}

void TestVerificationApi::nonInstitutionForbidden()
{
    tests::ApiClient client(m_stack->pki(), m_stack->server().port(), m_stack->pki().nonInstitution());
    const auto valid = personWhere([this](const auto& p) { return validCount(p, m_today) == 1; });
    const auto reply = client.post(
        kCardPath, cardBody(valid.qualifications.front(), valid.qualifications.front().birthDate).dump(), clerk());
    QCOMPARE(reply.status, 403);
    QCOMPARE(decode<ErrorAnswer>(reply.body)->status, Status::Forbidden);
    QCOMPARE(client.get("/healthz").status, 200); // health needs no institution
}

void TestVerificationApi::unknownPath()
{
    const auto reply = m_client->get("/v1/nothing-here", clerk());
    QCOMPARE(reply.status, 404);
    QVERIFY(decode<ErrorAnswer>(reply.body).ok());
    QCOMPARE(m_client->send("DELETE", kCardPath, {}, clerk()).status, 404);
}

void TestVerificationApi::concurrentChecksAllRecorded()
{
    const auto valid = personWhere([this](const auto& p) { return validCount(p, m_today) == 1; });
    json body = cardBody(valid.qualifications.front(), valid.qualifications.front().birthDate);
    body["identifier"] = "CONCURRENT-1";
    const std::string text = body.dump();
    constexpr int kThreads = 4;
    constexpr int kChecksPerThread = 15;
    std::atomic<int> valids = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            tests::ApiClient client(m_stack->pki(), m_stack->server().port(), m_stack->pki().institution());
            for (int i = 0; i < kChecksPerThread; ++i) {
                const auto reply = client.post(kCardPath, text, clerk());
                if (reply.status == 200 && decode<VerificationAnswer>(reply.body)->status == Status::Valid) {
                    ++valids;
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    QCOMPARE(valids.load(), kThreads * kChecksPerThread);
    QCOMPARE(historyTotal("CONCURRENT-1"), kThreads * kChecksPerThread);
}

QTEST_GUILESS_MAIN(TestVerificationApi)
#include "TestVerificationApi.moc"
