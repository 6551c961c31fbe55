// SPDX-License-Identifier: Apache-2.0
#include "gui/WorkListModel.h"

#include "gui/QualificationText.h"
#include "gui/ResultLook.h"

namespace oqs::client::gui {

WorkListModel::WorkListModel(core::ReceptionService& service, QObject* parent)
    : QAbstractTableModel(parent), m_service(service)
{
    connect(&service, &core::ReceptionService::queryAdded, this, [this](quint64) {
        // Queries are only ever appended; a restore adds many in a row.
        beginResetModel();
        endResetModel();
    });
    connect(&service, &core::ReceptionService::queryChanged, this, [this](quint64 id) {
        const int row = rowOf(id);
        if (row >= 0) {
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    });
}

int WorkListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_service.queries().size());
}

int WorkListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

quint64 WorkListModel::queryIdAt(int row) const
{
    return row >= 0 && row < rowCount() ? m_service.queries().at(row).id : 0;
}

int WorkListModel::rowOf(quint64 queryId) const
{
    const auto& queries = m_service.queries();
    for (int row = 0; row < queries.size(); ++row) {
        if (queries[row].id == queryId) {
            return row;
        }
    }
    return -1;
}

QString WorkListModel::stateText(const core::Query& query)
{
    switch (query.state) {
    case core::Query::State::Queued:
        return tr("送信待ち");
    case core::Query::State::Sending:
        return tr("送信中");
    case core::Query::State::Waiting:
        return tr("再送待ち（%1 に再送）: %2")
            .arg(QualificationText::clock(query.nextAttemptAt), query.lastProblem);
    case core::Query::State::Answered:
        return query.answerIsSummary ? tr("回答済み（詳細を再取得中）") : tr("回答済み");
    }
    return {};
}

QVariant WorkListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const core::Query& query = m_service.queries().at(index.row());
    if (role == Qt::BackgroundRole && index.column() == Result) {
        return ResultLook::of(query).background;
    }
    if (role == Qt::ForegroundRole && index.column() == Result) {
        return ResultLook::of(query).foreground;
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (index.column()) {
    case Time:
        return QualificationText::clock(query.createdAt);
    case Identifier:
        return QString::fromStdString(query.identifier());
    case Mode:
        return query.mode == common::VerificationMode::InsuranceCard ? tr("保険証") : tr("マイナンバーカード");
    case State:
        return stateText(query);
    case Result:
        return ResultLook::of(query).symbol + " " + ResultLook::of(query).headline;
    default:
        return {};
    }
}

QVariant WorkListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Time:
        return tr("受付時刻");
    case Identifier:
        return tr("患者ID");
    case Mode:
        return tr("確認方法");
    case State:
        return tr("状態");
    case Result:
        return tr("結果");
    default:
        return {};
    }
}

} // namespace oqs::client::gui
