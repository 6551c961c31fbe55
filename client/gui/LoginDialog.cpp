// SPDX-License-Identifier: Apache-2.0
#include "gui/LoginDialog.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace oqs::client::gui {

LoginDialog::LoginDialog(core::ServerClient& client, QWidget* parent) : QDialog(parent), m_client(client)
{
    setWindowTitle(tr("ログイン（オンライン資格確認）"));
    m_user = new QLineEdit(this);
    m_password = new QLineEdit(this);
    m_password->setEchoMode(QLineEdit::Password);
    m_newPassword = new QLineEdit(this);
    m_newPassword->setEchoMode(QLineEdit::Password);
    m_newPassword->setPlaceholderText(tr("10文字以上、英大文字・英小文字・数字・記号のうち3種類以上"));
    m_confirm = new QLineEdit(this);
    m_confirm->setEchoMode(QLineEdit::Password);

    auto* form = new QFormLayout;
    form->addRow(tr("ユーザーID"), m_user);
    form->addRow(tr("パスワード"), m_password);
    m_changeRows = new QWidget(this);
    auto* changeForm = new QFormLayout(m_changeRows);
    changeForm->setContentsMargins(0, 0, 0, 0);
    changeForm->addRow(new QLabel(tr("初回ログインのため、新しいパスワードを決めてください。"), m_changeRows));
    changeForm->addRow(tr("新しいパスワード"), m_newPassword);
    changeForm->addRow(tr("新しいパスワード（確認）"), m_confirm);
    m_changeRows->hide();
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b71c1c;"));
    m_message->hide();
    m_ok = new QPushButton(tr("ログイン"), this);
    m_ok->setDefault(true);
    connect(m_ok, &QPushButton::clicked, this, &LoginDialog::submit);
    connect(&m_client, &core::ServerClient::replied, this, &LoginDialog::onReplied);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_changeRows);
    layout->addWidget(m_message);
    layout->addWidget(m_ok);
    resize(520, 0);
}

QString LoginDialog::userId() const
{
    return m_user->text().trimmed();
}

QString LoginDialog::message() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

void LoginDialog::showMessage(const QString& text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void LoginDialog::submit()
{
    if (m_user->text().trimmed().isEmpty() || m_password->text().isEmpty()) {
        showMessage(tr("ユーザーIDとパスワードを入力してください。"));
        return;
    }
    if (m_changing) {
        if (m_newPassword->text() != m_confirm->text()) {
            showMessage(tr("新しいパスワードが確認欄と一致しません。"));
            return;
        }
        m_callId = m_client.changePassword(m_password->text(), m_newPassword->text());
    } else {
        m_callId = m_client.login(m_user->text().trimmed(), m_password->text());
    }
    m_ok->setEnabled(false);
    showMessage(QString());
}

void LoginDialog::onReplied(quint64 callId, const core::ServerReply& reply)
{
    if (callId != m_callId) {
        return;
    }
    m_callId = 0;
    m_ok->setEnabled(true);
    if (reply.session) {
        m_client.setSessionToken(QString::fromStdString(reply.session->token));
        if (!reply.session->mustChangePassword) {
            accept();
            return;
        }
        m_changing = true;
        m_changeRows->show();
        m_user->setEnabled(false);
        m_ok->setText(tr("パスワードを変更してログイン"));
        m_newPassword->setFocus();
        return;
    }
    if (reply.transport != core::ServerReply::Transport::Answered) {
        showMessage(tr("サーバーに接続できません（%1）。設定とネットワークを確認してください。").arg(reply.detail));
        return;
    }
    if (reply.error && reply.error->status == common::Status::BadRequest && m_changing) {
        showMessage(tr("新しいパスワードが条件を満たしていません（10文字以上、英大文字・英小文字・数字・記号のうち"
                       "3種類以上、ユーザーIDや今のパスワードと異なること）。"));
        return;
    }
    // Wrong ID, wrong password and a locked account get the same answer from the server (no oracle).
    showMessage(tr("ユーザーIDまたはパスワードが違うか、続けて間違えたためアカウントが一時的にロックされています。"));
}

} // namespace oqs::client::gui
