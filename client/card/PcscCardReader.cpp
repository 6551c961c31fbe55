// SPDX-License-Identifier: Apache-2.0
#include "card/PcscCardReader.h"

#include "card/CertificateInfo.h"
#include "card/JpkiApplet.h"
#include "card/PcscContext.h"
#include "card/PcscTransport.h"

#include <QMetaObject>

#include <algorithm>
#include <chrono>

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
                readCard(context, readerSlots[i].name);
            } else if (!readerSlots[i].cardPresent && wasPresent[i]) {
                QMetaObject::invokeMethod(this, [this] { emit cardRemoved(); }, Qt::QueuedConnection);
            }
        }
    }
}

void PcscCardReader::readCard(PcscContext& context, const std::string& reader)
{
    QMetaObject::invokeMethod(this, [this] { emit cardInserted(); }, Qt::QueuedConnection);
    const auto transport = context.connect(reader);
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
    QMetaObject::invokeMethod(this, [this, der] { emit certificateRead(der); }, Qt::QueuedConnection);
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
