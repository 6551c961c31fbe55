// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QCoreApplication>
#include <QImage>
#include <QString>

namespace oqs::client::gui {

/// Reads our QR payloads (OQSC1|…, OQSR1|…) out of a picture: a photo or scan saved as a file, a screenshot
/// pasted from the clipboard, or a camera frame (CameraQrScanner), decoded with ZXing-cpp (rotated, scaled or on a
/// busy background). What it finds goes to the same parser a keyboard-wedge scanner's text goes to. Pure; callable
/// from any thread.
class QrImageReader {
    // Qualified, so that the context lupdate writes into the .ts is the one looked up at run time.
    Q_DECLARE_TR_FUNCTIONS(oqs::client::gui::QrImageReader)

public:
    /// What the picture held. A camera scanner needs the difference between "nothing yet" (NoCode: keep looking,
    /// say nothing) and "a code that is not ours" (ForeignCode: tell the clerk); a file or paste reports both.
    enum class Finding {
        Payload,     ///< one of our payloads
        NoPicture,   ///< a null image
        NoCode,      ///< a picture without any readable QR code
        ForeignCode, ///< QR codes, none of them carrying our prefix
        Unreadable,  ///< a file that is no image
    };

    /// The outcome: `payload` is the text of the first QR code carrying one of our prefixes; else `problem` says
    /// in the clerk's words what to do (no picture, no QR code, a QR code that is not ours).
    struct Reading {
        Finding finding = Finding::NoPicture;
        QString payload;
        QString problem;

        bool ok() const { return finding == Finding::Payload; }
    };

    /// Decodes `image` (any format; a null image is "no picture").
    static Reading read(const QImage& image);
    /// Loads and decodes an image file (PNG, JPEG, BMP…).
    static Reading readFile(const QString& path);
};

} // namespace oqs::client::gui
