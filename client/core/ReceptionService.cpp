// SPDX-License-Identifier: Apache-2.0
#include "core/ReceptionService.h"

#include "core/QueryStore.h"
#include "core/UiLanguage.h"

#include <algorithm>

using namespace oqs::common;

namespace oqs::client::core {
namespace {

constexpr int kFirstBackoffSeconds = 2;
constexpr int kMaxBackoffSeconds = 60;

QString problemOf(const ServerReply& reply)
{
    switch (reply.transport) {
    case ServerReply::Transport::Timeout:
        return ReceptionService::tr("サーバーの応答がありません。自動で再送します。");
    case ServerReply::Transport::Unreachable:
        return ReceptionService::tr("サーバーに接続できません（ネットワークを確認してください）。自動で再送します。");
    case ServerReply::Transport::TlsFailure:
        return ReceptionService::tr("安全な接続を確立できません。設定の施設証明書を確認してください。");
    case ServerReply::Transport::BadResponse:
        return ReceptionService::tr("サーバーの応答を読み取れません。自動で再送します。");
    case ServerReply::Transport::Answered:
        break;
    }
    const Status status = reply.answer ? reply.answer->status : reply.error ? reply.error->status : Status::Internal;
    return QString::fromStdString(std::string(messageOf(status, UiLanguage::current())));
}

} // namespace

const std::string& Query::identifier() const
{
    return mode == VerificationMode::InsuranceCard ? insuranceCard.identifier : myNumberCard.identifier;
}

ReceptionService::ReceptionService(ServerClient& client, QueryStore* store, QObject* parent)
    : QObject(parent), m_client(client), m_store(store)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (Query& query : m_queries) {
            if (query.state == Query::State::Waiting && query.nextAttemptAt <= now) {
                send(query);
            }
        }
        scheduleNextWake();
    });
    connect(&m_client, &ServerClient::replied, this, &ReceptionService::onReplied);
}

int ReceptionService::backoffSeconds(int attempts, int retryAfterSeconds)
{
    if (retryAfterSeconds > 0) {
        return std::min(retryAfterSeconds, kMaxBackoffSeconds * 10);
    }
    const int exponent = std::clamp(attempts - 1, 0, 10);
    return std::min(kFirstBackoffSeconds << exponent, kMaxBackoffSeconds);
}

void ReceptionService::restore()
{
    if (!m_store) {
        return;
    }
    m_queries = m_store->loadToday();
    for (const Query& query : m_queries) {
        m_nextId = std::max(m_nextId, query.id + 1);
    }
    for (Query& query : m_queries) {
        emit queryAdded(query.id);
        if (query.state == Query::State::Answered) {
            if (query.answerIsSummary && !query.answer->receiptNumber.empty()) {
                m_refetchToQuery.insert(m_client.fetchByReceipt(QString::fromStdString(query.answer->receiptNumber)),
                                        query.id);
            }
            continue;
        }
        // Sent before the crash, answer lost with it: the server has it under the receipt number if it got that
        // far; otherwise sending again is safe (a check has no side effect but its history row).
        send(query);
    }
}

quint64 ReceptionService::submit(const InsuranceCardVerificationRequest& request)
{
    Query query;
    query.mode = VerificationMode::InsuranceCard;
    query.insuranceCard = request;
    return enqueue(std::move(query));
}

quint64 ReceptionService::submit(const CertificateVerificationRequest& request)
{
    Query query;
    query.mode = VerificationMode::MyNumberCard;
    query.myNumberCard = request;
    return enqueue(std::move(query));
}

quint64 ReceptionService::enqueue(Query query)
{
    const quint64 id = m_nextId++;
    query.id = id;
    query.createdAt = QDateTime::currentDateTimeUtc();
    m_queries.append(std::move(query));
    persist(m_queries.back()); // stored before anything is sent: a crash from here on loses nothing
    emit queryAdded(id);
    // Looked up again: a slot of queryAdded may have changed the list.
    if (Query* stored = findMutable(id)) {
        send(*stored);
    }
    return id;
}

const Query* ReceptionService::find(quint64 id) const
{
    const auto it = std::find_if(m_queries.begin(), m_queries.end(), [id](const Query& q) { return q.id == id; });
    return it == m_queries.end() ? nullptr : &*it;
}

Query* ReceptionService::findMutable(quint64 id)
{
    return const_cast<Query*>(find(id));
}

void ReceptionService::retryNow()
{
    for (Query& query : m_queries) {
        if (query.state == Query::State::Waiting) {
            send(query);
        }
    }
}

void ReceptionService::send(Query& query)
{
    query.state = Query::State::Sending;
    ++query.attempts;
    const quint64 callId = query.mode == VerificationMode::InsuranceCard
                               ? m_client.verifyInsuranceCard(query.insuranceCard)
                               : m_client.verifyMyNumberCard(query.myNumberCard);
    m_callToQuery.insert(callId, query.id);
    persist(query);
    emit queryChanged(query.id);
}

void ReceptionService::onReplied(quint64 callId, const ServerReply& reply)
{
    if (const auto refetch = m_refetchToQuery.find(callId); refetch != m_refetchToQuery.end()) {
        const quint64 queryId = refetch.value();
        m_refetchToQuery.erase(refetch);
        onRefetched(queryId, reply);
        return;
    }
    const auto it = m_callToQuery.find(callId);
    if (it == m_callToQuery.end()) {
        return; // not one of ours (health check, self-test)
    }
    Query* query = findMutable(it.value());
    m_callToQuery.erase(it);
    if (!query) {
        return;
    }
    if (reply.isFinal() && reply.answer) {
        query->state = Query::State::Answered;
        query->answer = reply.answer;
        query->lastProblem.clear();
    } else {
        query->state = Query::State::Waiting;
        query->lastProblem = problemOf(reply);
        query->nextAttemptAt =
            QDateTime::currentDateTimeUtc().addSecs(backoffSeconds(query->attempts, reply.retryAfterSeconds));
        scheduleNextWake();
    }
    persist(*query);
    emit queryChanged(query->id);
    if (reply.answer && reply.answer->status == Status::Unauthenticated) {
        emit loginRequired();
    }
}

void ReceptionService::onRefetched(quint64 queryId, const ServerReply& reply)
{
    Query* query = findMutable(queryId);
    // Anything but the stored answer itself (server down, receipt unknown) leaves the summary on the work list:
    // the verdict is known, only the details are missing.
    if (!query || !reply.answer || reply.answer->receiptNumber != query->answer->receiptNumber) {
        return;
    }
    query->answer = reply.answer;
    query->answerIsSummary = false;
    emit queryChanged(query->id);
}

void ReceptionService::scheduleNextWake()
{
    QDateTime earliest;
    for (const Query& query : m_queries) {
        if (query.state == Query::State::Waiting && (!earliest.isValid() || query.nextAttemptAt < earliest)) {
            earliest = query.nextAttemptAt;
        }
    }
    if (!earliest.isValid()) {
        m_retryTimer.stop();
        return;
    }
    const qint64 delay = std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(earliest));
    m_retryTimer.start(int(std::min<qint64>(delay, 3'600'000)));
}

void ReceptionService::persist(const Query& query)
{
    if (!m_store) {
        return;
    }
    if (const QString problem = m_store->save(query); !problem.isEmpty()) {
        emit storageFailed(problem);
    }
}

} // namespace oqs::client::core
