// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/ReceptionService.h"

#include <QAbstractTableModel>

namespace oqs::client::gui {

/// Today's work list: one row per query, oldest first, with its state (送信待ち / 送信中 / 再送待ち and why /
/// 回答済み) and result. Follows the ReceptionService's signals.
class WorkListModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Time, Identifier, Mode, State, Result, ColumnCount };

    explicit WorkListModel(core::ReceptionService& service, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// The query id of a row.
    quint64 queryIdAt(int row) const;
    /// The row of a query id, -1 if unknown.
    int rowOf(quint64 queryId) const;
    /// The state in words, as the list shows it.
    static QString stateText(const core::Query& query);

private:
    core::ReceptionService& m_service;
};

} // namespace oqs::client::gui
