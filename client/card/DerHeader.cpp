// SPDX-License-Identifier: Apache-2.0
#include "card/DerHeader.h"

namespace oqs::client::card {

namespace {
constexpr std::uint8_t kSequenceTag = 0x30;
constexpr std::uint8_t kLongFormBit = 0x80;
constexpr std::size_t kMaxLengthOctets = 4;
constexpr std::size_t kShortFormLimit = 0x80;
} // namespace

std::optional<DerHeader> DerHeader::parseSequence(std::span<const std::uint8_t> bytes)
{
    if (bytes.size() < 2 || bytes[0] != kSequenceTag) {
        return std::nullopt;
    }
    const std::uint8_t first = bytes[1];
    if ((first & kLongFormBit) == 0) {
        return DerHeader{2, first};
    }
    const std::size_t octets = first & ~kLongFormBit;
    // 0 octets is BER's indefinite length; a leading zero octet is not the minimal encoding DER requires.
    if (octets == 0 || octets > kMaxLengthOctets || bytes.size() < 2 + octets || bytes[2] == 0) {
        return std::nullopt;
    }
    std::size_t length = 0;
    for (std::size_t i = 0; i < octets; ++i) {
        length = (length << 8) | bytes[2 + i];
    }
    if (length < kShortFormLimit) {
        return std::nullopt;
    }
    return DerHeader{2 + octets, length};
}

} // namespace oqs::client::card
