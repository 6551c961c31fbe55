// SPDX-License-Identifier: Apache-2.0
#include "FakeCardReader.h"
#include "core/ReceptionService.h"
#include "core/ServerClient.h"
#include "core/UiLanguage.h"
#include "gui/CardFormWidget.h"
#include "gui/MainWindow.h"
#include "gui/ResultLook.h"
#include "gui/ResultPanel.h"

#include <QMenuBar>
#include <QPushButton>
#include <QtTest>

using namespace oqs::client::core;
using namespace oqs::client::gui;
using namespace oqs::common;

/// The reception screen in the language of the settings: English from the built-in Linguist catalogue, Japanese
/// (the source language) by default; common/'s status messages follow the same choice.
class TestUiLanguage : public QObject {
    Q_OBJECT

private slots:
    void mainWindowSpeaksTheChosenLanguage_data();
    void mainWindowSpeaksTheChosenLanguage();
    void unknownLanguageFallsBackToJapanese();

private:
    UiLanguage m_language;
};

void TestUiLanguage::mainWindowSpeaksTheChosenLanguage_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("firstMenu");
    QTest::addColumn<QString>("submit");
    QTest::addColumn<QString>("readerStatus");
    QTest::addColumn<QString>("notFoundHeadline");
    QTest::addColumn<QString>("notFoundStep");
    QTest::newRow("English") << "en" << "Online Qualification Check – Reception" << "&File"
                             << "Check eligibility (Enter)" << "Place the card on the reader (Reader 0)"
                             << "No matching qualification"
                             << QString::fromUtf8(messageOf(Status::NotFound, Language::English).data());
    QTest::newRow("Japanese") << "ja" << "オンライン資格確認 受付" << "ファイル(&F)" << "資格を確認する（Enter）"
                              << "カードをリーダーに置いてください（Reader 0）" << "該当する資格がありません"
                              << QString::fromUtf8(messageOf(Status::NotFound, Language::Japanese).data());
}

void TestUiLanguage::mainWindowSpeaksTheChosenLanguage()
{
    QFETCH(QString, language);
    QVERIFY(m_language.install(language));
    ServerClient client;
    ReceptionService service(client, nullptr);
    oqs::tests::FakeCardReader reader;
    reader.m_readers = {QStringLiteral("Reader 0")};
    MainWindow window(service, client, QString(), &reader);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QTEST(window.windowTitle(), "title");
    QTEST(window.menuBar()->actions().front()->text(), "firstMenu");
    QTEST(window.cardForm()->submitButton()->text(), "submit");
    QTEST(window.readerStatus(), "readerStatus");
    const ResultLook look = ResultLook::ofStatus(Status::NotFound);
    QTEST(look.headline, "notFoundHeadline");
    QTEST(look.nextStep, "notFoundStep");
}

void TestUiLanguage::unknownLanguageFallsBackToJapanese()
{
    QVERIFY(m_language.install(QStringLiteral("fr")));
    QCOMPARE(UiLanguage::current(), Language::Japanese);
    QVERIFY(m_language.install(QStringLiteral("en")));
    QCOMPARE(UiLanguage::current(), Language::English);
    QCOMPARE(ResultLook::ofStatus(Status::Valid).headline, QStringLiteral("Valid"));
    QVERIFY(m_language.install(QStringLiteral("ja")));
    QCOMPARE(ResultLook::ofStatus(Status::Valid).headline, QStringLiteral("有効です"));
}

QTEST_MAIN(TestUiLanguage)
#include "TestUiLanguage.moc"
