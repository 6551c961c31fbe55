// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/ReceptionService.h"

#include <oqs/common/TextEncoding.h>

#include <QByteArray>
#include <QList>
#include <QString>

namespace oqs::client::core {

/// CSV export of the day's results for offline HIS import (D13). Layout: resources/docs/csv-export.md — one
/// header row of the chosen columns' Japanese names, then one row per answered query (its first valid
/// qualification, or none), RFC 4180, CRLF. Pure: no files, no GUI.
class ResultCsvExporter {
public:
    /// Column order on the wire is the order of this enum; the clerk chooses which ones appear.
    enum class Column {
        ReceiptNumber,
        CheckedAt,
        Identifier,
        StatusCode,
        StatusText,
        ConsultationDate,
        InsurerNumber,
        Symbol,
        Number,
        Branch,
        Name,
        NameKana,
        BirthDate,
        Sex,
        CardCategory,
        Relationship,
        CopaymentPercent,
        ElderlyCopaymentPercent,
        CardValidTo,
    };

    /// Every column, in wire order (the default selection).
    static QList<Column> allColumns();
    /// The column's header text (Japanese; fixed, HIS import maps by it).
    static QString headerOf(Column column);
    /// The columns' stable English key (settings, documentation).
    static QString keyOf(Column column);

    /// The file's bytes in the chosen encoding. Unanswered queries are skipped. Fails (error text set, empty
    /// result) only if a value has no CP932 form; the message names the row and column.
    static QByteArray write(const QList<Query>& queries, const QList<Column>& columns, common::TextEncoding encoding,
                            QString& error);
};

} // namespace oqs::client::core
