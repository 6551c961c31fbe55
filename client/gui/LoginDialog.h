// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/ServerClient.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace oqs::client::gui {

/// The clerk's login (D7: personal accounts, audit needs people), with the first-login password change when the
/// server asks for it. On success the session token is set on the ServerClient and the dialog accepts.
class LoginDialog : public QDialog {
    Q_OBJECT

public:
    LoginDialog(core::ServerClient& client, QWidget* parent = nullptr);

    QLineEdit* userField() const { return m_user; }
    QLineEdit* passwordField() const { return m_password; }
    QLineEdit* newPasswordField() const { return m_newPassword; }
    QLineEdit* confirmField() const { return m_confirm; }
    QPushButton* okButton() const { return m_ok; }
    /// The message under the fields (refusal, policy, mismatch).
    QString message() const;
    /// Whether the dialog now asks for a new password.
    bool changingPassword() const { return m_changing; }
    /// The logged-in clerk's user ID, after acceptance.
    QString userId() const;

private:
    void submit();
    void onReplied(quint64 callId, const core::ServerReply& reply);
    void showMessage(const QString& text);

    core::ServerClient& m_client;
    QLineEdit* m_user;
    QLineEdit* m_password;
    QLineEdit* m_newPassword;
    QLineEdit* m_confirm;
    QWidget* m_changeRows;
    QLabel* m_message;
    QPushButton* m_ok;
    quint64 m_callId = 0;
    bool m_changing = false;
};

} // namespace oqs::client::gui
