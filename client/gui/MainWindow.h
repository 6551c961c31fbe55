// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/CardPinFlow.h"
#include "core/CardReader.h"
#include "core/ClientSettings.h"
#include "core/ReceptionService.h"
#include "core/ResultCsvExporter.h"

#include <QMainWindow>
#include <QPointer>

class QLabel;
class QTableView;

namespace oqs::client::gui {

class CameraScanDialog;
class CardFormWidget;
class HistoryDialog;
class ResultPanel;
class WorkListModel;

/// The reception counter's one screen: verify by insurance card (typed or scanned) or by My Number card tap on
/// the left, the large result on the right, today's work list below. Thin over ReceptionService and CardReader.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    /// `client` is the one `service` sends through (the settings screen reconfigures it). `reader` may be null
    /// (no reader implementation in this build): the reader area then says so. `configurationProblem`
    /// (certificate or URL unusable) is shown until fixed; queries are still queued.
    MainWindow(core::ReceptionService& service, core::ServerClient& client, const QString& configurationProblem,
               core::CardReader* reader = nullptr, QWidget* parent = nullptr);

    /// Asks the clerk to log in (modal); true once a session exists. Called at start and when the server asks.
    bool login();
    /// The settings the screen starts from and saves to `store` when the clerk changes them.
    void setSettings(const core::ClientSettings& settings, QSettings* store);

    CardFormWidget* cardForm() const { return m_form; }
    ResultPanel* resultPanel() const { return m_result; }
    QTableView* workList() const { return m_workList; }
    QString readerStatus() const;
    QString statusMessage() const;

    /// Writes today's answered results (or the selected rows) as CSV to `path`; empty string or what failed.
    QString exportCsv(const QString& path, const QList<core::ResultCsvExporter::Column>& columns,
                      common::TextEncoding encoding, bool selectedOnly) const;
    /// Shows a problem the clerk must know about (settings, local storage) in red in the status bar.
    void reportProblem(const QString& text);
    /// Writes the shown result's sheet as PDF; empty string or what failed.
    QString exportResultPdf(const QString& path) const;
    /// Shows the history search (受付 → 受付履歴の検索, Ctrl+H), non-modal so the counter keeps working; the same
    /// dialog comes back to the front when asked again.
    HistoryDialog* openHistory();
    /// Opens the camera QR reader (ファイル → カメラで保険証のQRコードを読み取る, Ctrl+Shift+C), window-modal and
    /// deleted when closed; the payload it reads fills the form exactly like a picture's or a scanner's.
    CameraScanDialog* openCamera();

private:
    void buildMenus();
    void openSettings();
    void showQuery(quint64 id);
    void onQueryChanged(quint64 id);
    void chooseCsvExport();
    void chooseQrImage();
    void chooseResultPdf();
    void printResult();
    void choosePdfFor(const core::Query& query);
    void printQuery(const core::Query& query);
    void connectReader(core::CardReader* reader);
    /// Submits a My Number card check with the form's identifier and date; challenge and signature in PIN mode.
    void submitCard(const QByteArray& der, const QByteArray& challenge, const QByteArray& signature);
    /// PIN mode: asks the PIN (PinDialog) and hands it to the card, or ends the card session.
    void askPin(int triesLeft, bool afterWrongPin);
    void setReaderStatus(const QString& text, bool problem);
    QList<core::Query> selectedQueries() const;

    core::ReceptionService& m_service;
    core::ServerClient& m_client;
    core::CardReader* m_reader;
    core::CardPinFlow* m_pinFlow = nullptr; ///< with the reader, when there is one
    core::ClientSettings m_settings;
    QSettings* m_settingsStore = nullptr;
    CardFormWidget* m_form;
    ResultPanel* m_result;
    WorkListModel* m_model;
    QTableView* m_workList;
    QLabel* m_readerStatus;
    QLabel* m_status;
    quint64 m_shownId = 0;
    QPointer<HistoryDialog> m_history;
};

} // namespace oqs::client::gui
