// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/FeedRecord.h"
#include "http/ApiHandlers.h"

namespace oqs::server::core {
class AuditRepository;
} // namespace oqs::server::core

namespace oqs::server::batch {
class FeedService;
} // namespace oqs::server::batch

namespace oqs::server::http {

/// The HTTP feed of the insurers' intermediate server (D11; resources/docs/feeds.md "HTTP feed"): one record per call
/// over batch::FeedService, under the same rules as feed files. Every call is audited with the feed's name as actor.
/// Reached only with a feed machine certificate (Access::Feed). Thread-safe.
class FeedApi
{
public:
    FeedApi(batch::FeedService& feeds, core::AuditRepository& audit) : m_feeds(feeds), m_audit(audit) {}

    /// POST /v1/feed/{register,update,delete,correct}: 200 FeedResultAnswer whatever became of the record (applied,
    /// rejected with its reason, duplicate), since the record was processed; 400 with field reasons when the body is
    /// no feed message (malformed JSON, unknown key, wrong type, no insurer_number), in which case nothing happened.
    ApiResponse apply(const ApiRequest& request, core::FeedOperation operation);
    /// GET /v1/feed/status?insurer_number=…&sequence=…: 200 FeedResultAnswer as stored, 404 when that record was
    /// never processed, 400 with field reasons for missing, unknown or malformed parameters.
    ApiResponse status(const ApiRequest& request);

private:
    void audit(const ApiRequest& request, std::string action, const core::FeedResult& result);

    batch::FeedService& m_feeds;
    core::AuditRepository& m_audit;
};

} // namespace oqs::server::http
