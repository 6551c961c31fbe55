// SPDX-License-Identifier: Apache-2.0
#include "gui/PinDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace oqs::client::gui {

namespace {

constexpr int kPinDigits = 4;
constexpr auto kWarningStyle = "color: #b71c1c; font-weight: bold;";

} // namespace

PinDialog::PinDialog(int triesLeft, bool afterWrongPin, QWidget* parent)
    : QDialog(parent), m_triesLeft(triesLeft), m_pin(new QLineEdit(this)), m_tries(new QLabel(this)),
      m_ok(nullptr)
{
    setWindowTitle(tr("暗証番号の入力"));
    auto* layout = new QVBoxLayout(this);
    auto* prompt = new QLabel(
        tr("患者さんに、マイナンバーカードの利用者証明用電子証明書の暗証番号（数字4桁）を入力してもらってください。"),
        this);
    prompt->setWordWrap(true);
    layout->addWidget(prompt);

    m_pin->setEchoMode(QLineEdit::Password);
    m_pin->setMaxLength(kPinDigits);
    m_pin->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,4}")), m_pin));
    m_pin->setInputMethodHints(Qt::ImhDigitsOnly | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    m_pin->setAlignment(Qt::AlignCenter);
    QFont large = m_pin->font();
    large.setPointSizeF(large.pointSizeF() * 2);
    m_pin->setFont(large);
    layout->addWidget(m_pin);

    m_tries->setWordWrap(true);
    const QString tries =
        triesLeft == 1 ? tr("残り 1 回です。間違えるとカードがロックされ、市区町村の窓口でしか解除できません。")
                       : tr("残り %1 回").arg(triesLeft);
    m_tries->setText(afterWrongPin ? tr("暗証番号が違います。") + tries : tries);
    if (afterWrongPin || triesLeft == 1) {
        m_tries->setStyleSheet(kWarningStyle);
    }
    layout->addWidget(m_tries);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("確認"));
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("暗証番号を使わない"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &PinDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &PinDialog::reject);
    connect(m_pin, &QLineEdit::textChanged, this, &PinDialog::updateOk);
    updateOk();
    m_pin->setFocus();
}

QString PinDialog::pin() const
{
    return m_pin->text();
}

QString PinDialog::triesText() const
{
    return m_tries->text();
}

void PinDialog::updateOk()
{
    m_ok->setEnabled(m_pin->text().size() == kPinDigits);
    if (m_confirming) {
        // A changed PIN needs its own confirmation: the warning must be read for the PIN actually sent.
        m_confirming = false;
        m_ok->setText(tr("確認"));
    }
}

void PinDialog::accept()
{
    if (m_pin->text().size() != kPinDigits) {
        return;
    }
    if (m_triesLeft == 1 && !m_confirming) {
        m_confirming = true;
        m_tries->setText(tr("最後の1回です。暗証番号が正しいことを患者さんに確かめてから、"
                            "「最後の1回を使う」を押してください。"));
        m_ok->setText(tr("最後の1回を使う"));
        return;
    }
    m_lastTryConfirmed = m_triesLeft == 1;
    QDialog::accept();
}

} // namespace oqs::client::gui
