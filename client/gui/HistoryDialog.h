// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/HistoryService.h"
#include "core/ReceptionService.h"

#include <QDialog>
#include <QMap>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace oqs::client::gui {

class ResultPanel;

/// History search of the own institution (B-2-2 #8–#10): date range (at most 5 months back), patient ID and
/// result; the rows found; a picked row's full answer fetched again by receipt number and shown in a result
/// panel. Thin over core::HistoryService; every field has its own message line.
class HistoryDialog : public QDialog {
    Q_OBJECT

public:
    HistoryDialog(core::ServerClient& client, QWidget* parent = nullptr);

    /// The text fields: "from", "to", "identifier".
    QLineEdit* field(const QString& name) const;
    /// The result filter; its item data is the status wire code, empty for every result.
    QComboBox* statusFilter() const { return m_status; }
    /// The message under a field; empty if none.
    QString errorOf(const QString& name) const;
    /// The line above the rows: how many were found, or what went wrong.
    QString summary() const;
    QTableWidget* rows() const { return m_rows; }
    ResultPanel* resultPanel() const { return m_result; }
    /// The service the dialog renders (its signals drive the rows and the result panel).
    core::HistoryService& service() { return m_service; }

    /// Searches with what is in the form (the 検索 button and Enter).
    void search();
    /// Opens the answer of the given row (double-click, the 結果を表示 button).
    void openRow(int row);

signals:
    /// A past answer is shown; the main window prints its sheet when the clerk asks.
    void printRequested(const oqs::client::core::Query& query);
    void pdfRequested(const oqs::client::core::Query& query);

private:
    void showRows(const common::HistoryPage& page);
    void showAnswer(const common::VerificationAnswer& answer);
    void showProblem(const QString& problem, const QMap<QString, QString>& fieldErrors);
    void showErrors(const QMap<QString, QString>& errors);

    core::HistoryService m_service;
    QMap<QString, QLineEdit*> m_fields;
    QMap<QString, QLabel*> m_errors;
    QComboBox* m_status;
    QPushButton* m_searchButton;
    QPushButton* m_openButton;
    QLabel* m_summary;
    QTableWidget* m_rows;
    ResultPanel* m_result;
};

} // namespace oqs::client::gui
