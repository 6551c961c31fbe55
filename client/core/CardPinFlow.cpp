// SPDX-License-Identifier: Apache-2.0
#include "core/CardPinFlow.h"

#include <utility>

namespace oqs::client::core {

CardPinFlow::CardPinFlow(CardReader& reader, ServerClient& client, QObject* parent)
    : QObject(parent), m_reader(reader), m_client(client)
{
    connect(&m_reader, &CardReader::pinRequired, this, [this](int triesLeft) { emit pinNeeded(triesLeft, false); });
    connect(&m_reader, &CardReader::pinRejected, this, [this](int triesLeft) { emit pinNeeded(triesLeft, true); });
    connect(&m_client, &ServerClient::replied, this, &CardPinFlow::onReplied);
}

void CardPinFlow::setEnabled(bool enabled)
{
    m_enabled = enabled;
    m_reader.setPinMode(enabled);
}

void CardPinFlow::enterPin(const QString& pin, bool lastTryConfirmed)
{
    m_pin = pin;
    m_lastTryConfirmed = lastTryConfirmed;
    m_challengeCall = m_client.requestCardChallenge();
}

void CardPinFlow::cancel()
{
    m_challengeCall = 0;
    m_pin.clear();
    m_reader.cancelPin();
}

void CardPinFlow::onReplied(quint64 callId, const ServerReply& reply)
{
    if (callId != m_challengeCall || callId == 0) {
        return;
    }
    m_challengeCall = 0;
    const QString pin = std::exchange(m_pin, QString());
    if (!reply.challenge) {
        // Without a challenge the card has nothing to sign: end its session, the PIN never reached it.
        m_reader.cancelPin();
        const QString reason =
            reply.error ? QString::fromStdString(reply.error->message)
                        : tr("サーバーに接続できないため、暗証番号での確認ができません。暗証番号なしで読み取るか、"
                             "しばらくしてからやり直してください。");
        emit challengeFailed(reason);
        return;
    }
    const std::string& bytes = reply.challenge->challenge;
    m_reader.submitPin(pin, m_lastTryConfirmed, QByteArray(bytes.data(), qsizetype(bytes.size())));
}

} // namespace oqs::client::core
