// SPDX-License-Identifier: Apache-2.0
#include "card/Apdu.h"

#include <cassert>

namespace oqs::client::card {

namespace {
constexpr std::size_t kMaxShortData = 255;
constexpr std::size_t kMaxShortLe = 256;
} // namespace

Bytes CommandApdu::encode() const
{
    assert(data.size() <= kMaxShortData);
    assert(!le || (*le >= 1 && *le <= kMaxShortLe));
    Bytes wire{cla, ins, p1, p2};
    if (!data.empty()) {
        wire.push_back(static_cast<std::uint8_t>(data.size()));
        wire.insert(wire.end(), data.begin(), data.end());
    }
    if (le) {
        // Le = 256 is encoded as 00 in a short APDU.
        wire.push_back(static_cast<std::uint8_t>(*le & 0xFF));
    }
    return wire;
}

std::optional<ResponseApdu> ResponseApdu::parse(std::span<const std::uint8_t> raw)
{
    if (raw.size() < 2) {
        return std::nullopt;
    }
    ResponseApdu response;
    response.data.assign(raw.begin(), raw.end() - 2);
    response.statusWord = static_cast<std::uint16_t>((raw[raw.size() - 2] << 8) | raw[raw.size() - 1]);
    return response;
}

} // namespace oqs::client::card
