// SPDX-License-Identifier: Apache-2.0
#include "oqs/common/TextEncoding.h"

#include <algorithm>
#include <array>

#ifdef _WIN32
#ifndef NOMINMAX
#define NOMINMAX
#endif
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <climits>
#include <windows.h>
#else
#include <cerrno>
#include <iconv.h>
#endif

namespace oqs::common {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string_view withoutBom(std::string_view bytes)
{
    return bytes.starts_with(kBom) ? bytes.substr(kBom.size()) : bytes;
}

/// A JIS X 0208 character that the JIS-based Unicode mapping (macOS and Linux input methods) gives a different
/// code point than Microsoft's CP932 table does.
struct JisVariant
{
    std::string_view jis;
    std::string_view cp932;
};

// Same character to the user, so it is written in its CP932 form rather than refused; it reads back as the
// CP932 code point. ¥ (U+00A5) and ‾ (U+203E) are deliberately absent: CP932 has them only as ASCII \ and ~.
constexpr std::array kJisVariants = {
    JisVariant{"\u301C", "\uFF5E"}, // WAVE DASH → FULLWIDTH TILDE
    JisVariant{"\u2212", "\uFF0D"}, // MINUS SIGN → FULLWIDTH HYPHEN-MINUS
    JisVariant{"\u2016", "\u2225"}, // DOUBLE VERTICAL LINE → PARALLEL TO
    JisVariant{"\u2014", "\u2015"}, // EM DASH → HORIZONTAL BAR
    JisVariant{"\u00A2", "\uFFE0"}, // CENT SIGN → FULLWIDTH CENT SIGN
    JisVariant{"\u00A3", "\uFFE1"}, // POUND SIGN → FULLWIDTH POUND SIGN
    JisVariant{"\u00AC", "\uFFE2"}, // NOT SIGN → FULLWIDTH NOT SIGN
};

/// `utf8` (well-formed) with the JIS variants replaced by their CP932 code points.
std::string foldJisVariants(std::string_view utf8)
{
    std::string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) {
        const std::string_view rest = utf8.substr(i);
        // Comparing the first byte before the rest keeps this a byte scan for text without variants.
        const auto variant = std::find_if(kJisVariants.begin(), kJisVariants.end(), [rest](const JisVariant& v) {
            return rest.front() == v.jis.front() && rest.starts_with(v.jis);
        });
        if (variant != kJisVariants.end()) {
            out += variant->cp932;
            i += variant->jis.size();
        } else {
            out += utf8[i++];
        }
    }
    return out;
}

/// Length of the UTF-8 sequence starting with `lead` and the allowed range of its second byte, per table 3-7 of
/// the Unicode standard: the narrowed ranges are what exclude overlongs (E0, F0), surrogates (ED) and code points
/// beyond U+10FFFF (F4). Length 0 for a byte that cannot start a sequence.
struct SequenceShape
{
    std::size_t length = 0;
    unsigned char secondLow = 0x80;
    unsigned char secondHigh = 0xBF;
};

SequenceShape shapeOf(unsigned char lead)
{
    if (lead >= 0xC2 && lead <= 0xDF) {
        return {2};
    }
    if (lead >= 0xE0 && lead <= 0xEF) {
        return {3, static_cast<unsigned char>(lead == 0xE0 ? 0xA0 : 0x80),
                static_cast<unsigned char>(lead == 0xED ? 0x9F : 0xBF)};
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        return {4, static_cast<unsigned char>(lead == 0xF0 ? 0x90 : 0x80),
                static_cast<unsigned char>(lead == 0xF4 ? 0x8F : 0xBF)};
    }
    return {};
}

#ifdef _WIN32

/// `bytes` in `codePage` → UTF-16; nullopt on invalid input (MB_ERR_INVALID_CHARS instead of U+FFFD).
std::optional<std::wstring> toWide(std::string_view bytes, UINT codePage)
{
    if (bytes.empty()) {
        return std::wstring();
    }
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
        return std::nullopt;
    }
    const int length = static_cast<int>(bytes.size());
    const int needed = MultiByteToWideChar(codePage, MB_ERR_INVALID_CHARS, bytes.data(), length, nullptr, 0);
    if (needed <= 0) {
        return std::nullopt;
    }
    std::wstring wide(static_cast<std::size_t>(needed), L'\0');
    MultiByteToWideChar(codePage, MB_ERR_INVALID_CHARS, bytes.data(), length, wide.data(), needed);
    return wide;
}

/// UTF-16 → `codePage`; nullopt if a character has no exact form there.
std::optional<std::string> fromWide(const std::wstring& wide, UINT codePage)
{
    if (wide.empty()) {
        return std::string();
    }
    // WC_NO_BEST_FIT_CHARS turns a character without an exact form into the default character and reports it
    // through usedDefault, so it fails instead of silently becoming '?' (or ¥ becoming \). CP_UTF8 rejects both
    // that flag and the report, and every UTF-16 string has a UTF-8 form anyway.
    const bool utf8 = codePage == CP_UTF8;
    const DWORD flags = utf8 ? WC_ERR_INVALID_CHARS : WC_NO_BEST_FIT_CHARS;
    BOOL usedDefault = FALSE;
    const int length = static_cast<int>(wide.size());
    const int needed =
        WideCharToMultiByte(codePage, flags, wide.data(), length, nullptr, 0, nullptr, utf8 ? nullptr : &usedDefault);
    if (needed <= 0 || usedDefault) {
        return std::nullopt;
    }
    std::string out(static_cast<std::size_t>(needed), '\0');
    WideCharToMultiByte(codePage, flags, wide.data(), length, out.data(), needed, nullptr, nullptr);
    return out;
}

constexpr UINT kCp932 = 932;

std::optional<std::string> convertVia16(std::string_view bytes, UINT from, UINT to)
{
    const auto wide = toWide(bytes, from);
    return wide ? fromWide(*wide, to) : std::nullopt;
}

std::optional<std::string> cp932FromUtf8(std::string_view utf8)
{
    return convertVia16(utf8, CP_UTF8, kCp932);
}

std::optional<std::string> utf8FromCp932(std::string_view cp932)
{
    return convertVia16(cp932, kCp932, CP_UTF8);
}

#else

/// An iconv conversion descriptor, closed on destruction.
class Iconv
{
public:
    Iconv(const char* to, const char* from) : m_handle(iconv_open(to, from)) {}
    ~Iconv()
    {
        if (isOpen()) {
            iconv_close(m_handle);
        }
    }
    Iconv(const Iconv&) = delete;
    Iconv& operator=(const Iconv&) = delete;

    /// All of `input` converted; nullopt on an invalid, unmappable or truncated sequence (without //TRANSLIT or
    /// //IGNORE, iconv stops there instead of substituting), or if the conversion is not installed.
    std::optional<std::string> convert(std::string_view input)
    {
        if (!isOpen()) {
            return std::nullopt;
        }
        // POSIX declares the input as char** although iconv never writes through it.
        char* in = const_cast<char*>(input.data());
        std::size_t inLeft = input.size();
        std::string out(input.size() + input.size() / 2 + 16, '\0');
        std::size_t written = 0;
        // Both sides are stateless encodings, so there is no shift state to flush at the end.
        while (true) {
            char* outPtr = out.data() + written;
            std::size_t outLeft = out.size() - written;
            const std::size_t result = iconv(m_handle, &in, &inLeft, &outPtr, &outLeft);
            written = out.size() - outLeft;
            if (result != static_cast<std::size_t>(-1)) {
                break;
            }
            if (errno != E2BIG) {
                return std::nullopt;
            }
            out.resize(out.size() * 2);
        }
        out.resize(written);
        return out;
    }

private:
    bool isOpen() const { return m_handle != reinterpret_cast<iconv_t>(-1); }

    iconv_t m_handle;
};

// glibc's name for Windows-31J, the Microsoft table (0x8160 is U+FF5E, NEC and IBM extensions included).
constexpr const char* kCp932 = "CP932";
constexpr const char* kUtf8 = "UTF-8";

std::optional<std::string> cp932FromUtf8(std::string_view utf8)
{
    auto encoded = Iconv(kCp932, kUtf8).convert(utf8);
    if (!encoded) {
        return std::nullopt;
    }
    // glibc also maps some characters one way (¥ to \, ‾ to ~). Requiring the bytes to read back as the input is
    // the rule WC_NO_BEST_FIT_CHARS applies on Windows, so both platforms accept the same text.
    const auto back = Iconv(kUtf8, kCp932).convert(*encoded);
    if (!back || *back != utf8) {
        return std::nullopt;
    }
    return encoded;
}

std::optional<std::string> utf8FromCp932(std::string_view cp932)
{
    return Iconv(kUtf8, kCp932).convert(cp932);
}

#endif

} // namespace

std::optional<std::string> encodeText(std::string_view utf8, TextEncoding target)
{
    if (!isValidUtf8(utf8)) {
        return std::nullopt;
    }
    if (target == TextEncoding::Cp932) {
        return cp932FromUtf8(foldJisVariants(utf8));
    }
    std::string out(target == TextEncoding::Utf8Bom ? kBom : std::string_view());
    out += utf8;
    return out;
}

std::optional<std::string> decodeText(std::string_view bytes, TextEncoding source)
{
    const std::string_view body = withoutBom(bytes);
    if (source == TextEncoding::Cp932) {
        return utf8FromCp932(body);
    }
    if (!isValidUtf8(body)) {
        return std::nullopt;
    }
    return std::string(body);
}

bool isValidUtf8(std::string_view bytes)
{
    std::size_t i = 0;
    while (i < bytes.size()) {
        const auto lead = static_cast<unsigned char>(bytes[i]);
        if (lead < 0x80) {
            ++i;
            continue;
        }
        const SequenceShape shape = shapeOf(lead);
        if (shape.length == 0 || bytes.size() - i < shape.length) {
            return false;
        }
        const auto second = static_cast<unsigned char>(bytes[i + 1]);
        if (second < shape.secondLow || second > shape.secondHigh) {
            return false;
        }
        for (std::size_t k = 2; k < shape.length; ++k) {
            const auto next = static_cast<unsigned char>(bytes[i + k]);
            if (next < 0x80 || next > 0xBF) {
                return false;
            }
        }
        i += shape.length;
    }
    return true;
}

} // namespace oqs::common
