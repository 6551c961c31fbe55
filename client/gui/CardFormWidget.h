// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/CardFormValidator.h"
#include "gui/QrImageReader.h"

#include <QMap>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace oqs::client::gui {

/// Verify by insurance card: the four card keys, birth date, consultation date and the patient ID, each with its
/// own message line underneath, checked as the clerk types (CardFormValidator). A handheld QR scanner typing an
/// insurance-card payload (OQSC1|…) into any field fills every field. Enter sends.
class CardFormWidget : public QWidget {
    Q_OBJECT

public:
    /// Field names, as CardFormValidator reports them.
    static const QStringList& fieldNames();

    explicit CardFormWidget(QWidget* parent = nullptr);

    /// The line edit of a field (for tests and focus handling).
    QLineEdit* field(const QString& name) const;
    /// The message currently shown under a field; empty if none.
    QString errorOf(const QString& name) const;
    QPushButton* submitButton() const { return m_submit; }
    /// The consultation date and patient ID also apply to a card tap; empty if not usable.
    core::CardFormInput currentInput() const;
    /// Empties the patient's fields for the next patient (the consultation date stays).
    void clearPatient();
    /// Fills the form from a QR code read out of a picture (file or pasted screenshot), through the same parser
    /// as a wedge scan; a picture without a usable code shows why in the scan message line. True if filled.
    bool fillFromQrImage(const QrImageReader::Reading& reading);
    /// The line under the form that reports scans (empty when hidden).
    QString scanMessage() const;

signals:
    /// A complete, checked request: the caller queues it.
    void submitted(const oqs::common::InsuranceCardVerificationRequest& request);

private:
    void onEdited(const QString& name, const QString& text);
    /// The form checked against today, with messages in the screen's language.
    core::CardFormCheck checkInput() const;
    void trySubmit();
    bool applyScan(const QString& text, bool scanEnded);
    void showErrors(const QMap<QString, QString>& errors, bool all);

    QMap<QString, QLineEdit*> m_fields;
    QMap<QString, QLabel*> m_errors;
    QSet<QString> m_touched; ///< fields the clerk has typed in: only those get live messages
    QLabel* m_scanMessage;
    QPushButton* m_submit;
};

} // namespace oqs::client::gui
