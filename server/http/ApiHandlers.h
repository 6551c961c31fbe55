// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/VerificationService.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <functional>
#include <string>

namespace oqs::server::http {

/// Largest request body accepted; a My Number certificate is ~1.5 KiB DER, so 64 KiB is generous.
inline constexpr std::streamsize kMaxBodyBytes = 64 * 1024;

/// The body of one API call: what the handler decoded from the request, and who asked.
struct ApiRequest {
    core::CheckContext context;
    std::string method;
    std::string path;  ///< without the query string
    std::string query; ///< raw query string
    std::string body;
};

struct ApiResponse {
    int httpStatus = 200;
    std::string body; ///< JSON
    int retryAfterSeconds = 0;
};

/// One endpoint: turns a decoded request into a response by calling one service method.
using Endpoint = std::function<ApiResponse(const ApiRequest&)>;

/// Poco's handler around an Endpoint: identifies the institution from the client certificate, reads the body
/// within kMaxBodyBytes, calls the endpoint, writes the JSON answer. Never lets an exception become a torn
/// response: unexpected failures answer "internal" with no details.
class EndpointHandler : public Poco::Net::HTTPRequestHandler {
public:
    explicit EndpointHandler(Endpoint endpoint, bool needsInstitution = true)
        : m_endpoint(std::move(endpoint)), m_needsInstitution(needsInstitution)
    {
    }

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    Endpoint m_endpoint;
    bool m_needsInstitution;
};

/// Writes an error answer of the common shape.
ApiResponse errorResponse(common::Status status, common::FieldErrors fieldErrors = {}, std::string identifier = {});

/// The endpoints of Web-API v1 over the verification service.
class VerificationApi {
public:
    explicit VerificationApi(core::VerificationService& service) : m_service(service) {}

    ApiResponse verifyInsuranceCard(const ApiRequest& request);
    ApiResponse verifyMyNumberCard(const ApiRequest& request);
    ApiResponse answerByReceipt(const ApiRequest& request, const std::string& receiptNumber);
    ApiResponse searchHistory(const ApiRequest& request);

private:
    core::VerificationService& m_service;
};

} // namespace oqs::server::http
