// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/CardReader.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace oqs::client::card {

class JpkiApplet;
class PcscContext;
struct CardError;
struct ReaderSlot;

/// The My Number card reader over PC/SC (pcsc-lite / WinSCard). A worker thread waits on SCardGetStatusChange for
/// readers and cards; when a card arrives in the watched reader it reads the user-authentication certificate
/// through JpkiApplet. All signals are emitted in the thread this object lives in (queued), never the worker's.
/// When the smart-card service stops it reports NoService and re-establishes its context once it is back.
/// In PIN mode the worker keeps the card session after reading the certificate and waits for submitPin() /
/// cancelPin(), a card removal, or kPinWait.
class PcscCardReader final : public core::CardReader {
    Q_OBJECT

public:
    explicit PcscCardReader(QObject* parent = nullptr);
    ~PcscCardReader() override;

    /// Readers connected now, asked of the service directly (empty when the service is not running). Any thread.
    QStringList readers() const override;
    /// Starts the worker on `readerName` (empty = the first reader, whichever it is when a card arrives); a card
    /// already present is read at once. Restarts the worker when already started. Owner thread only.
    void start(const QString& readerName) override;
    /// Stops and joins the worker: prompt, it cancels the status-change wait. Owner thread only.
    void stop() override;
    /// Takes effect from the next card. Any thread.
    void setPinMode(bool enabled) override { m_pinMode = enabled; }
    /// Hands the PIN and the challenge to the worker waiting after pinRequired(). Owner thread only.
    void submitPin(const QString& pin, bool lastTryConfirmed, const QByteArray& challenge) override;
    /// Owner thread only.
    void cancelPin() override;

    /// How long the card session waits for the PIN before giving up (PinAbandoned).
    static constexpr std::chrono::seconds kPinWait{180};

private:
    /// What the owner thread asked of a card session waiting for its PIN.
    struct PinCommand {
        bool cancel = false;
        std::string pin;
        bool lastTryConfirmed = false;
        std::vector<std::uint8_t> challenge;
    };

    void run(std::string readerName);
    void watch(PcscContext& context, const std::string& readerName);
    void readCard(PcscContext& context, const ReaderSlot& slot);
    /// PIN mode, after the certificate was read: asks for the PIN and serves submitPin() until the card signed,
    /// the PIN is blocked, the clerk cancelled, the card left, kPinWait passed or stop() was called.
    void servePin(PcscContext& context, ReaderSlot slot, JpkiApplet& applet, const QByteArray& der);
    std::optional<PinCommand> takePinCommand();
    void postPinCommand(PinCommand command);
    void publishReaders(const std::vector<std::string>& names);
    void publishFailure(const CardError& error);
    void setContext(PcscContext* context);
    /// Sleeps up to `seconds` unless stop() is called meanwhile; returns false when stopping.
    bool pause(int seconds);

    std::thread m_worker;
    std::atomic<bool> m_stopping{false};
    std::atomic<bool> m_pinMode{false};
    std::mutex m_mutex;                    ///< guards m_context (for cancel) and the wake-up condition
    std::condition_variable m_wake;
    PcscContext* m_context = nullptr;      ///< the worker's context while it has one, for stop() to cancel
    std::optional<PinCommand> m_pinCommand; ///< guarded by m_mutex
    std::vector<std::string> m_lastReaders; ///< worker only
};

} // namespace oqs::client::card
