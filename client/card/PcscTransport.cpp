// SPDX-License-Identifier: Apache-2.0
#include "card/PcscTransport.h"

#include "card/JpkiCard.h"

#include <array>
#include <chrono>
#include <thread>

namespace oqs::client::card {

namespace {

constexpr std::uint8_t kMoreDataSw1 = 0x61;
constexpr std::uint8_t kWrongLeSw1 = 0x6C;
constexpr std::size_t kResponseBufferSize = 256 + 2;
constexpr pcsc::Dword kProtocols = SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1;
/// How long a failed exchange waits for the reader to say whether the card left: pcsc-lite polls readers without
/// card-movement interrupts every 400 ms.
constexpr std::chrono::milliseconds kRemovalNoticeTime{1200};
constexpr std::chrono::milliseconds kRemovalPollInterval{50};

/// Le as the card states it in 61xx / 6Cxx: 00 means 256.
std::size_t lengthFromSw2(std::uint8_t sw2)
{
    return sw2 == 0 ? 256 : sw2;
}

} // namespace

PcscTransport::PcscTransport(SCARDHANDLE handle, pcsc::Dword protocol) : m_handle(handle), m_protocol(protocol) {}

PcscTransport::~PcscTransport()
{
    SCardDisconnect(m_handle, SCARD_LEAVE_CARD);
}

CardResult<ResponseApdu> PcscTransport::transmit(const CommandApdu& command)
{
    CardResult<ResponseApdu> response = transmitOnce(command.encode());
    if (!response.ok()) {
        return response;
    }
    if (response.value().sw1() == kWrongLeSw1) {
        // The card refused Le and gave the exact length: resend the same command with it, once.
        CommandApdu resent = command;
        resent.le = lengthFromSw2(response.value().sw2());
        response = transmitOnce(resent.encode());
        if (!response.ok()) {
            return response;
        }
    }
    ResponseApdu complete = response.value();
    // T=0 cards announce outgoing data with 61xx; collect it with GET RESPONSE until the final status word.
    while (complete.sw1() == kMoreDataSw1) {
        const CommandApdu getResponse{jpki::kClaInterindustry, jpki::ins::kGetResponse, 0x00, 0x00, {},
                                      lengthFromSw2(complete.sw2())};
        const CardResult<ResponseApdu> next = transmitOnce(getResponse.encode());
        if (!next.ok()) {
            return next;
        }
        complete.data.insert(complete.data.end(), next.value().data.begin(), next.value().data.end());
        complete.statusWord = next.value().statusWord;
    }
    return complete;
}

CardResult<ResponseApdu> PcscTransport::transmitOnce(const Bytes& apdu)
{
    std::array<std::uint8_t, kResponseBufferSize> buffer{};
    pcsc::Dword length = buffer.size();
    const SCARD_IO_REQUEST* pci = m_protocol == SCARD_PROTOCOL_T1 ? SCARD_PCI_T1 : SCARD_PCI_T0;
    const pcsc::ReturnCode code = SCardTransmit(m_handle, pci, apdu.data(), static_cast<pcsc::Dword>(apdu.size()),
                                                nullptr, buffer.data(), &length);
    if (code != SCARD_S_SUCCESS) {
        return transportError(code);
    }
    const std::optional<ResponseApdu> response = ResponseApdu::parse(std::span(buffer.data(), length));
    if (!response) {
        // vpcd, among others, answers an exchange with a card that has just left with an empty response.
        CardError error{core::CardReader::Problem::ReadFailed, CardError::Origin::Transport,
                        "response shorter than a status word", 0, 0, false};
        markIfRemoved(error);
        return error;
    }
    return *response;
}

CardError PcscTransport::transportError(pcsc::ReturnCode code)
{
    CardError error{pcsc::problemOf(code), CardError::Origin::Transport, pcsc::describe(code), code, 0, false};
    if (code == static_cast<pcsc::ReturnCode>(SCARD_W_RESET_CARD)) {
        // Another application reset the card: the handle must be reconnected before any further use, and the
        // card has lost its selected application. On Windows a transaction in progress is lost too.
        error.cardWasReset =
            SCardReconnect(m_handle, SCARD_SHARE_SHARED, kProtocols, SCARD_LEAVE_CARD, &m_protocol) == SCARD_S_SUCCESS;
        return error;
    }
    markIfRemoved(error);
    return error;
}

void PcscTransport::markIfRemoved(CardError& error)
{
    if (error.problem != core::CardReader::Problem::ReadFailed) {
        return;
    }
    // Drivers report a card pulled during an exchange in different ways (a communication error, an empty
    // response), and pcscd notices the card gone only at the reader's next presence poll: ask for a short while
    // whether it is still there, so the clerk is told to put it back rather than that it is broken.
    const auto deadline = std::chrono::steady_clock::now() + kRemovalNoticeTime;
    do {
        pcsc::Dword state = 0;
        pcsc::Dword protocol = 0;
        pcsc::Dword atrLength = 0;
        pcsc::Dword readerLength = 0;
        const pcsc::ReturnCode statusCode =
            pcsc::status(m_handle, nullptr, &readerLength, &state, &protocol, nullptr, &atrLength);
        if (pcsc::problemOf(statusCode) == core::CardReader::Problem::RemovedMidRead ||
            (statusCode == SCARD_S_SUCCESS && (state & SCARD_PRESENT) == 0)) {
            error.problem = core::CardReader::Problem::RemovedMidRead;
            return;
        }
        if (statusCode != SCARD_S_SUCCESS) {
            return; // service or reader gone: the original error stands
        }
        std::this_thread::sleep_for(kRemovalPollInterval);
    } while (std::chrono::steady_clock::now() < deadline);
}

} // namespace oqs::client::card
