// SPDX-License-Identifier: Apache-2.0
#include "OqsServerProcess.h"
#include "core/EncryptedQueryStore.h"
#include "core/ReceptionService.h"

#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace oqs::client::core;
using namespace oqs::common;

/// "Never lose a patient": a client killed with a query still queued (server down) finds the query again on the
/// next start and sends it once the real server is up; a second restart gets the answer's details back by
/// receipt number.
class TestQueueRestart : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void killedClientsQueryIsSentAfterRestart();

private:
    oqs::tests::OqsServerProcess m_server;
};

void TestQueueRestart::initTestCase()
{
    const QString problem = m_server.prepare();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestQueueRestart::killedClientsQueryIsSentAfterRestart()
{
    QTemporaryDir data;
    const QString storeDir = data.filePath("store");
    const QString keyFile = data.filePath("config/store.key");
    const InsuranceCardVerificationRequest request = m_server.validCardRequest("PATIENT-42");
    QVERIFY(!request.card.number.empty());

    // A port nobody listens on: the server is "down".
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const QString deadUrl = QStringLiteral("https://127.0.0.1:%1").arg(probe.serverPort());
    probe.close();

    QProcess client;
    const QString card = QString::fromStdString(request.card.insurerNumber + "," + request.card.symbol + "," +
                                                request.card.number + "," + request.card.branch + "," +
                                                request.birthDate.toIso());
    client.start(OQS_QUEUE_SUBMITTER, {deadUrl, m_server.directory() + "/pki/institution.p12",
                                       m_server.directory() + "/pki/ca.pem", storeDir, keyFile, card});
    QVERIFY(client.waitForReadyRead(10'000));
    QCOMPARE(client.readLine().trimmed(), QByteArray("queued"));
    QTest::qWait(500); // let it fail a first attempt and store the "waiting" state
    client.kill();     // SIGKILL: no destructor, no flush — a crash
    QVERIFY(client.waitForFinished(5000));
    QCOMPARE(client.exitStatus(), QProcess::CrashExit);

    QVERIFY2(m_server.start().isEmpty(), "oqs-server did not start");
    ServerClient server;
    QCOMPARE(server.configure(m_server.clientSettings()), QString());
    QString problem = m_server.login(server); // the restarted clerk logs in again: the session died with the process
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    {
        auto cipher = StoreCipher::fromKeyFile(keyFile, problem);
        QVERIFY2(cipher, qPrintable(problem));
        EncryptedQueryStore store(storeDir, std::move(*cipher));
        ReceptionService service(server, &store);
        service.restore();
        QCOMPARE(store.loadProblem(), QString());
        QCOMPARE(service.queries().size(), 1);
        const quint64 id = service.queries().front().id;
        QTRY_VERIFY2_WITH_TIMEOUT(service.find(id)->state == Query::State::Answered,
                                  qPrintable(service.find(id)->lastProblem), 10'000);
        const VerificationAnswer& answer = *service.find(id)->answer;
        QCOMPARE(answer.status, Status::Valid);
        QCOMPARE(answer.identifier, std::string("PATIENT-42"));
        QVERIFY(!answer.receiptNumber.empty());
    }

    // Second restart: the answered query comes back from its summary and its details are fetched again.
    auto cipher = StoreCipher::fromKeyFile(keyFile, problem);
    QVERIFY(cipher);
    EncryptedQueryStore store(storeDir, std::move(*cipher));
    ReceptionService service(server, &store);
    service.restore();
    QCOMPARE(service.queries().size(), 1);
    const quint64 id = service.queries().front().id;
    QVERIFY(service.find(id)->answerIsSummary);
    QCOMPARE(service.find(id)->answer->status, Status::Valid);
    QTRY_VERIFY_WITH_TIMEOUT(!service.find(id)->answerIsSummary, 10'000);
    QVERIFY(!service.find(id)->answer->qualifications.empty());
    QCOMPARE(service.find(id)->answer->qualifications.front().card.number, request.card.number);
}

QTEST_GUILESS_MAIN(TestQueueRestart)
#include "TestQueueRestart.moc"
