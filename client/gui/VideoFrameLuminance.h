// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QImage>
#include <QVideoFrame>

namespace oqs::client::gui {

/// The brightness of a camera frame, which is all a QR decoder needs. Webcams deliver YUV (NV12, YUYV…) or RGB
/// frames; for YUV the Y plane already is the picture in grey, so it is copied as is instead of being converted to
/// colour and back.
class VideoFrameLuminance {
public:
    /// The frame as a Grayscale8 image of the frame's size, deep-copied so that the frame can be released at once.
    /// YUV formats with 8- or 16-bit luminance give their Y plane, RGB formats are converted, anything else (MJPEG,
    /// frames held by the GPU) goes through QVideoFrame::toImage(). Null if the frame is invalid, cannot be mapped,
    /// is smaller than its format says, or is in a format Qt cannot convert. Thread of the frame's sink.
    static QImage of(const QVideoFrame& frame);
};

} // namespace oqs::client::gui
