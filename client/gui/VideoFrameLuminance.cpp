// SPDX-License-Identifier: Apache-2.0
#include "gui/VideoFrameLuminance.h"

#include <QVideoFrameFormat>

#include <algorithm>
#include <cstring>
#include <iterator>

namespace oqs::client::gui {
namespace {

/// Where the luminance of each pixel sits in plane 0 of a YUV frame.
struct LumaLayout {
    QVideoFrameFormat::PixelFormat format;
    int pixelStride; ///< bytes from one pixel's Y to the next one's
    int offset;      ///< byte of the first pixel's Y within the row
};

// 16-bit samples are little-endian (every PC the client runs on) with the significant bits at the top, so their
// high byte is an 8-bit Y. YUV420P10 keeps its 10 bits at the bottom and is left to toImage().
constexpr LumaLayout kLumaLayouts[] = {
    // planar and semi-planar: plane 0 holds one byte of Y per pixel
    {QVideoFrameFormat::Format_NV12, 1, 0},
    {QVideoFrameFormat::Format_NV21, 1, 0},
    {QVideoFrameFormat::Format_YUV420P, 1, 0},
    {QVideoFrameFormat::Format_YUV422P, 1, 0},
    {QVideoFrameFormat::Format_YV12, 1, 0},
    {QVideoFrameFormat::Format_IMC1, 1, 0},
    {QVideoFrameFormat::Format_IMC2, 1, 0},
    {QVideoFrameFormat::Format_IMC3, 1, 0},
    {QVideoFrameFormat::Format_IMC4, 1, 0},
    {QVideoFrameFormat::Format_Y8, 1, 0},
    // packed 4:2:2, the usual raw USB webcam formats: Y0 U Y1 V and U Y0 V Y1
    {QVideoFrameFormat::Format_YUYV, 2, 0},
    {QVideoFrameFormat::Format_UYVY, 2, 1},
    {QVideoFrameFormat::Format_P010, 2, 1},
    {QVideoFrameFormat::Format_P016, 2, 1},
    {QVideoFrameFormat::Format_Y16, 2, 1},
};

const LumaLayout* lumaLayoutOf(QVideoFrameFormat::PixelFormat format)
{
    const auto* found = std::find_if(std::begin(kLumaLayouts), std::end(kLumaLayouts),
                                     [format](const LumaLayout& layout) { return layout.format == format; });
    return found == std::end(kLumaLayouts) ? nullptr : found;
}

/// True if plane 0 of the mapped frame holds `height` rows of `rowBytes` each; a buffer shorter than its format
/// says (a broken driver, a truncated frame) must not be read past its end.
bool planeHolds(const QVideoFrame& mapped, qsizetype rowBytes)
{
    const qsizetype stride = mapped.bytesPerLine(0);
    return mapped.bits(0) != nullptr && stride >= rowBytes &&
           mapped.mappedBytes(0) >= stride * (mapped.height() - 1) + rowBytes;
}

QImage copyLuma(const QVideoFrame& mapped, const LumaLayout& layout)
{
    const int width = mapped.width();
    const int height = mapped.height();
    if (!planeHolds(mapped, qsizetype{width} * layout.pixelStride)) {
        return {};
    }
    QImage grey(width, height, QImage::Format_Grayscale8);
    for (int y = 0; y < height; ++y) {
        const uchar* in = mapped.bits(0) + qsizetype{y} * mapped.bytesPerLine(0) + layout.offset;
        uchar* out = grey.scanLine(y);
        if (layout.pixelStride == 1) {
            std::memcpy(out, in, static_cast<size_t>(width));
            continue;
        }
        for (int x = 0; x < width; ++x) {
            out[x] = in[qsizetype{x} * layout.pixelStride];
        }
    }
    return grey;
}

QImage convertRgb(const QVideoFrame& mapped, QImage::Format imageFormat)
{
    const int width = mapped.width();
    // Every RGB video format has 4 bytes per pixel.
    if (!planeHolds(mapped, qsizetype{width} * 4)) {
        return {};
    }
    // The wrapping QImage only borrows the frame's memory; the conversion makes the copy that outlives unmap().
    return QImage(mapped.bits(0), width, mapped.height(), mapped.bytesPerLine(0), imageFormat)
        .convertToFormat(QImage::Format_Grayscale8);
}

} // namespace

QImage VideoFrameLuminance::of(const QVideoFrame& frame)
{
    if (!frame.isValid() || frame.width() <= 0 || frame.height() <= 0) {
        return {};
    }
    const LumaLayout* luma = lumaLayoutOf(frame.pixelFormat());
    const QImage::Format imageFormat = QVideoFrameFormat::imageFormatFromPixelFormat(frame.pixelFormat());
    if (luma == nullptr && imageFormat == QImage::Format_Invalid) {
        return frame.toImage().convertToFormat(QImage::Format_Grayscale8);
    }
    QVideoFrame mapped(frame); // shares the buffer; map() is not const
    if (!mapped.map(QVideoFrame::ReadOnly)) {
        return {};
    }
    QImage grey = luma != nullptr ? copyLuma(mapped, *luma) : convertRgb(mapped, imageFormat);
    mapped.unmap();
    return grey;
}

} // namespace oqs::client::gui
