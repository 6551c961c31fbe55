// SPDX-License-Identifier: Apache-2.0
#include "gui/CardFormWidget.h"
#include "gui/QrImage.h"
#include "gui/QrImageReader.h"

#include <oqs/common/QrPayload.h>

#include <QLineEdit>
#include <QPainter>
#include <QTemporaryDir>
#include <QtTest>

using namespace oqs::client::gui;
using namespace oqs::common;

namespace {

QString cardPayload()
{
    return QString::fromStdString(encodeQr(InsuranceCardQr{{"01130012", "東京", "5678", "02"}, Date{1975, 12, 31}}));
}

/// The code drawn on a larger light-grey "screen" with some text beside it, as in a screenshot.
QImage onScreen(const QImage& code, QPoint at)
{
    QImage screen(1024, 640, QImage::Format_RGB32);
    screen.fill(QColor("#eeeeee"));
    QPainter painter(&screen);
    painter.setPen(Qt::black);
    painter.drawText(QRect(20, 20, 400, 40), QStringLiteral("オンライン資格確認 受付 — 保険証QR"));
    painter.drawImage(at, code);
    return screen;
}

QImage turned(const QImage& code, qreal degrees)
{
    const QImage rotated = code.convertToFormat(QImage::Format_ARGB32)
                               .transformed(QTransform().rotate(degrees), Qt::SmoothTransformation);
    // The corners the rotation adds are transparent; a photo of paper has white there.
    QImage paper(rotated.size(), QImage::Format_RGB32);
    paper.fill(Qt::white);
    QPainter(&paper).drawImage(0, 0, rotated);
    return paper;
}

QImage blank(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::white);
    return image;
}

} // namespace

Q_DECLARE_METATYPE(QrImageReader::Finding)

/// QR codes read from pictures (a file, a pasted screenshot): the images are drawn by our own QR renderer, then
/// turned, shrunk and placed on a busy screen as a clerk's screenshot or photo would have them.
class TestQrImageReader : public QObject {
    Q_OBJECT

private slots:
    void readsOurQrCodes_data();
    void readsOurQrCodes();
    void picturesWithoutOurCodeSayWhy_data();
    void picturesWithoutOurCodeSayWhy();
    void fileThatIsNoImageSaysSo();
    void imageFillsTheCardForm();
    void imageWithoutCodeKeepsTheForm();
};

void TestQrImageReader::readsOurQrCodes_data()
{
    QTest::addColumn<QImage>("image");
    QTest::addColumn<QString>("payload");
    const QString card = cardPayload();
    const QImage code = QrImage::render(card, 240);
    QTest::newRow("as rendered") << code << card;
    QTest::newRow("scaled down 60 %") << code.scaled(code.width() * 6 / 10, code.height() * 6 / 10,
                                                      Qt::KeepAspectRatio, Qt::SmoothTransformation)
                                      << card;
    QTest::newRow("turned 90 degrees") << code.transformed(QTransform().rotate(90)) << card;
    QTest::newRow("turned 20 degrees on paper") << turned(code, 20) << card;
    QTest::newRow("in a screenshot") << onScreen(code, QPoint(600, 300)) << card;
    const QString result = QStringLiteral("OQSR1|R-1|valid");
    QTest::newRow("result QR") << QrImage::render(result, 200) << result;
}

void TestQrImageReader::readsOurQrCodes()
{
    QFETCH(QImage, image);
    const QrImageReader::Reading reading = QrImageReader::read(image);
    QCOMPARE(reading.problem, QString());
    QCOMPARE(reading.finding, QrImageReader::Finding::Payload);
    QTEST(reading.payload, "payload");
}

void TestQrImageReader::picturesWithoutOurCodeSayWhy_data()
{
    QTest::addColumn<QImage>("image");
    QTest::addColumn<QString>("problemPart");
    QTest::addColumn<QrImageReader::Finding>("finding");
    QTest::newRow("no QR code") << onScreen(blank(400, 300), QPoint(0, 0)) << "見つけられませんでした"
                                << QrImageReader::Finding::NoCode;
    QTest::newRow("someone else's QR code") << QrImage::render("https://example.jp/", 200)
                                            << "保険証のQRコードではありません" << QrImageReader::Finding::ForeignCode;
    QTest::newRow("no picture") << QImage() << "画像がありません" << QrImageReader::Finding::NoPicture;
}

void TestQrImageReader::picturesWithoutOurCodeSayWhy()
{
    QFETCH(QImage, image);
    QFETCH(QString, problemPart);
    const QrImageReader::Reading reading = QrImageReader::read(image);
    QVERIFY(!reading.ok());
    QTEST(reading.finding, "finding");
    QVERIFY(reading.payload.isEmpty());
    QVERIFY2(reading.problem.contains(problemPart), qPrintable(reading.problem));
}

void TestQrImageReader::fileThatIsNoImageSaysSo()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("qr.png");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not a picture");
    file.close();
    QVERIFY(QrImageReader::readFile(path).problem.contains(QStringLiteral("画像ファイルを開けません")));
    QCOMPARE(QrImageReader::readFile(path).finding, QrImageReader::Finding::Unreadable);

    QVERIFY(QrImage::render(cardPayload(), 240).save(path));
    QCOMPARE(QrImageReader::readFile(path).payload, cardPayload());
}

void TestQrImageReader::imageFillsTheCardForm()
{
    CardFormWidget form;
    form.field("identifier")->setText(QStringLiteral("P-77"));
    QVERIFY(form.fillFromQrImage(QrImageReader::read(turned(QrImage::render(cardPayload(), 240), 15))));
    QCOMPARE(form.field("insurerNumber")->text(), QStringLiteral("01130012"));
    QCOMPARE(form.field("symbol")->text(), QStringLiteral("東京"));
    QCOMPARE(form.field("number")->text(), QStringLiteral("5678"));
    QCOMPARE(form.field("branch")->text(), QStringLiteral("02"));
    QCOMPARE(form.field("birthDate")->text(), QStringLiteral("1975-12-31"));
    QCOMPARE(form.field("identifier")->text(), QStringLiteral("P-77")); // the clerk's own entry stays
    QVERIFY(form.scanMessage().contains(QStringLiteral("QRコードから入力しました")));
}

void TestQrImageReader::imageWithoutCodeKeepsTheForm()
{
    CardFormWidget form;
    form.field("number")->setText(QStringLiteral("1234"));
    QVERIFY(!form.fillFromQrImage(QrImageReader::read(blank(300, 300))));
    QCOMPARE(form.field("number")->text(), QStringLiteral("1234"));
    QVERIFY(form.scanMessage().contains(QStringLiteral("見つけられませんでした")));
}

QTEST_MAIN(TestQrImageReader)
#include "TestQrImageReader.moc"
