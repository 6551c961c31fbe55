// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/ServerClient.h"

#include <oqs/common/Messages.h>

#include <QMap>
#include <QObject>
#include <QSet>
#include <QString>

#include <optional>

namespace oqs::client::core {

/// What the clerk typed in the history search (B-2-2 #8–#10), as text.
struct HistorySearchInput {
    QString from;                         ///< YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD; empty = 5 months back
    QString to;                           ///< same forms; empty = today
    QString identifier;                   ///< patient ID / HIS key, exact match; empty = any
    std::optional<common::Status> status; ///< result filter; none = every result
};

/// The search form's verdict: the query to send when `errors` is empty, else one message per field
/// ("from", "to", "identifier") in the clerk's language.
struct HistorySearchCheck {
    common::HistoryQuery query;
    QMap<QString, QString> errors;

    bool ok() const { return errors.isEmpty(); }
};

/// The own institution's check history: searched by date range (at most 5 months back, D8), identifier and result,
/// and a past result opened again by its receipt number (D5). Bad input never leaves the counter. Asynchronous over
/// ServerClient; lives in, and must be called from, the client's thread.
class HistoryService : public QObject {
    Q_OBJECT

public:
    /// How far back the server keeps the history searchable (D8).
    static constexpr int kSearchableMonths = 5;
    /// Rows asked for per search: a clinic's busy day; the total says when there are more.
    static constexpr int kPageSize = 200;

    explicit HistoryService(ServerClient& client, QObject* parent = nullptr);

    /// Parses and checks the form against `today` (JST): dates readable, `from` not older than kSearchableMonths,
    /// `to` not in the future, `from` not after `to`, identifier at most 64 characters. Pure; no network.
    static HistorySearchCheck check(const HistorySearchInput& input, const common::Date& today);

    /// Checks the form and, if it is fine, asks the server; returns the field messages (empty = sent; the rows
    /// arrive with searched() or the refusal with failed()). A new search supersedes an unanswered one.
    QMap<QString, QString> search(const HistorySearchInput& input);
    /// Fetches a past answer by receipt number; it arrives with resultOpened() or failed().
    void openResult(const QString& receiptNumber);

signals:
    void searched(const oqs::common::HistoryPage& page);
    void resultOpened(const oqs::common::VerificationAnswer& answer);
    /// The server refused or could not be reached: `problem` in words for the clerk, `fieldErrors` per form field
    /// when the server pointed at one.
    void failed(const QString& problem, const QMap<QString, QString>& fieldErrors);

private:
    void onReplied(quint64 callId, const ServerReply& reply);
    static QString problemOf(const ServerReply& reply);

    ServerClient& m_client;
    quint64 m_searchCall = 0;
    QSet<quint64> m_openCalls;
};

} // namespace oqs::client::core

Q_DECLARE_METATYPE(oqs::common::HistoryPage)
Q_DECLARE_METATYPE(oqs::common::VerificationAnswer)
