// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "TestPki.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NameValueCollection.h>
#include <optional>
#include <string>

namespace oqs::tests {

/// What the server answered.
struct ApiReply
{
    int status = 0;
    std::string body;
    Poco::Net::NameValueCollection headers;
};

/// A keep-alive HTTPS client for the tests: verifies the server against the test institution CA and presents
/// `identity` (or no certificate at all). TLS failures surface as Poco exceptions from send().
class ApiClient
{
public:
    ApiClient(const TestPki& pki, unsigned short port, std::optional<ClientIdentity> identity);

    /// One request; `headers` are "Name: value" pairs added as given.
    ApiReply send(const std::string& method, const std::string& path, const std::string& body = {},
                  const Poco::Net::NameValueCollection& headers = {});
    ApiReply get(const std::string& path, const Poco::Net::NameValueCollection& headers = {})
    {
        return send("GET", path, {}, headers);
    }
    ApiReply post(const std::string& path, const std::string& body, const Poco::Net::NameValueCollection& headers = {})
    {
        return send("POST", path, body, headers);
    }

private:
    Poco::Net::Context::Ptr m_context;
    Poco::Net::HTTPSClientSession m_session;
};

/// "Authorization: Basic …" of a HIS machine credential.
Poco::Net::NameValueCollection basicAuthorization(const std::string& userId, const std::string& secret);

} // namespace oqs::tests
