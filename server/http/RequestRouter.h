// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/ApiHandlers.h"
#include "http/ApiServices.h"
#include "http/CallerIdentifier.h"
#include "http/FeedApi.h"
#include "http/SessionApi.h"

#include <Poco/Net/HTTPRequestHandlerFactory.h>

namespace oqs::server::http {

/// Maps (method, path) to a fresh handler per request; unknown paths answer 404 in the common error shape.
class RequestRouter : public Poco::Net::HTTPRequestHandlerFactory
{
public:
    /// `callers` must outlive the router.
    RequestRouter(const ApiServices& services, const CallerIdentifier& callers)
        : m_services(services), m_callers(callers), m_api(services.verification, services.challenges),
          m_sessions(services.accounts), m_feeds(services.feeds, services.audit)
    {
    }

    /// Poco takes ownership of the returned handler and deletes it after the request.
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

private:
    /// A handler for `endpoint` behind the given access check.
    Poco::Net::HTTPRequestHandler* handler(Endpoint endpoint, Route route);

    ApiServices m_services;
    const CallerIdentifier& m_callers;
    VerificationApi m_api;
    SessionApi m_sessions;
    FeedApi m_feeds;
};

} // namespace oqs::server::http
