// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QBuffer>
#include <QImage>
#include <QPainter>
#include <QTransform>
#include <QVideoFrame>
#include <QVideoFrameFormat>

#include <cstring>

// This machine has no camera: the frames built here are the edge of the world. They stand in for what a USB webcam
// hands Qt Multimedia (raw YUV 4:2:2, NV12, MJPEG, or RGB after a GStreamer conversion), filled byte by byte through
// QVideoFrame::map() as a camera backend fills them.
namespace oqs::tests {

/// What the camera sees: `code` at `at` on a 640×480 grey counter, turned by `degrees`.
inline QImage cameraView(const QImage& code, QPoint at, qreal degrees = 0)
{
    QImage view(640, 480, QImage::Format_RGB32);
    view.fill(QColor(0x9e, 0x9e, 0x9e));
    if (code.isNull()) {
        return view;
    }
    QImage paper = code.convertToFormat(QImage::Format_RGB32);
    if (degrees != 0) {
        const QImage turned = code.convertToFormat(QImage::Format_ARGB32)
                                  .transformed(QTransform().rotate(degrees), Qt::SmoothTransformation);
        paper = QImage(turned.size(), QImage::Format_RGB32);
        paper.fill(Qt::white); // the card's paper around the turned code
        QPainter(&paper).drawImage(0, 0, turned);
    }
    QPainter(&view).drawImage(at, paper);
    return view;
}

/// ITU-R BT.601 studio-range luminance, as a webcam's YUV output carries it.
inline uchar lumaOf(QRgb rgb)
{
    return static_cast<uchar>(16 + ((66 * qRed(rgb) + 129 * qGreen(rgb) + 25 * qBlue(rgb) + 128) >> 8));
}

/// Writes pixel `x` of a row of `format` (a YUV or RGB format with plane 0 packed per pixel); false if the format is
/// not one of those below. Chroma is neutral: the code is black on white.
inline bool putPixel(uchar* row, int x, QRgb rgb, QVideoFrameFormat::PixelFormat format)
{
    switch (format) {
    case QVideoFrameFormat::Format_NV12: // plane 0: Y only
        row[x] = lumaOf(rgb);
        return true;
    case QVideoFrameFormat::Format_YUYV: // Y0 U Y1 V
        row[2 * x] = lumaOf(rgb);
        row[2 * x + 1] = 128;
        return true;
    case QVideoFrameFormat::Format_UYVY: // U Y0 V Y1
        row[2 * x] = 128;
        row[2 * x + 1] = lumaOf(rgb);
        return true;
    case QVideoFrameFormat::Format_XRGB8888: // X R G B: no QImage twin on little-endian, so toImage() reads it
        row[4 * x] = 255;
        row[4 * x + 1] = static_cast<uchar>(qRed(rgb));
        row[4 * x + 2] = static_cast<uchar>(qGreen(rgb));
        row[4 * x + 3] = static_cast<uchar>(qBlue(rgb));
        return true;
    case QVideoFrameFormat::Format_BGRA8888: // B G R A in memory: QImage's ARGB32 on little-endian
        std::memcpy(row + 4 * x, &rgb, sizeof rgb);
        return true;
    default:
        return false;
    }
}

/// `picture` as an MJPEG frame: the JPEG file at the start of the frame's buffer.
inline bool putJpeg(QVideoFrame& mapped, const QImage& picture)
{
    QByteArray jpeg;
    QBuffer buffer(&jpeg);
    if (!buffer.open(QIODevice::WriteOnly) || !picture.save(&buffer, "JPEG", 90) ||
        jpeg.size() > mapped.mappedBytes(0)) {
        return false;
    }
    std::memset(mapped.bits(0), 0, static_cast<size_t>(mapped.mappedBytes(0)));
    std::memcpy(mapped.bits(0), jpeg.constData(), static_cast<size_t>(jpeg.size()));
    return true;
}

/// `picture` as a frame in `format`: NV12, YUYV, UYVY, XRGB8888, BGRA8888 or MJPEG. An invalid frame for any other
/// format.
inline QVideoFrame frameOf(const QImage& picture, QVideoFrameFormat::PixelFormat format)
{
    QVideoFrame frame(QVideoFrameFormat(picture.size(), format));
    if (!frame.map(QVideoFrame::WriteOnly)) {
        return {};
    }
    bool filled = true;
    if (format == QVideoFrameFormat::Format_Jpeg) {
        filled = putJpeg(frame, picture);
    }
    const QImage rgb = picture.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; filled && format != QVideoFrameFormat::Format_Jpeg && y < rgb.height(); ++y) {
        uchar* row = frame.bits(0) + qsizetype{y} * frame.bytesPerLine(0);
        const auto* pixels = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
        for (int x = 0; filled && x < rgb.width(); ++x) {
            filled = putPixel(row, x, pixels[x], format);
        }
    }
    if (filled && format == QVideoFrameFormat::Format_NV12) {
        std::memset(frame.bits(1), 128, static_cast<size_t>(frame.mappedBytes(1))); // interleaved U V
    }
    frame.unmap();
    return filled ? frame : QVideoFrame();
}

} // namespace oqs::tests
