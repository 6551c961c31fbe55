// SPDX-License-Identifier: Apache-2.0
#include "gui/CameraQrScanner.h"

#include "gui/VideoFrameLuminance.h"

#include <QVideoFrame>
#include <QVideoFrameFormat>

namespace oqs::client::gui {

CameraQrScanner::CameraQrScanner(std::chrono::milliseconds minimumInterval, QObject* parent)
    : QObject(parent), m_minimumInterval(minimumInterval)
{
    m_worker.setMaxThreadCount(1);
}

CameraQrScanner::~CameraQrScanner()
{
    // The worker posts its result to this object; finishing it here, before ~QObject discards the events posted
    // to this object, means the result is dropped instead of being delivered to a destroyed scanner.
    m_worker.waitForDone();
}

void CameraQrScanner::offerFrame(const QVideoFrame& frame)
{
    if (!frame.isValid()) {
        return;
    }
    if (m_decoding || (m_sinceDecodeStart.isValid() && m_sinceDecodeStart.elapsed() < m_minimumInterval.count())) {
        ++m_framesSkipped;
        return;
    }
    // Taking the brightness here, on the sink's thread, copies the frame (a few hundred KB) so the camera can
    // reuse its buffer; the slow part, ZXing, runs on the worker.
    const QImage grey = VideoFrameLuminance::of(frame);
    if (grey.isNull()) {
        if (!m_formatReported) {
            m_formatReported = true;
            emit problemFound(tr("このカメラの映像（%1）を読み取れません。"
                                 "別のカメラを選ぶか、ハンドスキャナーか画像ファイルで読み取ってください。")
                                  .arg(QVideoFrameFormat::pixelFormatToString(frame.pixelFormat())));
        }
        return;
    }
    m_decoding = true;
    m_sinceDecodeStart.start();
    m_worker.start([this, grey] {
        const QrImageReader::Reading reading = QrImageReader::read(grey);
        QMetaObject::invokeMethod(this, [this, reading] { finishDecode(reading); }, Qt::QueuedConnection);
    });
}

void CameraQrScanner::finishDecode(const QrImageReader::Reading& reading)
{
    m_decoding = false;
    ++m_framesDecoded;
    const bool isCode =
        reading.finding == QrImageReader::Finding::Payload || reading.finding == QrImageReader::Finding::ForeignCode;
    if (!isCode) {
        if (++m_framesWithoutCode >= kFramesToForget) {
            m_inView.reset();
        }
        return;
    }
    m_framesWithoutCode = 0;
    if (m_inView && m_inView->finding == reading.finding && m_inView->payload == reading.payload) {
        return; // the same code, still held to the camera
    }
    m_inView = reading;
    if (reading.ok()) {
        emit payloadRead(reading.payload);
    } else {
        emit problemFound(reading.problem);
    }
}

} // namespace oqs::client::gui
