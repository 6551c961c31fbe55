// SPDX-License-Identifier: Apache-2.0
#include "gui/ResultPanel.h"

#include "gui/QrImage.h"
#include "gui/QualificationText.h"
#include "gui/ResultLook.h"
#include "gui/ResultSheet.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace oqs::client::gui {
namespace {

constexpr int kQrSide = 180;

} // namespace

ResultPanel::ResultPanel(QWidget* parent) : QWidget(parent)
{
    m_band = new QWidget(this);
    m_band->setAutoFillBackground(true);
    m_symbol = new QLabel(m_band);
    QFont symbolFont = m_symbol->font();
    symbolFont.setPointSize(44);
    symbolFont.setBold(true);
    m_symbol->setFont(symbolFont);
    m_headline = new QLabel(m_band);
    QFont headlineFont = m_headline->font();
    headlineFont.setPointSize(24);
    headlineFont.setBold(true);
    m_headline->setFont(headlineFont);
    m_nextStep = new QLabel(m_band);
    QFont stepFont = m_nextStep->font();
    stepFont.setPointSize(13);
    m_nextStep->setFont(stepFont);
    m_nextStep->setWordWrap(true);
    auto* words = new QVBoxLayout;
    words->addWidget(m_headline);
    words->addWidget(m_nextStep);
    auto* band = new QHBoxLayout(m_band);
    band->addWidget(m_symbol);
    band->addLayout(words, 1);

    m_list = new QListWidget(this);
    m_list->setAccessibleName(tr("有効な資格の一覧"));
    m_list->hide();
    connect(m_list, &QListWidget::currentRowChanged, this, &ResultPanel::showDetails);

    m_details = new QFormLayout;
    m_qr = new QLabel(this);
    m_qr->setAlignment(Qt::AlignTop | Qt::AlignHCenter);
    m_qr->setToolTip(tr("医療機関システム取込用QRコード"));
    m_print = new QPushButton(tr("結果票を印刷"), this);
    m_pdf = new QPushButton(tr("結果票をPDFに保存"), this);
    connect(m_print, &QPushButton::clicked, this, &ResultPanel::printRequested);
    connect(m_pdf, &QPushButton::clicked, this, &ResultPanel::pdfRequested);

    auto* qrColumn = new QVBoxLayout;
    qrColumn->addWidget(m_qr);
    qrColumn->addWidget(m_print);
    qrColumn->addWidget(m_pdf);
    qrColumn->addStretch();
    auto* body = new QHBoxLayout;
    body->addLayout(m_details, 1);
    body->addLayout(qrColumn);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_band);
    layout->addWidget(m_list);
    layout->addLayout(body, 1);
    showIdle(tr("保険証の内容を入力するか、マイナンバーカードをリーダーに置いてください。"));
}

void ResultPanel::showIdle(const QString& hint)
{
    showBand(QColor(0xec, 0xef, 0xf1), QColor(0x21, 0x21, 0x21), QString(), tr("次の患者さんをどうぞ"), hint);
}

void ResultPanel::showCardProblem(const QString& nextStep)
{
    const ResultLook look = ResultLook::ofStatus(common::Status::CardError);
    showBand(look.background, look.foreground, look.symbol, look.headline, nextStep);
}

void ResultPanel::showBand(const QColor& background, const QColor& foreground, const QString& symbol,
                           const QString& headline, const QString& nextStep)
{
    m_query.reset();
    m_qrPayload.clear();
    m_bandColour = background;
    QPalette palette = m_band->palette();
    palette.setColor(QPalette::Window, background);
    palette.setColor(QPalette::WindowText, foreground);
    m_band->setPalette(palette);
    m_symbol->setText(symbol);
    m_headline->setText(headline);
    m_nextStep->setText(nextStep);
    m_list->hide();
    showDetails(-1);
}

void ResultPanel::showQuery(const core::Query& query)
{
    m_query = query;
    const ResultLook look = ResultLook::of(query);
    m_bandColour = look.background;
    QPalette palette = m_band->palette();
    palette.setColor(QPalette::Window, look.background);
    palette.setColor(QPalette::WindowText, look.foreground);
    m_band->setPalette(palette);
    m_symbol->setText(look.symbol);
    m_headline->setText(look.headline);
    m_nextStep->setText(look.nextStep);

    const bool several = query.answer && query.answer->qualifications.size() > 1;
    m_list->clear();
    m_list->setVisible(several);
    if (several) {
        for (const common::Qualification& qualification : query.answer->qualifications) {
            m_list->addItem(QualificationText::summaryLine(qualification));
        }
        m_list->setCurrentRow(0);
    }
    showDetails(several ? 0 : -1);
}

void ResultPanel::showDetails(int qualificationIndex)
{
    while (m_details->rowCount() > 0) {
        m_details->removeRow(0);
    }
    m_qr->clear();
    m_qrPayload.clear();
    const bool answered = m_query && m_query->state == core::Query::State::Answered && m_query->answer;
    m_print->setEnabled(answered);
    m_pdf->setEnabled(answered);
    m_shown.reset();
    if (!m_query) {
        return;
    }
    core::Query shown = *m_query;
    // In a list of several, the chosen qualification goes first: details, QR and sheet are about that one.
    if (answered && qualificationIndex > 0 && std::size_t(qualificationIndex) < shown.answer->qualifications.size()) {
        std::swap(shown.answer->qualifications[0], shown.answer->qualifications[std::size_t(qualificationIndex)]);
    }
    for (const auto& [label, value] : QualificationText::answerRows(shown)) {
        auto* valueLabel = new QLabel(value, this);
        valueLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_details->addRow(label, valueLabel);
    }
    if (answered && m_query->answerIsSummary) {
        m_details->addRow(QString(), new QLabel(tr("（再起動後のため詳細をサーバーから再取得しています）"), this));
    }
    m_shown = shown;
    if (answered) {
        m_qrPayload = ResultSheet(shown).qrPayload();
        if (!m_qrPayload.isEmpty()) {
            m_qr->setPixmap(QPixmap::fromImage(QrImage::render(m_qrPayload, kQrSide)));
        }
    }
}

QString ResultPanel::headline() const
{
    return m_headline->text();
}

QString ResultPanel::nextStep() const
{
    return m_nextStep->text();
}

QColor ResultPanel::bandColour() const
{
    return m_bandColour;
}

QString ResultPanel::detailText() const
{
    QStringList lines;
    for (int row = 0; row < m_details->rowCount(); ++row) {
        const auto* label = qobject_cast<QLabel*>(m_details->itemAt(row, QFormLayout::LabelRole)
                                                      ? m_details->itemAt(row, QFormLayout::LabelRole)->widget()
                                                      : nullptr);
        const auto* value = qobject_cast<QLabel*>(m_details->itemAt(row, QFormLayout::FieldRole)
                                                      ? m_details->itemAt(row, QFormLayout::FieldRole)->widget()
                                                      : nullptr);
        lines << (label ? label->text() : QString()) + ": " + (value ? value->text() : QString());
    }
    return lines.join('\n');
}

} // namespace oqs::client::gui
