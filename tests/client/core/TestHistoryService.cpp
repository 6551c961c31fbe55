// SPDX-License-Identifier: Apache-2.0
#include "OqsServerProcess.h"
#include "core/HistoryService.h"

#include <QSignalSpy>
#include <QtTest>

using namespace oqs::client::core;
using namespace oqs::common;

namespace {

// '+', a space and kanji: the identifier must reach the server's query parser unchanged.
const std::string kValidIdentifier = "H+1 山田";

} // namespace

/// The history search against the real oqs-server over mutual TLS: the own institution's checks come back by
/// identifier, date range and result, a past answer opens again by receipt number, and bad input stays local.
class TestHistoryService : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void findsTodaysCheckAndOpensIt();
    void resultFilterNarrowsTheRows();
    void badInputStaysAtTheCounter_data();
    void badInputStaysAtTheCounter();
    void unknownReceiptSaysSo();

private:
    /// Sends one check through `m_client` and returns its receipt number.
    std::string check(const InsuranceCardVerificationRequest& request);
    HistoryPage searchFor(const HistorySearchInput& input);

    oqs::tests::OqsServerProcess m_server;
    std::unique_ptr<ServerClient> m_client;
    std::unique_ptr<HistoryService> m_service;
    std::string m_validReceipt;
    std::string m_notFoundReceipt;
};

void TestHistoryService::initTestCase()
{
    QString problem = m_server.prepare();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    problem = m_server.start();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    m_client = std::make_unique<ServerClient>();
    QCOMPARE(m_client->configure(m_server.clientSettings()), QString());
    problem = m_server.login(*m_client);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    m_service = std::make_unique<HistoryService>(*m_client);

    const InsuranceCardVerificationRequest valid = m_server.validCardRequest(kValidIdentifier);
    QVERIFY(!valid.card.number.empty());
    m_validReceipt = check(valid);
    InsuranceCardVerificationRequest wrongBirth = m_server.validCardRequest("H-NOTFOUND");
    wrongBirth.birthDate = wrongBirth.birthDate.addDays(1);
    m_notFoundReceipt = check(wrongBirth);
    QVERIFY(!m_validReceipt.empty());
    QVERIFY(!m_notFoundReceipt.empty());
}

std::string TestHistoryService::check(const InsuranceCardVerificationRequest& request)
{
    QSignalSpy replies(m_client.get(), &ServerClient::replied);
    const quint64 call = m_client->verifyInsuranceCard(request);
    while (replies.wait(10'000)) {
        const QList<QVariant> reply = replies.takeFirst();
        const auto answer = reply.at(1).value<ServerReply>().answer;
        if (reply.at(0).toULongLong() == call && answer) {
            return answer->receiptNumber;
        }
    }
    return {};
}

HistoryPage TestHistoryService::searchFor(const HistorySearchInput& input)
{
    QSignalSpy searched(m_service.get(), &HistoryService::searched);
    const QMap<QString, QString> errors = m_service->search(input);
    if (!errors.isEmpty() || !searched.wait(10'000)) {
        return {};
    }
    return searched.front().front().value<HistoryPage>();
}

void TestHistoryService::findsTodaysCheckAndOpensIt()
{
    HistorySearchInput input;
    input.identifier = QString::fromStdString(kValidIdentifier);
    input.from = QString::fromStdString(Date::todayJst().addMonths(-HistoryService::kSearchableMonths).toIso());
    input.to = QString::fromStdString(Date::todayJst().toIso());
    const HistoryPage page = searchFor(input);
    QCOMPARE(page.total, 1);
    QCOMPARE(page.entries.size(), std::size_t(1));
    QCOMPARE(page.entries.front().receiptNumber, m_validReceipt);
    QCOMPARE(page.entries.front().status, Status::Valid);
    QCOMPARE(page.entries.front().identifier, kValidIdentifier);

    QSignalSpy opened(m_service.get(), &HistoryService::resultOpened);
    m_service->openResult(QString::fromStdString(m_validReceipt));
    QVERIFY(opened.wait(10'000));
    const auto answer = opened.front().front().value<VerificationAnswer>();
    QCOMPARE(answer.receiptNumber, m_validReceipt);
    QCOMPARE(answer.status, Status::Valid);
    QVERIFY(!answer.qualifications.empty());
}

void TestHistoryService::resultFilterNarrowsTheRows()
{
    HistorySearchInput input;
    input.status = Status::NotFound;
    const HistoryPage notFound = searchFor(input);
    QCOMPARE(notFound.total, 1);
    QCOMPARE(notFound.entries.front().receiptNumber, m_notFoundReceipt);

    input.status.reset();
    const HistoryPage all = searchFor(input);
    QCOMPARE(all.total, 2);
    QCOMPARE(all.entries.front().receiptNumber, m_notFoundReceipt); // newest first
}

void TestHistoryService::badInputStaysAtTheCounter_data()
{
    const Date today = Date::todayJst();
    const auto iso = [](const Date& date) { return QString::fromStdString(date.toIso()); };
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("identifier");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("from after to") << iso(today) << iso(today.addDays(-3)) << "" << "to" << "開始日より前";
    QTest::newRow("older than 5 months") << iso(today.addMonths(-5).addDays(-1)) << "" << "" << "from"
                                         << "5か月より前";
    QTest::newRow("future end") << "" << iso(today.addDays(1)) << "" << "to" << "未来";
    QTest::newRow("unreadable date") << "2026-13-45" << "" << "" << "from" << "日付が正しくありません";
    QTest::newRow("identifier too long") << "" << "" << QString(65, 'X') << "identifier" << "";
}

void TestHistoryService::badInputStaysAtTheCounter()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, identifier);
    QFETCH(QString, field);
    QFETCH(QString, messagePart);
    QSignalSpy sent(m_client.get(), &ServerClient::replied);
    const QMap<QString, QString> errors = m_service->search({from, to, identifier, std::nullopt});
    QCOMPARE(errors.keys(), QStringList{field});
    QVERIFY2(errors.value(field).contains(messagePart), qPrintable(errors.value(field)));
    QVERIFY(!sent.wait(300)); // nothing went to the server
}

void TestHistoryService::unknownReceiptSaysSo()
{
    QSignalSpy failed(m_service.get(), &HistoryService::failed);
    m_service->openResult(QStringLiteral("R-NO-SUCH-RECEIPT"));
    QVERIFY(failed.wait(10'000));
    QVERIFY(failed.front().front().toString().contains(QStringLiteral("受付番号")));
}

QTEST_GUILESS_MAIN(TestHistoryService)
#include "TestHistoryService.moc"
