// SPDX-License-Identifier: Apache-2.0
#include "gui/QrImageReader.h"

#include <oqs/common/QrPayload.h>

#include <ZXing/ReadBarcode.h>

#include <QCoreApplication>
#include <QImageReader>

namespace oqs::client::gui {

QrImageReader::Reading QrImageReader::read(const QImage& image)
{
    if (image.isNull()) {
        return {Finding::NoPicture,
                {},
                QrImageReader::tr(
                    "画像がありません。QRコードの写った画像を選ぶか、画面の写しをコピーしてから貼り付けてください。")};
    }
    // ZXing reads 8-bit luminance; converting first keeps it independent of the source's pixel format.
    const QImage grey = image.convertToFormat(QImage::Format_Grayscale8);
    const ZXing::ImageView view(grey.constBits(), grey.width(), grey.height(), ZXing::ImageFormat::Lum,
                                static_cast<int>(grey.bytesPerLine()));
    const auto hints =
        ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode).setTryHarder(true).setTryRotate(true);
    bool foundForeign = false;
    for (const ZXing::Result& result : ZXing::ReadBarcodes(view, hints)) {
        if (!result.isValid()) {
            continue;
        }
        // Our payloads are ASCII by definition, so the raw bytes are the text a wedge scanner would type.
        const ZXing::ByteArray& bytes = result.bytes();
        const std::string text(bytes.begin(), bytes.end());
        if (common::looksLikeQrPayload(text)) {
            return {Finding::Payload, QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size())), {}};
        }
        foundForeign = true;
    }
    if (foundForeign) {
        return {Finding::ForeignCode,
                {},
                QrImageReader::tr("QRコードはありましたが、保険証のQRコードではありません。")};
    }
    return {
        Finding::NoCode,
        {},
        QrImageReader::tr(
            "画像からQRコードを見つけられませんでした。QRコード全体が写るように撮り直すか、手で入力してください。")};
}

QrImageReader::Reading QrImageReader::readFile(const QString& path)
{
    QImageReader reader(path);
    reader.setAutoTransform(true); // a phone photo's EXIF orientation
    const QImage image = reader.read();
    if (image.isNull()) {
        return {Finding::Unreadable,
                {},
                QrImageReader::tr("画像ファイルを開けません（%1）。PNG または JPEG のファイルを選んでください。")
                    .arg(reader.errorString())};
    }
    return read(image);
}

} // namespace oqs::client::gui
