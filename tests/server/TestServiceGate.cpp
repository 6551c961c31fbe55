// SPDX-License-Identifier: Apache-2.0
// Service hours, maintenance, the concurrency limit and /metrics (D6) on the real server over mutual TLS.
#include "ApiClient.h"
#include "TestDatabase.h"
#include "TestPki.h"
#include "ServerStack.h"

#include <QTemporaryDir>
#include <QtTest>
#include <condition_variable>
#include <mutex>
#include <oqs/common/JsonCodec.h>
#include <thread>

using namespace oqs;
using namespace oqs::common;

namespace {

constexpr const char* kCardPath = "/v1/verifications/insurance-card";
constexpr const char* kFeedPath = "/v1/feed/register";
constexpr const char* kMaintenance = "2026-11-20T10:00/2026-11-20T12:30";

/// A clock the test can stop: while held, every caller waits (and is counted) until release().
class HoldableClock
{
public:
    std::chrono::system_clock::time_point now()
    {
        std::unique_lock lock(m_mutex);
        ++m_waiting;
        m_changed.notify_all();
        m_changed.wait(lock, [this] { return !m_held; });
        --m_waiting;
        return m_now;
    }
    void hold()
    {
        std::lock_guard lock(m_mutex);
        m_held = true;
    }
    void release()
    {
        std::lock_guard lock(m_mutex);
        m_held = false;
        m_changed.notify_all();
    }
    /// Waits until `count` callers are held; false after 10 s.
    bool waitForWaiting(int count)
    {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, std::chrono::seconds(10), [&] { return m_waiting >= count; });
    }
    void set(std::chrono::system_clock::time_point at)
    {
        std::lock_guard lock(m_mutex);
        m_now = at;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_held = false;
    int m_waiting = 0;
    std::chrono::system_clock::time_point m_now = std::chrono::system_clock::now();
};

std::string cardRequest()
{
    InsuranceCardVerificationRequest request;
    request.card = {"06130017", "12", "3456", "01"};
    request.birthDate = *Date::parse("1980-04-01");
    request.identifier = "GATE-1";
    return encode(request);
}

/// `hours`:`minutes` after 2026-11-19T00:00Z.
std::chrono::system_clock::time_point at(int hours, int minutes = 0)
{
    return std::chrono::sys_days(std::chrono::year(2026) / 11 / 19) + std::chrono::hours(hours) +
           std::chrono::minutes(minutes);
}

/// `name{endpoint="insurance-card",label="value"}` (quotes built from code 34 to keep them away from moc).
QString series(const char* name, const char* label, const char* value)
{
    const QChar quote(34);
    return QString("%1{endpoint=%2insurance-card%2,%3=%2%4%2}").arg(name, quote, label, value);
}

} // namespace

class TestServiceGate : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void openAnswers();
    void closedOutsideHours_data();
    void closedOutsideHours();
    void busyBeyondLimitAdmittedUnaffected();
    void feedPaused_data();
    void feedPaused();
    void feedTakenWhileClinicsAreClosed();
    void feedBusyAtHalfTheLimit();
    void metrics();

private:
    Poco::Net::NameValueCollection clerk() const;

    QTemporaryDir m_directory;
    HoldableClock m_clock;
    std::unique_ptr<tests::ServerStack> m_stack;
    std::unique_ptr<tests::ApiClient> m_client;
    std::unique_ptr<tests::ApiClient> m_feed;
    std::string m_token;
};

void TestServiceGate::initTestCase()
{
    QVERIFY(m_directory.isValid());
    // Opening hours 08:00–21:00 with one maintenance window; the clock decides which the tests see.
    m_stack = std::make_unique<tests::ServerStack>(m_directory.path().toStdString(), [this] { return m_clock.now(); },
        server::core::ServiceHours("08:00", "21:00", kMaintenance), server::core::ServiceHours::feed(kMaintenance));
    m_stack->server().start();
    m_clock.set(at(21)); // 06:00 JST on 2026-11-20, before opening: logging in needs no open service
    m_client =
        std::make_unique<tests::ApiClient>(m_stack->pki(), m_stack->server().port(), m_stack->pki().institution());
    m_feed = std::make_unique<tests::ApiClient>(m_stack->pki(), m_stack->server().port(), m_stack->pki().feed());
    m_token = tests::createClerkAndLogin(m_stack->server(), *m_client, tests::TestPki::kInstitutionCode, "gate");
    QVERIFY(!m_token.empty());
}

void TestServiceGate::init()
{
    m_clock.set(at(28)); // 13:00 JST, open
}

void TestServiceGate::cleanupTestCase()
{
    m_client.reset();
    m_feed.reset();
    m_stack.reset();
}

Poco::Net::NameValueCollection TestServiceGate::clerk() const
{
    Poco::Net::NameValueCollection headers;
    headers.add("Authorization", "Bearer " + m_token);
    return headers;
}

void TestServiceGate::openAnswers()
{
    const auto reply = m_client->post(kCardPath, cardRequest(), clerk());
    QCOMPARE(reply.status, 200);
    QCOMPARE(decode<VerificationAnswer>(reply.body)->status, Status::NotFound);
}

void TestServiceGate::closedOutsideHours_data()
{
    QTest::addColumn<int>("utcHour"); // hours since 2026-11-19T00:00Z, all before the session expires
    QTest::addColumn<int>("utcMinute");
    QTest::addColumn<QString>("nextOpening");
    QTest::addColumn<int>("retryAfter");

    QTest::newRow("before opening (07:00 JST)") << 22 << 0 << "2026-11-20T08:00:00.000+09:00" << 3600;
    QTest::newRow("maintenance (11:00 JST)") << 26 << 0 << "2026-11-20T12:30:00.000+09:00" << 5400;
    QTest::newRow("after closing (21:30 JST)") << 12 << 30 << "2026-11-20T08:00:00.000+09:00" << 37800;
}

void TestServiceGate::closedOutsideHours()
{
    QFETCH(int, utcHour);
    QFETCH(int, utcMinute);
    QFETCH(QString, nextOpening);
    QFETCH(int, retryAfter);

    m_clock.set(at(utcHour, utcMinute));
    const auto reply = m_client->post(kCardPath, cardRequest(), clerk());
    QCOMPARE(reply.status, 503);
    const auto answer = decode<ErrorAnswer>(reply.body);
    QVERIFY2(answer.ok(), reply.body.c_str());
    QCOMPARE(answer->status, Status::Closed);
    QCOMPARE(QString::fromStdString(answer->nextOpening), nextOpening);
    QCOMPARE(answer->identifier, std::string("GATE-1"));
    QCOMPARE(answer->retryAfterSeconds, std::optional<int>(retryAfter));
    QCOMPARE(reply.headers.get("Retry-After"), std::to_string(retryAfter));
    // Closed concerns checks only: history, health and sessions stay available.
    QCOMPARE(m_client->get("/v1/history?limit=1", clerk()).status, 200);
    QCOMPARE(m_client->get("/healthz").status, 200);
}

void TestServiceGate::busyBeyondLimitAdmittedUnaffected()
{
    const int limit = m_stack->server().config().maxInFlight;
    m_clock.hold();
    std::vector<int> statuses(std::size_t(limit), 0);
    std::vector<std::thread> admitted;
    for (int i = 0; i < limit; ++i) {
        admitted.emplace_back([this, i, &statuses] {
            tests::ApiClient client(m_stack->pki(), m_stack->server().port(), m_stack->pki().institution());
            statuses[std::size_t(i)] = client.post(kCardPath, cardRequest(), clerk()).status;
        });
    }
    const bool allHeld = m_clock.waitForWaiting(limit);
    tests::ApiClient extra(m_stack->pki(), m_stack->server().port(), m_stack->pki().institution());
    const auto busy = allHeld ? extra.post(kCardPath, cardRequest(), clerk()) : tests::ApiReply{};
    m_clock.release();
    for (auto& thread : admitted) {
        thread.join();
    }
    QVERIFY(allHeld);
    QCOMPARE(busy.status, 503);
    const auto answer = decode<ErrorAnswer>(busy.body);
    QVERIFY2(answer.ok(), busy.body.c_str());
    QCOMPARE(answer->status, Status::Busy);
    QCOMPARE(busy.headers.get("Retry-After"), std::string("2"));
    for (int status : statuses) {
        QCOMPARE(status, 200); // the admitted checks all completed normally
    }
    QCOMPARE(extra.post(kCardPath, cardRequest(), clerk()).status, 200); // capacity is back
}

void TestServiceGate::feedPaused_data()
{
    QTest::addColumn<int>("utcHour"); // hours since 2026-11-19T00:00Z
    QTest::addColumn<int>("utcMinute");
    QTest::addColumn<QString>("nextOpening");
    QTest::addColumn<int>("retryAfter");

    QTest::newRow("nightly pause (04:30 JST)") << 19 << 30 << "2026-11-20T06:00:00.000+09:00" << 5400;
    QTest::newRow("maintenance (11:00 JST)") << 26 << 0 << "2026-11-20T12:30:00.000+09:00" << 5400;
}

void TestServiceGate::feedPaused()
{
    QFETCH(int, utcHour);
    QFETCH(int, utcMinute);
    QFETCH(QString, nextOpening);
    QFETCH(int, retryAfter);

    m_clock.set(at(utcHour, utcMinute));
    // Refused before the body is read: the intermediate server sends the same message again after Retry-After.
    const auto reply = m_feed->post(kFeedPath, "{}");
    QCOMPARE(reply.status, 503);
    const auto answer = decode<ErrorAnswer>(reply.body);
    QVERIFY2(answer.ok(), reply.body.c_str());
    QCOMPARE(answer->status, Status::Closed);
    QCOMPARE(QString::fromStdString(answer->nextOpening), nextOpening);
    QCOMPARE(reply.headers.get("Retry-After"), std::to_string(retryAfter));
}

void TestServiceGate::feedTakenWhileClinicsAreClosed()
{
    m_clock.set(at(13)); // 22:00 JST: checks are closed, the feed is not
    QCOMPARE(m_client->post(kCardPath, cardRequest(), clerk()).status, 503);
    const auto reply = m_feed->post(kFeedPath, "{}");
    QCOMPARE(reply.status, 400); // admitted, and then refused for what it says
    QVERIFY2(decode<ErrorAnswer>(reply.body).ok(), reply.body.c_str());
}

void TestServiceGate::feedBusyAtHalfTheLimit()
{
    const int half = m_stack->server().config().maxInFlight / 2;
    m_clock.hold();
    std::vector<int> statuses(std::size_t(half), 0);
    std::vector<std::thread> checks;
    for (int i = 0; i < half; ++i) {
        checks.emplace_back([this, i, &statuses] {
            tests::ApiClient client(m_stack->pki(), m_stack->server().port(), m_stack->pki().institution());
            statuses[std::size_t(i)] = client.post(kCardPath, cardRequest(), clerk()).status;
        });
    }
    const bool allHeld = m_clock.waitForWaiting(half);
    const auto busy = allHeld ? m_feed->post(kFeedPath, "{}") : tests::ApiReply{};
    m_clock.release();
    for (auto& thread : checks) {
        thread.join();
    }
    QVERIFY(allHeld);
    QCOMPARE(busy.status, 503);
    const auto answer = decode<ErrorAnswer>(busy.body);
    QVERIFY2(answer.ok(), busy.body.c_str());
    QCOMPARE(answer->status, Status::Busy);
    for (int status : statuses) {
        QCOMPARE(status, 200); // the clinics' checks were not held back by the feed
    }
    QCOMPARE(m_feed->post(kFeedPath, "{}").status, 400); // a place for the feed is free again
}

void TestServiceGate::metrics()
{
    const auto reply = m_client->get("/metrics");
    QCOMPARE(reply.status, 200);
    QVERIFY(QString::fromStdString(reply.headers.get("Content-Type")).startsWith("text/plain"));
    const QString text = QString::fromStdString(reply.body);
    QVERIFY2(text.contains(series("oqs_http_requests_total", "code", "200")), qPrintable(text));
    QVERIFY(text.contains(series("oqs_http_requests_total", "code", "503")));
    QVERIFY(text.contains(series("oqs_http_request_duration_seconds_bucket", "le", "+Inf")));
    QVERIFY(text.contains("oqs_http_in_flight 1")); // this very request
    QVERIFY(text.contains("oqs_db_pool_idle "));
    QVERIFY(text.contains("oqs_db_sessions_in_use "));
}

QTEST_GUILESS_MAIN(TestServiceGate)
#include "TestServiceGate.moc"
