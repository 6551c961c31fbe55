// SPDX-License-Identifier: Apache-2.0
#include "card/PcscContext.h"

#include "card/PcscTransport.h"

namespace oqs::client::card {

PcscContext::PcscContext(SCARDCONTEXT context) : m_context(context) {}

PcscContext::~PcscContext()
{
    SCardReleaseContext(m_context);
}

CardError PcscContext::error(pcsc::ReturnCode code, const char* operation) const
{
    return CardError{pcsc::problemOf(code), CardError::Origin::Transport,
                     std::string(operation) + ": " + pcsc::describe(code), code, 0, false};
}

CardResult<std::unique_ptr<PcscContext>> PcscContext::establish()
{
    SCARDCONTEXT context = 0;
    const pcsc::ReturnCode code = SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &context);
    if (code != SCARD_S_SUCCESS) {
        // Whatever the code, without a context there is no service to talk to.
        return CardError{core::CardReader::Problem::NoService, CardError::Origin::Transport,
                         "SCardEstablishContext: " + pcsc::describe(code), code, 0, false};
    }
    return std::unique_ptr<PcscContext>(new PcscContext(context));
}

CardResult<std::vector<std::string>> PcscContext::listReaders() const
{
    pcsc::Dword length = 0;
    pcsc::ReturnCode code = pcsc::listReaders(m_context, nullptr, nullptr, &length);
    if (code == static_cast<pcsc::ReturnCode>(SCARD_E_NO_READERS_AVAILABLE)) {
        return std::vector<std::string>{};
    }
    if (code != SCARD_S_SUCCESS) {
        return error(code, "SCardListReaders");
    }
    // A multi-string: names separated by NUL, ended by an empty name.
    std::vector<char> buffer(length);
    code = pcsc::listReaders(m_context, nullptr, buffer.data(), &length);
    if (code == static_cast<pcsc::ReturnCode>(SCARD_E_NO_READERS_AVAILABLE)) {
        return std::vector<std::string>{};
    }
    if (code != SCARD_S_SUCCESS) {
        return error(code, "SCardListReaders");
    }
    std::vector<std::string> names;
    for (const char* name = buffer.data(); name < buffer.data() + length && *name != '\0';
         name += names.back().size() + 1) {
        names.emplace_back(name);
    }
    return names;
}

CardResult<std::unique_ptr<PcscTransport>> PcscContext::connect(const std::string& reader) const
{
    SCARDHANDLE handle = 0;
    pcsc::Dword protocol = 0;
    const pcsc::ReturnCode code = pcsc::connect(m_context, reader.c_str(), SCARD_SHARE_SHARED,
                                                SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &handle, &protocol);
    if (code != SCARD_S_SUCCESS) {
        CardError failure = error(code, "SCardConnect");
        if (code == static_cast<pcsc::ReturnCode>(SCARD_E_SHARING_VIOLATION)) {
            failure.detail += ": another application holds the card";
        }
        return failure;
    }
    return std::make_unique<PcscTransport>(handle, protocol);
}

CardResult<bool> PcscContext::waitForChange(std::vector<ReaderSlot>& watched, std::chrono::milliseconds timeout)
{
    std::vector<pcsc::ReaderState> states(watched.size() + 1);
    for (std::size_t i = 0; i < watched.size(); ++i) {
        states[i].szReader = watched[i].name.c_str();
        states[i].dwCurrentState = watched[i].knownState;
    }
    states.back().szReader = pcsc::kPnpNotification;
    states.back().dwCurrentState = m_pnpState;
    const pcsc::ReturnCode code = pcsc::getStatusChange(m_context, static_cast<pcsc::Dword>(timeout.count()),
                                                        states.data(), static_cast<pcsc::Dword>(states.size()));
    if (code != SCARD_S_SUCCESS) {
        return error(code, "SCardGetStatusChange");
    }
    for (std::size_t i = 0; i < watched.size(); ++i) {
        // The event state carries a change counter in its upper bits: hand it back so the next wait only
        // returns on a new change.
        watched[i].knownState = states[i].dwEventState & ~static_cast<pcsc::Dword>(SCARD_STATE_CHANGED);
        watched[i].cardPresent = (states[i].dwEventState & SCARD_STATE_PRESENT) != 0;
    }
    const bool readersChanged =
        m_pnpState != SCARD_STATE_UNAWARE && (states.back().dwEventState & SCARD_STATE_CHANGED) != 0;
    m_pnpState = states.back().dwEventState & ~static_cast<pcsc::Dword>(SCARD_STATE_CHANGED);
    return readersChanged;
}

void PcscContext::cancel() const
{
    SCardCancel(m_context);
}

} // namespace oqs::client::card
