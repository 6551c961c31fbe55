// SPDX-License-Identifier: Apache-2.0
#include "OqsServerProcess.h"
#include "core/ReceptionService.h"
#include "gui/HistoryDialog.h"
#include "gui/MainWindow.h"
#include "gui/ResultPanel.h"

#include <QComboBox>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>
#include <QTableWidget>
#include <QtTest>

using namespace oqs::client::core;
using namespace oqs::client::gui;
using namespace oqs::common;

/// The history search screen against the real oqs-server: reached from the main window (menu, Ctrl+H), rows of
/// today's checks, a past answer opened into the result panel; bad dates get a message under their field.
class TestHistoryDialog : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void reachableFromTheMenu();
    void searchAndOpenAPastResult();
    void filterByResult();
    void badDatesGetFieldMessages_data();
    void badDatesGetFieldMessages();

private:
    oqs::tests::OqsServerProcess m_server;
    std::unique_ptr<ServerClient> m_client;
    std::unique_ptr<ReceptionService> m_service;
    std::unique_ptr<MainWindow> m_window;
    QPointer<HistoryDialog> m_dialog;
};

void TestHistoryDialog::initTestCase()
{
    QString problem = m_server.prepare();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    problem = m_server.start();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    // Today's work: one valid check for patient D-1 through the reception service, as the counter makes it.
    ServerClient client;
    QCOMPARE(client.configure(m_server.clientSettings()), QString());
    problem = m_server.login(client);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    ReceptionService service(client, nullptr);
    service.submit(m_server.validCardRequest("D-1"));
    QTRY_COMPARE_WITH_TIMEOUT(service.queries().front().state, Query::State::Answered, 10'000);
    QCOMPARE(service.queries().front().answer->status, Status::Valid);
}

void TestHistoryDialog::init()
{
    m_client = std::make_unique<ServerClient>();
    QCOMPARE(m_client->configure(m_server.clientSettings()), QString());
    const QString problem = m_server.login(*m_client);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    m_service = std::make_unique<ReceptionService>(*m_client, nullptr);
    m_window = std::make_unique<MainWindow>(*m_service, *m_client, QString());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_dialog = m_window->openHistory();
    QVERIFY(m_dialog);
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.data()));
}

void TestHistoryDialog::cleanup()
{
    m_window.reset(); // the dialog is the window's child
    m_service.reset();
    m_client.reset();
}

void TestHistoryDialog::reachableFromTheMenu()
{
    QAction* found = nullptr;
    for (QAction* menu : m_window->menuBar()->actions()) {
        for (QAction* action : menu->menu()->actions()) {
            if (action->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_H)) {
                found = action;
            }
        }
    }
    QVERIFY(found);
    QCOMPARE(found->text(), QStringLiteral("受付履歴の検索(&H)…"));
    m_dialog->close();
    QTRY_VERIFY(!m_dialog); // deleted on close
    found->trigger();
    auto* reopened = m_window->findChild<HistoryDialog*>();
    QVERIFY(reopened);
    QVERIFY(reopened->isVisible());
}

void TestHistoryDialog::searchAndOpenAPastResult()
{
    QTest::keyClicks(m_dialog->field("identifier"), "D-1");
    QTest::keyClick(m_dialog->field("identifier"), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(m_dialog->rows()->rowCount(), 1, 10'000);
    QCOMPARE(m_dialog->summary(), QStringLiteral("1 件見つかりました（新しい順）。"));
    QCOMPARE(m_dialog->rows()->item(0, 2)->text(), QStringLiteral("D-1"));
    QVERIFY(m_dialog->rows()->item(0, 4)->text().contains(QStringLiteral("有効です")));

    m_dialog->openRow(0);
    QTRY_COMPARE_WITH_TIMEOUT(m_dialog->resultPanel()->headline(), QStringLiteral("有効です"), 10'000);
    const auto& shown = m_dialog->resultPanel()->shownQuery();
    QVERIFY(shown && shown->answer);
    QCOMPARE(QString::fromStdString(shown->answer->receiptNumber), m_dialog->rows()->item(0, 1)->text());
    QVERIFY(!m_dialog->resultPanel()->qrPayload().isEmpty());
}

void TestHistoryDialog::filterByResult()
{
    QComboBox* filter = m_dialog->statusFilter();
    filter->setCurrentIndex(filter->findData(QStringLiteral("not-found")));
    QVERIFY(filter->currentIndex() > 0);
    m_dialog->search();
    QTRY_COMPARE_WITH_TIMEOUT(m_dialog->summary(), QStringLiteral("条件に合う履歴はありません。"), 10'000);
    QCOMPARE(m_dialog->rows()->rowCount(), 0);
}

void TestHistoryDialog::badDatesGetFieldMessages_data()
{
    const Date today = Date::todayJst();
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("field");
    QTest::newRow("from after to") << QString::fromStdString(today.toIso())
                                   << QString::fromStdString(today.addDays(-1).toIso()) << "to";
    QTest::newRow("six months back") << QString::fromStdString(today.addMonths(-6).toIso()) << "" << "from";
    QTest::newRow("not a date") << "2026/02/30" << "" << "from";
}

void TestHistoryDialog::badDatesGetFieldMessages()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, field);
    m_dialog->field("from")->setText(from);
    m_dialog->field("to")->setText(to);
    m_dialog->search();
    QVERIFY(!m_dialog->errorOf(field).isEmpty());
    QCOMPARE(m_dialog->summary(), QStringLiteral("赤字の項目を直してください。"));
    QCOMPARE(m_dialog->rows()->rowCount(), 0);
    // What was typed stays for the clerk to correct.
    QCOMPARE(m_dialog->field("from")->text(), from);
    QCOMPARE(m_dialog->field("to")->text(), to);
    m_dialog->field("from")->clear();
    m_dialog->field("to")->clear();
    m_dialog->search();
    QVERIFY(m_dialog->errorOf(field).isEmpty());
}

QTEST_MAIN(TestHistoryDialog)
#include "TestHistoryDialog.moc"
