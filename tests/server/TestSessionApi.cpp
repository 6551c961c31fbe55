// SPDX-License-Identifier: Apache-2.0
// Clerk accounts, sessions and HIS machine credentials (D7) end to end over mutual TLS, on SQLite or (as
// TestSessionApiPostgreSQL) on PostgreSQL.
#include "ApiClient.h"
#include "TestDatabase.h"
#include "TestPki.h"
#include "ServerStack.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <oqs/common/JsonCodec.h>

using namespace oqs;
using namespace oqs::common;
using nlohmann::json;

namespace {

constexpr const char* kHistory = "/v1/history?limit=1";

Poco::Net::NameValueCollection bearer(const std::string& token)
{
    Poco::Net::NameValueCollection headers;
    headers.add("Authorization", "Bearer " + token);
    return headers;
}

Poco::Net::NameValueCollection basic(const std::string& user, const std::string& secret)
{
    Poco::Net::NameValueCollection headers;
    headers.add("Authorization", "Basic " + base64Encode(user + ":" + secret));
    return headers;
}

} // namespace

class TestSessionApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void loginAndLogout();
    void refusedLogin_data();
    void refusedLogin();
    void lockoutAfterRepeatedFailures();
    void initialPasswordMustChange();
    void passwordPolicy_data();
    void passwordPolicy();
    void machineCredential_data();
    void machineCredential();
    void missingCredentials_data();
    void missingCredentials();
    void accountAdministration_data();
    void accountAdministration();

private:
    tests::ApiReply login(const std::string& user, const std::string& password);

    QTemporaryDir m_directory;
    std::unique_ptr<tests::ServerStack> m_stack;
    std::unique_ptr<tests::ApiClient> m_client;
    std::string m_machineSecret;
};

void TestSessionApi::initTestCase()
{
    QVERIFY(m_directory.isValid());
    m_stack = std::make_unique<tests::ServerStack>(m_directory.path().toStdString());
    auto& accounts = m_stack->server().runtime().accounts();
    const auto code = tests::TestPki::kInstitutionCode;
    QVERIFY(accounts.createAccount(code, "alice", "受付 花子", server::core::AccountKind::Clerk, tests::kClerkPassword,
                                   false));
    QVERIFY(
        accounts.createAccount(code, "mallory", "", server::core::AccountKind::Clerk, tests::kClerkPassword, false));
    QVERIFY(accounts.createAccount(code, "newbie", "", server::core::AccountKind::Clerk, tests::kClerkPassword, true));
    QVERIFY(accounts.createAccount(code, "policy", "", server::core::AccountKind::Clerk, tests::kClerkPassword, false));
    const auto machine =
        accounts.createAccount(code, "his-1", "レセコン", server::core::AccountKind::Machine, {}, false);
    QVERIFY(machine);
    m_machineSecret = machine->credential;
    m_stack->server().start();
    m_client =
        std::make_unique<tests::ApiClient>(m_stack->pki(), m_stack->server().port(), m_stack->pki().institution());
}

void TestSessionApi::cleanupTestCase()
{
    m_client.reset();
    m_stack.reset();
}

tests::ApiReply TestSessionApi::login(const std::string& user, const std::string& password)
{
    return m_client->post("/v1/sessions", encode(LoginRequest{user, password, "counter-9"}));
}

void TestSessionApi::loginAndLogout()
{
    const auto reply = login("alice", tests::kClerkPassword);
    QCOMPARE(reply.status, 201);
    const auto session = decode<SessionAnswer>(reply.body);
    QVERIFY2(session.ok(), reply.body.c_str());
    QCOMPARE(session->userId, std::string("alice"));
    QCOMPARE(session->displayName, std::string("受付 花子"));
    QCOMPARE(session->institutionCode, std::string(tests::TestPki::kInstitutionCode));
    QVERIFY(!session->mustChangePassword);
    QVERIFY(session->token.size() >= 40);
    QVERIFY(!session->expiresAt.empty());

    QCOMPARE(m_client->get(kHistory, bearer(session->token)).status, 200);
    QCOMPARE(m_client->send("DELETE", "/v1/sessions/current", {}, bearer(session->token)).status, 204);
    const auto after = m_client->get(kHistory, bearer(session->token));
    QCOMPARE(after.status, 401);
    QCOMPARE(decode<ErrorAnswer>(after.body)->status, Status::Unauthenticated);
    QVERIFY(after.headers.has("WWW-Authenticate"));
}

void TestSessionApi::refusedLogin_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<QString>("field");

    QTest::newRow("wrong password") << QString::fromStdString(encode(LoginRequest{"alice", "Wrong-Pass-123", ""}))
                                    << 401 << "";
    QTest::newRow("unknown user") << QString::fromStdString(encode(LoginRequest{"nobody", tests::kClerkPassword, ""}))
                                  << 401 << "";
    QTest::newRow("machine accounts cannot log in")
        << QString::fromStdString(encode(LoginRequest{"his-1", tests::kClerkPassword, ""})) << 401 << "";
    QTest::newRow("empty password") << QString::fromStdString(encode(LoginRequest{"alice", "", ""})) << 400
                                    << "password";
    const json missingUser{{"v", 1}, {"password", "x"}};
    QTest::newRow("missing user ID") << QString::fromStdString(missingUser.dump()) << 400 << "userId";
    const json unknownField{{"v", 1}, {"userId", "a"}, {"password", "x"}, {"pin", "1"}};
    QTest::newRow("unknown field") << QString::fromStdString(unknownField.dump()) << 400 << "pin";
    QTest::newRow("malformed JSON") << QString::fromStdString(missingUser.dump()).chopped(1) << 400 << "body";
}

void TestSessionApi::refusedLogin()
{
    QFETCH(QString, body);
    QFETCH(int, httpStatus);
    QFETCH(QString, field);
    const auto reply = m_client->post("/v1/sessions", body.toStdString());
    QCOMPARE(reply.status, httpStatus);
    const auto error = decode<ErrorAnswer>(reply.body);
    QVERIFY2(error.ok(), reply.body.c_str());
    if (!field.isEmpty()) {
        QCOMPARE(QString::fromStdString(error->fieldErrors.at(0).field), field);
    }
}

void TestSessionApi::lockoutAfterRepeatedFailures()
{
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(login("mallory", "Guess-Number-" + std::to_string(i)).status, 401);
    }
    // Locked: even the right password is refused, with the same answer as a wrong one.
    const auto locked = login("mallory", tests::kClerkPassword);
    QCOMPARE(locked.status, 401);
    QCOMPARE(decode<ErrorAnswer>(locked.body)->status, Status::Unauthenticated);
    // Another clerk of the same institution is unaffected.
    QCOMPARE(login("alice", tests::kClerkPassword).status, 201);
}

void TestSessionApi::initialPasswordMustChange()
{
    const auto reply = login("newbie", tests::kClerkPassword);
    QCOMPARE(reply.status, 201);
    const auto session = decode<SessionAnswer>(reply.body);
    QVERIFY(session->mustChangePassword);
    const auto refused = m_client->get(kHistory, bearer(session->token));
    QCOMPARE(refused.status, 403);
    QCOMPARE(decode<ErrorAnswer>(refused.body)->status, Status::Forbidden);

    const auto changed = m_client->post("/v1/sessions/current/password",
                                        encode(PasswordChangeRequest{tests::kClerkPassword, "Brand-New-Pass-7"}),
                                        bearer(session->token));
    QCOMPARE(changed.status, 200);
    QVERIFY(!decode<SessionAnswer>(changed.body)->mustChangePassword);
    QCOMPARE(m_client->get(kHistory, bearer(session->token)).status, 200);
    QCOMPARE(login("newbie", tests::kClerkPassword).status, 401);
    QCOMPARE(login("newbie", "Brand-New-Pass-7").status, 201);
}

void TestSessionApi::passwordPolicy_data()
{
    QTest::addColumn<QString>("current");
    QTest::addColumn<QString>("proposed");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<QString>("reason");

    QTest::newRow("too short") << tests::kClerkPassword << "Ab1-" << 400 << "wrong-length";
    QTest::newRow("too long") << tests::kClerkPassword << QString(129, 'a') + "A1-" << 400 << "wrong-length";
    QTest::newRow("two character classes") << tests::kClerkPassword << "abcdefghij12" << 400 << "invalid-value";
    QTest::newRow("contains the user ID") << tests::kClerkPassword << "My-Policy-Pass1" << 400 << "invalid-value";
    QTest::newRow("same as current") << tests::kClerkPassword << tests::kClerkPassword << 400 << "invalid-value";
    QTest::newRow("wrong current password") << "Not-The-Pass-1"
                                            << "Another-Good-Pass-1" << 401 << "";
}

void TestSessionApi::passwordPolicy()
{
    QFETCH(QString, current);
    QFETCH(QString, proposed);
    QFETCH(int, httpStatus);
    QFETCH(QString, reason);

    const auto session = decode<SessionAnswer>(login("policy", tests::kClerkPassword).body);
    QVERIFY(session.ok());
    const auto reply = m_client->post("/v1/sessions/current/password",
                                      encode(PasswordChangeRequest{current.toStdString(), proposed.toStdString()}),
                                      bearer(session->token));
    QCOMPARE(reply.status, httpStatus);
    const auto error = decode<ErrorAnswer>(reply.body);
    QVERIFY2(error.ok(), reply.body.c_str());
    if (!reason.isEmpty()) {
        QCOMPARE(error->fieldErrors.at(0).field, std::string("newPassword"));
        QCOMPARE(QString::fromStdString(std::string(toWire(error->fieldErrors.at(0).reason))), reason);
    }
    QCOMPARE(login("policy", tests::kClerkPassword).status, 201); // the old password still works
}

void TestSessionApi::machineCredential_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<bool>("rightSecret");
    QTest::addColumn<int>("httpStatus");

    QTest::newRow("HIS machine credential") << "his-1" << true << 200;
    QTest::newRow("wrong secret") << "his-1" << false << 401;
    QTest::newRow("clerk password is no machine credential") << "alice" << false << 401;
}

void TestSessionApi::machineCredential()
{
    QFETCH(QString, user);
    QFETCH(bool, rightSecret);
    QFETCH(int, httpStatus);
    const std::string secret = rightSecret ? m_machineSecret : std::string(tests::kClerkPassword);
    QCOMPARE(m_client->get(kHistory, basic(user.toStdString(), secret)).status, httpStatus);
}

void TestSessionApi::missingCredentials_data()
{
    QTest::addColumn<QString>("authorization");
    QTest::newRow("none") << "";
    QTest::newRow("unknown token") << "Bearer not-a-session";
    QTest::newRow("unknown scheme") << "Digest abc";
    QTest::newRow("basic without colon") << QString::fromStdString("Basic " + base64Encode("his-1"));
}

namespace {

/// A verification body holding only an identifier; authentication is refused before it is decoded.
std::string identifierBody(const std::string& identifier)
{
    std::string body = "{'identifier':'" + identifier + "'}"; // single quotes keep moc's parser happy
    std::replace(body.begin(), body.end(), '\'', '"');
    return body;
}

} // namespace

void TestSessionApi::missingCredentials()
{
    QFETCH(QString, authorization);
    Poco::Net::NameValueCollection headers;
    if (!authorization.isEmpty()) {
        headers.add("Authorization", authorization.toStdString());
    }
    for (const char* path : {kHistory, "/v1/verifications/20990101-0000000000000000"}) {
        const auto reply = m_client->get(path, headers);
        QCOMPARE(reply.status, 401);
        QCOMPARE(decode<ErrorAnswer>(reply.body)->status, Status::Unauthenticated);
    }
    // D5: even a refused check gives the clerk's identifier back.
    const auto refused = m_client->post("/v1/verifications/insurance-card", identifierBody("P-401"), headers);
    QCOMPARE(refused.status, 401);
    QCOMPARE(decode<ErrorAnswer>(refused.body)->identifier, std::string("P-401"));
}

void TestSessionApi::accountAdministration_data()
{
    QTest::addColumn<QString>("institution");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("status");

    QTest::newRow("generated password") << tests::TestPki::kInstitutionCode << "bob"
                                        << ""
                                        << "";
    QTest::newRow("duplicate user ID") << tests::TestPki::kInstitutionCode << "alice"
                                       << ""
                                       << "forbidden";
    QTest::newRow("bad check digit") << "1312345677"
                                     << "carol"
                                     << ""
                                     << "bad-request";
    QTest::newRow("bad user ID") << tests::TestPki::kInstitutionCode << "a b"
                                 << ""
                                 << "bad-request";
    QTest::newRow("weak password") << tests::TestPki::kInstitutionCode << "dave"
                                   << "password"
                                   << "bad-request";
}

void TestSessionApi::accountAdministration()
{
    QFETCH(QString, institution);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, status);
    const auto created =
        m_stack->server().runtime().accounts().createAccount(institution.toStdString(), user.toStdString(), {},
                                                     server::core::AccountKind::Clerk, password.toStdString(), true);
    QCOMPARE(created.ok(), status.isEmpty());
    if (!created) {
        QCOMPARE(QString::fromStdString(std::string(toWire(created.error().status))), status);
        return;
    }
    QVERIFY(created->account.mustChangePassword);
    const auto reply = login(user.toStdString(), created->credential);
    QCOMPARE(reply.status, 201);
    QVERIFY(decode<SessionAnswer>(reply.body)->mustChangePassword);
}

QTEST_GUILESS_MAIN(TestSessionApi)
#include "TestSessionApi.moc"
