// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/CardReader.h"
#include "core/ServerClient.h"

#include <QList>
#include <QObject>

namespace oqs::client::core {

/// The connection self-test of the settings screen: is the server reachable, does TLS with the institution
/// certificate work, is a card reader present, how far apart are this PC's clock and the server's.
class ConnectionSelfTest : public QObject {
    Q_OBJECT

public:
    /// One line of the report.
    struct Item {
        QString check;  ///< what was checked, in words for the clerk
        bool ok = false;
        QString detail; ///< the finding, or what to do
    };

    /// Clocks further apart than this are reported: the consultation date "today" and receipt times depend on it.
    static constexpr int kMaxClockDifferenceSeconds = 60;

    /// `reader` may be null (no reader implementation in this build).
    ConnectionSelfTest(ServerClient& client, const CardReader* reader, QObject* parent = nullptr);

    /// Starts the checks; finished() follows once (at the latest after the client's timeout).
    void run();

signals:
    void finished(const QList<oqs::client::core::ConnectionSelfTest::Item>& items);

private:
    void onReplied(quint64 callId, const ServerReply& reply);

    ServerClient& m_client;
    const CardReader* m_reader;
    quint64 m_callId = 0;
};

} // namespace oqs::client::core
