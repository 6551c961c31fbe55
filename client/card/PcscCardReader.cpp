// SPDX-License-Identifier: Apache-2.0
#include "card/PcscCardReader.h"

#include "card/CertificateInfo.h"
#include "card/JpkiApplet.h"
#include "card/PcscContext.h"
#include "card/PcscTransport.h"

#include <QMetaObject>

#include <algorithm>
#include <chrono>
#include <utility>

namespace oqs::client::card {

namespace {

/// Longest wait on SCardGetStatusChange: stop() cancels it at once, this only bounds the case where the cancel
/// lands between two waits.
constexpr std::chrono::milliseconds kWaitSlice{500};
/// Pause before asking again for a service that is not running.
constexpr int kServiceRetrySeconds = 1;

QStringList toQStringList(const std::vector<std::string>& names)
{
    QStringList list;
    for (const std::string& name : names) {
        list.append(QString::fromStdString(name));
    }
    return list;
}

bool isWaitOver(const CardError& error)
{
    return error.pcscCode == static_cast<pcsc::ReturnCode>(SCARD_E_TIMEOUT) ||
           error.pcscCode == static_cast<pcsc::ReturnCode>(SCARD_E_CANCELLED);
}

CardError pinBlocked()
{
    return CardError{core::CardReader::Problem::PinBlocked, CardError::Origin::Card,
                     "user-authentication PIN blocked (no tries left)", 0, 0, false};
}

bool isServiceLost(const CardError& error)
{
    // After pcscd restarts, the old context's handles are unknown to the new daemon.
    return error.problem == core::CardReader::Problem::NoService ||
           error.pcscCode == static_cast<pcsc::ReturnCode>(SCARD_E_INVALID_HANDLE);
}

} // namespace

PcscCardReader::PcscCardReader(QObject* parent) : core::CardReader(parent) {}

PcscCardReader::~PcscCardReader()
{
    stop();
}

QStringList PcscCardReader::readers() const
{
    const auto context = PcscContext::establish();
    if (!context.ok()) {
        return {};
    }
    const auto names = context.value()->listReaders();
    return names.ok() ? toQStringList(names.value()) : QStringList{};
}

void PcscCardReader::start(const QString& readerName)
{
    stop();
    m_stopping = false;
    m_lastReaders.clear();
    m_worker = std::thread(&PcscCardReader::run, this, readerName.toStdString());
}

void PcscCardReader::stop()
{
    if (!m_worker.joinable()) {
        return;
    }
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
        if (m_context != nullptr) {
            m_context->cancel();
        }
    }
    m_wake.notify_all();
    m_worker.join();
}

void PcscCardReader::setContext(PcscContext* context)
{
    const std::lock_guard lock(m_mutex);
    m_context = context;
}

bool PcscCardReader::pause(int seconds)
{
    std::unique_lock lock(m_mutex);
    return !m_wake.wait_for(lock, std::chrono::seconds(seconds), [this] { return m_stopping.load(); });
}

void PcscCardReader::run(std::string readerName)
{
    bool serviceReported = false;
    while (!m_stopping) {
        auto established = PcscContext::establish();
        if (!established.ok()) {
            if (!serviceReported) {
                publishReaders({});
                publishFailure(established.error());
                serviceReported = true;
            }
            if (!pause(kServiceRetrySeconds)) {
                return;
            }
            continue;
        }
        const std::unique_ptr<PcscContext> context = std::move(established.value());
        setContext(context.get());
        watch(*context, readerName);
        setContext(nullptr);
        // watch() returns only when stopping or after it reported the service gone.
        serviceReported = true;
    }
}

void PcscCardReader::watch(PcscContext& context, const std::string& readerName)
{
    std::vector<ReaderSlot> readerSlots;
    bool listChanged = true;
    bool noReaderReported = false;
    while (!m_stopping) {
        if (listChanged) {
            const auto names = context.listReaders();
            if (!names.ok()) {
                publishFailure(names.error());
                return;
            }
            std::vector<ReaderSlot> watched;
            for (const std::string& name : names.value()) {
                if (!readerName.empty() && name != readerName) {
                    continue;
                }
                const auto known = std::find_if(readerSlots.begin(), readerSlots.end(),
                                                [&name](const ReaderSlot& slot) { return slot.name == name; });
                watched.push_back(known != readerSlots.end() ? *known : ReaderSlot{name});
            }
            for (const ReaderSlot& slot : readerSlots) {
                const bool unplugged = std::none_of(watched.begin(), watched.end(),
                                                    [&slot](const ReaderSlot& kept) { return kept.name == slot.name; });
                if (unplugged && slot.cardPresent) {
                    QMetaObject::invokeMethod(this, [this] { emit cardRemoved(); }, Qt::QueuedConnection);
                }
            }
            readerSlots = std::move(watched);
            publishReaders(names.value());
            if (readerSlots.empty() && !noReaderReported) {
                publishFailure(CardError{Problem::NoReader, CardError::Origin::Transport,
                                         readerName.empty() ? "no reader connected"
                                                            : "reader '" + readerName + "' not connected",
                                         0, 0, false});
            }
            noReaderReported = readerSlots.empty();
            listChanged = false;
        }
        std::vector<bool> wasPresent;
        for (const ReaderSlot& slot : readerSlots) {
            wasPresent.push_back(slot.cardPresent);
        }
        const auto changed = context.waitForChange(readerSlots, kWaitSlice);
        if (!changed.ok()) {
            const CardError& error = changed.error();
            if (isWaitOver(error)) {
                continue;
            }
            if (isServiceLost(error)) {
                publishReaders({});
                publishFailure(CardError{Problem::NoService, error.origin, error.detail, error.pcscCode, 0, false});
                return;
            }
            // A watched reader went away between listing and waiting: list again.
            listChanged = true;
            continue;
        }
        listChanged = changed.value();
        for (std::size_t i = 0; i < readerSlots.size(); ++i) {
            if (readerSlots[i].cardPresent && !wasPresent[i]) {
                readCard(context, readerSlots[i]);
                // A PIN session waited on the context itself: list again so no reader change is missed.
                listChanged = true;
            } else if (!readerSlots[i].cardPresent && wasPresent[i]) {
                QMetaObject::invokeMethod(this, [this] { emit cardRemoved(); }, Qt::QueuedConnection);
            }
        }
    }
}

void PcscCardReader::readCard(PcscContext& context, const ReaderSlot& slot)
{
    QMetaObject::invokeMethod(this, [this] { emit cardInserted(); }, Qt::QueuedConnection);
    const auto transport = context.connect(slot.name);
    if (!transport.ok()) {
        publishFailure(transport.error());
        return;
    }
    JpkiApplet applet(*transport.value());
    const CardResult<Bytes> certificate = applet.readAuthenticationCertificate();
    if (!certificate.ok()) {
        publishFailure(certificate.error());
        return;
    }
    if (!CertificateInfo::parse(certificate.value())) {
        publishFailure(CardError{Problem::ReadFailed, CardError::Origin::Decode,
                                 "the certificate EF holds no X.509 certificate", 0, 0, false});
        return;
    }
    const QByteArray der(reinterpret_cast<const char*>(certificate.value().data()),
                         static_cast<qsizetype>(certificate.value().size()));
    if (m_pinMode) {
        servePin(context, slot, applet, der);
        return;
    }
    QMetaObject::invokeMethod(this, [this, der] { emit certificateRead(der); }, Qt::QueuedConnection);
}

void PcscCardReader::servePin(PcscContext& context, ReaderSlot slot, JpkiApplet& applet, const QByteArray& der)
{
    const CardResult<int> tries = applet.authenticationPinTriesLeft();
    if (!tries.ok()) {
        publishFailure(tries.error());
        return;
    }
    int triesLeft = tries.value();
    if (triesLeft == 0) {
        publishFailure(pinBlocked());
        return;
    }
    takePinCommand(); // one left over from an earlier card is not for this one
    QMetaObject::invokeMethod(this, [this, triesLeft] { emit pinRequired(triesLeft); }, Qt::QueuedConnection);
    auto deadline = std::chrono::steady_clock::now() + kPinWait;
    while (!m_stopping) {
        if (std::optional<PinCommand> command = takePinCommand()) {
            if (command->cancel) {
                publishFailure(CardError{Problem::PinAbandoned, CardError::Origin::Transport,
                                         "PIN entry cancelled", 0, 0, false});
                return;
            }
            const CardResult<PinVerdict> verdict = applet.verifyAuthenticationPin(
                command->pin, command->lastTryConfirmed ? JpkiApplet::LastTry::Confirmed
                                                        : JpkiApplet::LastTry::NotConfirmed);
            if (!verdict.ok()) {
                publishFailure(verdict.error());
                return;
            }
            switch (verdict.value().outcome) {
            case PinVerdict::Outcome::Verified: {
                const CardResult<Bytes> signature = applet.signSha256(command->challenge);
                if (!signature.ok()) {
                    publishFailure(signature.error());
                    return;
                }
                const QByteArray challenge(reinterpret_cast<const char*>(command->challenge.data()),
                                           static_cast<qsizetype>(command->challenge.size()));
                const QByteArray signatureBytes(reinterpret_cast<const char*>(signature.value().data()),
                                         static_cast<qsizetype>(signature.value().size()));
                QMetaObject::invokeMethod(
                    this, [this, der, challenge, signatureBytes] { emit certificateSigned(der, challenge, signatureBytes); },
                    Qt::QueuedConnection);
                return;
            }
            case PinVerdict::Outcome::Blocked:
                publishFailure(pinBlocked());
                return;
            case PinVerdict::Outcome::Wrong:
                triesLeft = verdict.value().triesLeft;
                QMetaObject::invokeMethod(this, [this, triesLeft] { emit pinRejected(triesLeft); },
                                          Qt::QueuedConnection);
                break;
            case PinVerdict::Outcome::LastTryNeedsConfirmation:
            case PinVerdict::Outcome::BadFormat:
                // Nothing reached the card: ask again, with what the card says now.
                triesLeft = verdict.value().outcome == PinVerdict::Outcome::BadFormat ? triesLeft : 1;
                QMetaObject::invokeMethod(this, [this, triesLeft] { emit pinRequired(triesLeft); },
                                          Qt::QueuedConnection);
                break;
            }
            deadline = std::chrono::steady_clock::now() + kPinWait;
        }
        if (std::chrono::steady_clock::now() > deadline) {
            publishFailure(CardError{Problem::PinAbandoned, CardError::Origin::Transport,
                                     "no PIN entered within " + std::to_string(kPinWait.count()) + " s", 0, 0,
                                     false});
            return;
        }
        // Waits for the card to leave; submitPin() and cancelPin() cut the wait short through cancel().
        std::vector<ReaderSlot> watched{slot};
        const auto changed = context.waitForChange(watched, kWaitSlice);
        if (!changed.ok() && !isWaitOver(changed.error())) {
            publishFailure(changed.error());
            return;
        }
        if (changed.ok() && !watched.front().cardPresent) {
            publishFailure(CardError{Problem::RemovedMidRead, CardError::Origin::Transport,
                                     "card removed while waiting for the PIN", 0, 0, false});
            return;
        }
        slot = watched.front();
    }
}

void PcscCardReader::submitPin(const QString& pin, bool lastTryConfirmed, const QByteArray& challenge)
{
    postPinCommand(PinCommand{false, pin.toStdString(), lastTryConfirmed,
                              std::vector<std::uint8_t>(challenge.begin(), challenge.end())});
}

void PcscCardReader::cancelPin()
{
    postPinCommand(PinCommand{true, {}, false, {}});
}

void PcscCardReader::postPinCommand(PinCommand command)
{
    {
        const std::lock_guard lock(m_mutex);
        m_pinCommand = std::move(command);
        if (m_context != nullptr) {
            m_context->cancel();
        }
    }
    m_wake.notify_all();
}

std::optional<PcscCardReader::PinCommand> PcscCardReader::takePinCommand()
{
    const std::lock_guard lock(m_mutex);
    return std::exchange(m_pinCommand, std::nullopt);
}

void PcscCardReader::publishReaders(const std::vector<std::string>& names)
{
    if (names == m_lastReaders) {
        return;
    }
    m_lastReaders = names;
    const QStringList list = toQStringList(names);
    QMetaObject::invokeMethod(this, [this, list] { emit readersChanged(list); }, Qt::QueuedConnection);
}

void PcscCardReader::publishFailure(const CardError& error)
{
    const Problem problem = error.problem;
    const QString detail = QString::fromStdString(error.detail);
    QMetaObject::invokeMethod(this, [this, problem, detail] { emit readFailed(problem, detail); },
                              Qt::QueuedConnection);
}

} // namespace oqs::client::card
