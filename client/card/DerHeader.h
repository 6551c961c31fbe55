// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace oqs::client::card {

/// The header of a DER SEQUENCE (an X.509 certificate starts with one).
struct DerHeader {
    std::size_t headerLength = 0;  ///< tag and length octets
    std::size_t contentLength = 0;

    std::size_t totalLength() const { return headerLength + contentLength; }

    /// Parses the header at the start of `bytes`: tag 30 (constructed SEQUENCE), then a definite length in short
    /// form or minimal long form of at most 4 octets. nullopt when `bytes` is too short to hold the header, the tag
    /// is another one, or the length is indefinite or not minimal (not DER).
    static std::optional<DerHeader> parseSequence(std::span<const std::uint8_t> bytes);
};

} // namespace oqs::client::card
