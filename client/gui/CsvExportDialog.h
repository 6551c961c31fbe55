// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/ResultCsvExporter.h"

#include <QDialog>
#include <QMap>

class QCheckBox;
class QRadioButton;

namespace oqs::client::gui {

/// CSV export options: which columns, which encoding (UTF-8 with BOM or Shift_JIS/CP932), selected rows or all of
/// today's results. Only gathers choices; the export itself is ResultCsvExporter.
class CsvExportDialog : public QDialog {
    Q_OBJECT

public:
    CsvExportDialog(const QList<core::ResultCsvExporter::Column>& columns, common::TextEncoding encoding,
                    bool hasSelection, QWidget* parent = nullptr);

    QList<core::ResultCsvExporter::Column> columns() const;
    common::TextEncoding encoding() const;
    bool selectedOnly() const;
    QCheckBox* columnBox(core::ResultCsvExporter::Column column) const { return m_columns.value(column); }

private:
    QMap<core::ResultCsvExporter::Column, QCheckBox*> m_columns;
    QRadioButton* m_utf8;
    QRadioButton* m_cp932;
    QRadioButton* m_selected;
    QRadioButton* m_all;
};

} // namespace oqs::client::gui
