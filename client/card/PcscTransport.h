// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "card/CardTransport.h"
#include "card/PcscApi.h"

namespace oqs::client::card {

/// A card connected through PC/SC (shared mode, T=0 or T=1). Disconnects, leaving the card powered, when destroyed.
class PcscTransport final : public CardTransport {
public:
    /// Takes over a handle from SCardConnect.
    PcscTransport(SCARDHANDLE handle, pcsc::Dword protocol);
    ~PcscTransport() override;
    PcscTransport(const PcscTransport&) = delete;
    PcscTransport& operator=(const PcscTransport&) = delete;

    /// See CardTransport. After SCARD_W_RESET_CARD it reconnects and fails with cardWasReset set; a card gone
    /// from the reader fails with Problem::RemovedMidRead whatever code the driver used to say so.
    CardResult<ResponseApdu> transmit(const CommandApdu& command) override;

private:
    CardResult<ResponseApdu> transmitOnce(const Bytes& apdu);
    CardError transportError(pcsc::ReturnCode code);
    /// Turns a ReadFailed into RemovedMidRead when the card is no longer in the reader.
    void markIfRemoved(CardError& error);

    SCARDHANDLE m_handle;
    pcsc::Dword m_protocol;
};

} // namespace oqs::client::card
