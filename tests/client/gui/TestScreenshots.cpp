// SPDX-License-Identifier: Apache-2.0
#include "FakeCardReader.h"
#include "ScriptedQueryStore.h"
#include "gui/CardFormWidget.h"
#include "gui/CsvExportDialog.h"
#include "gui/MainWindow.h"
#include "gui/ResultPanel.h"

#include <QDir>
#include <QLineEdit>
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
    void badInput();
    void csvDialog();

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

QTEST_MAIN(TestScreenshots)
#include "TestScreenshots.moc"
