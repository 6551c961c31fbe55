// SPDX-License-Identifier: Apache-2.0
#include "CameraFrames.h"
#include "gui/CameraQrScanner.h"
#include "gui/QrImage.h"

#include <oqs/common/QrPayload.h>

#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace oqs::client::gui;
using namespace oqs::common;
using oqs::tests::cameraView;
using oqs::tests::frameOf;

namespace {

QString cardPayload(const std::string& number)
{
    return QString::fromStdString(encodeQr(InsuranceCardQr{{"01130012", "東京", number, "02"}, Date{1975, 12, 31}}));
}

QVideoFrame cardFrame(const std::string& number)
{
    return frameOf(cameraView(QrImage::render(cardPayload(number), 200), QPoint(220, 140)),
                   QVideoFrameFormat::Format_NV12);
}

QVideoFrame emptyFrame()
{
    return frameOf(cameraView(QImage(), QPoint()), QVideoFrameFormat::Format_NV12);
}

} // namespace

/// The camera scanner fed with frames in the formats webcams deliver (CameraFrames.h: built here, since this
/// machine has no camera), decoding on its worker thread with the picture decoder.
class TestCameraQrScanner : public QObject {
    Q_OBJECT

private slots:
    void readsOurCodeInEveryCameraFormat_data();
    void readsOurCodeInEveryCameraFormat();
    void frameWithoutCodeSaysNothing();
    void foreignCodeIsNamedOnce();
    void codeInViewIsReadOnce();
    void framesDuringADecodeAreSkipped();
    void intervalLimitsTheDecodeRate();
    void invalidFrameIsIgnored();
    void unreadableFrameFormatSaysSo();
    void destroyedWhileDecoding();

private:
    /// Offers `frame` to an idle scanner and waits until it is decoded.
    static void decode(CameraQrScanner& scanner, const QVideoFrame& frame);
};

void TestCameraQrScanner::decode(CameraQrScanner& scanner, const QVideoFrame& frame)
{
    const int before = scanner.framesDecoded();
    scanner.offerFrame(frame);
    QTRY_COMPARE(scanner.framesDecoded(), before + 1);
}

void TestCameraQrScanner::readsOurCodeInEveryCameraFormat_data()
{
    QTest::addColumn<QVideoFrameFormat::PixelFormat>("format");
    QTest::addColumn<QImage>("view");
    const QImage code = QrImage::render(cardPayload("5678"), 200);
    const struct {
        const char* name;
        QImage view;
    } views[] = {
        {"held straight", cameraView(code, QPoint(220, 140))},
        {"far away (45 %)", cameraView(code.scaled(code.size() * 0.45, Qt::KeepAspectRatio, Qt::SmoothTransformation),
                                       QPoint(40, 300))},
        {"turned 25 degrees", cameraView(code, QPoint(180, 100), 25)},
        {"upside down", cameraView(code, QPoint(300, 200), 180)},
    };
    const struct {
        const char* name;
        QVideoFrameFormat::PixelFormat format;
    } formats[] = {
        {"NV12", QVideoFrameFormat::Format_NV12},
        {"YUYV", QVideoFrameFormat::Format_YUYV},
        {"UYVY", QVideoFrameFormat::Format_UYVY},
        {"BGRA8888", QVideoFrameFormat::Format_BGRA8888},
        {"XRGB8888", QVideoFrameFormat::Format_XRGB8888},
        {"MJPEG", QVideoFrameFormat::Format_Jpeg},
    };
    for (const auto& format : formats) {
        for (const auto& view : views) {
            QTest::addRow("%s %s", format.name, view.name) << format.format << view.view;
        }
    }
}

void TestCameraQrScanner::readsOurCodeInEveryCameraFormat()
{
    QFETCH(QVideoFrameFormat::PixelFormat, format);
    QFETCH(QImage, view);
    const QVideoFrame frame = frameOf(view, format);
    QVERIFY(frame.isValid());
    CameraQrScanner scanner(std::chrono::milliseconds(0));
    QSignalSpy payloads(&scanner, &CameraQrScanner::payloadRead);
    QSignalSpy problems(&scanner, &CameraQrScanner::problemFound);
    decode(scanner, frame);
    QCOMPARE(problems.count(), 0);
    QCOMPARE(payloads.count(), 1);
    QCOMPARE(payloads.at(0).at(0).toString(), cardPayload("5678"));
}

void TestCameraQrScanner::frameWithoutCodeSaysNothing()
{
    CameraQrScanner scanner(std::chrono::milliseconds(0));
    QSignalSpy payloads(&scanner, &CameraQrScanner::payloadRead);
    QSignalSpy problems(&scanner, &CameraQrScanner::problemFound);
    decode(scanner, emptyFrame());
    decode(scanner, emptyFrame());
    QCOMPARE(payloads.count(), 0);
    QCOMPARE(problems.count(), 0); // an empty view is the normal state while the clerk brings the card
}

void TestCameraQrScanner::foreignCodeIsNamedOnce()
{
    const QVideoFrame foreign =
        frameOf(cameraView(QrImage::render(QStringLiteral("https://example.jp/"), 200), QPoint(200, 120)),
                QVideoFrameFormat::Format_YUYV);
    CameraQrScanner scanner(std::chrono::milliseconds(0));
    QSignalSpy payloads(&scanner, &CameraQrScanner::payloadRead);
    QSignalSpy problems(&scanner, &CameraQrScanner::problemFound);
    for (int i = 0; i < 3; ++i) {
        decode(scanner, foreign);
    }
    QCOMPARE(payloads.count(), 0);
    QCOMPARE(problems.count(), 1);
    QVERIFY(problems.at(0).at(0).toString().contains(QStringLiteral("保険証のQRコードではありません")));
    // The clerk then shows the right code: read at once.
    decode(scanner, cardFrame("5678"));
    QCOMPARE(payloads.count(), 1);
}

void TestCameraQrScanner::codeInViewIsReadOnce()
{
    CameraQrScanner scanner(std::chrono::milliseconds(0));
    QSignalSpy payloads(&scanner, &CameraQrScanner::payloadRead);
    for (int i = 0; i < 4; ++i) {
        decode(scanner, cardFrame("5678"));
    }
    decode(scanner, emptyFrame()); // one blurred frame does not mean the card left
    decode(scanner, cardFrame("5678"));
    QCOMPARE(payloads.count(), 1);

    decode(scanner, cardFrame("9012")); // the next patient's card
    QCOMPARE(payloads.count(), 2);
    QCOMPARE(payloads.at(1).at(0).toString(), cardPayload("9012"));

    for (int i = 0; i < CameraQrScanner::kFramesToForget; ++i) {
        decode(scanner, emptyFrame());
    }
    decode(scanner, cardFrame("9012")); // taken away and shown again: read again
    QCOMPARE(payloads.count(), 3);
}

void TestCameraQrScanner::framesDuringADecodeAreSkipped()
{
    CameraQrScanner scanner(std::chrono::milliseconds(0));
    QSignalSpy payloads(&scanner, &CameraQrScanner::payloadRead);
    const QVideoFrame frame = cardFrame("5678");
    // Frames arriving faster than ZXing decodes: the decode's result can only come back through the event loop, so
    // every frame offered in this loop finds the scanner busy.
    for (int i = 0; i < 5; ++i) {
        scanner.offerFrame(frame);
    }
    QVERIFY(scanner.isDecoding());
    QCOMPARE(scanner.framesSkipped(), 4);
    QTRY_VERIFY(!scanner.isDecoding());
    QCOMPARE(scanner.framesDecoded(), 1);
    QCOMPARE(payloads.count(), 1);
}

void TestCameraQrScanner::intervalLimitsTheDecodeRate()
{
    CameraQrScanner scanner(std::chrono::seconds(60));
    decode(scanner, emptyFrame());
    scanner.offerFrame(cardFrame("5678"));
    QVERIFY(!scanner.isDecoding());
    QCOMPARE(scanner.framesSkipped(), 1);
    QCOMPARE(scanner.framesDecoded(), 1);
}

void TestCameraQrScanner::invalidFrameIsIgnored()
{
    CameraQrScanner scanner(std::chrono::milliseconds(0));
    QSignalSpy problems(&scanner, &CameraQrScanner::problemFound);
    scanner.offerFrame(QVideoFrame());
    QVERIFY(!scanner.isDecoding());
    QCOMPARE(scanner.framesSkipped(), 0);
    QCOMPARE(problems.count(), 0);
}

void TestCameraQrScanner::unreadableFrameFormatSaysSo()
{
    // A camera announcing MJPEG whose frames are not JPEG data: nothing to decode, and the clerk is told once.
    QVideoFrame garbage(QVideoFrameFormat(QSize(64, 48), QVideoFrameFormat::Format_Jpeg));
    QVERIFY(garbage.map(QVideoFrame::WriteOnly));
    std::memset(garbage.bits(0), 0x5a, static_cast<size_t>(garbage.mappedBytes(0)));
    garbage.unmap();
    CameraQrScanner scanner(std::chrono::milliseconds(0));
    QSignalSpy problems(&scanner, &CameraQrScanner::problemFound);
    scanner.offerFrame(garbage);
    scanner.offerFrame(garbage);
    QVERIFY(!scanner.isDecoding());
    QCOMPARE(problems.count(), 1);
    QVERIFY2(problems.at(0).at(0).toString().contains(QStringLiteral("映像")),
             qPrintable(problems.at(0).at(0).toString()));
}

void TestCameraQrScanner::destroyedWhileDecoding()
{
    auto scanner = std::make_unique<CameraQrScanner>(std::chrono::milliseconds(0));
    QSignalSpy payloads(scanner.get(), &CameraQrScanner::payloadRead);
    scanner->offerFrame(cardFrame("5678"));
    QVERIFY(scanner->isDecoding());
    scanner.reset(); // the dialog closing while the worker still decodes
    QTest::qWait(50); // any result posted to the gone scanner would be delivered now
    QCOMPARE(payloads.count(), 0);
}

QTEST_MAIN(TestCameraQrScanner)
#include "TestCameraQrScanner.moc"
