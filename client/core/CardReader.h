// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>

namespace oqs::client::core {

/// What the reception screen needs from a My Number card reader. Implementations run the card I/O off the GUI
/// thread and report through queued signals. The individual number (マイナンバー) is never read (D10).
class CardReader : public QObject {
    Q_OBJECT

public:
    enum class Problem {
        NoService,       ///< the smart-card service (pcscd / WinSCard) is not running
        NoReader,        ///< no reader connected
        NotJpki,         ///< a card that is not a My Number card
        RemovedMidRead,  ///< taken off the reader before the certificate was read
        ReadFailed,      ///< any other card or reader error
    };
    Q_ENUM(Problem)

    using QObject::QObject;

    /// Readers currently connected, by their PC/SC names.
    virtual QStringList readers() const = 0;
    /// Start watching the chosen reader (empty = the first one); reads start by themselves when a card arrives.
    virtual void start(const QString& readerName) = 0;
    virtual void stop() = 0;

signals:
    void readersChanged(const QStringList& readers);
    void cardInserted();
    void cardRemoved();
    /// The user-authentication certificate, DER.
    void certificateRead(const QByteArray& der);
    void readFailed(oqs::client::core::CardReader::Problem problem, const QString& detail);
};

} // namespace oqs::client::core
