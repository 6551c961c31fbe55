// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/ReceptionService.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QListWidget;
class QPushButton;

namespace oqs::client::gui {

/// The large result panel: a coloured band with symbol, headline and the next step for the clerk; the patient's
/// details; a list when several qualifications are valid (picking one shows its details); the result QR code for
/// the HIS; buttons for the result sheet.
class ResultPanel : public QWidget {
    Q_OBJECT

public:
    explicit ResultPanel(QWidget* parent = nullptr);

    /// Shows the query in its current state (call again whenever it changes).
    void showQuery(const core::Query& query);
    /// Back to "waiting for the next patient".
    void showIdle(const QString& hint);
    /// A card that could not be read (a new patient's tap): the card-error band with the reader's next step, so the
    /// previous patient's answer is not left on screen.
    void showCardProblem(const QString& nextStep);

    QString headline() const;
    QString nextStep() const;
    /// The background colour of the band (tests check valid / invalid / error are told apart).
    QColor bandColour() const;
    /// The shown result QR payload; empty if none.
    QString qrPayload() const { return m_qrPayload; }
    QListWidget* qualificationList() const { return m_list; }
    QString detailText() const;
    /// The shown query with the qualification the clerk picked first (what the result sheet prints); nullopt
    /// when idle.
    const std::optional<core::Query>& shownQuery() const { return m_shown; }

signals:
    void printRequested();
    void pdfRequested();

private:
    void showBand(const QColor& background, const QColor& foreground, const QString& symbol, const QString& headline,
                  const QString& nextStep);
    void showDetails(int qualificationIndex);

    QWidget* m_band;
    QLabel* m_symbol;
    QLabel* m_headline;
    QLabel* m_nextStep;
    QListWidget* m_list;
    QFormLayout* m_details;
    QLabel* m_qr;
    QPushButton* m_print;
    QPushButton* m_pdf;
    std::optional<core::Query> m_query;
    std::optional<core::Query> m_shown;
    QString m_qrPayload;
    QColor m_bandColour;
};

} // namespace oqs::client::gui
