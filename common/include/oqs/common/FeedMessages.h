// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace oqs::common {

/// The text columns of a qualification feed record (resources/docs/feeds.md, layout v1), in file order, without
/// `sequence` (a number on the wire) and `operation` (the HTTP feed gives it by the path).
inline constexpr std::array<std::string_view, 19> kFeedRecordColumns = {
    "insurer_number", "card_symbol",     "card_number",   "card_branch",       "birth_date",    "linkage_number",
    "name",           "name_kana",       "sex",           "relationship",      "card_category", "acquisition_date",
    "loss_date",      "card_valid_from", "card_valid_to", "copayment_percent", "address",       "insured_person_name",
    "office_name"};

/// Body of POST /v1/feed/{register,update,delete,correct}: one record of the qualification feed as the intermediate
/// server sends it (D11). The keys are the feed file's column names; every value but `sequence` is a string exactly
/// as the CSV cell would be. Only the structure is checked here (strict: unknown keys, wrong types, a missing
/// insurer_number → bad-request); the field rules are the feed's own and come back as a "rejected" result.
struct FeedRecordMessage
{
    std::int64_t sequence = 0; ///< the insurer's processing number, ≥ 1
    /// Column name (one of kFeedRecordColumns) → value; a column left out is empty, i.e. "not registered".
    std::map<std::string, std::string, std::less<>> fields;

    bool operator==(const FeedRecordMessage&) const = default;
};

/// Answer of a feed call and of GET /v1/feed/status: what became of one record.
struct FeedResultAnswer
{
    std::string insurerNumber; ///< "insurer_number" on the wire, like the feed column
    std::int64_t sequence = 0;
    std::string status; ///< "applied", "rejected" or "duplicate"
    std::string reason; ///< why rejected; for a duplicate, what the first processing did

    bool operator==(const FeedResultAnswer&) const = default;
};

} // namespace oqs::common
