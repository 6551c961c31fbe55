// SPDX-License-Identifier: Apache-2.0
#include "gui/HistoryDialog.h"

#include "gui/QualificationText.h"
#include "gui/ResultLook.h"
#include "gui/ResultPanel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace oqs::common;

namespace oqs::client::gui {
namespace {

enum Column { CheckedAt, Receipt, Identifier, Mode, Result, ConsultationDate, Clerk, ColumnCount };

constexpr const char* kErrorStyle = "color: #b71c1c;";

} // namespace

HistoryDialog::HistoryDialog(core::ServerClient& client, QWidget* parent) : QDialog(parent), m_service(client)
{
    setWindowTitle(tr("受付履歴の検索"));
    const struct {
        const char* name;
        QString label;
        QString hint;
    } fields[] = {
        {"from", tr("開始日"), tr("例: 2026-07-01（空欄は5か月前から）")},
        {"to", tr("終了日"), tr("空欄は本日まで")},
        {"identifier", tr("患者ID"), tr("空欄はすべての患者")},
    };
    auto* form = new QFormLayout;
    for (const auto& field : fields) {
        auto* edit = new QLineEdit(this);
        edit->setPlaceholderText(field.hint);
        auto* error = new QLabel(this);
        error->setStyleSheet(QString::fromLatin1(kErrorStyle));
        error->setWordWrap(true);
        error->hide();
        auto* column = new QVBoxLayout;
        column->setSpacing(2);
        column->addWidget(edit);
        column->addWidget(error);
        form->addRow(field.label, column);
        m_fields.insert(field.name, edit);
        m_errors.insert(field.name, error);
        connect(edit, &QLineEdit::returnPressed, this, &HistoryDialog::search);
    }
    m_status = new QComboBox(this);
    m_status->addItem(tr("すべての結果"), QString());
    std::size_t count = 0;
    const Status* statuses = allStatuses(count);
    for (std::size_t i = 0; i < count; ++i) {
        // Only answers about the patient are kept as history rows worth filtering on.
        if (kindOf(statuses[i]) == StatusKind::Verdict || kindOf(statuses[i]) == StatusKind::CardProblem) {
            m_status->addItem(ResultLook::ofStatus(statuses[i]).headline,
                              QString::fromLatin1(toWire(statuses[i]).data()));
        }
    }
    form->addRow(tr("結果"), m_status);

    m_searchButton = new QPushButton(tr("検索（Enter）"), this);
    m_searchButton->setDefault(true);
    connect(m_searchButton, &QPushButton::clicked, this, &HistoryDialog::search);
    m_summary = new QLabel(tr("条件を入れて［検索］を押してください。"), this);
    m_summary->setWordWrap(true);

    m_rows = new QTableWidget(0, ColumnCount, this);
    m_rows->setHorizontalHeaderLabels(
        {tr("確認日時"), tr("受付番号"), tr("患者ID"), tr("確認方法"), tr("結果"), tr("受診日"), tr("担当者")});
    m_rows->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_rows->setSelectionMode(QAbstractItemView::SingleSelection);
    m_rows->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_rows->verticalHeader()->hide();
    m_rows->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_rows->horizontalHeader()->setStretchLastSection(true);
    connect(m_rows, &QTableWidget::cellDoubleClicked, this, [this](int row) { openRow(row); });
    m_openButton = new QPushButton(tr("選んだ行の結果を表示"), this);
    m_openButton->setEnabled(false);
    connect(m_rows, &QTableWidget::itemSelectionChanged, this,
            [this] { m_openButton->setEnabled(m_rows->currentRow() >= 0); });
    connect(m_openButton, &QPushButton::clicked, this, [this] { openRow(m_rows->currentRow()); });

    m_result = new ResultPanel(this);
    m_result->showIdle(
        tr("一覧で行を選び［選んだ行の結果を表示］を押すと、その時の回答をサーバーから取り寄せて表示します。"));
    connect(m_result, &ResultPanel::printRequested, this, [this] {
        if (m_result->shownQuery()) {
            emit printRequested(*m_result->shownQuery());
        }
    });
    connect(m_result, &ResultPanel::pdfRequested, this, [this] {
        if (m_result->shownQuery()) {
            emit pdfRequested(*m_result->shownQuery());
        }
    });

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setText(tr("閉じる"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* searchRow = new QHBoxLayout;
    searchRow->addWidget(m_summary, 1);
    searchRow->addWidget(m_openButton);
    searchRow->addWidget(m_searchButton);
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(form);
    leftLayout->addLayout(searchRow);
    leftLayout->addWidget(m_rows, 1);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(m_result);
    split->setStretchFactor(0, 1);
    split->setSizes({900, 600}); // every column of the rows visible beside a readable result
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);

    connect(&m_service, &core::HistoryService::searched, this, &HistoryDialog::showRows);
    connect(&m_service, &core::HistoryService::resultOpened, this, &HistoryDialog::showAnswer);
    connect(&m_service, &core::HistoryService::failed, this, &HistoryDialog::showProblem);
    resize(1520, 780);
    m_fields["from"]->setFocus();
}

QLineEdit* HistoryDialog::field(const QString& name) const
{
    return m_fields.value(name);
}

QString HistoryDialog::errorOf(const QString& name) const
{
    const QLabel* label = m_errors.value(name);
    return label && !label->isHidden() ? label->text() : QString();
}

QString HistoryDialog::summary() const
{
    return m_summary->text();
}

void HistoryDialog::search()
{
    core::HistorySearchInput input;
    input.from = m_fields["from"]->text();
    input.to = m_fields["to"]->text();
    input.identifier = m_fields["identifier"]->text();
    if (const QString wire = m_status->currentData().toString(); !wire.isEmpty()) {
        input.status = statusFromWire(wire.toStdString());
    }
    const QMap<QString, QString> errors = m_service.search(input);
    showErrors(errors);
    m_summary->setStyleSheet(errors.isEmpty() ? QString() : QString::fromLatin1(kErrorStyle));
    m_summary->setText(errors.isEmpty() ? tr("検索しています…") : tr("赤字の項目を直してください。"));
}

void HistoryDialog::openRow(int row)
{
    const QTableWidgetItem* receipt = row >= 0 ? m_rows->item(row, Receipt) : nullptr;
    if (!receipt) {
        return;
    }
    m_result->showIdle(tr("受付番号 %1 の回答を取り寄せています…").arg(receipt->text()));
    m_service.openResult(receipt->text());
}

void HistoryDialog::showRows(const HistoryPage& page)
{
    m_rows->setRowCount(0);
    for (const HistoryEntry& entry : page.entries) {
        const int row = m_rows->rowCount();
        m_rows->insertRow(row);
        const ResultLook look = ResultLook::ofStatus(entry.status);
        const QString cells[ColumnCount] = {
            QualificationText::timestamp(entry.checkedAt),
            QString::fromStdString(entry.receiptNumber),
            QString::fromStdString(entry.identifier),
            entry.mode == VerificationMode::InsuranceCard ? tr("保険証") : tr("マイナンバーカード"),
            look.symbol + " " + look.headline,
            QualificationText::date(entry.consultationDate),
            QString::fromStdString(entry.clerkId),
        };
        for (int column = 0; column < ColumnCount; ++column) {
            auto* item = new QTableWidgetItem(cells[column]);
            if (column == Result) {
                item->setBackground(look.background);
                item->setForeground(look.foreground);
            }
            m_rows->setItem(row, column, item);
        }
    }
    m_summary->setStyleSheet(QString());
    if (page.entries.empty()) {
        m_summary->setText(tr("条件に合う履歴はありません。"));
    } else if (page.total > static_cast<int>(page.entries.size())) {
        m_summary->setText(tr("%1 件中、新しい順に %2 件を表示しています。条件を絞ってください。")
                               .arg(page.total)
                               .arg(page.entries.size()));
    } else {
        m_summary->setText(tr("%1 件見つかりました（新しい順）。").arg(page.total));
    }
    if (m_rows->rowCount() > 0) {
        m_rows->selectRow(0);
        m_rows->setFocus();
    }
}

void HistoryDialog::showAnswer(const VerificationAnswer& answer)
{
    core::Query query;
    query.mode = answer.mode;
    // The panel shows the patient ID of the request, which for a past check is the one the answer echoes (D5).
    query.insuranceCard.identifier = answer.identifier;
    query.myNumberCard.identifier = answer.identifier;
    query.state = core::Query::State::Answered;
    query.answer = answer;
    m_result->showQuery(query);
}

void HistoryDialog::showProblem(const QString& problem, const QMap<QString, QString>& fieldErrors)
{
    showErrors(fieldErrors);
    m_summary->setStyleSheet(QString::fromLatin1(kErrorStyle));
    m_summary->setText(problem);
}

void HistoryDialog::showErrors(const QMap<QString, QString>& errors)
{
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it) {
        QLabel* label = m_errors[it.key()];
        const bool show = errors.contains(it.key());
        label->setText(errors.value(it.key()));
        label->setVisible(show);
        it.value()->setStyleSheet(show ? QStringLiteral("border: 2px solid #b71c1c;") : QString());
    }
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it) {
        if (errors.contains(it.key())) {
            it.value()->setFocus();
            break;
        }
    }
}

} // namespace oqs::client::gui
