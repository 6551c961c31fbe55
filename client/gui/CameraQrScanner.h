// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "gui/QrImageReader.h"

#include <QElapsedTimer>
#include <QObject>
#include <QThreadPool>

#include <chrono>
#include <optional>

class QVideoFrame;

namespace oqs::client::gui {

/// Finds our QR payloads in a live camera picture. Fed with the frames of a QVideoSink, it decodes one frame at a
/// time on its own worker thread with QrImageReader (the decoder of files and pasted pictures), drops the frames
/// that arrive meanwhile, and reports each code once while it stays in view. No widgets: the camera dialog shows
/// the picture, this class only reads it.
class CameraQrScanner : public QObject {
    Q_OBJECT

public:
    /// Pause between the start of one decode and the next by default: ten decodes a second find a code held up
    /// to the camera at once, and leave the counter PC's other core to the rest of the client.
    static constexpr std::chrono::milliseconds kDefaultInterval{100};
    /// Decoded frames in a row without a code after which the code in view counts as gone (and is reported again
    /// when it comes back); a code held to the camera is missed in single frames through blur or glare.
    static constexpr int kFramesToForget = 5;

    /// `minimumInterval`: the least time from one decode's start to the next (0: decode whenever idle).
    explicit CameraQrScanner(std::chrono::milliseconds minimumInterval = kDefaultInterval, QObject* parent = nullptr);
    /// Waits for a decode still running; its result is dropped.
    ~CameraQrScanner() override;

    /// Offers a camera frame (connect QVideoSink::videoFrameChanged here). Decoded if no decode runs and the
    /// interval has passed, otherwise skipped: a newer frame follows within milliseconds. An invalid frame (the
    /// camera stopping) is ignored. Call from the thread this object lives in.
    void offerFrame(const QVideoFrame& frame);

    /// True while a frame is being decoded.
    bool isDecoding() const { return m_decoding; }
    /// Frames decoded so far (the decode finished and was reported).
    int framesDecoded() const { return m_framesDecoded; }
    /// Frames dropped because a decode was running or the interval had not passed.
    int framesSkipped() const { return m_framesSkipped; }

signals:
    /// One of our payloads (OQSC1|…, OQSR1|…) came into view; not repeated while the same code stays in view.
    void payloadRead(const QString& payload);
    /// Something the clerk must act on, in their words: a QR code in view that is not ours (once while it stays),
    /// or a camera whose picture format cannot be read (once).
    void problemFound(const QString& message);

private:
    void finishDecode(const QrImageReader::Reading& reading);

    const std::chrono::milliseconds m_minimumInterval;
    QThreadPool m_worker; ///< one thread: decodes never overlap
    QElapsedTimer m_sinceDecodeStart;
    bool m_decoding = false;
    /// The code last reported and still taken to be in view (a payload or a foreign code); none when empty.
    std::optional<QrImageReader::Reading> m_inView;
    int m_framesWithoutCode = 0;
    int m_framesDecoded = 0;
    int m_framesSkipped = 0;
    bool m_formatReported = false;
};

} // namespace oqs::client::gui
