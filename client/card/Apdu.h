// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace oqs::client::card {

using Bytes = std::vector<std::uint8_t>;

/// An ISO 7816-4 short command APDU.
struct CommandApdu {
    std::uint8_t cla = 0;
    std::uint8_t ins = 0;
    std::uint8_t p1 = 0;
    std::uint8_t p2 = 0;
    Bytes data;                      ///< at most 255 bytes
    std::optional<std::size_t> le{}; ///< expected length, 1..256 (256 is sent as 00); none = no response data

    /// The bytes on the wire (case 1–4 short encoding). Data over 255 bytes or Le outside 1..256 is a programming
    /// error and asserts.
    Bytes encode() const;
};

/// A response APDU: data then the two status bytes.
struct ResponseApdu {
    Bytes data;
    std::uint16_t statusWord = 0;

    /// Splits raw response bytes; nullopt when shorter than the two status bytes.
    static std::optional<ResponseApdu> parse(std::span<const std::uint8_t> raw);
    std::uint8_t sw1() const { return static_cast<std::uint8_t>(statusWord >> 8); }
    std::uint8_t sw2() const { return static_cast<std::uint8_t>(statusWord & 0xFF); }
};

} // namespace oqs::client::card
