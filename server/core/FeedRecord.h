// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/QualificationRepository.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace oqs::server::core {

/// What a feed record asks for (資格確認用情報の登録・更新・削除・訂正).
enum class FeedOperation { Register, Update, Delete, Correct };

std::string_view toString(FeedOperation operation);
std::optional<FeedOperation> feedOperationFrom(std::string_view text);

/// One record of the qualification feed, already checked field by field. The qualification is identified by its
/// card key and birth date; `row` carries the whole new content (Delete uses only the key).
struct FeedRecord
{
    std::int64_t sequence = 0; ///< the insurer's processing number (処理通番): strictly +1 per record
    FeedOperation operation = FeedOperation::Register;
    StoredQualification row;
    std::size_t line = 0; ///< where it came from (file line; 0 for the HTTP feed)
    /// Non-empty: the record failed its field checks (e.g. "birth_date: invalid-date"); it is recorded as rejected
    /// and still takes its place in the insurer's sequence, so that the records after it apply.
    std::string rejection;
};

/// Puts an insurer's records in sequence order, keeping the order of records with the same sequence (a record
/// re-sent in the same batch); cheap when they already are, as records prepared by the file import are.
inline void sortBySequence(std::vector<FeedRecord>& records)
{
    const auto bySequence = [](const FeedRecord& a, const FeedRecord& b) { return a.sequence < b.sequence; };
    if (!std::is_sorted(records.begin(), records.end(), bySequence)) {
        std::stable_sort(records.begin(), records.end(), bySequence);
    }
}

/// The outcome of one feed record.
struct FeedResult
{
    std::string insurerNumber;
    std::int64_t sequence = 0;
    std::size_t line = 0;
    std::string status; ///< "applied", "rejected", "duplicate" (already processed: re-sending is harmless)
    std::string reason; ///< why rejected; for duplicates, the first outcome
};

} // namespace oqs::server::core
