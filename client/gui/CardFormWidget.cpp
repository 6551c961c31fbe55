// SPDX-License-Identifier: Apache-2.0
#include "gui/CardFormWidget.h"

#include "core/UiLanguage.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <oqs/common/QrPayload.h>

namespace oqs::client::gui {

using core::CardFormCheck;
using core::CardFormInput;
using core::CardFormValidator;
namespace {

const QString kQrPrefix = QString::fromLatin1(oqs::common::kInsuranceCardQrPrefix.data(),
                                              qsizetype(oqs::common::kInsuranceCardQrPrefix.size()));

/// A scanner types one character at a time: "O", "OQ", … must not flash error messages before the payload is in.
bool mayBecomeScan(const QString& text)
{
    return !text.isEmpty() && (kQrPrefix.startsWith(text) || text.startsWith(kQrPrefix));
}

} // namespace

const QStringList& CardFormWidget::fieldNames()
{
    static const QStringList names{"insurerNumber", "symbol", "number", "branch", "birthDate", "consultationDate",
                                   "identifier"};
    return names;
}

CardFormWidget::CardFormWidget(QWidget* parent) : QWidget(parent)
{
    const QMap<QString, QPair<QString, QString>> labels{
        {"insurerNumber", {tr("保険者番号"), tr("6桁または8桁")}},
        {"symbol", {tr("記号"), tr("ない場合は空欄")}},
        {"number", {tr("番号"), tr("QRコードはここで読み取れます")}},
        {"branch", {tr("枝番"), tr("2桁（例: 01）")}},
        {"birthDate", {tr("生年月日"), tr("例: 1980-04-01 または 19800401")}},
        {"consultationDate", {tr("受診日"), tr("空欄は本日（1か月前まで）")}},
        {"identifier", {tr("患者ID"), tr("任意（レセコンの患者番号など）")}},
    };
    auto* form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    for (const QString& name : fieldNames()) {
        auto* edit = new QLineEdit(this);
        edit->setPlaceholderText(labels[name].second);
        edit->setAccessibleName(labels[name].first);
        auto* error = new QLabel(this);
        error->setStyleSheet(QStringLiteral("color: #b71c1c;"));
        error->setWordWrap(true);
        error->hide();
        auto* cell = new QVBoxLayout;
        cell->setSpacing(1);
        cell->addWidget(edit);
        cell->addWidget(error);
        form->addRow(labels[name].first, cell);
        m_fields.insert(name, edit);
        m_errors.insert(name, error);
        connect(edit, &QLineEdit::textEdited, this, [this, name](const QString& text) { onEdited(name, text); });
        connect(edit, &QLineEdit::returnPressed, this, &CardFormWidget::trySubmit);
    }
    m_scanMessage = new QLabel(this);
    m_scanMessage->setWordWrap(true);
    m_scanMessage->hide();
    m_submit = new QPushButton(tr("資格を確認する（Enter）"), this);
    m_submit->setDefault(true);
    m_submit->setMinimumHeight(40);
    connect(m_submit, &QPushButton::clicked, this, &CardFormWidget::trySubmit);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_scanMessage);
    layout->addWidget(m_submit);
    layout->addStretch();
}

QLineEdit* CardFormWidget::field(const QString& name) const
{
    return m_fields.value(name);
}

QString CardFormWidget::errorOf(const QString& name) const
{
    const QLabel* label = m_errors.value(name);
    return label && label->isVisible() ? label->text() : QString();
}

core::CardFormInput CardFormWidget::currentInput() const
{
    return {m_fields["insurerNumber"]->text(), m_fields["symbol"]->text(),     m_fields["number"]->text(),
            m_fields["branch"]->text(),        m_fields["birthDate"]->text(), m_fields["consultationDate"]->text(),
            m_fields["identifier"]->text()};
}

void CardFormWidget::clearPatient()
{
    for (const QString& name : fieldNames()) {
        if (name != QLatin1String("consultationDate")) {
            m_fields[name]->clear();
        }
        m_errors[name]->hide();
    }
    m_touched.clear();
    m_fields["insurerNumber"]->setFocus();
}

bool CardFormWidget::fillFromQrImage(const QrImageReader::Reading& reading)
{
    if (!reading.ok()) {
        m_scanMessage->setText(reading.problem);
        m_scanMessage->setStyleSheet(QStringLiteral("color: #b71c1c;"));
        m_scanMessage->show();
        return false;
    }
    return applyScan(reading.payload, true);
}

QString CardFormWidget::scanMessage() const
{
    return m_scanMessage->isHidden() ? QString() : m_scanMessage->text();
}

CardFormCheck CardFormWidget::checkInput() const
{
    return CardFormValidator::check(currentInput(), common::Date::todayJst(), core::UiLanguage::current());
}

void CardFormWidget::onEdited(const QString& name, const QString& text)
{
    if (mayBecomeScan(text)) {
        m_errors[name]->hide();
        applyScan(text, false);
        return;
    }
    m_touched.insert(name);
    showErrors(checkInput().errors, false);
}

bool CardFormWidget::applyScan(const QString& text, bool scanEnded)
{
    QString problem;
    const auto scanned = CardFormValidator::fromCardQr(text, problem, core::UiLanguage::current());
    // Without the scanner's closing Enter, only a payload that ends in its (last, optional) birth date is known to
    // be complete; one without a birth date waits for the Enter.
    if (scanned && !scanEnded && scanned->birthDate.isEmpty()) {
        return false;
    }
    if (!scanned) {
        if (scanEnded) {
            m_scanMessage->setText(tr("QRコードを読み取れませんでした（%1）。もう一度読み取るか、手で入力してください。")
                                       .arg(problem));
            m_scanMessage->setStyleSheet(QStringLiteral("color: #b71c1c;"));
            m_scanMessage->show();
        }
        return false;
    }
    const CardFormInput current = currentInput();
    m_fields["insurerNumber"]->setText(scanned->insurerNumber);
    m_fields["symbol"]->setText(scanned->symbol);
    m_fields["number"]->setText(scanned->number);
    m_fields["branch"]->setText(scanned->branch);
    m_fields["birthDate"]->setText(scanned->birthDate);
    // The scanner typed over whichever field had the focus; the clerk's own consultation date and ID stay.
    m_fields["consultationDate"]->setText(mayBecomeScan(current.consultationDate) ? QString()
                                                                                  : current.consultationDate);
    m_fields["identifier"]->setText(mayBecomeScan(current.identifier) ? QString() : current.identifier);
    m_scanMessage->setText(tr("QRコードから入力しました。Enter で資格を確認します。"));
    m_scanMessage->setStyleSheet(QStringLiteral("color: #1b5e20;"));
    m_scanMessage->show();
    m_touched = QSet<QString>(fieldNames().begin(), fieldNames().end());
    showErrors(checkInput().errors, true);
    return true;
}

void CardFormWidget::showErrors(const QMap<QString, QString>& errors, bool all)
{
    for (const QString& name : fieldNames()) {
        QLabel* label = m_errors[name];
        const bool show = errors.contains(name) && (all || m_touched.contains(name));
        label->setText(errors.value(name));
        label->setVisible(show);
        m_fields[name]->setStyleSheet(show ? QStringLiteral("border: 2px solid #b71c1c;") : QString());
    }
}

void CardFormWidget::trySubmit()
{
    for (QLineEdit* edit : std::as_const(m_fields)) {
        if (mayBecomeScan(edit->text())) {
            applyScan(edit->text(), true);
            return;
        }
    }
    const CardFormCheck check = checkInput();
    showErrors(check.errors, true);
    if (!check.ok()) {
        // Focus the first wrong field; nothing typed is cleared.
        for (const QString& name : fieldNames()) {
            if (check.errors.contains(name)) {
                m_fields[name]->setFocus();
                break;
            }
        }
        return;
    }
    m_scanMessage->hide();
    emit submitted(check.request);
    clearPatient();
}

} // namespace oqs::client::gui
