// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QImage>
#include <QString>

namespace oqs::client::gui {

/// The result QR code for the HIS hand-off, drawn with ZXing-cpp.
class QrImage {
public:
    /// A black-on-white QR code (error correction as ZXing's default, a quiet zone of 2 modules) of `asciiPayload`,
    /// scaled to whole pixels per module and at least `minimumSide` pixels wide. Null image if the payload is too
    /// long for a QR code.
    static QImage render(const QString& asciiPayload, int minimumSide);
};

} // namespace oqs::client::gui
