// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace oqs::client::gui {

/// Asks the patient for the 4-digit user-authentication PIN of the My Number card (PIN mode), showing the tries
/// left. With one try left, the first OK only warns that a wrong PIN will block the card; a second, explicit OK is
/// needed to spend the last try (lastTryConfirmed()). The PIN is masked and never stored.
class PinDialog : public QDialog {
    Q_OBJECT

public:
    /// `triesLeft` 1 to 3; `afterWrongPin` when the previous PIN was wrong.
    PinDialog(int triesLeft, bool afterWrongPin, QWidget* parent = nullptr);

    /// The PIN typed, 4 digits once accepted.
    QString pin() const;
    /// Whether the clerk confirmed, a second time, spending the last try.
    bool lastTryConfirmed() const { return m_lastTryConfirmed; }
    /// Whether the dialog now waits for the second confirmation of the last try.
    bool awaitingLastTryConfirmation() const { return m_confirming; }

    QLineEdit* pinField() const { return m_pin; }
    QPushButton* okButton() const { return m_ok; }
    /// The line telling the tries left, after "wrong PIN" when it was, and the warnings at the last try.
    QString triesText() const;

    void accept() override;

private:
    void updateOk();

    int m_triesLeft;
    QLineEdit* m_pin;
    QLabel* m_tries;
    QPushButton* m_ok;
    bool m_confirming = false;
    bool m_lastTryConfirmed = false;
};

} // namespace oqs::client::gui
