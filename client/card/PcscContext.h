// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "card/CardError.h"
#include "card/PcscApi.h"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace oqs::client::card {

class PcscTransport;

/// What the last status-change wait saw for one reader.
struct ReaderSlot {
    std::string name;
    pcsc::Dword knownState = SCARD_STATE_UNAWARE; ///< passed back to PC/SC so it reports only changes
    bool cardPresent = false;
};

/// One PC/SC resource-manager context (SCardEstablishContext). Used by one thread, except cancel().
class PcscContext {
public:
    /// Fails with Problem::NoService when pcscd / the Windows smart-card service is not running.
    static CardResult<std::unique_ptr<PcscContext>> establish();
    ~PcscContext();
    PcscContext(const PcscContext&) = delete;
    PcscContext& operator=(const PcscContext&) = delete;

    /// Reader names; empty (not an error) when none is connected. Fails with NoService when the service stopped.
    CardResult<std::vector<std::string>> listReaders() const;
    /// Connects to the card in `reader`, shared. Fails with RemovedMidRead when no card is there, ReadFailed for a
    /// sharing violation (another application holds the card exclusively) or a mute card.
    CardResult<std::unique_ptr<PcscTransport>> connect(const std::string& reader) const;
    /// Waits until a card arrives in or leaves one of `watched`, or a reader is plugged in or out, or `timeout`
    /// passes, or cancel() is called. Updates their state; returns whether the set of readers changed.
    /// Fails with the PC/SC code (SCARD_E_CANCELLED, SCARD_E_TIMEOUT, SCARD_E_NO_SERVICE…) in pcscCode.
    CardResult<bool> waitForChange(std::vector<ReaderSlot>& watched, std::chrono::milliseconds timeout);
    /// Makes a waitForChange in progress return SCARD_E_CANCELLED; any thread may call it.
    void cancel() const;

private:
    explicit PcscContext(SCARDCONTEXT context);
    CardError error(pcsc::ReturnCode code, const char* operation) const;

    SCARDCONTEXT m_context;
    pcsc::Dword m_pnpState = SCARD_STATE_UNAWARE;
};

} // namespace oqs::client::card
