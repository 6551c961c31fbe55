// SPDX-License-Identifier: Apache-2.0
#include "FakeCardReader.h"
#include "ScriptedQueryStore.h"
#include "gui/CameraScanDialog.h"
#include "gui/CardFormWidget.h"
#include "gui/CsvExportDialog.h"
#include "gui/HistoryDialog.h"
#include "gui/LoginDialog.h"
#include "gui/MainWindow.h"
#include "gui/ResultPanel.h"
#include "gui/SettingsDialog.h"

#include <QDir>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTableView>
#include <QtTest>

using namespace oqs::client::core;
using namespace oqs::client::gui;
using namespace oqs::common;

namespace {

const QString kOutput = QStringLiteral(OQS_BINARY_DIR "/screenshots");

Qualification person(const std::string& insurer, CardCategory category, int copayment)
{
    Qualification q;
    q.card = {insurer, "青葉", "20481", "01"};
    q.name = "山田 花子";
    q.nameKana = "ヤマダ ハナコ";
    q.birthDate = Date{1962, 7, 14};
    q.sex = Sex::Female;
    q.cardCategory = category;
    q.relationship = Relationship::Principal;
    q.copaymentPercent = copayment;
    q.acquisitionDate = Date{2019, 4, 1};
    q.cardValidTo = Date{2027, 3, 31};
    return q;
}

Query answered(quint64 id, Status status, std::vector<Qualification> qualifications, const QString& time)
{
    Query query;
    query.id = id;
    query.state = Query::State::Answered;
    query.createdAt = QDateTime::fromString("2026-11-25T" + time + "+09:00", Qt::ISODate);
    query.insuranceCard.identifier = "K-" + std::to_string(1000 + id);
    VerificationAnswer answer;
    answer.status = status;
    answer.message = messageOf(status, Language::Japanese);
    answer.receiptNumber = "20261125-9f3a0c2b7d10e4a" + std::to_string(id);
    answer.identifier = query.insuranceCard.identifier;
    answer.checkedAt = "2026-11-25T" + time.toStdString() + ".120+09:00";
    answer.consultationDate = Date{2026, 11, 25};
    answer.dataUpdatedAt = "2026-11-24T22:00:00.000+09:00";
    answer.qualifications = std::move(qualifications);
    query.answer = answer;
    return query;
}

QList<Query> aDayAtTheCounter()
{
    Query waiting;
    waiting.id = 6;
    waiting.state = Query::State::Waiting;
    waiting.attempts = 3;
    waiting.createdAt = QDateTime::fromString("2026-11-25T10:05:00+09:00", Qt::ISODate);
    waiting.nextAttemptAt = QDateTime::currentDateTimeUtc().addSecs(3600);
    waiting.insuranceCard.identifier = "K-1006";
    waiting.lastProblem = QStringLiteral("サーバーに接続できません（ネットワークを確認してください）。自動で再送します。");
    return {
        answered(1, Status::Valid, {person("01130012", CardCategory::General, 30)}, "09:01:12"),
        answered(2, Status::ValidMultiple,
                 {person("06139992", CardCategory::General, 30), person("138057", CardCategory::General, 30)},
                 "09:14:40"),
        answered(3, Status::Invalid, {}, "09:30:02"),
        answered(4, Status::NotFound, {}, "09:41:55"),
        answered(5, Status::CertificateRevoked, {}, "09:58:31"),
        waiting,
        answered(7, Status::Internal, {}, "10:12:09"),
    };
}

} // namespace

/// Renders each main screen in Japanese and writes PNGs to <build>/screenshots for a person to look at.
class TestScreenshots : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void mainScreens_data();
    void mainScreens();
    void emptyDay();
    void badInput();
    void csvDialog();
    void login();
    void settingsAndSelfTest();
    void history();
    void cameraWithoutCamera();

private:
    void save(QWidget* widget, const QString& name);

    ServerClient m_client; // never configured: nothing is sent, the day comes from the scripted store
    oqs::tests::ScriptedQueryStore m_store{aDayAtTheCounter()};
    std::unique_ptr<ReceptionService> m_service;
    oqs::tests::FakeCardReader m_reader;
    std::unique_ptr<MainWindow> m_window;
};

void TestScreenshots::initTestCase()
{
    QVERIFY(QDir().mkpath(kOutput));
    m_service = std::make_unique<ReceptionService>(m_client, &m_store);
    m_window = std::make_unique<MainWindow>(*m_service, m_client, QString(), &m_reader);
    m_service->restore();
    m_window->resize(1280, 860);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestScreenshots::save(QWidget* widget, const QString& name)
{
    QCoreApplication::processEvents();
    const QString path = kOutput + "/" + name + ".png";
    QVERIFY(widget->grab().save(path));
    qInfo("screenshot: %s", qPrintable(path));
}

void TestScreenshots::mainScreens_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<QString>("expectedHeadline");
    QTest::newRow("valid") << 0 << QStringLiteral("有効です");
    QTest::newRow("valid-multiple") << 1 << QStringLiteral("有効です（複数の資格）");
    QTest::newRow("invalid") << 2 << QStringLiteral("無効です");
    QTest::newRow("not-found") << 3 << QStringLiteral("該当する資格がありません");
    QTest::newRow("certificate-revoked") << 4 << QStringLiteral("カードの証明書が失効しています");
    QTest::newRow("waiting") << 5 << QStringLiteral("送信待ち（自動で再送します）");
    QTest::newRow("error") << 6 << QStringLiteral("システムエラー");
}

void TestScreenshots::mainScreens()
{
    QFETCH(int, row);
    QFETCH(QString, expectedHeadline);
    m_window->workList()->selectRow(row);
    QCOMPARE(m_window->resultPanel()->headline(), expectedHeadline);
    save(m_window.get(), QStringLiteral("main-%1").arg(QTest::currentDataTag()));
}

void TestScreenshots::badInput()
{
    m_window->workList()->clearSelection();
    CardFormWidget* form = m_window->cardForm();
    form->field("insurerNumber")->setFocus();
    QTest::keyClicks(form->field("insurerNumber"), "01130013");
    QTest::keyClicks(form->field("birthDate"), "19800230");
    QTest::keyClick(form->field("birthDate"), Qt::Key_Return);
    QVERIFY(!form->errorOf("insurerNumber").isEmpty());
    save(m_window.get(), QStringLiteral("main-bad-input"));
    form->clearPatient();
}

void TestScreenshots::csvDialog()
{
    CsvExportDialog dialog(ResultCsvExporter::allColumns(), TextEncoding::Cp932, true, m_window.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    save(&dialog, QStringLiteral("csv-export"));
}

void TestScreenshots::emptyDay()
{
    ReceptionService service(m_client, nullptr);
    MainWindow window(service, m_client, QString(), &m_reader);
    window.resize(1280, 860);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.workList()->model()->rowCount(), 0);
    save(&window, QStringLiteral("main-empty"));
}

void TestScreenshots::login()
{
    LoginDialog dialog(m_client, m_window.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    save(&dialog, QStringLiteral("login"));
}

void TestScreenshots::settingsAndSelfTest()
{
    ClientSettings settings;
    settings.server.baseUrl = QUrl(QStringLiteral("https://oqs.example.jp:8443"));
    settings.server.pkcs12File = QStringLiteral("/nonexistent/clinic.p12");
    settings.server.terminalId = QStringLiteral("uketsuke-1");
    SettingsDialog dialog(settings, QString(), &m_reader, m_window.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    save(&dialog, QStringLiteral("settings"));
    // The self-test as a clerk meets it on a PC whose certificate file has gone missing.
    QSignalSpy finished(&dialog, &SettingsDialog::selfTestFinished);
    dialog.runSelfTest();
    QVERIFY(!finished.isEmpty() || finished.wait(10'000));
    QVERIFY(dialog.selfTestReport().contains(QStringLiteral("PKCS#12")));
    save(&dialog, QStringLiteral("self-test"));
}

void TestScreenshots::history()
{
    HistoryDialog* dialog = m_window->openHistory();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    // The rows and the opened answer as the service hands them over after the server's reply.
    HistoryPage page;
    for (const Query& query : aDayAtTheCounter()) {
        if (query.answer) {
            page.entries.push_back({query.answer->receiptNumber, query.answer->checkedAt,
                                    VerificationMode::InsuranceCard, query.answer->status, query.answer->identifier,
                                    "clerk-1", query.answer->consultationDate});
        }
    }
    std::reverse(page.entries.begin(), page.entries.end()); // newest first, as the server sends them
    page.total = static_cast<int>(page.entries.size());
    emit dialog->service().searched(page);
    dialog->rows()->selectRow(dialog->rows()->rowCount() - 1); // the oldest row: the valid check opened below
    emit dialog->service().resultOpened(*aDayAtTheCounter().front().answer);
    QCOMPARE(dialog->resultPanel()->headline(), QStringLiteral("有効です"));
    save(dialog, QStringLiteral("history"));

    dialog->field("from")->setText(QStringLiteral("2020-01-01"));
    dialog->search();
    QVERIFY(!dialog->errorOf("from").isEmpty());
    save(dialog, QStringLiteral("history-bad-input"));
    dialog->close();
}

void TestScreenshots::cameraWithoutCamera()
{
    // Offscreen there is no camera: the dialog as a clerk meets it on a PC without one.
    CameraScanDialog dialog(m_window.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!dialog.hasCamera());
    QVERIFY(dialog.message().contains(QStringLiteral("Ctrl+I")));
    save(&dialog, QStringLiteral("camera-none"));
}

QTEST_MAIN(TestScreenshots)
#include "TestScreenshots.moc"
