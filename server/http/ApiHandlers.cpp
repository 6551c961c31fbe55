// SPDX-License-Identifier: Apache-2.0
#include "http/ApiHandlers.h"

#include "http/Metrics.h"
#include "http/ServiceGate.h"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/X509Certificate.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <charconv>
#include <oqs/common/JsonCodec.h>
#include <oqs/common/Validation.h>

using namespace oqs::common;

namespace oqs::server::http {
namespace {

Language languageOf(const Poco::Net::HTTPServerRequest& request)
{
    const std::string accept = request.get("Accept-Language", "ja");
    return accept.rfind("en", 0) == 0 ? Language::English : Language::Japanese;
}

/// Who the verified client certificate names: an institution by its code (D7) or a feed. Unknown without one.
Caller callerOf(Poco::Net::HTTPServerRequest& request, const CallerIdentifier& callers)
{
    auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&request);
    if (!impl) {
        return {};
    }
    Poco::Net::SecureStreamSocket secure(impl->socket());
    if (!secure.havePeerCertificate()) {
        return {};
    }
    return callers.identify(secure.peerCertificate());
}

/// Reads at most kMaxBodyBytes + 1 bytes, so an oversized body is recognised without reading it all.
std::string readBody(std::istream& in)
{
    std::string body;
    body.resize(std::size_t(kMaxBodyBytes) + 1);
    in.read(body.data(), kMaxBodyBytes + 1);
    body.resize(std::size_t(in.gcount()));
    return body;
}

/// Largest oversized body read and thrown away so the client sees our 400 rather than a connection reset while it
/// is still sending; beyond this the connection is closed instead.
constexpr std::streamsize kMaxDrainBytes = 4 * 1024 * 1024;

/// Discards the rest of an oversized body; true if it ended within kMaxDrainBytes.
bool drainBody(std::istream& in)
{
    char buffer[8192];
    std::streamsize drained = 0;
    while (drained < kMaxDrainBytes && in.read(buffer, sizeof buffer)) {
        drained += in.gcount();
    }
    return in.eof();
}

ApiResponse answerResponse(const VerificationAnswer& answer)
{
    return ApiResponse{httpStatusOf(answer.status), encode(answer)};
}

constexpr std::string_view kBearer = "Bearer ";
constexpr std::string_view kBasic = "Basic ";
constexpr std::size_t kMaxTerminalBytes = 64;

std::optional<int> parseInt(const std::string& text)
{
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

} // namespace

ApiResponse notFoundResponse()
{
    ApiResponse response = errorResponse(Status::NotFound);
    response.httpStatus = 404;
    return response;
}

ApiResponse errorResponse(const Error& error)
{
    return errorResponse(error.status, error.fieldErrors);
}

ApiResponse errorResponse(Status status, FieldErrors fieldErrors, std::string identifier)
{
    ErrorAnswer error;
    error.status = status;
    error.message = std::string(messageOf(status, Language::Japanese));
    error.fieldErrors = std::move(fieldErrors);
    error.identifier = std::move(identifier);
    return ApiResponse{httpStatusOf(status), encode(error)};
}

std::optional<ApiResponse> EndpointHandler::authenticate(const Poco::Net::HTTPServerRequest& request, ApiRequest& call)
{
    if (m_route.access == Access::Public) {
        return std::nullopt;
    }
    if (m_route.access == Access::Feed) {
        return call.feedName.empty() ? std::optional(errorResponse(Status::Forbidden)) : std::nullopt;
    }
    // Refusals echo the request's identifier too (D5: every answer, errors included).
    if (checkMedicalInstitutionCode(call.context.institutionCode)) {
        return errorResponse(Status::Forbidden, {}, identifierOf(call.body));
    }
    if (m_route.access == Access::Institution) {
        return std::nullopt;
    }
    const std::string authorization = request.get("Authorization", "");
    Result<core::Principal> principal = Error{Status::Unauthenticated, {}, {}};
    if (authorization.starts_with(kBearer)) {
        call.token = authorization.substr(kBearer.size());
        principal = m_services.accounts.authenticateSession(call.context.institutionCode, call.token);
    } else if (authorization.starts_with(kBasic)) {
        const auto credentials = base64Decode(authorization.substr(kBasic.size()));
        const auto colon = credentials ? credentials->find(':') : std::string::npos;
        if (colon != std::string::npos) {
            principal = m_services.accounts.authenticateMachine(
                call.context.institutionCode, credentials->substr(0, colon), credentials->substr(colon + 1));
        }
    }
    if (!principal) {
        ApiResponse refusal = errorResponse(Status::Unauthenticated, {}, identifierOf(call.body));
        refusal.authenticate = true;
        return refusal;
    }
    call.principal = principal.value();
    call.context.clerkId = call.principal.userId;
    // Session routes (logout, password change) are a clerk's: a HIS has no session, its secret is the administrator's.
    if (m_route.access == Access::Session && call.principal.kind == core::AccountKind::Machine) {
        return errorResponse(Status::Forbidden, {}, identifierOf(call.body));
    }
    if (m_route.access == Access::Principal && call.principal.mustChangePassword) {
        return errorResponse(Status::Forbidden, {{"password", FieldReason::InvalidValue}}, identifierOf(call.body));
    }
    return std::nullopt;
}

ApiResponse EndpointHandler::process(const Poco::Net::HTTPServerRequest& request, ApiRequest& call)
{
    std::optional<ServiceGate::Ticket> ticket;
    if (m_route.gate != Route::Gate::None) {
        auto admission = m_route.gate == Route::Gate::Feed ? m_services.gate.enterFeed() : m_services.gate.enter();
        if (auto* refusal = std::get_if<ServiceGate::Refusal>(&admission)) {
            ErrorAnswer answer;
            answer.status = refusal->status;
            answer.message = std::string(messageOf(refusal->status, call.context.language));
            answer.identifier = identifierOf(call.body);
            answer.retryAfterSeconds = refusal->retryAfterSeconds;
            answer.nextOpening = refusal->nextOpening;
            return ApiResponse{httpStatusOf(refusal->status), encode(answer), refusal->retryAfterSeconds};
        }
        ticket.emplace(std::get<ServiceGate::Ticket>(std::move(admission)));
    }
    if (auto refusal = authenticate(request, call)) {
        return std::move(*refusal);
    }
    if (call.body.size() > std::size_t(kMaxBodyBytes)) {
        return errorResponse(Status::BadRequest, {{"body", FieldReason::TooLong}});
    }
    return m_endpoint(call);
}

void EndpointHandler::handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
{
    const auto started = std::chrono::steady_clock::now();
    m_services.metrics.requestStarted();
    ApiResponse result;
    bool bodyUnread = false;
    try {
        ApiRequest call;
        const Poco::URI uri(request.getURI());
        call.method = request.getMethod();
        call.path = uri.getPath();
        call.query = uri.getRawQuery();
        const Caller caller = callerOf(request, m_callers);
        (caller.role == Caller::Role::Feed ? call.feedName : call.context.institutionCode) = caller.name;
        // A label of the counter PC for the history and the audit; who acted comes from the credentials.
        call.context.terminal = request.get("X-OQS-Terminal", "").substr(0, kMaxTerminalBytes);
        call.context.language = languageOf(request);
        call.body = readBody(request.stream());
        if (call.body.size() > std::size_t(kMaxBodyBytes)) {
            bodyUnread = !drainBody(request.stream());
        }
        result = process(request, call);
    } catch (const std::exception& error) {
        Poco::Logger::get("oqs.http")
            .error("event=request-failed method=%s path=%s reason=\"%s\"", request.getMethod(),
                   Poco::URI(request.getURI()).getPath(), std::string(error.what()));
        result = errorResponse(Status::Internal);
    }
    if (bodyUnread) {
        response.setKeepAlive(false); // the rest of the body is unread: this connection cannot be reused
    }
    response.setStatus(Poco::Net::HTTPResponse::HTTPStatus(result.httpStatus));
    response.setContentType(result.contentType);
    response.set("Cache-Control", "no-store");
    if (result.authenticate) {
        response.set("WWW-Authenticate", "Bearer realm=\"oqs\"");
    }
    if (result.retryAfterSeconds > 0) {
        response.set("Retry-After", std::to_string(result.retryAfterSeconds));
    }
    response.setContentLength(std::streamsize(result.body.size()));
    response.send() << result.body;
    m_services.metrics.requestFinished();
    m_services.metrics.record(m_route.name, result.httpStatus,
                              std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
}

ApiResponse VerificationApi::verifyInsuranceCard(const ApiRequest& request)
{
    auto decoded = decode<InsuranceCardVerificationRequest>(request.body);
    if (!decoded) {
        return answerResponse(m_service.rejectRequest(request.context, VerificationMode::InsuranceCard,
                                                      identifierOf(request.body), decoded.error().fieldErrors));
    }
    return answerResponse(m_service.verifyInsuranceCard(request.context, std::move(decoded).value()));
}

ApiResponse VerificationApi::verifyMyNumberCard(const ApiRequest& request)
{
    auto decoded = decode<CertificateVerificationRequest>(request.body);
    if (!decoded) {
        return answerResponse(m_service.rejectRequest(request.context, VerificationMode::MyNumberCard,
                                                      identifierOf(request.body), decoded.error().fieldErrors));
    }
    // Parsed once for both checks: parsing is the dearest step of a card check.
    const auto certificate = core::CardCertificate::parse(decoded->certificateDer);
    if (core::CardChallengeService::isPinMode(decoded.value())) {
        if (auto refused = m_challenges.check(request.context, decoded.value(), certificate); !refused.empty()) {
            return answerResponse(m_service.rejectRequest(request.context, VerificationMode::MyNumberCard,
                                                          decoded->identifier, std::move(refused)));
        }
    }
    return answerResponse(m_service.verifyCertificate(request.context, decoded.value(), certificate));
}

ApiResponse VerificationApi::issueCardChallenge(const ApiRequest& request)
{
    // The body carries nothing yet; a present one must still be a valid, empty message of our version.
    if (request.body.find_first_not_of(" \t\r\n") != std::string::npos) {
        if (const auto empty = decode<CardChallengeRequest>(request.body); !empty) {
            return errorResponse(empty.error());
        }
    }
    return ApiResponse{200, encode(m_challenges.issue(request.context))};
}

ApiResponse VerificationApi::answerByReceipt(const ApiRequest& request, const std::string& receiptNumber)
{
    const auto answer = m_service.findByReceipt(request.context, receiptNumber);
    if (!answer) {
        return notFoundResponse();
    }
    return ApiResponse{200, encode(*answer)};
}

ApiResponse VerificationApi::searchHistory(const ApiRequest& request)
{
    HistoryQuery query;
    FieldErrors errors;
    const Poco::URI uri("/?" + request.query);
    for (const auto& [name, value] : uri.getQueryParameters()) {
        if (name == "from" || name == "to") {
            const auto date = Date::parse(value);
            if (!date) {
                errors.push_back({name, FieldReason::InvalidDate});
            }
            (name == "from" ? query.from : query.to) = date;
        } else if (name == "identifier") {
            query.identifier = value;
        } else if (name == "status") {
            query.status = statusFromWire(value);
            if (!query.status) {
                errors.push_back({name, FieldReason::InvalidValue});
            }
        } else if (name == "limit" || name == "offset") {
            const auto number = parseInt(value);
            if (!number) {
                errors.push_back({name, FieldReason::NotDigits});
            } else {
                (name == "limit" ? query.limit : query.offset) = *number;
            }
        } else {
            errors.push_back({name, FieldReason::UnknownField});
        }
    }
    if (!errors.empty()) {
        return errorResponse(Status::BadRequest, std::move(errors));
    }
    auto page = m_service.searchHistory(request.context, query);
    if (!page) {
        return errorResponse(page.error().status, page.error().fieldErrors);
    }
    return ApiResponse{200, encode(page.value())};
}

ApiResponse VerificationApi::verifyReceipt(const ApiRequest& request)
{
    const auto receipt = decode<CheckReceipt>(request.body);
    if (!receipt) {
        return errorResponse(receipt.error());
    }
    const bool valid = m_service.verifyReceipt(receipt.value());
    return ApiResponse{200, encode(ReceiptVerificationAnswer{valid, receipt->keyId})};
}

} // namespace oqs::server::http
