// SPDX-License-Identifier: Apache-2.0
#include "CameraFrames.h"
#include "gui/CameraScanDialog.h"
#include "gui/CardFormWidget.h"
#include "gui/MainWindow.h"
#include "gui/QrImage.h"

#include <oqs/common/QrPayload.h>

#include <QCameraDevice>
#include <QLineEdit>
#include <QMediaDevices>
#include <QPointer>
#include <QSignalSpy>
#include <QVideoSink>
#include <QtTest>

using namespace oqs::client::core;
using namespace oqs::client::gui;
using namespace oqs::common;
using oqs::tests::cameraView;
using oqs::tests::frameOf;

namespace {

QString cardPayload()
{
    return QString::fromStdString(encodeQr(InsuranceCardQr{{"01130012", "東京", "5678", "02"}, Date{1975, 12, 31}}));
}

QVideoFrame frameShowing(const QString& text)
{
    return frameOf(cameraView(QrImage::render(text, 200), QPoint(220, 140)), QVideoFrameFormat::Format_YUYV);
}

} // namespace

/// The camera dialog, offscreen where Qt Multimedia finds no camera: the advice shown instead, and the path of a
/// read code into the reception form, with frames (CameraFrames.h) put into the dialog's video sink where the
/// camera backend would put them.
class TestCameraScanDialog : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void noCameraListsTheOtherWays();
    void foreignCodeIsNamedAndTheDialogStays();
    void readCodeFillsTheFormAndCloses();
    void closingWithoutCodeKeepsTheForm();
    void shortcutOpensTheDialog();

private:
    ServerClient m_client; // never configured: nothing is sent
    std::unique_ptr<ReceptionService> m_service;
    std::unique_ptr<MainWindow> m_window;
};

void TestCameraScanDialog::initTestCase()
{
    QVERIFY2(QMediaDevices::videoInputs().isEmpty(), "this test expects a machine without a camera");
    m_service = std::make_unique<ReceptionService>(m_client, nullptr);
    m_window = std::make_unique<MainWindow>(*m_service, m_client, QString());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestCameraScanDialog::init()
{
    m_window->cardForm()->clearPatient();
}

void TestCameraScanDialog::noCameraListsTheOtherWays()
{
    CameraScanDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!dialog.hasCamera());
    QCOMPARE(dialog.instruction(), QStringLiteral("カメラが見つかりません"));
    const QString advice = dialog.message();
    QVERIFY(advice.contains(QStringLiteral("ハンドスキャナー")));
    QVERIFY(advice.contains(QStringLiteral("Ctrl+I")));
    QVERIFY(advice.contains(QStringLiteral("Ctrl+Shift+V")));
}

void TestCameraScanDialog::foreignCodeIsNamedAndTheDialogStays()
{
    CameraScanDialog dialog;
    dialog.show();
    QSignalSpy payloads(&dialog, &CameraScanDialog::payloadRead);
    dialog.videoSink()->setVideoFrame(frameShowing(QStringLiteral("https://example.jp/")));
    QTRY_VERIFY(dialog.message().contains(QStringLiteral("保険証のQRコードではありません")));
    QVERIFY(dialog.isVisible());
    QCOMPARE(payloads.count(), 0);
}

void TestCameraScanDialog::readCodeFillsTheFormAndCloses()
{
    CardFormWidget* form = m_window->cardForm();
    form->field("identifier")->setText(QStringLiteral("P-77"));
    const QPointer<CameraScanDialog> dialog = m_window->openCamera();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QCOMPARE(dialog->windowModality(), Qt::WindowModal); // the counter screen waits, nothing else does
    dialog->videoSink()->setVideoFrame(frameShowing(cardPayload()));
    QTRY_VERIFY(dialog.isNull()); // accepted, closed and deleted
    QCOMPARE(form->field("insurerNumber")->text(), QStringLiteral("01130012"));
    QCOMPARE(form->field("symbol")->text(), QStringLiteral("東京"));
    QCOMPARE(form->field("number")->text(), QStringLiteral("5678"));
    QCOMPARE(form->field("branch")->text(), QStringLiteral("02"));
    QCOMPARE(form->field("birthDate")->text(), QStringLiteral("1975-12-31"));
    QCOMPARE(form->field("identifier")->text(), QStringLiteral("P-77")); // the clerk's own entry stays
    QVERIFY(form->scanMessage().contains(QStringLiteral("QRコードから入力しました")));
}

void TestCameraScanDialog::closingWithoutCodeKeepsTheForm()
{
    CardFormWidget* form = m_window->cardForm();
    form->field("number")->setText(QStringLiteral("1234"));
    const QPointer<CameraScanDialog> dialog = m_window->openCamera();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QTest::keyClick(dialog, Qt::Key_Escape);
    QTRY_VERIFY(dialog.isNull());
    QCOMPARE(form->field("number")->text(), QStringLiteral("1234"));
    QCOMPARE(form->field("insurerNumber")->text(), QString());
}

void TestCameraScanDialog::shortcutOpensTheDialog()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QPointer<CameraScanDialog> dialog = m_window->findChild<CameraScanDialog*>();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    dialog->close();
    QTRY_VERIFY(dialog.isNull());
}

QTEST_MAIN(TestCameraScanDialog)
#include "TestCameraScanDialog.moc"
