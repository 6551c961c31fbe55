// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/CardReader.h"
#include "core/ServerClient.h"

#include <QObject>
#include <QString>

namespace oqs::client::core {

/// PIN mode at the counter (D3's higher-assurance option), between the card reader and the server: when the reader
/// asks for the PIN it asks the screen (pinNeeded); for each PIN handed in it fetches a fresh server challenge and
/// gives both to the card, which signs the challenge once the PIN is right (CardReader::certificateSigned, which
/// the screen submits). A challenge is fetched only after the PIN was typed, so its short lifetime is not spent
/// while the patient thinks. Lives in, and must be called from, the GUI thread.
class CardPinFlow : public QObject {
    Q_OBJECT

public:
    CardPinFlow(CardReader& reader, ServerClient& client, QObject* parent = nullptr);

    /// Turns PIN mode on or off for the next card (CardReader::setPinMode).
    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }
    /// The PIN the patient typed after pinNeeded(); `lastTryConfirmed` only after the clerk confirmed spending the
    /// last try a second time. Fetches a challenge, then hands both to the card.
    void enterPin(const QString& pin, bool lastTryConfirmed);
    /// The patient does not enter the PIN: the card session ends (CardReader::readFailed(PinAbandoned)).
    void cancel();

signals:
    /// Ask the patient for the PIN; `afterWrongPin` when the previous one was wrong. `triesLeft` is 1 to 3.
    void pinNeeded(int triesLeft, bool afterWrongPin);
    /// No challenge could be fetched (server unreachable, session ended…): the card session has ended; `reason` is
    /// for the clerk.
    void challengeFailed(const QString& reason);

private:
    void onReplied(quint64 callId, const ServerReply& reply);

    CardReader& m_reader;
    ServerClient& m_client;
    bool m_enabled = false;
    quint64 m_challengeCall = 0; ///< the pending challenge request, 0 when none
    QString m_pin;               ///< only while its challenge is being fetched
    bool m_lastTryConfirmed = false;
};

} // namespace oqs::client::core
