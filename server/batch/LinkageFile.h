// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/LinkageRepository.h"

#include <string>
#include <string_view>
#include <vector>

namespace oqs::server::batch {

/// A parsed card-serial linkage file (resources/docs/feeds.md §3): UTF-8 CSV, a header row that names the layout —
/// "serial,linkage_number" (serial + linkage number) or "old_serial,new_serial" (renewal) — one data row per
/// linkage, a trailer row "END,<number of data rows>".
struct LinkageFile
{
    core::LinkageKind kind = core::LinkageKind::SerialLinkage;
    std::vector<core::LinkageRecord> records; ///< field-checked, serials canonical; a bad one carries its reason

    /// The header row of a layout.
    static const std::vector<std::string>& columns(core::LinkageKind kind);
    /// Parses a whole file. Throws BatchError naming the file and line when the file as a whole is unusable: not
    /// UTF-8, malformed CSV, a header of neither layout, missing or wrong trailer (a truncated file).
    static LinkageFile parse(std::string_view bytes, const std::string& name);
    /// The canonical form of a serial field (upper-case hex, no leading zeros), or the reason it is not one:
    /// "required", "not-hex", "too-long" (over 20 bytes, RFC 5280) or "zero".
    static std::string checkSerial(std::string_view text, std::string& canonical);
};

} // namespace oqs::server::batch
