// SPDX-License-Identifier: Apache-2.0
#include "http/FeedApi.h"

#include "batch/FeedService.h"
#include "core/AuditRepository.h"

#include <Poco/URI.h>
#include <charconv>
#include <oqs/common/JsonCodec.h>
#include <oqs/common/Validation.h>

using namespace oqs::common;

namespace oqs::server::http {
namespace {

ApiResponse resultResponse(const core::FeedResult& result)
{
    return ApiResponse{200,
                       encode(FeedResultAnswer{result.insurerNumber, result.sequence, result.status, result.reason})};
}

std::optional<std::int64_t> positiveNumber(const std::string& text)
{
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value < 1) {
        return std::nullopt;
    }
    return value;
}

} // namespace

ApiResponse FeedApi::apply(const ApiRequest& request, core::FeedOperation operation)
{
    auto decoded = decode<FeedRecordMessage>(request.body);
    if (!decoded) {
        return errorResponse(decoded.error());
    }
    batch::FeedService::Fields fields(decoded->fields.begin(), decoded->fields.end());
    fields["sequence"] = std::to_string(decoded->sequence);
    core::FeedResult result;
    switch (operation) {
    case core::FeedOperation::Register:
        result = m_feeds.registerQualification(fields);
        break;
    case core::FeedOperation::Update:
        result = m_feeds.updateQualification(fields);
        break;
    case core::FeedOperation::Delete:
        result = m_feeds.deleteQualification(fields);
        break;
    case core::FeedOperation::Correct:
        result = m_feeds.correctQualification(fields);
        break;
    }
    audit(request, "feed-" + std::string(core::toString(operation)), result);
    return resultResponse(result);
}

ApiResponse FeedApi::status(const ApiRequest& request)
{
    std::optional<std::string> insurer;
    std::optional<std::string> sequenceText;
    FieldErrors errors;
    for (const auto& [name, value] : Poco::URI("/?" + request.query).getQueryParameters()) {
        if (name == "insurer_number") {
            insurer = value;
        } else if (name == "sequence") {
            sequenceText = value;
        } else {
            errors.push_back({name, FieldReason::UnknownField});
        }
    }
    if (!insurer) {
        errors.push_back({"insurer_number", FieldReason::Required});
    } else if (const auto reason = checkInsurerNumber(*insurer)) {
        errors.push_back({"insurer_number", *reason});
    }
    const auto sequence = sequenceText ? positiveNumber(*sequenceText) : std::nullopt;
    if (!sequence) {
        errors.push_back({"sequence", sequenceText ? FieldReason::InvalidValue : FieldReason::Required});
    }
    if (!errors.empty()) {
        return errorResponse(Status::BadRequest, std::move(errors));
    }
    const std::int64_t number = *sequence;
    const auto result = m_feeds.status(*insurer, number);
    audit(request, "feed-status", result ? *result : core::FeedResult{*insurer, number, 0, "not-found", {}});
    return result ? resultResponse(*result) : notFoundResponse();
}

void FeedApi::audit(const ApiRequest& request, std::string action, const core::FeedResult& result)
{
    // Feeds act for no institution; the target is the record's place in its insurer's sequence, never its content.
    m_audit.append({"feed:" + request.feedName,
                    {},
                    request.context.terminal,
                    std::move(action),
                    result.insurerNumber + "/" + std::to_string(result.sequence),
                    result.status});
}

} // namespace oqs::server::http
