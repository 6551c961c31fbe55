// SPDX-License-Identifier: Apache-2.0
#include "gui/QrImage.h"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <stdexcept>

namespace oqs::client::gui {
namespace {

constexpr int kQuietZoneModules = 2;

} // namespace

QImage QrImage::render(const QString& asciiPayload, int minimumSide)
{
    ZXing::BitMatrix matrix;
    try {
        ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
        writer.setMargin(kQuietZoneModules);
        // Size 0: one pixel per module; scaling happens below so that every module is a whole pixel block.
        matrix = writer.encode(asciiPayload.toStdString(), 0, 0);
    } catch (const std::invalid_argument&) {
        return {}; // payload longer than the largest QR version
    }
    const int modules = matrix.width();
    const int scale = std::max(1, (minimumSide + modules - 1) / modules);
    QImage image(modules * scale, modules * scale, QImage::Format_Mono);
    image.setColor(0, qRgb(255, 255, 255));
    image.setColor(1, qRgb(0, 0, 0));
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            image.setPixel(x, y, matrix.get(x / scale, y / scale) ? 1 : 0);
        }
    }
    return image;
}

} // namespace oqs::client::gui
