// SPDX-License-Identifier: Apache-2.0
#include "gui/MainWindow.h"

#include "core/DurableFile.h"
#include "gui/CameraScanDialog.h"
#include "gui/CardFormWidget.h"
#include "gui/CsvExportDialog.h"
#include "gui/HistoryDialog.h"
#include "gui/LoginDialog.h"
#include "gui/PinDialog.h"
#include "gui/QrImageReader.h"
#include "gui/ResultPanel.h"
#include "gui/ResultSheet.h"
#include "gui/SettingsDialog.h"
#include "gui/WorkListModel.h"

#include <QClipboard>
#include <QFileDialog>
#include <QGuiApplication>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPrintDialog>
#include <QPrinter>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>

namespace oqs::client::gui {

using core::CardReader;
using core::Query;

MainWindow::MainWindow(core::ReceptionService& service, core::ServerClient& client,
                       const QString& configurationProblem, CardReader* reader, QWidget* parent)
    : QMainWindow(parent), m_service(service), m_client(client), m_reader(reader)
{
    setWindowTitle(tr("オンライン資格確認 受付"));

    m_form = new CardFormWidget(this);
    auto* cardGroup = new QGroupBox(tr("保険証で確認"), this);
    (new QVBoxLayout(cardGroup))->addWidget(m_form);

    auto* readerGroup = new QGroupBox(tr("マイナンバーカードで確認"), this);
    m_readerStatus = new QLabel(readerGroup);
    m_readerStatus->setWordWrap(true);
    QFont readerFont = m_readerStatus->font();
    readerFont.setPointSize(12);
    m_readerStatus->setFont(readerFont);
    (new QVBoxLayout(readerGroup))->addWidget(m_readerStatus);

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(readerGroup);
    leftLayout->addWidget(cardGroup, 1);
    left->setMinimumWidth(440); // room for the hints in the fields and the messages under them

    m_result = new ResultPanel(this);

    m_model = new WorkListModel(service, this);
    m_workList = new QTableView(this);
    m_workList->setModel(m_model);
    m_workList->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_workList->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_workList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_workList->verticalHeader()->hide();
    m_workList->horizontalHeader()->setSectionResizeMode(WorkListModel::State, QHeaderView::Stretch);
    m_workList->horizontalHeader()->setSectionResizeMode(WorkListModel::Result, QHeaderView::ResizeToContents);
    m_workList->setMinimumHeight(180);
    auto* listGroup = new QGroupBox(tr("本日の受付一覧（選ぶと結果を表示）"), this);
    (new QVBoxLayout(listGroup))->addWidget(m_workList);

    auto* top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(left);
    top->addWidget(m_result);
    top->setStretchFactor(1, 1);
    auto* whole = new QSplitter(Qt::Vertical, this);
    whole->addWidget(top);
    whole->addWidget(listGroup);
    whole->setStretchFactor(0, 3);
    whole->setStretchFactor(1, 1);
    setCentralWidget(whole);

    m_status = new QLabel(this);
    statusBar()->addWidget(m_status, 1);
    if (!configurationProblem.isEmpty()) {
        reportProblem(tr("設定に問題があります: %1").arg(configurationProblem));
    }

    buildMenus();
    connect(m_form, &CardFormWidget::submitted, this, [this](const common::InsuranceCardVerificationRequest& request) {
        showQuery(m_service.submit(request));
    });
    connect(&service, &core::ReceptionService::queryChanged, this, &MainWindow::onQueryChanged);
    connect(&service, &core::ReceptionService::loginRequired, this, [this] {
        reportProblem(tr("ログインの有効期限が切れました。照会は保存されています。ツール → ログイン からログインし直してください。"));
    });
    connect(&service, &core::ReceptionService::storageFailed, this, [this](const QString& problem) {
        reportProblem(tr("照会をこのパソコンに保存できませんでした: %1").arg(problem));
    });
    connect(m_workList->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid()) {
                    showQuery(m_model->queryIdAt(current.row()));
                }
            });
    connect(m_result, &ResultPanel::printRequested, this, &MainWindow::printResult);
    connect(m_result, &ResultPanel::pdfRequested, this, &MainWindow::chooseResultPdf);
    connectReader(reader);
    resize(1280, 860);
    m_form->field("insurerNumber")->setFocus();
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("ファイル(&F)"));
    file->addAction(tr("CSVファイルに書き出す(&E)…"), QKeySequence(Qt::CTRL | Qt::Key_E), this,
                    &MainWindow::chooseCsvExport);
    file->addAction(tr("結果票を印刷(&P)…"), QKeySequence::Print, this, &MainWindow::printResult);
    file->addAction(tr("結果票をPDFに保存(&D)…"), this, &MainWindow::chooseResultPdf);
    file->addSeparator();
    file->addAction(tr("保険証のQRコードを画像ファイルから読み取る(&I)…"), QKeySequence(Qt::CTRL | Qt::Key_I), this,
                    &MainWindow::chooseQrImage);
    file->addAction(tr("コピーした画像から保険証のQRコードを読み取る(&V)"),
                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V), this, [this] {
                        m_form->fillFromQrImage(QrImageReader::read(QGuiApplication::clipboard()->image()));
                    });
    file->addAction(tr("カメラで保険証のQRコードを読み取る(&C)…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), this,
                    &MainWindow::openCamera);
    file->addSeparator();
    file->addAction(tr("終了(&X)"), QKeySequence::Quit, this, &QWidget::close);
    QMenu* tools = menuBar()->addMenu(tr("ツール(&T)"));
    tools->addAction(tr("ログイン(&L)…"), this, &MainWindow::login);
    tools->addAction(tr("設定・接続テスト(&S)…"), this, &MainWindow::openSettings);
    QMenu* work = menuBar()->addMenu(tr("受付(&R)"));
    work->addAction(tr("送信待ちを今すぐ再送(&S)"), QKeySequence(Qt::Key_F5), &m_service,
                    &core::ReceptionService::retryNow);
    work->addAction(tr("受付履歴の検索(&H)…"), QKeySequence(Qt::CTRL | Qt::Key_H), this, &MainWindow::openHistory);
    work->addAction(tr("次の患者さん(&N)"), QKeySequence(Qt::Key_Escape), this, [this] {
        m_form->clearPatient();
        m_shownId = 0;
        m_result->showIdle(tr("保険証の内容を入力するか、マイナンバーカードをリーダーに置いてください。"));
    });
}

bool MainWindow::login()
{
    LoginDialog dialog(m_client, this);
    if (dialog.exec() != QDialog::Accepted) {
        reportProblem(tr("ログインしていません。照会は保存され、ログイン後に送信されます（ツール → ログイン）。"));
        return false;
    }
    m_status->setStyleSheet(QString());
    m_status->setText(tr("%1 でログインしています。").arg(dialog.userId()));
    m_service.retryNow();
    return true;
}

void MainWindow::setSettings(const core::ClientSettings& settings, QSettings* store)
{
    m_settings = settings;
    m_settingsStore = store;
    if (m_pinFlow) {
        m_pinFlow->setEnabled(settings.pinMode);
    }
    if (m_reader && !settings.readerName.isEmpty()) {
        m_reader->start(settings.readerName);
    }
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_settings, m_client.settings().pkcs12Password, m_reader, this);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    const QString previousReader = m_settings.readerName;
    m_settings = dialog.settings();
    if (m_settingsStore) {
        m_settings.save(*m_settingsStore);
    }
    core::ServerSettings server = m_settings.server;
    server.pkcs12Password = dialog.pkcs12Password();
    server.clerkId = m_client.settings().clerkId;
    if (const QString problem = m_client.configure(server); !problem.isEmpty()) {
        reportProblem(tr("設定に問題があります: %1").arg(problem));
        return;
    }
    m_status->setStyleSheet(QString());
    m_status->setText(tr("設定を保存しました。"));
    if (m_pinFlow) {
        m_pinFlow->setEnabled(m_settings.pinMode);
    }
    if (m_reader && previousReader != m_settings.readerName) {
        m_reader->start(m_settings.readerName);
    }
    m_service.retryNow(); // waiting queries go out with the new settings at once
}

void MainWindow::connectReader(CardReader* reader)
{
    if (!reader) {
        setReaderStatus(tr("カードリーダー未接続（この端末ではマイナンバーカードを読み取れません）"), true);
        return;
    }
    connect(reader, &CardReader::readersChanged, this, [this](const QStringList& readers) {
        if (readers.isEmpty()) {
            setReaderStatus(tr("カードリーダーが見つかりません。USBケーブルを確認してください。"), true);
        } else {
            setReaderStatus(tr("カードをリーダーに置いてください（%1）").arg(readers.front()), false);
        }
    });
    connect(reader, &CardReader::cardInserted, this,
            [this] { setReaderStatus(tr("読み取り中です。カードを動かさないでください…"), false); });
    connect(reader, &CardReader::cardRemoved, this,
            [this] { setReaderStatus(tr("カードをリーダーに置いてください"), false); });
    connect(reader, &CardReader::certificateRead, this, [this](const QByteArray& der) { submitCard(der, {}, {}); });
    connect(reader, &CardReader::certificateSigned, this, &MainWindow::submitCard);
    // PIN mode (settings): the patient's PIN through PinDialog, then the card signs the server's challenge.
    m_pinFlow = new core::CardPinFlow(*reader, m_client, this);
    m_pinFlow->setEnabled(m_settings.pinMode);
    connect(m_pinFlow, &core::CardPinFlow::pinNeeded, this, &MainWindow::askPin);
    connect(m_pinFlow, &core::CardPinFlow::challengeFailed, this,
            [this](const QString& reason) { setReaderStatus(reason, true); });
    connect(reader, &CardReader::readFailed, this, [this](CardReader::Problem problem, const QString&) {
        // A problem with the card just tapped also replaces the previous patient's answer in the big panel.
        const auto cardProblem = [this](const QString& nextStep) {
            setReaderStatus(nextStep, true);
            m_result->showCardProblem(nextStep);
        };
        switch (problem) {
        case CardReader::Problem::NoService:
            setReaderStatus(tr("カード読み取りサービスが動いていません。管理者に連絡してください。"), true);
            break;
        case CardReader::Problem::NoReader:
            setReaderStatus(tr("カードリーダーが見つかりません。USBケーブルを確認してください。"), true);
            break;
        case CardReader::Problem::NotJpki:
            cardProblem(tr("マイナンバーカードではありません。カードを確認してください。"));
            break;
        case CardReader::Problem::RemovedMidRead:
            cardProblem(tr("読み取り中にカードが外されました。もう一度置いてください。"));
            break;
        case CardReader::Problem::ReadFailed:
            cardProblem(tr("カードを読み取れませんでした。置き直してください。"));
            break;
        case CardReader::Problem::PinBlocked:
            cardProblem(tr("暗証番号がロックされています（解除は市区町村の窓口）。暗証番号なしで確認してください。"));
            break;
        case CardReader::Problem::PinAbandoned:
            setReaderStatus(tr("暗証番号が入力されなかったため、確認を中止しました。"), true);
            break;
        }
    });
    const QStringList readers = reader->readers();
    setReaderStatus(readers.isEmpty() ? tr("カードリーダーが見つかりません。USBケーブルを確認してください。")
                                      : tr("カードをリーダーに置いてください（%1）").arg(readers.front()),
                    readers.isEmpty());
    reader->start(QString());
}

void MainWindow::submitCard(const QByteArray& der, const QByteArray& challenge, const QByteArray& signature)
{
    setReaderStatus(tr("読み取りました。カードを外してください。"), false);
    const core::CardFormInput input = m_form->currentInput();
    common::CertificateVerificationRequest request;
    request.certificateDer = der.toStdString();
    request.consultationDate = core::CardFormValidator::parseDate(input.consultationDate);
    request.identifier = input.identifier.trimmed().toStdString();
    request.challenge = challenge.toStdString();
    request.signature = signature.toStdString();
    showQuery(m_service.submit(request));
}

void MainWindow::askPin(int triesLeft, bool afterWrongPin)
{
    PinDialog dialog(triesLeft, afterWrongPin, this);
    if (dialog.exec() != QDialog::Accepted) {
        m_pinFlow->cancel();
        return;
    }
    setReaderStatus(tr("暗証番号を確認しています。カードを動かさないでください…"), false);
    m_pinFlow->enterPin(dialog.pin(), dialog.lastTryConfirmed());
}

void MainWindow::setReaderStatus(const QString& text, bool problem)
{
    m_readerStatus->setText(text);
    m_readerStatus->setStyleSheet(problem ? QStringLiteral("color: #b71c1c;") : QString());
}

QString MainWindow::readerStatus() const
{
    return m_readerStatus->text();
}

void MainWindow::reportProblem(const QString& text)
{
    m_status->setText(text);
    m_status->setStyleSheet(QStringLiteral("color: #b71c1c; font-weight: bold;"));
}

QString MainWindow::statusMessage() const
{
    return m_status->text();
}

void MainWindow::showQuery(quint64 id)
{
    m_shownId = id;
    if (const Query* query = m_service.find(id)) {
        m_result->showQuery(*query);
    }
}

void MainWindow::onQueryChanged(quint64 id)
{
    if (id == m_shownId) {
        showQuery(id);
    }
}

QList<Query> MainWindow::selectedQueries() const
{
    QList<Query> queries;
    const QModelIndexList rows = m_workList->selectionModel()->selectedRows();
    for (const QModelIndex& row : rows) {
        if (const Query* query = m_service.find(m_model->queryIdAt(row.row()))) {
            queries.append(*query);
        }
    }
    std::sort(queries.begin(), queries.end(), [](const Query& a, const Query& b) { return a.id < b.id; });
    return queries;
}

QString MainWindow::exportCsv(const QString& path, const QList<core::ResultCsvExporter::Column>& columns,
                              common::TextEncoding encoding, bool selectedOnly) const
{
    QString error;
    const QByteArray bytes =
        core::ResultCsvExporter::write(selectedOnly ? selectedQueries() : m_service.queries(), columns, encoding, error);
    if (!error.isEmpty()) {
        return tr("CSVに書き出せない文字があります（%1）。UTF-8 を選んでください。").arg(error);
    }
    return core::DurableFile::write(path, bytes);
}

QString MainWindow::exportResultPdf(const QString& path) const
{
    const auto& shown = m_result->shownQuery();
    if (!shown || !shown->answer) {
        return tr("回答が表示されていません。");
    }
    return ResultSheet(*shown).writePdf(path);
}

void MainWindow::chooseQrImage()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("QRコードの画像"), QString(),
                                                      tr("画像ファイル (*.png *.jpg *.jpeg *.bmp *.gif)"));
    if (!path.isEmpty()) {
        m_form->fillFromQrImage(QrImageReader::readFile(path));
    }
}

CameraScanDialog* MainWindow::openCamera()
{
    auto* dialog = new CameraScanDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CameraScanDialog::payloadRead, this, [this](const QString& payload) {
        m_form->fillFromQrImage({QrImageReader::Finding::Payload, payload, {}});
    });
    dialog->open();
    return dialog;
}

HistoryDialog* MainWindow::openHistory()
{
    if (!m_history) {
        m_history = new HistoryDialog(m_client, this);
        m_history->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_history, &HistoryDialog::printRequested, this, &MainWindow::printQuery);
        connect(m_history, &HistoryDialog::pdfRequested, this, &MainWindow::choosePdfFor);
    }
    m_history->show();
    m_history->raise();
    m_history->activateWindow();
    return m_history;
}

void MainWindow::chooseCsvExport()
{
    CsvExportDialog dialog(m_settings.csvColumns, m_settings.csvEncoding, m_workList->selectionModel()->hasSelection(),
                           this);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    m_settings.csvColumns = dialog.columns();
    m_settings.csvEncoding = dialog.encoding();
    if (m_settingsStore) {
        m_settings.save(*m_settingsStore);
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("CSVファイルの保存先"),
                                                      QStringLiteral("oqs-results.csv"), tr("CSVファイル (*.csv)"));
    if (path.isEmpty()) {
        return;
    }
    if (const QString problem = exportCsv(path, m_settings.csvColumns, m_settings.csvEncoding, dialog.selectedOnly());
        !problem.isEmpty()) {
        QMessageBox::warning(this, tr("CSVの書き出し"), problem);
        return;
    }
    m_status->setStyleSheet(QString());
    m_status->setText(tr("CSVファイルを書き出しました: %1").arg(path));
}

void MainWindow::chooseResultPdf()
{
    if (const auto& shown = m_result->shownQuery()) {
        choosePdfFor(*shown);
    } else {
        QMessageBox::warning(this, tr("結果票"), tr("回答が表示されていません。"));
    }
}

void MainWindow::choosePdfFor(const Query& query)
{
    if (!query.answer) {
        QMessageBox::warning(this, tr("結果票"), tr("回答が表示されていません。"));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("結果票の保存先"), QStringLiteral("oqs-result.pdf"),
                                                      tr("PDFファイル (*.pdf)"));
    if (path.isEmpty()) {
        return;
    }
    if (const QString problem = ResultSheet(query).writePdf(path); !problem.isEmpty()) {
        QMessageBox::warning(this, tr("結果票"), problem);
    }
}

void MainWindow::printResult()
{
    if (const auto& shown = m_result->shownQuery()) {
        printQuery(*shown);
    }
}

void MainWindow::printQuery(const Query& query)
{
    if (!query.answer) {
        return;
    }
    QPrinter printer(QPrinter::HighResolution);
    QPrintDialog dialog(&printer, this);
    if (dialog.exec() == QDialog::Accepted) {
        ResultSheet(query).print(printer);
    }
}

} // namespace oqs::client::gui
