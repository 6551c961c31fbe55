// SPDX-License-Identifier: Apache-2.0
// The HTTP feed of the insurers' intermediate server (D11) end to end over mutual TLS with a feed machine
// certificate (CN=feed:<name>, feed CA), on SQLite or (as TestFeedApiPostgreSQL) on PostgreSQL.
#include "ApiClient.h"
#include "TestDatabase.h"
#include "TestPki.h"
#include "ServerStack.h"
#include "core/DatasetLoader.h"
#include "dataset/SyntheticDataset.h"

#include <Poco/Data/Session.h>
#include <QTemporaryDir>
#include <QtTest>
#include <nlohmann/json.hpp>
#include <oqs/common/JsonCodec.h>

using namespace oqs;
using namespace oqs::common;
using nlohmann::json;

namespace {

constexpr const char* kCardNumber = "4711";
constexpr const char* kBirthDate = "1980-04-01";

/// A complete register record of one insured person (as a feed file row would carry it).
FeedRecordMessage record(std::int64_t sequence, const std::string& insurer, const std::string& number = kCardNumber)
{
    FeedRecordMessage message;
    message.sequence = sequence;
    message.fields = {{"insurer_number", insurer},
                      {"card_symbol", "記号"},
                      {"card_number", number},
                      {"card_branch", "01"},
                      {"birth_date", kBirthDate},
                      {"linkage_number", "90000000000" + number}, // 15 digits for the 4-digit card numbers below
                      {"name", "送信 太郎"},
                      {"sex", "1"},
                      {"relationship", "1"},
                      {"card_category", "01"},
                      {"acquisition_date", "2020-04-01"},
                      {"copayment_percent", "30"}};
    return message;
}

FieldErrors fieldErrorsOf(const tests::ApiReply& reply)
{
    const auto error = decode<ErrorAnswer>(reply.body);
    return error ? error->fieldErrors : FieldErrors{};
}

} // namespace

class TestFeedApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void appliedRecordIsVisibleToVerification();
    void reSendingIsHarmless();
    void gapIsRejected();
    void badFieldIsRejectedWithReason_data();
    void badFieldIsRejectedWithReason();
    void malformedMessageIs400_data();
    void malformedMessageIs400();
    void statusQuery_data();
    void statusQuery();
    void onlyFeedCertificatesReachTheFeed_data();
    void onlyFeedCertificatesReachTheFeed();
    void feedCertificateCannotVerify_data();
    void feedCertificateCannotVerify();
    void feedCallsAreAudited();

private:
    tests::ApiReply send(const std::string& operation, const FeedRecordMessage& message);
    FeedResultAnswer resultOf(const tests::ApiReply& reply);
    tests::ApiReply verify(const std::string& number);

    QTemporaryDir m_directory;
    std::unique_ptr<tests::ServerStack> m_stack;
    std::unique_ptr<tests::ApiClient> m_feed;
    std::unique_ptr<tests::ApiClient> m_institution;
    std::string m_insurer;
    std::string m_hisSecret;
    std::int64_t m_next = 1; ///< the insurer's next sequence number; the slots run in order and share it
};

void TestFeedApi::initTestCase()
{
    QVERIFY(m_directory.isValid());
    m_stack = std::make_unique<tests::ServerStack>(m_directory.path().toStdString());
    const server::dataset::SyntheticDataset dataset(1, Date::todayJst());
    server::core::loadSyntheticDataset(m_stack->server().database(), dataset, 0); // the insurer master only
    m_insurer = dataset.insurers().at(0).number;
    const auto his = m_stack->server().runtime().accounts().createAccount(
        tests::TestPki::kInstitutionCode, "his-1", "レセコン", server::core::AccountKind::Machine, {}, false);
    QVERIFY(his);
    m_hisSecret = his->credential;
    m_stack->server().start();
    m_feed = std::make_unique<tests::ApiClient>(m_stack->pki(), m_stack->server().port(), m_stack->pki().feed());
    m_institution =
        std::make_unique<tests::ApiClient>(m_stack->pki(), m_stack->server().port(), m_stack->pki().institution());
}

void TestFeedApi::cleanupTestCase()
{
    m_feed.reset();
    m_institution.reset();
    m_stack.reset();
}

tests::ApiReply TestFeedApi::send(const std::string& operation, const FeedRecordMessage& message)
{
    return m_feed->post("/v1/feed/" + operation, encode(message));
}

FeedResultAnswer TestFeedApi::resultOf(const tests::ApiReply& reply)
{
    const auto answer = decode<FeedResultAnswer>(reply.body);
    return answer ? answer.value() : FeedResultAnswer{};
}

tests::ApiReply TestFeedApi::verify(const std::string& number)
{
    InsuranceCardVerificationRequest request;
    request.card = {m_insurer, "記号", number, "01"};
    request.birthDate = *Date::parse(kBirthDate);
    return m_institution->post("/v1/verifications/insurance-card", encode(request),
                               tests::basicAuthorization("his-1", m_hisSecret));
}

void TestFeedApi::appliedRecordIsVisibleToVerification()
{
    const auto before = decode<VerificationAnswer>(verify(kCardNumber).body);
    QVERIFY(before);
    QCOMPARE(before->status, Status::NotFound);

    const auto reply = send("register", record(m_next, m_insurer));
    QCOMPARE(reply.status, 200);
    const auto result = resultOf(reply);
    QCOMPARE(result.status, std::string("applied"));
    QCOMPARE(result.insurerNumber, m_insurer);
    QCOMPARE(result.sequence, m_next);
    QCOMPARE(result.reason, std::string());
    ++m_next;

    const auto after = decode<VerificationAnswer>(verify(kCardNumber).body);
    QVERIFY(after);
    QCOMPARE(after->status, Status::Valid);
    QCOMPARE(after->qualifications.size(), std::size_t(1));
    QCOMPARE(after->qualifications.front().name, std::string("送信 太郎"));

    // An update through the feed changes what the next check sees.
    auto changed = record(m_next, m_insurer);
    changed.fields["name"] = "送信 次郎";
    QCOMPARE(resultOf(send("update", changed)).status, std::string("applied"));
    ++m_next;
    const auto updated = decode<VerificationAnswer>(verify(kCardNumber).body);
    QVERIFY(updated);
    QCOMPARE(updated->qualifications.front().name, std::string("送信 次郎"));
}

void TestFeedApi::reSendingIsHarmless()
{
    const auto first = record(m_next, m_insurer, "4712");
    QCOMPARE(resultOf(send("register", first)).status, std::string("applied"));
    ++m_next;
    const auto again = send("register", first);
    QCOMPARE(again.status, 200);
    const auto result = resultOf(again);
    QCOMPARE(result.status, std::string("duplicate"));
    QCOMPARE(result.reason, std::string("already processed: applied"));
    // The duplicate changed nothing: the person is still there once.
    const auto answer = decode<VerificationAnswer>(verify("4712").body);
    QVERIFY(answer);
    QCOMPARE(answer->status, Status::Valid);
}

void TestFeedApi::gapIsRejected()
{
    const auto reply = send("register", record(m_next + 2, m_insurer, "4713"));
    QCOMPARE(reply.status, 200);
    const auto result = resultOf(reply);
    QCOMPARE(result.status, std::string("rejected"));
    QCOMPARE(result.reason, "sequence gap: expected " + std::to_string(m_next));
    // The gap did not advance the sequence: the expected record still applies.
    QCOMPARE(resultOf(send("register", record(m_next, m_insurer, "4713"))).status, std::string("applied"));
    ++m_next;
}

void TestFeedApi::badFieldIsRejectedWithReason_data()
{
    QTest::addColumn<QString>("column");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("reason");

    QTest::newRow("birth date") << "birth_date"
                                << "1980-13-01"
                                << "birth_date: invalid-date";
    QTest::newRow("co-payment") << "copayment_percent"
                                << "25"
                                << "copayment_percent: invalid-value";
    QTest::newRow("no name") << "name"
                             << ""
                             << "name: required";
}

void TestFeedApi::badFieldIsRejectedWithReason()
{
    QFETCH(QString, column);
    QFETCH(QString, value);
    QFETCH(QString, reason);
    auto message = record(m_next, m_insurer, "4714");
    message.fields[column.toStdString()] = value.toStdString();
    const auto reply = send("register", message);
    // Processed, so 200: the record took its place in the sequence as rejected (resources/docs/api).
    QCOMPARE(reply.status, 200);
    const auto result = resultOf(reply);
    QCOMPARE(result.status, std::string("rejected"));
    QCOMPARE(QString::fromStdString(result.reason), reason);
    QCOMPARE(result.sequence, m_next);
    ++m_next;
    QCOMPARE(decode<VerificationAnswer>(verify("4714").body)->status, Status::NotFound);
}

void TestFeedApi::malformedMessageIs400_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("reason");

    json complete = json::parse(encode(record(99, "01130012")));
    const auto with = [&complete](const std::string& key, const json& value) {
        json copy = complete;
        copy[key] = value;
        return QString::fromStdString(copy.dump());
    };
    const auto without = [&complete](const std::string& key) {
        json copy = complete;
        copy.erase(key);
        return QString::fromStdString(copy.dump());
    };
    QTest::newRow("not JSON") << "{sequence: 1"
                              << "body"
                              << "invalid-value";
    QTest::newRow("not an object") << "[1, 2]"
                                   << "body"
                                   << "wrong-type";
    QTest::newRow("unknown column") << with("operation", "register") << "operation"
                                    << "unknown-field";
    QTest::newRow("sequence as text") << with("sequence", "99") << "sequence"
                                      << "wrong-type";
    QTest::newRow("sequence zero") << with("sequence", 0) << "sequence"
                                   << "invalid-value";
    QTest::newRow("number column as number") << with("copayment_percent", 30) << "copayment_percent"
                                             << "wrong-type";
    QTest::newRow("no insurer") << without("insurer_number") << "insurer_number"
                                << "required";
    QTest::newRow("no version") << without("v") << "v"
                                << "invalid-value";
}

void TestFeedApi::malformedMessageIs400()
{
    QFETCH(QString, body);
    QFETCH(QString, field);
    QFETCH(QString, reason);
    const auto reply = m_feed->post("/v1/feed/register", body.toStdString());
    QCOMPARE(reply.status, 400);
    const auto errors = fieldErrorsOf(reply);
    QCOMPARE(errors.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(errors.front().field), field);
    QCOMPARE(QString::fromStdString(std::string(toWire(errors.front().reason))), reason);
    // Nothing was processed: the next record still applies in sequence.
    QCOMPARE(
        resultOf(m_feed->get("/v1/feed/status?insurer_number=" + m_insurer + "&sequence=" + std::to_string(m_next - 1)))
            .sequence,
        m_next - 1);
}

void TestFeedApi::statusQuery_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<QString>("outcome"); ///< result status, or "field:reason" of the first field error

    QTest::newRow("applied") << "insurer_number=%1&sequence=1" << 200 << "applied";
    QTest::newRow("rejected") << "insurer_number=%1&sequence=%2" << 200 << "rejected";
    QTest::newRow("never sent") << "insurer_number=%1&sequence=100000" << 404 << "";
    QTest::newRow("no sequence") << "insurer_number=%1" << 400 << "sequence:required";
    QTest::newRow("bad sequence") << "insurer_number=%1&sequence=-1" << 400 << "sequence:invalid-value";
    QTest::newRow("bad check digit") << "insurer_number=01130013&sequence=1" << 400 << "insurer_number:check-digit";
    QTest::newRow("unknown parameter") << "insurer_number=%1&sequence=1&line=2" << 400 << "line:unknown-field";
}

void TestFeedApi::statusQuery()
{
    QFETCH(QString, query);
    QFETCH(int, httpStatus);
    QFETCH(QString, outcome);
    // The last bad-field record is the last rejected one.
    const QString path =
        "/v1/feed/status?" +
        QString(query).replace("%1", QString::fromStdString(m_insurer)).replace("%2", QString::number(m_next - 1));
    const auto reply = m_feed->get(path.toStdString());
    QCOMPARE(reply.status, httpStatus);
    if (httpStatus == 200) {
        QCOMPARE(QString::fromStdString(resultOf(reply).status), outcome);
    } else if (httpStatus == 400) {
        const auto errors = fieldErrorsOf(reply);
        QVERIFY(!errors.empty());
        QCOMPARE(QString::fromStdString(errors.front().field + ":" + std::string(toWire(errors.front().reason))),
                 outcome);
    }
}

void TestFeedApi::onlyFeedCertificatesReachTheFeed_data()
{
    QTest::addColumn<QString>("who");
    QTest::newRow("institution certificate") << "institution";
    QTest::newRow("feed CN from the institution CA") << "institution-ca-feed";
    QTest::newRow("institution CN from the feed CA") << "feed-ca-institution";
}

void TestFeedApi::onlyFeedCertificatesReachTheFeed()
{
    QFETCH(QString, who);
    const auto identity = who == "institution"           ? m_stack->pki().institution()
                          : who == "institution-ca-feed" ? m_stack->pki().nonInstitution()
                                                         : m_stack->pki().feedCaInstitution();
    tests::ApiClient client(m_stack->pki(), m_stack->server().port(), identity);
    const std::string number = std::to_string(5000 + m_next); // a new person per row
    const auto reply = client.post("/v1/feed/register", encode(record(m_next, m_insurer, number)));
    QCOMPARE(reply.status, 403);
    QCOMPARE(decode<ErrorAnswer>(reply.body)->status, Status::Forbidden);
    QCOMPARE(client.get("/v1/feed/status?insurer_number=" + m_insurer + "&sequence=1").status, 403);
    // Nothing was applied: the sequence still expects m_next.
    QCOMPARE(resultOf(send("register", record(m_next, m_insurer, number))).status, std::string("applied"));
    ++m_next;
}

void TestFeedApi::feedCertificateCannotVerify_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    QTest::newRow("insurance card") << "POST"
                                    << "/v1/verifications/insurance-card";
    QTest::newRow("history") << "GET"
                             << "/v1/history";
    QTest::newRow("login") << "POST"
                           << "/v1/sessions";
}

void TestFeedApi::feedCertificateCannotVerify()
{
    QFETCH(QString, method);
    QFETCH(QString, path);
    InsuranceCardVerificationRequest request;
    request.card = {m_insurer, "記号", kCardNumber, "01"};
    request.birthDate = *Date::parse(kBirthDate);
    const auto reply =
        m_feed->send(method.toStdString(), path.toStdString(), method == "POST" ? encode(request) : std::string(),
                     tests::basicAuthorization("his-1", m_hisSecret));
    QCOMPARE(reply.status, 403);
}

void TestFeedApi::feedCallsAreAudited()
{
    auto session = m_stack->server().database().session();
    int feedCalls = 0;
    *session << "SELECT COUNT(*) FROM audit_log WHERE actor = 'feed:intermediate' AND action = 'feed-register'",
        Poco::Data::Keywords::into(feedCalls), Poco::Data::Keywords::now;
    QVERIFY2(feedCalls >= 8, std::to_string(feedCalls).c_str());
    std::string target;
    *session << "SELECT target FROM audit_log WHERE actor = 'feed:intermediate' AND action = 'feed-update'",
        Poco::Data::Keywords::into(target), Poco::Data::Keywords::now;
    QCOMPARE(target, m_insurer + "/2");
}

QTEST_GUILESS_MAIN(TestFeedApi)
#include "TestFeedApi.moc"
