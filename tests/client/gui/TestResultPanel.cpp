// SPDX-License-Identifier: Apache-2.0
#include "gui/QrImage.h"
#include "gui/ResultPanel.h"
#include "gui/ResultSheet.h"

#include <oqs/common/QrPayload.h>

#include <QListWidget>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <ZXing/ReadBarcode.h>

using namespace oqs::client::core;
using namespace oqs::client::gui;
using namespace oqs::common;

Q_DECLARE_METATYPE(oqs::common::Status)

namespace {

Qualification qualification(const std::string& insurer, const std::string& name)
{
    Qualification q;
    q.card = {insurer, "記号", "1234", "01"};
    q.name = name;
    q.nameKana = "ヤマダ タロウ";
    q.birthDate = Date{1980, 4, 1};
    q.sex = Sex::Male;
    q.copaymentPercent = 30;
    q.cardValidTo = Date{2027, 3, 31};
    return q;
}

Query answered(Status status, int qualifications)
{
    Query query;
    query.id = 1;
    query.state = Query::State::Answered;
    query.insuranceCard.identifier = "P-1";
    VerificationAnswer answer;
    answer.status = status;
    answer.receiptNumber = "20261125-00000000000000a1";
    answer.identifier = "P-1";
    answer.checkedAt = "2026-11-25T09:30:00.000+09:00";
    answer.consultationDate = Date{2026, 11, 25};
    answer.dataUpdatedAt = "2026-11-24T22:00:00.000+09:00";
    const char* insurers[] = {"01130012", "06139992", "138057"};
    for (int i = 0; i < qualifications; ++i) {
        answer.qualifications.push_back(qualification(insurers[i], "山田太郎"));
    }
    query.answer = answer;
    return query;
}

/// Reads the QR code in an image back with ZXing, as a HIS scanner would.
std::string decodeImage(const QImage& image)
{
    const QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
    const ZXing::ImageView view(gray.constBits(), gray.width(), gray.height(), ZXing::ImageFormat::Lum,
                                int(gray.bytesPerLine()));
    const ZXing::Result result = ZXing::ReadBarcode(view, ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode));
    return result.isValid() ? result.text() : std::string();
}

} // namespace

class TestResultPanel : public QObject {
    Q_OBJECT

private slots:
    void everyStatusHasHeadlineColourAndNextStep_data();
    void everyStatusHasHeadlineColourAndNextStep();
    void verdictKindsLookDifferent();
    void severalValidAreListedWithDetails();
    void waitingQueryShowsWhy();
    void resultQrDecodesBackToTheAnswer();
    void resultSheetPdfIsWritten();
};

void TestResultPanel::everyStatusHasHeadlineColourAndNextStep_data()
{
    QTest::addColumn<Status>("status");
    std::size_t count = 0;
    const Status* statuses = allStatuses(count);
    for (std::size_t i = 0; i < count; ++i) {
        QTest::newRow(std::string(toWire(statuses[i])).c_str()) << statuses[i];
    }
}

void TestResultPanel::everyStatusHasHeadlineColourAndNextStep()
{
    QFETCH(Status, status);
    ResultPanel panel;
    panel.showQuery(answered(status, status == Status::Valid ? 1 : 0));
    QVERIFY(!panel.headline().isEmpty());
    QCOMPARE(panel.nextStep(), QString::fromUtf8(messageOf(status, Language::Japanese).data()));
    QVERIFY(panel.bandColour().isValid());
    QVERIFY(panel.detailText().contains("20261125-00000000000000a1")); // receipt number always shown
}

void TestResultPanel::verdictKindsLookDifferent()
{
    ResultPanel panel;
    panel.showQuery(answered(Status::Valid, 1));
    const QColor valid = panel.bandColour();
    panel.showQuery(answered(Status::Invalid, 0));
    const QColor invalid = panel.bandColour();
    panel.showQuery(answered(Status::Internal, 0));
    const QColor error = panel.bandColour();
    panel.showQuery(answered(Status::CardError, 0));
    const QColor card = panel.bandColour();
    QVERIFY(valid != invalid && valid != error && invalid != error && card != valid && card != invalid);
}

void TestResultPanel::severalValidAreListedWithDetails()
{
    ResultPanel panel;
    panel.showQuery(answered(Status::ValidMultiple, 3));
    QCOMPARE(panel.qualificationList()->count(), 3);
    QVERIFY(panel.qualificationList()->item(1)->text().contains("06139992"));
    QVERIFY(panel.detailText().contains("01130012"));
    panel.qualificationList()->setCurrentRow(1);
    QVERIFY(panel.detailText().contains("06139992"));
    QCOMPARE(panel.shownQuery()->answer->qualifications.front().card.insurerNumber, std::string("06139992"));
    const auto qr = decodeResultQr(panel.qrPayload().toStdString());
    QVERIFY(qr);
    QCOMPARE(qr->card.insurerNumber, std::string("06139992")); // the QR hands over the one the clerk picked
}

void TestResultPanel::waitingQueryShowsWhy()
{
    Query query;
    query.id = 2;
    query.state = Query::State::Waiting;
    query.lastProblem = QStringLiteral("サーバーに接続できません");
    ResultPanel panel;
    panel.showQuery(query);
    QVERIFY(panel.nextStep().contains(query.lastProblem));
    QVERIFY(panel.qrPayload().isEmpty());
}

void TestResultPanel::resultQrDecodesBackToTheAnswer()
{
    const Query query = answered(Status::Valid, 1);
    ResultPanel panel;
    panel.showQuery(query);
    const QString payload = panel.qrPayload();
    QVERIFY(payload.startsWith("OQSR1|"));
    const std::string scanned = decodeImage(QrImage::render(payload, 300));
    QCOMPARE(QString::fromStdString(scanned), payload);
    const auto decoded = decodeResultQr(scanned);
    QVERIFY(decoded);
    QCOMPARE(*decoded, *resultQrOf(*query.answer));
}

void TestResultPanel::resultSheetPdfIsWritten()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("sheet.pdf");
    const ResultSheet sheet(answered(Status::Valid, 1));
    QVERIFY(sheet.html().contains(QStringLiteral("山田太郎")));
    QVERIFY(sheet.html().contains(QStringLiteral("有効です")));
    QCOMPARE(sheet.writePdf(path), QString());
    QFile pdf(path);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QVERIFY(pdf.read(5) == "%PDF-");
    QVERIFY(pdf.size() > 5000); // fonts and the QR image are embedded
    pdf.close();

    // The printed QR must scan: rasterise the PDF page as a printer would (Ghostscript) and decode it.
    const QString gs = QStandardPaths::findExecutable("gs");
    if (gs.isEmpty()) {
        QSKIP("Ghostscript (gs) is needed to rasterise the PDF");
    }
    const QString png = dir.filePath("sheet.png");
    QProcess raster;
    raster.start(gs, {"-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pnggray", "-r150", "-o", png, path});
    QVERIFY(raster.waitForFinished(30'000));
    QCOMPARE(raster.exitCode(), 0);
    const std::string scanned = decodeImage(QImage(png));
    QCOMPARE(QString::fromStdString(scanned), sheet.qrPayload());
    QCOMPARE(*decodeResultQr(scanned), *resultQrOf(*answered(Status::Valid, 1).answer));
}

QTEST_MAIN(TestResultPanel)
#include "TestResultPanel.moc"
