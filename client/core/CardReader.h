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
        PinBlocked,      ///< PIN mode: no PIN tries left; only the municipality can unblock the card
        PinAbandoned,    ///< PIN mode: the PIN was not entered (cancelled, or no answer in time)
    };
    Q_ENUM(Problem)

    using QObject::QObject;

    /// Readers currently connected, by their PC/SC names.
    virtual QStringList readers() const = 0;
    /// Start watching the chosen reader (empty = the first one); reads start by themselves when a card arrives.
    virtual void start(const QString& readerName) = 0;
    virtual void stop() = 0;

    /// PIN mode (D3's higher-assurance option), off by default: after reading the certificate the reader reports
    /// pinRequired() instead of certificateRead() and keeps the card session open until submitPin() or cancelPin().
    /// A reader without PIN support ignores it (the default implementations below), and keeps reading without PIN.
    virtual void setPinMode(bool /*enabled*/) {}
    /// Verifies `pin` on the card and, when it is right, has the card sign `challenge` (the server's bytes) with
    /// its user-authentication key: certificateSigned(). A wrong PIN gives pinRejected() and the card waits again;
    /// the last try is spent only with `lastTryConfirmed` (else pinRequired(1) again, nothing sent); no tries left
    /// gives readFailed(PinBlocked). Only while a pinRequired() is pending. Owner thread only.
    virtual void submitPin(const QString& /*pin*/, bool /*lastTryConfirmed*/, const QByteArray& /*challenge*/) {}
    /// Ends a pending PIN request without sending anything to the card: readFailed(PinAbandoned).
    virtual void cancelPin() {}

signals:
    void readersChanged(const QStringList& readers);
    void cardInserted();
    void cardRemoved();
    /// The user-authentication certificate, DER.
    void certificateRead(const QByteArray& der);
    void readFailed(oqs::client::core::CardReader::Problem problem, const QString& detail);
    /// PIN mode: the certificate was read and the card waits for the PIN; `triesLeft` is 1 to 3.
    void pinRequired(int triesLeft);
    /// PIN mode: the PIN was wrong; the card waits for another one (`triesLeft` ≥ 1).
    void pinRejected(int triesLeft);
    /// PIN mode: the PIN was right and the card signed `challenge`; `der` is the user-authentication certificate.
    void certificateSigned(const QByteArray& der, const QByteArray& challenge, const QByteArray& signature);
};

} // namespace oqs::client::core
