// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/ReceptionService.h"

#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>

namespace oqs::client::gui {

/// Labelled lines the clerk reads on the result panel and the result sheet. Items an insurer did not register
/// show as 未登録; the 医療等ID is not part of the model and so never appears.
class QualificationText {
    // Qualified, so that the context lupdate writes into the .ts is the one looked up at run time.
    Q_DECLARE_TR_FUNCTIONS(oqs::client::gui::QualificationText)

public:
    using Rows = QList<QPair<QString, QString>>;

    /// The patient and insurance details of one qualification.
    static Rows rows(const common::Qualification& qualification);
    /// The answer's own lines (receipt, times, data freshness) followed by its first qualification's rows.
    static Rows answerRows(const core::Query& query);
    /// One line for a list of several valid qualifications: insurer, card keys, category, co-payment, validity.
    static QString summaryLine(const common::Qualification& qualification);
    /// "YYYY年M月D日", or 未登録.
    static QString date(const std::optional<common::Date>& date);
    /// An ISO 8601 timestamp from the server as "YYYY年M月D日 HH:mm:ss" in Japan time; other text unchanged.
    static QString timestamp(const std::string& iso);
    /// A local instant as "HH:mm:ss" in Japan time (the counter's day is the JST day, whatever the PC's zone).
    static QString clock(const QDateTime& instant);
};

} // namespace oqs::client::gui
