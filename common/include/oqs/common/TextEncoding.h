// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace oqs::common {

/// Character encodings the HIS files use.
enum class TextEncoding {
    Utf8,    ///< UTF-8 without BOM
    Utf8Bom, ///< UTF-8 with a leading BOM (what Excel on Windows expects)
    Cp932,   ///< Windows-31J / Shift_JIS with Microsoft extensions
};

/// UTF-8 → target encoding. nullopt if a character has no CP932 form (the caller reports which field).
std::optional<std::string> encodeText(std::string_view utf8, TextEncoding target);
/// Bytes in the given encoding → UTF-8; a leading UTF-8 BOM is dropped. nullopt on invalid input.
std::optional<std::string> decodeText(std::string_view bytes, TextEncoding source);
/// True if `bytes` is well-formed UTF-8.
bool isValidUtf8(std::string_view bytes);

} // namespace oqs::common
