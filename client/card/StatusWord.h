// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace oqs::client::card {

/// What a card's status word means to OQS, whatever command it answered.
enum class StatusMeaning {
    Success,
    MoreData,             ///< 61xx: fetch with GET RESPONSE (handled by the transport)
    WrongLe,              ///< 6Cxx: resend with Le = xx (handled by the transport)
    WrongPin,             ///< 63Cx: x tries left
    PinBlocked,           ///< 6983
    SecurityNotSatisfied, ///< 6982: PIN not verified
    FileNotFound,         ///< 6A82: application or file absent (a card that is not a My Number card)
    WrongParameters,      ///< 6A86, 6B00
    NotSupported,         ///< 6D00, 6E00: instruction or class unknown (another kind of card)
    WrongLength,          ///< 6700
    CommandNotAllowed,    ///< 6986: e.g. no EF selected
    EndOfFile,            ///< 6282: fewer bytes than asked
    MemoryFailure,        ///< 6581
    Unknown,
};

/// One row of the status-word table: `value` matched under `mask`.
struct StatusWordEntry {
    std::uint16_t value;
    std::uint16_t mask;
    StatusMeaning meaning;
    std::string_view text; ///< short English text for logs and details
};

/// The table row for `statusWord`; Unknown ("unknown status") when no row matches.
/// 9000: the command succeeded.
inline constexpr std::uint16_t kStatusSuccess = 0x9000;

const StatusWordEntry& describeStatusWord(std::uint16_t statusWord);
/// For 63Cx, the x tries left; nullopt for any other status word.
std::optional<int> pinTriesLeft(std::uint16_t statusWord);

} // namespace oqs::client::card
