// SPDX-License-Identifier: Apache-2.0
#include "card/StatusWord.h"

#include <array>

namespace oqs::client::card {

namespace {

constexpr std::uint16_t kExact = 0xFFFF;
constexpr std::uint16_t kFirstByte = 0xFF00;
constexpr std::uint16_t kLowNibble = 0xFFF0;

// Ordered: the first matching row wins, so exact rows come before masked ones of the same prefix.
constexpr std::array kStatusWords{
    StatusWordEntry{kStatusSuccess, kExact, StatusMeaning::Success, "success"},
    StatusWordEntry{0x6100, kFirstByte, StatusMeaning::MoreData, "more data available"},
    StatusWordEntry{0x6C00, kFirstByte, StatusMeaning::WrongLe, "wrong Le, exact length given"},
    StatusWordEntry{0x63C0, kLowNibble, StatusMeaning::WrongPin, "wrong PIN"},
    StatusWordEntry{0x6983, kExact, StatusMeaning::PinBlocked, "PIN blocked"},
    StatusWordEntry{0x6984, kExact, StatusMeaning::PinBlocked, "reference data not usable"},
    StatusWordEntry{0x6982, kExact, StatusMeaning::SecurityNotSatisfied, "security status not satisfied"},
    StatusWordEntry{0x6A82, kExact, StatusMeaning::FileNotFound, "file or application not found"},
    StatusWordEntry{0x6A86, kExact, StatusMeaning::WrongParameters, "incorrect P1-P2"},
    StatusWordEntry{0x6B00, kExact, StatusMeaning::WrongParameters, "offset outside the file"},
    StatusWordEntry{0x6D00, kExact, StatusMeaning::NotSupported, "instruction not supported"},
    StatusWordEntry{0x6E00, kExact, StatusMeaning::NotSupported, "class not supported"},
    StatusWordEntry{0x6700, kExact, StatusMeaning::WrongLength, "wrong length"},
    StatusWordEntry{0x6986, kExact, StatusMeaning::CommandNotAllowed, "command not allowed (no current EF)"},
    StatusWordEntry{0x6282, kExact, StatusMeaning::EndOfFile, "end of file reached before Le bytes"},
    StatusWordEntry{0x6581, kExact, StatusMeaning::MemoryFailure, "memory failure"},
};

constexpr StatusWordEntry kUnknown{0, 0, StatusMeaning::Unknown, "unknown status"};

} // namespace

const StatusWordEntry& describeStatusWord(std::uint16_t statusWord)
{
    for (const StatusWordEntry& entry : kStatusWords) {
        if ((statusWord & entry.mask) == entry.value) {
            return entry;
        }
    }
    return kUnknown;
}

std::optional<int> pinTriesLeft(std::uint16_t statusWord)
{
    if (describeStatusWord(statusWord).meaning != StatusMeaning::WrongPin) {
        return std::nullopt;
    }
    return statusWord & 0x0F;
}

} // namespace oqs::client::card
