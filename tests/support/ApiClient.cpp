// SPDX-License-Identifier: Apache-2.0
#include "ApiClient.h"

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <oqs/common/JsonCodec.h>

namespace oqs::tests {
namespace {

Poco::Net::Context::Ptr clientContext(const TestPki& pki, const std::optional<ClientIdentity>& identity)
{
    Poco::Net::Context::Params params;
    if (identity) {
        params.certificateFile = identity->certificateFile.string();
        params.privateKeyFile = identity->privateKeyFile.string();
    }
    params.caLocation = pki.institutionCaFile().string();
    params.verificationMode = Poco::Net::Context::VERIFY_STRICT;
    params.loadDefaultCAs = false;
    Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
    // The chain is still verified; the name check is skipped because the tests connect by address.
    context->enableExtendedCertificateVerification(false);
    return context;
}

} // namespace

ApiClient::ApiClient(const TestPki& pki, unsigned short port, std::optional<ClientIdentity> identity)
    : m_context(clientContext(pki, identity)), m_session("127.0.0.1", port, m_context)
{
    m_session.setKeepAlive(true);
    m_session.setTimeout(Poco::Timespan(20, 0));
}

ApiReply ApiClient::send(const std::string& method, const std::string& path, const std::string& body,
                         const Poco::Net::NameValueCollection& headers)
{
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : headers) {
        request.set(name, value);
    }
    if (!body.empty() || method == "POST") {
        request.setContentType("application/json");
        request.setContentLength(std::streamsize(body.size()));
    }
    m_session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::istream& in = m_session.receiveResponse(response);
    ApiReply reply;
    reply.status = int(response.getStatus());
    Poco::StreamCopier::copyToString(in, reply.body);
    for (const auto& [name, value] : response) {
        reply.headers.add(name, value);
    }
    return reply;
}

Poco::Net::NameValueCollection basicAuthorization(const std::string& userId, const std::string& secret)
{
    Poco::Net::NameValueCollection headers;
    headers.add("Authorization", "Basic " + common::base64Encode(userId + ":" + secret));
    return headers;
}

} // namespace oqs::tests
