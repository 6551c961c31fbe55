// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/Database.h"
#include "core/FeedRecord.h"

#include <map>
#include <optional>
#include <string>

namespace oqs::server::batch {

/// The qualification feed as messages, for the HTTP feed endpoint (the handler decodes a JSON object whose keys are
/// the feed columns of resources/docs/feeds.md, calls one method, encodes the result). Each call applies one record
/// in its insurer's sequence and returns its result; re-sending is harmless (status "duplicate"). Thread-safe.
class FeedService
{
public:
    /// Field name → value, names as the feed file's header (sequence, insurer_number, card_symbol, …; the
    /// operation column is implied by the method). Missing names are empty ("not registered").
    using Fields = std::map<std::string, std::string>;

    explicit FeedService(core::Database& database) : m_database(database) {}

    core::FeedResult registerQualification(const Fields& fields);
    core::FeedResult updateQualification(const Fields& fields);
    core::FeedResult deleteQualification(const Fields& fields);
    core::FeedResult correctQualification(const Fields& fields);
    /// The stored result of a record (linkage status), or nullopt when that sequence was never processed.
    std::optional<core::FeedResult> status(const std::string& insurerNumber, std::int64_t sequence);

private:
    core::FeedResult apply(core::FeedOperation operation, const Fields& fields);

    core::Database& m_database;
};

} // namespace oqs::server::batch
