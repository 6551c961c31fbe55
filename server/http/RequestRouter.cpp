// SPDX-License-Identifier: Apache-2.0
#include "http/RequestRouter.h"

#include "http/Metrics.h"

#include <Poco/URI.h>
#include <oqs/common/JsonCodec.h>

using namespace oqs::common;

namespace oqs::server::http {
namespace {

constexpr std::string_view kReceiptPrefix = "/v1/verifications/";
constexpr std::string_view kFeedPrefix = "/v1/feed/";

ApiResponse health(const ApiRequest&)
{
    return ApiResponse{200, R"({"status":"ok"})"};
}

bool isPost(const Poco::Net::HTTPServerRequest& request)
{
    return request.getMethod() == Poco::Net::HTTPRequest::HTTP_POST;
}

bool isGet(const Poco::Net::HTTPServerRequest& request)
{
    return request.getMethod() == Poco::Net::HTTPRequest::HTTP_GET;
}

} // namespace

Poco::Net::HTTPRequestHandler* RequestRouter::handler(Endpoint endpoint, Route route)
{
    return new EndpointHandler(std::move(endpoint), route, m_services, m_callers);
}

Poco::Net::HTTPRequestHandler* RequestRouter::createRequestHandler(const Poco::Net::HTTPServerRequest& request)
{
    const std::string path = Poco::URI(request.getURI()).getPath();
    if (path == "/healthz" && isGet(request)) {
        return handler(health, {"healthz", Access::Public});
    }
    if (path == "/v1/sessions" && isPost(request)) {
        return handler([this](const ApiRequest& call) { return m_sessions.login(call); },
                       {"login", Access::Institution});
    }
    if (path == "/v1/sessions/current" && request.getMethod() == Poco::Net::HTTPRequest::HTTP_DELETE) {
        return handler([this](const ApiRequest& call) { return m_sessions.logout(call); }, {"logout", Access::Session});
    }
    if (path == "/v1/sessions/current/password" && isPost(request)) {
        return handler([this](const ApiRequest& call) { return m_sessions.changePassword(call); },
                       {"password", Access::Session});
    }
    if (path == "/v1/verifications/insurance-card" && isPost(request)) {
        return handler([this](const ApiRequest& call) { return m_api.verifyInsuranceCard(call); },
                       {"insurance-card", Access::Principal, Route::Gate::Check});
    }
    if (path == "/v1/verifications/my-number-card/challenge" && isPost(request)) {
        return handler([this](const ApiRequest& call) { return m_api.issueCardChallenge(call); },
                       {"my-number-card-challenge", Access::Principal, Route::Gate::Check});
    }
    if (path == "/v1/verifications/my-number-card" && isPost(request)) {
        return handler([this](const ApiRequest& call) { return m_api.verifyMyNumberCard(call); },
                       {"my-number-card", Access::Principal, Route::Gate::Check});
    }
    if (path.starts_with(kReceiptPrefix) && path.size() > kReceiptPrefix.size() && isGet(request)) {
        const std::string receipt = path.substr(kReceiptPrefix.size());
        return handler([this, receipt](const ApiRequest& call) { return m_api.answerByReceipt(call, receipt); },
                       {"receipt", Access::Principal});
    }
    if (path == "/v1/history" && isGet(request)) {
        return handler([this](const ApiRequest& call) { return m_api.searchHistory(call); },
                       {"history", Access::Principal});
    }
    if (path == "/v1/receipts/verify" && isPost(request)) {
        return handler([this](const ApiRequest& call) { return m_api.verifyReceipt(call); },
                       {"receipt-verify", Access::Principal});
    }
    if (path == "/v1/feed/status" && isGet(request)) {
        return handler([this](const ApiRequest& call) { return m_feeds.status(call); }, {"feed-status", Access::Feed});
    }
    if (path.starts_with(kFeedPrefix) && isPost(request)) {
        if (const auto operation = core::feedOperationFrom(path.substr(kFeedPrefix.size()))) {
            return handler([this, op = *operation](const ApiRequest& call) { return m_feeds.apply(call, op); },
                           {"feed-record", Access::Feed, Route::Gate::Feed});
        }
    }
    if (path == "/metrics" && isGet(request)) {
        return handler(
            [this](const ApiRequest&) {
                return ApiResponse{200, m_services.metrics.render(), 0, false, "text/plain; version=0.0.4"};
            },
            {"metrics", Access::Public});
    }
    return handler([](const ApiRequest&) { return notFoundResponse(); }, {"unknown", Access::Public});
}

} // namespace oqs::server::http
