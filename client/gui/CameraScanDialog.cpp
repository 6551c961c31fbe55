// SPDX-License-Identifier: Apache-2.0
#include "gui/CameraScanDialog.h"

#include <QCamera>
#include <QCameraDevice>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <QVideoSink>
#include <QVideoWidget>

#include <algorithm>

namespace oqs::client::gui {
namespace {

constexpr const char* kProblemStyle = "color: #b71c1c;";

} // namespace

CameraScanDialog::CameraScanDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("カメラでQRコードを読み取る"));
    setMinimumWidth(560);
    m_instruction = new QLabel(this);
    QFont big = m_instruction->font();
    big.setPointSize(16);
    big.setBold(true);
    m_instruction->setFont(big);
    m_instruction->setAlignment(Qt::AlignCenter);

    m_choice = new QWidget(this);
    m_cameras = new QComboBox(m_choice);
    auto* choice = new QFormLayout(m_choice);
    choice->setContentsMargins(0, 0, 0, 0);
    choice->addRow(tr("カメラ(&C)"), m_cameras);

    m_view = new QVideoWidget(this);
    m_view->setMinimumSize(480, 360);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_instruction);
    layout->addWidget(m_choice);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    m_session.setVideoOutput(m_view);
    // The sink may signal from the camera's thread; the automatic connection queues the frame to the scanner's.
    connect(m_view->videoSink(), &QVideoSink::videoFrameChanged, &m_scanner, &CameraQrScanner::offerFrame);
    connect(&m_scanner, &CameraQrScanner::payloadRead, this, [this](const QString& payload) {
        emit payloadRead(payload);
        accept();
    });
    connect(&m_scanner, &CameraQrScanner::problemFound, this,
            [this](const QString& problem) { showMessage(problem, true); });
    connect(&m_devices, &QMediaDevices::videoInputsChanged, this, &CameraScanDialog::listCameras);
    connect(m_cameras, &QComboBox::activated, this, [this](int index) {
        const QList<QCameraDevice> cameras = QMediaDevices::videoInputs();
        if (index >= 0 && index < cameras.size()) {
            startCamera(cameras.at(index));
        }
    });
    listCameras();
}

CameraScanDialog::~CameraScanDialog()
{
    stopCamera();
}

bool CameraScanDialog::hasCamera() const
{
    return m_camera != nullptr;
}

QVideoSink* CameraScanDialog::videoSink() const
{
    return m_view->videoSink();
}

QString CameraScanDialog::instruction() const
{
    return m_instruction->text();
}

QString CameraScanDialog::message() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void CameraScanDialog::done(int result)
{
    stopCamera();
    QDialog::done(result);
}

void CameraScanDialog::listCameras()
{
    const QList<QCameraDevice> cameras = QMediaDevices::videoInputs();
    const QByteArray current = m_camera ? m_camera->cameraDevice().id() : QByteArray();
    m_cameras->clear();
    for (const QCameraDevice& camera : cameras) {
        m_cameras->addItem(camera.description());
    }
    const bool any = !cameras.isEmpty();
    m_instruction->setText(any ? tr("QRコードをカメラに向けてください") : tr("カメラが見つかりません"));
    m_choice->setVisible(any);
    m_view->setVisible(any);
    if (!any) {
        stopCamera();
        showMessage(tr("カメラをつなぐと、ここに映像が出ます。\n"
                       "カメラがなくても、次の方法で保険証のQRコードを読み取れます。\n"
                       "・ハンドスキャナー: この画面を閉じ、保険証の入力欄にカーソルを置いてQRコードを読み取る\n"
                       "・画像ファイル: ファイル → 保険証のQRコードを画像ファイルから読み取る（Ctrl+I）\n"
                       "・画面の写し: QRコードの写った画面をコピーし、ファイル → コピーした画像から読み取る"
                       "（Ctrl+Shift+V）"),
                    false);
        return;
    }
    // Keep the camera in use when another one comes or goes; otherwise take the system's default.
    qsizetype chosen = -1;
    for (qsizetype i = 0; i < cameras.size(); ++i) {
        if (cameras.at(i).id() == current) {
            chosen = i;
        }
    }
    if (chosen < 0) {
        chosen = std::max<qsizetype>(0, cameras.indexOf(QMediaDevices::defaultVideoInput()));
        startCamera(cameras.at(chosen));
    }
    m_cameras->setCurrentIndex(static_cast<int>(chosen));
}

void CameraScanDialog::startCamera(const QCameraDevice& device)
{
    stopCamera();
    m_message->hide();
    m_camera = std::make_unique<QCamera>(device);
    connect(m_camera.get(), &QCamera::errorOccurred, this, [this](QCamera::Error, const QString& detail) {
        showMessage(tr("カメラを使えません（%1）。"
                       "別のカメラを選ぶか、ハンドスキャナーか画像ファイルで読み取ってください。")
                        .arg(detail),
                    true);
    });
    m_session.setCamera(m_camera.get());
    m_camera->start();
}

void CameraScanDialog::stopCamera()
{
    if (!m_camera) {
        return;
    }
    m_camera->stop();
    m_session.setCamera(nullptr);
    m_camera.reset();
}

void CameraScanDialog::showMessage(const QString& text, bool problem)
{
    m_message->setText(text);
    m_message->setStyleSheet(problem ? QString::fromLatin1(kProblemStyle) : QString());
    m_message->show();
}

} // namespace oqs::client::gui
