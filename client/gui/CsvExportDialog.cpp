// SPDX-License-Identifier: Apache-2.0
#include "gui/CsvExportDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace oqs::client::gui {

using Exporter = core::ResultCsvExporter;

CsvExportDialog::CsvExportDialog(const QList<Exporter::Column>& columns, common::TextEncoding encoding,
                                 bool hasSelection, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("CSVファイルに書き出す"));
    auto* columnGroup = new QGroupBox(tr("書き出す項目"), this);
    auto* grid = new QGridLayout(columnGroup);
    constexpr int kPerColumn = 7;
    int index = 0;
    for (Exporter::Column column : Exporter::allColumns()) {
        auto* box = new QCheckBox(Exporter::headerOf(column), columnGroup);
        box->setChecked(columns.contains(column));
        grid->addWidget(box, index % kPerColumn, index / kPerColumn);
        m_columns.insert(column, box);
        ++index;
    }

    auto* encodingGroup = new QGroupBox(tr("文字コード"), this);
    auto* encodingLayout = new QVBoxLayout(encodingGroup);
    m_utf8 = new QRadioButton(tr("UTF-8（BOM付き・Excel対応）"), encodingGroup);
    m_cp932 = new QRadioButton(tr("Shift_JIS（CP932・古いレセコン向け）"), encodingGroup);
    (encoding == common::TextEncoding::Cp932 ? m_cp932 : m_utf8)->setChecked(true);
    encodingLayout->addWidget(m_utf8);
    encodingLayout->addWidget(m_cp932);

    auto* scopeGroup = new QGroupBox(tr("対象"), this);
    auto* scopeLayout = new QVBoxLayout(scopeGroup);
    m_selected = new QRadioButton(tr("一覧で選んだ結果だけ"), scopeGroup);
    m_all = new QRadioButton(tr("本日の結果すべて"), scopeGroup);
    m_selected->setEnabled(hasSelection);
    (hasSelection ? m_selected : m_all)->setChecked(true);
    scopeLayout->addWidget(m_selected);
    scopeLayout->addWidget(m_all);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("書き出す"));
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("キャンセル"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // No column chosen means an empty file: refuse it here rather than write one.
    auto updateOk = [this, buttons] { buttons->button(QDialogButtonBox::Ok)->setEnabled(!this->columns().isEmpty()); };
    for (QCheckBox* box : std::as_const(m_columns)) {
        connect(box, &QCheckBox::toggled, this, updateOk);
    }
    updateOk();

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(columnGroup);
    layout->addWidget(encodingGroup);
    layout->addWidget(scopeGroup);
    layout->addWidget(buttons);
}

QList<Exporter::Column> CsvExportDialog::columns() const
{
    QList<Exporter::Column> chosen;
    for (Exporter::Column column : Exporter::allColumns()) {
        if (m_columns.value(column)->isChecked()) {
            chosen.append(column);
        }
    }
    return chosen;
}

common::TextEncoding CsvExportDialog::encoding() const
{
    return m_cp932->isChecked() ? common::TextEncoding::Cp932 : common::TextEncoding::Utf8Bom;
}

bool CsvExportDialog::selectedOnly() const
{
    return m_selected->isChecked();
}

} // namespace oqs::client::gui
