// SPDX-License-Identifier: Apache-2.0
#include "card/PcscApi.h"

#include <array>
#include <cstdio>
#include <string_view>

namespace oqs::client::card::pcsc {

namespace {

struct CodeName {
    ReturnCode code;
    std::string_view name;
};

// The codes OQS reacts to or is likely to log; others are shown by value only.
const std::array kCodeNames{
    CodeName{static_cast<ReturnCode>(SCARD_E_CANCELLED), "SCARD_E_CANCELLED"},
    CodeName{static_cast<ReturnCode>(SCARD_E_INVALID_HANDLE), "SCARD_E_INVALID_HANDLE"},
    CodeName{static_cast<ReturnCode>(SCARD_E_UNKNOWN_READER), "SCARD_E_UNKNOWN_READER"},
    CodeName{static_cast<ReturnCode>(SCARD_E_TIMEOUT), "SCARD_E_TIMEOUT"},
    CodeName{static_cast<ReturnCode>(SCARD_E_SHARING_VIOLATION), "SCARD_E_SHARING_VIOLATION"},
    CodeName{static_cast<ReturnCode>(SCARD_E_NO_SMARTCARD), "SCARD_E_NO_SMARTCARD"},
    CodeName{static_cast<ReturnCode>(SCARD_E_PROTO_MISMATCH), "SCARD_E_PROTO_MISMATCH"},
    CodeName{static_cast<ReturnCode>(SCARD_F_COMM_ERROR), "SCARD_F_COMM_ERROR"},
    CodeName{static_cast<ReturnCode>(SCARD_E_NOT_TRANSACTED), "SCARD_E_NOT_TRANSACTED"},
    CodeName{static_cast<ReturnCode>(SCARD_E_READER_UNAVAILABLE), "SCARD_E_READER_UNAVAILABLE"},
    CodeName{static_cast<ReturnCode>(SCARD_E_NO_SERVICE), "SCARD_E_NO_SERVICE"},
    CodeName{static_cast<ReturnCode>(SCARD_E_SERVICE_STOPPED), "SCARD_E_SERVICE_STOPPED"},
    CodeName{static_cast<ReturnCode>(SCARD_E_NO_READERS_AVAILABLE), "SCARD_E_NO_READERS_AVAILABLE"},
    CodeName{static_cast<ReturnCode>(SCARD_W_UNRESPONSIVE_CARD), "SCARD_W_UNRESPONSIVE_CARD"},
    CodeName{static_cast<ReturnCode>(SCARD_W_UNPOWERED_CARD), "SCARD_W_UNPOWERED_CARD"},
    CodeName{static_cast<ReturnCode>(SCARD_W_RESET_CARD), "SCARD_W_RESET_CARD"},
    CodeName{static_cast<ReturnCode>(SCARD_W_REMOVED_CARD), "SCARD_W_REMOVED_CARD"},
};

} // namespace

std::string describe(ReturnCode code)
{
    char hex[16];
    std::snprintf(hex, sizeof hex, "%08lX", static_cast<unsigned long>(code) & 0xFFFFFFFFUL);
    for (const CodeName& entry : kCodeNames) {
        if (entry.code == code) {
            return std::string(entry.name) + " (" + hex + ")";
        }
    }
    return std::string("PC/SC error ") + hex;
}

core::CardReader::Problem problemOf(ReturnCode code)
{
    using Problem = core::CardReader::Problem;
    switch (code) {
    case static_cast<ReturnCode>(SCARD_E_NO_SERVICE):
    case static_cast<ReturnCode>(SCARD_E_SERVICE_STOPPED):
        return Problem::NoService;
    case static_cast<ReturnCode>(SCARD_E_NO_READERS_AVAILABLE):
    case static_cast<ReturnCode>(SCARD_E_UNKNOWN_READER):
    case static_cast<ReturnCode>(SCARD_E_READER_UNAVAILABLE):
        return Problem::NoReader;
    case static_cast<ReturnCode>(SCARD_W_REMOVED_CARD):
    case static_cast<ReturnCode>(SCARD_E_NO_SMARTCARD):
        return Problem::RemovedMidRead;
    default:
        return Problem::ReadFailed;
    }
}

} // namespace oqs::client::card::pcsc
