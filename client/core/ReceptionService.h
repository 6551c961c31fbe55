// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/ServerClient.h"

#include <oqs/common/Messages.h>

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QTimer>

#include <optional>

namespace oqs::client::core {

class QueryStore;

/// One patient's check at the counter, from the moment the clerk asks until the answer is on screen.
struct Query {
    enum class State {
        Queued,   ///< stored, not sent yet
        Sending,  ///< on the wire
        Waiting,  ///< server closed / busy / unreachable: kept, retried at nextAttemptAt
        Answered, ///< a final answer (verdict or definitive refusal) is in `answer`
    };

    quint64 id = 0; ///< local, unique for the day
    common::VerificationMode mode = common::VerificationMode::InsuranceCard;
    common::InsuranceCardVerificationRequest insuranceCard; ///< mode InsuranceCard
    common::CertificateVerificationRequest myNumberCard;    ///< mode MyNumberCard
    State state = State::Queued;
    int attempts = 0;
    QDateTime createdAt;
    QDateTime nextAttemptAt;
    QString lastProblem; ///< why it is waiting, in Japanese, for the work list
    std::optional<common::VerificationAnswer> answer;
    /// Restored after a restart with only the answer's summary (status, receipt, identifier, times); the details
    /// are being re-fetched by receipt number and arrive with a queryChanged().
    bool answerIsSummary = false;

    const std::string& identifier() const;
};

/// The counter's work: every query is stored before it is sent, sent when the server answers, retried with
/// back-off on closed / busy / timeouts / no network, and re-fetched by receipt number after a restart (D5).
/// The GUI only calls this and renders its signals. Lives in the GUI thread (all I/O is asynchronous).
class ReceptionService : public QObject {
    Q_OBJECT

public:
    /// `store` may be null (no persistence: tests of the sending logic only).
    ReceptionService(ServerClient& client, QueryStore* store, QObject* parent = nullptr);

    /// Restores today's queries from the store, resumes sending the unanswered ones and re-fetches the details
    /// of answered ones by receipt number (D5).
    void restore();

    quint64 submit(const common::InsuranceCardVerificationRequest& request);
    quint64 submit(const common::CertificateVerificationRequest& request);
    /// Today's queries, oldest first.
    const QList<Query>& queries() const { return m_queries; }
    const Query* find(quint64 id) const;
    /// Send every waiting query now (the clerk pressed 再送信, or the network came back).
    void retryNow();

    /// Back-off before attempt n (1-based): 2, 4, 8 … s, at most 60 s; a server's Retry-After wins.
    static int backoffSeconds(int attempts, int retryAfterSeconds);

signals:
    void queryChanged(quint64 id);
    void queryAdded(quint64 id);
    /// The server refused the clerk's session (expired, logged out): queries wait until the next login.
    void loginRequired();
    /// A query could not be written to the local store (it is still in memory and being sent).
    void storageFailed(const QString& problem);

private:
    /// Gives the query its id, stores it, then sends it.
    quint64 enqueue(Query query);
    Query* findMutable(quint64 id);
    void send(Query& query);
    void onReplied(quint64 callId, const ServerReply& reply);
    void onRefetched(quint64 queryId, const ServerReply& reply);
    void scheduleNextWake();
    void persist(const Query& query);

    ServerClient& m_client;
    QueryStore* m_store;
    QList<Query> m_queries;
    QHash<quint64, quint64> m_callToQuery;
    QHash<quint64, quint64> m_refetchToQuery; ///< receipt re-fetch call → query

    QTimer m_retryTimer;
    quint64 m_nextId = 1;
};

} // namespace oqs::client::core
