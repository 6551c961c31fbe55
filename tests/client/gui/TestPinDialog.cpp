// SPDX-License-Identifier: Apache-2.0
#include "gui/PinDialog.h"

#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

using oqs::client::gui::PinDialog;

/// The PIN dialog offscreen: masked 4 digits, tries shown, and the last try spent only after a second OK.
class TestPinDialog : public QObject {
    Q_OBJECT

private slots:
    void showsTriesAndMasksPin_data();
    void showsTriesAndMasksPin();
    void onlyFourDigitsAccepted_data();
    void onlyFourDigitsAccepted();
    void lastTryNeedsSecondConfirmation();
    void changedPinNeedsConfirmationAgain();
    void wrongPinIsSaid();
};

void TestPinDialog::showsTriesAndMasksPin_data()
{
    QTest::addColumn<int>("tries");
    QTest::addColumn<QString>("shown");
    QTest::newRow("3") << 3 << QStringLiteral("残り 3 回");
    QTest::newRow("2") << 2 << QStringLiteral("残り 2 回");
    QTest::newRow("1: warns of the lock") << 1 << QStringLiteral("ロック");
}

void TestPinDialog::showsTriesAndMasksPin()
{
    QFETCH(int, tries);
    QFETCH(QString, shown);
    PinDialog dialog(tries, false);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY2(dialog.triesText().contains(shown), qPrintable(dialog.triesText()));
    QCOMPARE(dialog.pinField()->echoMode(), QLineEdit::Password);
    QVERIFY(!dialog.okButton()->isEnabled());
    QTest::keyClicks(dialog.pinField(), "1234");
    QVERIFY(dialog.okButton()->isEnabled());
}

void TestPinDialog::onlyFourDigitsAccepted_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("kept");
    QTest::addColumn<bool>("acceptable");
    QTest::newRow("four digits") << "0912" << "0912" << true;
    QTest::newRow("three digits") << "091" << "091" << false;
    QTest::newRow("letters dropped") << "12ab" << "12" << false;
    QTest::newRow("fifth digit dropped") << "123456" << "1234" << true;
}

void TestPinDialog::onlyFourDigitsAccepted()
{
    QFETCH(QString, typed);
    QFETCH(QString, kept);
    QFETCH(bool, acceptable);
    PinDialog dialog(3, false);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::keyClicks(dialog.pinField(), typed);
    QCOMPARE(dialog.pinField()->text(), kept);
    QCOMPARE(dialog.okButton()->isEnabled(), acceptable);
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QTest::keyClick(dialog.pinField(), Qt::Key_Return);
    QCOMPARE(accepted.count(), acceptable ? 1 : 0);
    QCOMPARE(dialog.lastTryConfirmed(), false);
}

void TestPinDialog::lastTryNeedsSecondConfirmation()
{
    PinDialog dialog(1, true);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QTest::keyClicks(dialog.pinField(), "1234");
    QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
    QCOMPARE(accepted.count(), 0);
    QVERIFY(dialog.isVisible());
    QVERIFY(dialog.awaitingLastTryConfirmation());
    QVERIFY2(dialog.triesText().contains(QStringLiteral("最後の1回")), qPrintable(dialog.triesText()));
    QCOMPARE(dialog.okButton()->text(), QStringLiteral("最後の1回を使う"));
    QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
    QCOMPARE(accepted.count(), 1);
    QVERIFY(dialog.lastTryConfirmed());
    QCOMPARE(dialog.pin(), QStringLiteral("1234"));
}

void TestPinDialog::changedPinNeedsConfirmationAgain()
{
    PinDialog dialog(1, false);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QTest::keyClicks(dialog.pinField(), "1234");
    QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
    QVERIFY(dialog.awaitingLastTryConfirmation());
    QTest::keyClick(dialog.pinField(), Qt::Key_Backspace);
    QTest::keyClicks(dialog.pinField(), "5");
    QVERIFY(!dialog.awaitingLastTryConfirmation());
    QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
    QCOMPARE(accepted.count(), 0);
    QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
    QCOMPARE(accepted.count(), 1);
    QCOMPARE(dialog.pin(), QStringLiteral("1235"));
}

void TestPinDialog::wrongPinIsSaid()
{
    PinDialog dialog(2, true);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.triesText(), QStringLiteral("暗証番号が違います。残り 2 回"));
}

QTEST_MAIN(TestPinDialog)
#include "TestPinDialog.moc"
