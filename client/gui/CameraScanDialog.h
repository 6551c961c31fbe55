// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "gui/CameraQrScanner.h"

#include <QCameraDevice>
#include <QDialog>
#include <QMediaCaptureSession>
#include <QMediaDevices>

#include <memory>

class QCamera;
class QComboBox;
class QLabel;
class QVideoSink;
class QVideoWidget;

namespace oqs::client::gui {

/// Reads an insurance card's QR code with a camera (ファイル → カメラで保険証のQRコードを読み取る): the live picture,
/// the choice of camera, and "QRコードをカメラに向けてください". The first payload read is handed on and the dialog
/// closes; a code that is not ours is named under the picture while the camera keeps looking. Without a camera it
/// says how to read the code instead (handheld scanner, image file, pasted screenshot). Thin over CameraQrScanner.
class CameraScanDialog : public QDialog {
    Q_OBJECT

public:
    explicit CameraScanDialog(QWidget* parent = nullptr);
    ~CameraScanDialog() override;

    /// True while a camera is chosen and its picture shown.
    bool hasCamera() const;
    /// The large line at the top: "point the code at the camera", or that there is no camera.
    QString instruction() const;
    /// The text under the picture: the no-camera advice, a problem, or empty.
    QString message() const;
    /// The sink the camera's frames arrive in and the scanner reads from (tests put their own frames here).
    QVideoSink* videoSink() const;

    /// Stops the camera before closing, whichever way the dialog ends.
    void done(int result) override;

signals:
    /// One of our QR payloads was read; the dialog is being accepted.
    void payloadRead(const QString& payload);

private:
    /// Fills the camera choice from the cameras present now (also when one is plugged in or out).
    void listCameras();
    void startCamera(const QCameraDevice& device);
    void stopCamera();
    void showMessage(const QString& text, bool problem);

    CameraQrScanner m_scanner;
    QMediaDevices m_devices; ///< tells when cameras come and go
    QMediaCaptureSession m_session;
    std::unique_ptr<QCamera> m_camera;
    QLabel* m_instruction;
    QWidget* m_choice; ///< the camera choice with its label, hidden without a camera
    QComboBox* m_cameras;
    QVideoWidget* m_view;
    QLabel* m_message;
};

} // namespace oqs::client::gui
