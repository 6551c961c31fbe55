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

Poco::Net::HTTPRequestHandler* RequestRouter::createRequestHandler(const Poco::Net::HTTPServerRequest& request)
{
    const std::string path = Poco::URI(request.getURI()).getPath();
    if (path == "/healthz" && isGet(request)) {
        return new EndpointHandler(health, false);
    }
    if (path == "/v1/verifications/insurance-card" && isPost(request)) {
        return new EndpointHandler([this](const ApiRequest& call) { return m_api.verifyInsuranceCard(call); });
    }
    if (path == "/v1/verifications/my-number-card" && isPost(request)) {
        return new EndpointHandler([this](const ApiRequest& call) { return m_api.verifyMyNumberCard(call); });
    }
    if (path.starts_with(kReceiptPrefix) && path.size() > kReceiptPrefix.size() && isGet(request)) {
        const std::string receipt = path.substr(kReceiptPrefix.size());
        return new EndpointHandler(
            [this, receipt](const ApiRequest& call) { return m_api.answerByReceipt(call, receipt); });
    }
    if (path == "/v1/history" && isGet(request)) {
        return new EndpointHandler([this](const ApiRequest& call) { return m_api.searchHistory(call); });
    }
    return new EndpointHandler([](const ApiRequest&) {
        ApiResponse response = errorResponse(Status::NotFound);
        response.httpStatus = 404;
        return response;
    }, false);
}

} // namespace oqs::server::http
