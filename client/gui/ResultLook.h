// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/ReceptionService.h"

#include <QCoreApplication>
#include <QColor>
#include <QString>

namespace oqs::client::gui {

/// How the result panel shows a query: colour, a symbol the clerk reads at a glance (○ valid, × not valid, ！ look
/// at the card or the setup, 待 still waiting), a headline and the next step. Never colour alone: the words say it.
struct ResultLook {
    // Qualified, so that the context lupdate writes into the .ts is the one looked up at run time.
    Q_DECLARE_TR_FUNCTIONS(oqs::client::gui::ResultLook)

public:
    QColor background;
    QColor foreground;
    QString symbol;
    QString headline;
    QString nextStep;

    /// The look of a query in any state: an answer by its status, an unanswered query by why it waits.
    static ResultLook of(const core::Query& query);
    /// The look of an answer's status (the next step is the status's message of PRODUCT.md §7).
    static ResultLook ofStatus(common::Status status);
};

} // namespace oqs::client::gui
