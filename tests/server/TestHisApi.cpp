// SPDX-License-Identifier: Apache-2.0
// The HIS Web-API (B-2-5 #3–#7, B-2-1 #5/#7) end to end: a clinic's HIS authenticates with its machine credential
// (HTTP Basic) over the institution's mutual TLS, checks by insurance card, searches its own institution's history
// and fetches past results by receipt number; on SQLite or (as TestHisApiPostgreSQL) on PostgreSQL.
#include "ApiClient.h"
#include "TestDatabase.h"
#include "TestPki.h"
#include "ServerStack.h"
#include "core/DatasetLoader.h"
#include "dataset/SyntheticDataset.h"

#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <nlohmann/json.hpp>
#include <oqs/common/JsonCodec.h>

using namespace oqs;
using namespace oqs::common;

namespace {

constexpr std::uint64_t kPersons = 200;
/// A second institution, with its own certificate issued by the institution CA at test time.
constexpr const char* kOtherInstitutionCode = "1312345684";
constexpr const char* kHis = "his-1";

std::string historyPath(const std::string& query)
{
    return "/v1/history?" + query;
}

} // namespace

class TestHisApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void verifiesByInsuranceCard();
    void historyOfOwnInstitutionOnly();
    void historyFilters_data();
    void historyFilters();
    void badFilters_data();
    void badFilters();
    void pastResultByReceipt();
    void wrongOrMissingCredentials_data();
    void wrongOrMissingCredentials();
    void clerkActionsRefusedForMachines_data();
    void clerkActionsRefusedForMachines();

private:
    /// A card check by `client` with its institution's HIS credential; the answer as decoded.
    VerificationAnswer check(tests::ApiClient& client, const std::string& secret, const std::string& identifier,
                             bool rightBirthDate = true);
    HistoryPage history(const std::string& query);

    QTemporaryDir m_directory;
    std::unique_ptr<tests::ServerStack> m_stack;
    std::unique_ptr<tests::ApiClient> m_his;   ///< institution A's HIS
    std::unique_ptr<tests::ApiClient> m_other; ///< the other institution's HIS
    std::string m_secret;
    std::string m_otherSecret;
    Qualification m_valid; ///< a qualification valid today
    std::vector<std::string> m_ownReceipts;
    std::string m_otherReceipt;
};

void TestHisApi::initTestCase()
{
    QVERIFY(m_directory.isValid());
    m_stack = std::make_unique<tests::ServerStack>(m_directory.path().toStdString());
    server::ca::CertificateAuthority::load(m_stack->pki().directory(), "ca")
        .issueInstitutionCertificate(kOtherInstitutionCode, "隣の診療所")
        .save(m_stack->pki().directory(), "institution-c");

    const Date today = Date::todayJst();
    const server::dataset::SyntheticDataset dataset(11, today);
    server::core::loadSyntheticDataset(m_stack->server().database(), dataset, kPersons);
    const auto index = dataset.findPerson(
        [&today](const server::dataset::Person& person) {
            return std::ranges::count_if(person.qualifications,
                                         [&today](const Qualification& q) { return isValidOn(q, today); }) == 1;
        },
        0, kPersons);
    QVERIFY(index);
    const auto person = dataset.person(*index);
    m_valid =
        *std::ranges::find_if(person.qualifications, [&today](const Qualification& q) { return isValidOn(q, today); });

    auto& accounts = m_stack->server().runtime().accounts();
    const auto his = accounts.createAccount(tests::TestPki::kInstitutionCode, kHis, "レセコン",
                                            server::core::AccountKind::Machine, {}, false);
    const auto otherHis = accounts.createAccount(kOtherInstitutionCode, kHis, "隣のレセコン",
                                                 server::core::AccountKind::Machine, {}, false);
    QVERIFY(his && otherHis);
    m_secret = his->credential;
    m_otherSecret = otherHis->credential;
    QVERIFY(accounts.createAccount(tests::TestPki::kInstitutionCode, "alice", "受付 花子",
                                   server::core::AccountKind::Clerk, tests::kClerkPassword, false));
    m_stack->server().start();
    m_his = std::make_unique<tests::ApiClient>(m_stack->pki(), m_stack->server().port(), m_stack->pki().institution());
    m_other = std::make_unique<tests::ApiClient>(
        m_stack->pki(), m_stack->server().port(),
        tests::ClientIdentity{server::ca::certificateFileOf(m_stack->pki().directory(), "institution-c"),
                              server::ca::privateKeyFileOf(m_stack->pki().directory(), "institution-c")});

    // The history both HIS search below: three checks here, one next door.
    for (const char* identifier : {"KARTE-1", "KARTE-2"}) {
        m_ownReceipts.push_back(check(*m_his, m_secret, identifier).receiptNumber);
    }
    m_ownReceipts.push_back(check(*m_his, m_secret, "KARTE-3", false).receiptNumber);
    m_otherReceipt = check(*m_other, m_otherSecret, "NEXT-DOOR-1").receiptNumber;
    QVERIFY(!m_otherReceipt.empty());
}

void TestHisApi::cleanupTestCase()
{
    m_his.reset();
    m_other.reset();
    m_stack.reset();
}

VerificationAnswer TestHisApi::check(tests::ApiClient& client, const std::string& secret, const std::string& identifier,
                                     bool rightBirthDate)
{
    InsuranceCardVerificationRequest request;
    request.card = m_valid.card;
    request.birthDate = rightBirthDate ? m_valid.birthDate : m_valid.birthDate.addDays(1);
    request.identifier = identifier;
    const auto reply =
        client.post("/v1/verifications/insurance-card", encode(request), tests::basicAuthorization(kHis, secret));
    const auto answer = decode<VerificationAnswer>(reply.body);
    return answer ? answer.value() : VerificationAnswer{};
}

HistoryPage TestHisApi::history(const std::string& query)
{
    const auto reply = m_his->get(historyPath(query), tests::basicAuthorization(kHis, m_secret));
    const auto page = decode<HistoryPage>(reply.body);
    return reply.status == 200 && page ? page.value() : HistoryPage{{}, -1};
}

void TestHisApi::verifiesByInsuranceCard()
{
    const auto answer = check(*m_his, m_secret, "KARTE-9");
    QCOMPARE(answer.status, Status::Valid);
    QCOMPARE(answer.identifier, std::string("KARTE-9"));
    QCOMPARE(answer.qualifications.size(), std::size_t(1));
    QCOMPARE(answer.qualifications.front().card, m_valid.card);
    QVERIFY(!answer.receiptNumber.empty());
    QVERIFY(answer.receipt.has_value());
    QVERIFY(!answer.dataUpdatedAt.empty());
    m_ownReceipts.push_back(answer.receiptNumber);
}

void TestHisApi::historyOfOwnInstitutionOnly()
{
    const auto page = history("limit=100");
    QCOMPARE(page.total, int(m_ownReceipts.size()));
    QCOMPARE(page.entries.size(), m_ownReceipts.size());
    for (const auto& entry : page.entries) {
        QVERIFY(std::ranges::find(m_ownReceipts, entry.receiptNumber) != m_ownReceipts.end());
        QVERIFY(entry.identifier != "NEXT-DOOR-1");
        QCOMPARE(entry.clerkId, std::string(kHis));
    }
    // Not even by receipt number, nor by the identifier the other institution used.
    QCOMPARE(m_his->get("/v1/verifications/" + m_otherReceipt, tests::basicAuthorization(kHis, m_secret)).status, 404);
    QCOMPARE(history("identifier=NEXT-DOOR-1").total, 0);
    // The other HIS sees its one check only.
    const auto reply = m_other->get(historyPath("limit=100"), tests::basicAuthorization(kHis, m_otherSecret));
    QCOMPARE(reply.status, 200);
    const auto other = decode<HistoryPage>(reply.body);
    QVERIFY(other);
    QCOMPARE(other->total, 1);
    QCOMPARE(other->entries.front().receiptNumber, m_otherReceipt);
}

void TestHisApi::historyFilters_data()
{
    const Date today = Date::todayJst();
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("total");

    QTest::newRow("identifier") << "identifier=KARTE-2" << 1;
    QTest::newRow("result valid") << "status=valid" << 3;
    QTest::newRow("result not-found") << "status=not-found" << 1;
    QTest::newRow("today") << QString::fromStdString("from=" + today.toIso() + "&to=" + today.toIso()) << 4;
    QTest::newRow("yesterday") << QString::fromStdString("from=" + today.addDays(-1).toIso() +
                                                         "&to=" + today.addDays(-1).toIso())
                               << 0;
    QTest::newRow("five months back") << QString::fromStdString("from=" + today.addMonths(-5).toIso()) << 4;
    QTest::newRow("identifier and result") << "identifier=KARTE-3&status=valid" << 0;
    QTest::newRow("page of one") << "limit=1&offset=1" << 4;
}

void TestHisApi::historyFilters()
{
    QFETCH(QString, query);
    QFETCH(int, total);
    const auto reply = m_his->get(historyPath(query.toStdString()), tests::basicAuthorization(kHis, m_secret));
    QCOMPARE(reply.status, 200);
    const auto page = decode<HistoryPage>(reply.body);
    QVERIFY2(page, reply.body.c_str());
    QCOMPARE(page->total, total);
    QVERIFY(page->entries.size() <= std::size_t(total));
}

void TestHisApi::badFilters_data()
{
    const Date today = Date::todayJst();
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("reason");

    QTest::newRow("not a date") << "from=2026-13-01"
                                << "from"
                                << "invalid-date";
    QTest::newRow("more than five months back")
        << QString::fromStdString("from=" + today.addMonths(-5).addDays(-1).toIso()) << "from"
        << "too-old";
    QTest::newRow("future") << QString::fromStdString("to=" + today.addDays(1).toIso()) << "to"
                            << "future-date";
    QTest::newRow("from after to") << QString::fromStdString("from=" + today.toIso() +
                                                             "&to=" + today.addDays(-1).toIso())
                                   << "to"
                                   << "invalid-value";
    QTest::newRow("unknown result") << "status=bogus"
                                    << "status"
                                    << "invalid-value";
    QTest::newRow("limit not a number") << "limit=ten"
                                        << "limit"
                                        << "not-digits";
    QTest::newRow("limit zero") << "limit=0"
                                << "limit"
                                << "invalid-value";
    QTest::newRow("unknown filter") << "insurer=01130012"
                                    << "insurer"
                                    << "unknown-field";
}

void TestHisApi::badFilters()
{
    QFETCH(QString, query);
    QFETCH(QString, field);
    QFETCH(QString, reason);
    const auto reply = m_his->get(historyPath(query.toStdString()), tests::basicAuthorization(kHis, m_secret));
    QCOMPARE(reply.status, 400);
    const auto error = decode<ErrorAnswer>(reply.body);
    QVERIFY2(error, reply.body.c_str());
    QCOMPARE(error->status, Status::BadRequest);
    QCOMPARE(error->fieldErrors.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(error->fieldErrors.front().field), field);
    QCOMPARE(QString::fromStdString(std::string(toWire(error->fieldErrors.front().reason))), reason);
}

void TestHisApi::pastResultByReceipt()
{
    const auto original = check(*m_his, m_secret, "KARTE-10");
    m_ownReceipts.push_back(original.receiptNumber);
    const auto reply =
        m_his->get("/v1/verifications/" + original.receiptNumber, tests::basicAuthorization(kHis, m_secret));
    QCOMPARE(reply.status, 200);
    const auto again = decode<VerificationAnswer>(reply.body);
    QVERIFY2(again, reply.body.c_str());
    QCOMPARE(again->receiptNumber, original.receiptNumber);
    QCOMPARE(again->status, Status::Valid);
    QCOMPARE(again->identifier, std::string("KARTE-10"));
    QCOMPARE(again->qualifications, original.qualifications);
    QCOMPARE(m_his->get("/v1/verifications/NO-SUCH-RECEIPT", tests::basicAuthorization(kHis, m_secret)).status, 404);
}

void TestHisApi::wrongOrMissingCredentials_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("secret"); ///< "right", "other" (the other institution's HIS secret) or a literal
    QTest::addColumn<bool>("sendAuthorization");

    QTest::newRow("none") << ""
                          << "" << false;
    QTest::newRow("wrong secret") << kHis << "not-the-secret" << true;
    QTest::newRow("unknown machine") << "his-9"
                                     << "right" << true;
    QTest::newRow("clerk password") << "alice" << QString(tests::kClerkPassword) << true;
    QTest::newRow("next door's credential over our certificate") << kHis << "other" << true;
}

void TestHisApi::wrongOrMissingCredentials()
{
    QFETCH(QString, user);
    QFETCH(QString, secret);
    QFETCH(bool, sendAuthorization);
    const std::string password = secret == "right"   ? m_secret
                                 : secret == "other" ? m_otherSecret
                                                     : secret.toStdString();
    const auto headers =
        sendAuthorization ? tests::basicAuthorization(user.toStdString(), password) : Poco::Net::NameValueCollection{};
    InsuranceCardVerificationRequest request;
    request.card = m_valid.card;
    request.birthDate = m_valid.birthDate;
    for (const auto& [method, path] :
         {std::pair{"POST", "/v1/verifications/insurance-card"}, std::pair{"GET", "/v1/history"}}) {
        const auto reply = m_his->send(method, path, method == std::string("POST") ? encode(request) : "", headers);
        QCOMPARE(reply.status, 401);
        QVERIFY(reply.headers.has("WWW-Authenticate"));
        QCOMPARE(decode<ErrorAnswer>(reply.body)->status, Status::Unauthenticated);
    }
}

void TestHisApi::clerkActionsRefusedForMachines_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    QTest::newRow("password change") << "POST"
                                     << "/v1/sessions/current/password";
    QTest::newRow("logout") << "DELETE"
                            << "/v1/sessions/current";
}

void TestHisApi::clerkActionsRefusedForMachines()
{
    QFETCH(QString, method);
    QFETCH(QString, path);
    const std::string body =
        method == "POST" ? encode(PasswordChangeRequest{m_secret, "Another-Secret-2026"}) : std::string();
    const auto reply =
        m_his->send(method.toStdString(), path.toStdString(), body, tests::basicAuthorization(kHis, m_secret));
    QCOMPARE(reply.status, 403);
    QCOMPARE(decode<ErrorAnswer>(reply.body)->status, Status::Forbidden);
    // The machine credential is unchanged and still works.
    QCOMPARE(m_his->get(historyPath("limit=1"), tests::basicAuthorization(kHis, m_secret)).status, 200);
}

QTEST_GUILESS_MAIN(TestHisApi)
#include "TestHisApi.moc"
