// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/ApiHandlers.h"
#include "http/ApiServices.h"
#include "http/SessionApi.h"

#include <Poco/Net/HTTPRequestHandlerFactory.h>

namespace oqs::server::http {

/// Maps (method, path) to a fresh handler per request; unknown paths answer 404 in the common error shape.
class RequestRouter : public Poco::Net::HTTPRequestHandlerFactory
{
public:
    explicit RequestRouter(const ApiServices& services)
        : m_services(services), m_api(services.verification), m_sessions(services.accounts)
    {
    }

    /// Poco takes ownership of the returned handler and deletes it after the request.
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

private:
    /// A handler for `endpoint` behind the given access check.
    Poco::Net::HTTPRequestHandler* handler(Endpoint endpoint, Route route);

    ApiServices m_services;
    VerificationApi m_api;
    SessionApi m_sessions;
};

} // namespace oqs::server::http
