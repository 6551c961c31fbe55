// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/AccountService.h"
#include "core/CardChallengeService.h"
#include "core/VerificationService.h"
#include "http/ApiServices.h"
#include "http/CallerIdentifier.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <functional>
#include <string>

namespace oqs::server::http {

/// Largest request body accepted; a My Number certificate is ~1.5 KiB DER, so 64 KiB is generous.
inline constexpr std::streamsize kMaxBodyBytes = 64 * 1024;

/// What an endpoint requires of the caller before it runs.
enum class Access {
    Public,      ///< nothing beyond TLS (health checks)
    Institution, ///< a client certificate naming a medical institution (login)
    Session,     ///< a clerk session, even one whose password must still change (logout, password change)
    Principal,   ///< a clerk session with a changed password, or a HIS machine credential (HTTP Basic)
    Feed,        ///< the insurers' intermediate server: a feed machine certificate (CN=feed:<name>) of the feed CA
};

/// How one endpoint is reached: its label in metrics, who may call it, and whether it passes the service gate
/// (hours and concurrency limit).
struct Route
{
    /// Which admission of the ServiceGate an endpoint passes.
    enum class Gate { None, Check, Feed };

    const char* name;
    Access access;
    Gate gate = Gate::None;
};

/// The body of one API call: what the handler decoded from the request, and who asked.
struct ApiRequest
{
    core::CheckContext context;
    core::Principal principal; ///< set for Access::Session and Access::Principal
    std::string token;         ///< the bearer token, for Access::Session
    std::string feedName;      ///< <name> of a feed certificate's CN=feed:<name>, for Access::Feed
    std::string method;
    std::string path;  ///< without the query string
    std::string query; ///< raw query string
    std::string body;
};

struct ApiResponse
{
    int httpStatus = 200;
    std::string body; ///< JSON
    int retryAfterSeconds = 0;
    bool authenticate = false; ///< 401: ask for credentials (WWW-Authenticate)
    std::string contentType = "application/json; charset=utf-8";
};

/// One endpoint: turns a decoded request into a response by calling one service method.
using Endpoint = std::function<ApiResponse(const ApiRequest&)>;

/// Poco's handler around an Endpoint: identifies the institution or feed from the client certificate, admits gated
/// requests (closed/busy: 503 with Retry-After), authenticates the caller as the route requires (403 without an
/// institution certificate — or, for Access::Feed, without a feed certificate —, 401 without valid credentials, 403
/// for a machine credential on a clerk's session route and while a clerk must change the initial password), reads
/// the body within kMaxBodyBytes, calls the endpoint, writes the JSON answer. Never lets an exception become a torn
/// response: unexpected failures answer "internal".
class EndpointHandler : public Poco::Net::HTTPRequestHandler
{
public:
    EndpointHandler(Endpoint endpoint, Route route, const ApiServices& services, const CallerIdentifier& callers)
        : m_endpoint(std::move(endpoint)), m_route(route), m_services(services), m_callers(callers)
    {
    }

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    /// Fills call.principal and call.token; an error answer when the caller may not go on.
    std::optional<ApiResponse> authenticate(const Poco::Net::HTTPServerRequest& request, ApiRequest& call);
    /// Authenticates, checks the body size, passes the gate and runs the endpoint.
    ApiResponse process(const Poco::Net::HTTPServerRequest& request, ApiRequest& call);

    Endpoint m_endpoint;
    Route m_route;
    const ApiServices& m_services;
    const CallerIdentifier& m_callers;
};

/// Writes an error answer of the common shape.
ApiResponse errorResponse(common::Status status, common::FieldErrors fieldErrors = {}, std::string identifier = {});
/// 404 for an unknown path or receipt ("not-found" is otherwise a verdict, which travels as 200).
ApiResponse notFoundResponse();
/// The error answer of a service error.
ApiResponse errorResponse(const common::Error& error);

/// The endpoints of Web-API v1 over the verification service.
class VerificationApi
{
public:
    VerificationApi(core::VerificationService& service, core::CardChallengeService& challenges)
        : m_service(service), m_challenges(challenges)
    {
    }

    ApiResponse verifyInsuranceCard(const ApiRequest& request);
    /// POST /v1/verifications/my-number-card; in PIN mode (challenge and signature present) the challenge is
    /// checked first, and a refusal is a recorded bad-request answer naming the field.
    ApiResponse verifyMyNumberCard(const ApiRequest& request);
    /// POST /v1/verifications/my-number-card/challenge: a PIN-mode challenge for the caller (empty body or {"v":1}).
    ApiResponse issueCardChallenge(const ApiRequest& request);
    ApiResponse answerByReceipt(const ApiRequest& request, const std::string& receiptNumber);
    ApiResponse searchHistory(const ApiRequest& request);
    /// POST /v1/receipts/verify: whether a check receipt is genuine and unaltered.
    ApiResponse verifyReceipt(const ApiRequest& request);

private:
    core::VerificationService& m_service;
    core::CardChallengeService& m_challenges;
};

} // namespace oqs::server::http
