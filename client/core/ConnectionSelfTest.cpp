// SPDX-License-Identifier: Apache-2.0
#include "core/ConnectionSelfTest.h"

namespace oqs::client::core {

ConnectionSelfTest::ConnectionSelfTest(ServerClient& client, const CardReader* reader, QObject* parent)
    : QObject(parent), m_client(client), m_reader(reader)
{
    connect(&m_client, &ServerClient::replied, this, &ConnectionSelfTest::onReplied);
}

void ConnectionSelfTest::run()
{
    m_callId = m_client.checkHealth();
}

void ConnectionSelfTest::onReplied(quint64 callId, const ServerReply& reply)
{
    if (callId != m_callId) {
        return;
    }
    m_callId = 0;
    QList<Item> items;
    const bool reached = reply.transport == ServerReply::Transport::Answered ||
                         reply.transport == ServerReply::Transport::BadResponse ||
                         reply.transport == ServerReply::Transport::TlsFailure;
    items.append({tr("サーバーに接続できる"), reached,
                  reached ? m_client.settings().baseUrl.toString()
                          : tr("接続できません（%1）。URLとネットワークを確認してください。").arg(reply.detail)});
    const bool tls = reply.transport == ServerReply::Transport::Answered && reply.httpStatus == 200;
    items.append({tr("施設の証明書で安全に接続できる（TLS）"), tls,
                  tls ? tr("認証されました")
                  : reply.transport == ServerReply::Transport::TlsFailure
                      ? tr("TLS接続に失敗しました（%1）。施設証明書とサーバー認証局を確認してください。").arg(reply.detail)
                      : tr("確認できません（HTTP %1）").arg(reply.httpStatus)});
    if (!m_reader) {
        items.append({tr("カードリーダー"), false, tr("この端末ではカードリーダーを使えません（未接続）")});
    } else {
        const QStringList readers = m_reader->readers();
        items.append({tr("カードリーダー"), !readers.isEmpty(),
                      readers.isEmpty() ? tr("見つかりません。USBケーブルとカード読み取りサービスを確認してください。")
                                        : readers.join(QStringLiteral(", "))});
    }
    if (reply.serverTime.isValid()) {
        const qint64 difference = reply.serverTime.secsTo(QDateTime::currentDateTimeUtc());
        const bool close = std::abs(difference) <= kMaxClockDifferenceSeconds;
        items.append({tr("時計のずれ"), close,
                      close ? tr("%1 秒").arg(difference)
                            : tr("%1 秒ずれています。パソコンの時刻を合わせてください。").arg(difference)});
    } else {
        items.append({tr("時計のずれ"), false, tr("サーバーの時刻を取得できません")});
    }
    emit finished(items);
}

} // namespace oqs::client::core
