// SPDX-License-Identifier: Apache-2.0
#include "http/RequestRouter.h"

#include <oqs/common/JsonCodec.h>

#include <Poco/URI.h>

using namespace oqs::common;

namespace oqs::server::http {
namespace {

constexpr std::string_view kReceiptPrefix = "/v1/verifications/";

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

Poco::Net::HTTPRequestHandler* RequestRouter::handler(Endpoint endpoint, Access access)
{
    return new EndpointHandler(std::move(endpoint), access, m_accounts);
}

Poco::Net::HTTPRequestHandler* RequestRouter::createRequestHandler(const Poco::Net::HTTPServerRequest& request)
{
    const std::string path = Poco::URI(request.getURI()).getPath();
    if (path == "/healthz" && isGet(request)) {
        return handler(health, Access::Public);
    }
    if (path == "/v1/sessions" && isPost(request)) {
        return handler([this](const ApiRequest& call) { return m_sessions.login(call); }, Access::Institution);
    }
    if (path == "/v1/sessions/current" && request.getMethod() == Poco::Net::HTTPRequest::HTTP_DELETE) {
        return handler([this](const ApiRequest& call) { return m_sessions.logout(call); }, Access::Session);
    }
    if (path == "/v1/sessions/current/password" && isPost(request)) {
        return handler([this](const ApiRequest& call) { return m_sessions.changePassword(call); }, Access::Session);
    }
    if (path == "/v1/verifications/insurance-card" && isPost(request)) {
        return handler([this](const ApiRequest& call) { return m_api.verifyInsuranceCard(call); }, Access::Principal);
    }
    if (path == "/v1/verifications/my-number-card" && isPost(request)) {
        return handler([this](const ApiRequest& call) { return m_api.verifyMyNumberCard(call); }, Access::Principal);
    }
    if (path.starts_with(kReceiptPrefix) && path.size() > kReceiptPrefix.size() && isGet(request)) {
        const std::string receipt = path.substr(kReceiptPrefix.size());
        return handler([this, receipt](const ApiRequest& call) { return m_api.answerByReceipt(call, receipt); },
                       Access::Principal);
    }
    if (path == "/v1/history" && isGet(request)) {
        return handler([this](const ApiRequest& call) { return m_api.searchHistory(call); }, Access::Principal);
    }
    return handler([](const ApiRequest&) { return notFoundResponse(); }, Access::Public);
}

} // namespace oqs::server::http
