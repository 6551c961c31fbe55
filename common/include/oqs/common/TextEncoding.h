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

/// UTF-8 → target encoding. nullopt if `utf8` is not well-formed or a character has no exact CP932 form (the
/// caller reports which field); nothing is ever replaced by '?' or a look-alike. Exception: the JIS-table code
/// points of 〜 − ‖ — ¢ £ ¬ (as typed on macOS/Linux) are written as the same CP932 characters, which read back
/// as ～ － ∥ ― ￠ ￡ ￢.
std::optional<std::string> encodeText(std::string_view utf8, TextEncoding target);
/// Bytes in the given encoding → UTF-8; a leading UTF-8 BOM is dropped. nullopt on invalid input.
std::optional<std::string> decodeText(std::string_view bytes, TextEncoding source);
/// True if `bytes` is well-formed UTF-8 (no overlong forms, surrogates or code points beyond U+10FFFF).
bool isValidUtf8(std::string_view bytes);

} // namespace oqs::common
