// SPDX-License-Identifier: Apache-2.0
#include "FakeCardReader.h"
#include "OqsServerProcess.h"
#include "core/EncryptedQueryStore.h"
#include "gui/CardFormWidget.h"
#include "gui/MainWindow.h"
#include "gui/ResultLook.h"
#include "gui/ResultPanel.h"

#include <oqs/common/Csv.h>
#include <oqs/common/QrPayload.h>

#include <QLineEdit>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace oqs::client::core;
using namespace oqs::client::gui;
using namespace oqs::common;

/// The reception screen against the real oqs-server over mutual TLS: typed checks, bad input, the work list,
/// CSV and PDF hand-off, the card-reader area, and a server that goes away.
class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void typedValidCardShowsValid();
    void wrongBirthDateShowsNotFound();
    void badInputSendsNothing();
    void csvExportReadsBackAsShiftJis();
    void resultSheetPdf();
    void cardReaderAreaFollowsTheReader();
    void noReaderSaysSo();
    void serverDownKeepsTheQueryWaiting();

private:
    void typeCard(const InsuranceCardVerificationRequest& request);

    oqs::tests::OqsServerProcess m_server;
    InsuranceCardVerificationRequest m_valid;
    std::unique_ptr<QTemporaryDir> m_data;
    std::unique_ptr<ServerClient> m_client;
    std::unique_ptr<EncryptedQueryStore> m_store;
    std::unique_ptr<ReceptionService> m_service;
    std::unique_ptr<oqs::tests::FakeCardReader> m_reader;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    QString problem = m_server.prepare();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    problem = m_server.start();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    m_valid = m_server.validCardRequest("K-0001");
    QVERIFY(!m_valid.card.number.empty());
}

void TestMainWindow::init()
{
    m_data = std::make_unique<QTemporaryDir>();
    m_client = std::make_unique<ServerClient>();
    QCOMPARE(m_client->configure(m_server.clientSettings()), QString());
    const QString problem = m_server.login(*m_client);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    m_store = std::make_unique<EncryptedQueryStore>(m_data->path(), StoreCipher(QByteArray(32, 'k')));
    m_service = std::make_unique<ReceptionService>(*m_client, m_store.get());
    m_reader = std::make_unique<oqs::tests::FakeCardReader>();
    m_window = std::make_unique<MainWindow>(*m_service, *m_client, QString(), m_reader.get());
    m_service->restore();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_service.reset();
    m_store.reset();
    m_client.reset();
    m_reader.reset();
}

void TestMainWindow::typeCard(const InsuranceCardVerificationRequest& request)
{
    CardFormWidget* form = m_window->cardForm();
    const auto type = [form](const char* field, const std::string& text) {
        form->field(field)->setFocus();
        // Kanji symbols arrive from the input method as committed text.
        QInputMethodEvent commit;
        commit.setCommitString(QString::fromStdString(text));
        QCoreApplication::sendEvent(form->field(field), &commit);
    };
    type("insurerNumber", request.card.insurerNumber);
    type("symbol", request.card.symbol);
    type("number", request.card.number);
    type("branch", request.card.branch);
    type("birthDate", request.birthDate.toCompact());
    type("identifier", request.identifier);
    QTest::keyClick(form->field("identifier"), Qt::Key_Return);
}

void TestMainWindow::typedValidCardShowsValid()
{
    typeCard(m_valid);
    QCOMPARE(m_service->queries().size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->resultPanel()->headline(), QStringLiteral("有効です"), 10'000);
    QCOMPARE(m_window->workList()->model()->rowCount(), 1);
    QVERIFY(m_window->resultPanel()->detailText().contains(QString::fromStdString(m_valid.card.number)));
    const auto qr = decodeResultQr(m_window->resultPanel()->qrPayload().toStdString());
    QVERIFY(qr);
    QCOMPARE(qr->card.number, m_valid.card.number);
    QCOMPARE(qr->identifier, std::string("K-0001"));
}

void TestMainWindow::wrongBirthDateShowsNotFound()
{
    InsuranceCardVerificationRequest request = m_valid;
    request.birthDate = request.birthDate.addDays(1);
    typeCard(request);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->resultPanel()->headline(), QStringLiteral("該当する資格がありません"), 10'000);
    QVERIFY(m_window->resultPanel()->qrPayload().isEmpty());
}

void TestMainWindow::badInputSendsNothing()
{
    InsuranceCardVerificationRequest request = m_valid;
    request.card.insurerNumber = "01130013"; // check digit wrong
    typeCard(request);
    QCOMPARE(m_service->queries().size(), 0);
    QVERIFY(!m_window->cardForm()->errorOf("insurerNumber").isEmpty());
    QCOMPARE(m_window->cardForm()->field("number")->text(), QString::fromStdString(m_valid.card.number));
}

void TestMainWindow::csvExportReadsBackAsShiftJis()
{
    typeCard(m_valid);
    QTRY_COMPARE_WITH_TIMEOUT(m_service->queries().front().state, Query::State::Answered, 10'000);
    const QString path = m_data->filePath("results.csv");
    QCOMPARE(m_window->exportCsv(path, ResultCsvExporter::allColumns(), TextEncoding::Cp932, false), QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto records = readCsv(file.readAll().toStdString(), TextEncoding::Cp932);
    QVERIFY(records);
    QCOMPARE(records->size(), std::size_t(2));
    QCOMPARE(records->at(0).fields.front(), std::string("受付番号"));
    QCOMPARE(records->at(1).fields.front(), m_service->queries().front().answer->receiptNumber);
    QCOMPARE(records->at(1).fields.at(8), m_valid.card.number);
}

void TestMainWindow::resultSheetPdf()
{
    QVERIFY(!m_window->exportResultPdf(m_data->filePath("none.pdf")).isEmpty()); // nothing shown yet
    typeCard(m_valid);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->resultPanel()->headline(), QStringLiteral("有効です"), 10'000);
    const QString path = m_data->filePath("sheet.pdf");
    QCOMPARE(m_window->exportResultPdf(path), QString());
    QFile pdf(path);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QCOMPARE(pdf.read(5), QByteArray("%PDF-"));
}

void TestMainWindow::cardReaderAreaFollowsTheReader()
{
    QCOMPARE(m_reader->m_started, QStringLiteral("*"));
    QVERIFY(m_window->readerStatus().contains(QStringLiteral("カードをリーダーに置いてください")));
    emit m_reader->cardInserted();
    QVERIFY(m_window->readerStatus().contains(QStringLiteral("読み取り中")));
    emit m_reader->readFailed(CardReader::Problem::NotJpki, QString());
    QVERIFY(m_window->readerStatus().contains(QStringLiteral("マイナンバーカードではありません")));
    // The big panel says so too, in the card-error look, instead of keeping an earlier answer on screen.
    QCOMPARE(m_window->resultPanel()->headline(), ResultLook::ofStatus(Status::CardError).headline);
    QVERIFY(m_window->resultPanel()->nextStep().contains(QStringLiteral("マイナンバーカードではありません")));
    QVERIFY(!m_window->resultPanel()->shownQuery().has_value());
    emit m_reader->readersChanged({});
    QVERIFY(m_window->readerStatus().contains(QStringLiteral("カードリーダーが見つかりません")));

    // A certificate the server cannot trust: the tap is queued as a My Number card query and answered.
    m_window->cardForm()->field("identifier")->setText("K-0002");
    emit m_reader->certificateRead(QByteArray("not a certificate"));
    QCOMPARE(m_service->queries().size(), 1);
    QCOMPARE(m_service->queries().front().mode, VerificationMode::MyNumberCard);
    QCOMPARE(m_service->queries().front().identifier(), std::string("K-0002"));
    QTRY_COMPARE_WITH_TIMEOUT(m_service->queries().front().state, Query::State::Answered, 10'000);
    QVERIFY(m_service->queries().front().answer->status != Status::Valid);
    QVERIFY(m_window->resultPanel()->headline() != QStringLiteral("有効です"));
}

void TestMainWindow::noReaderSaysSo()
{
    MainWindow window(*m_service, *m_client, QString(), nullptr);
    QVERIFY(window.readerStatus().contains(QStringLiteral("カードリーダー未接続")));
}

void TestMainWindow::serverDownKeepsTheQueryWaiting()
{
    m_server.stop();
    typeCard(m_valid);
    QTRY_COMPARE_WITH_TIMEOUT(m_service->queries().front().state, Query::State::Waiting, 10'000);
    QCOMPARE(m_window->resultPanel()->headline(), QStringLiteral("送信待ち（自動で再送します）"));
    QVERIFY(m_window->resultPanel()->nextStep().contains(QStringLiteral("保存されています")));
    // Stored on disk before anything else: a restart finds it (TestQueueRestart covers the resend).
    EncryptedQueryStore reopened(m_data->path(), StoreCipher(QByteArray(32, 'k')));
    QCOMPARE(reopened.loadToday().size(), 1);
}

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
