// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/ApiHandlers.h"

#include <Poco/Net/HTTPRequestHandlerFactory.h>

namespace oqs::server::http {

/// Maps (method, path) to a fresh handler per request; unknown paths answer 404 in the common error shape.
class RequestRouter : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit RequestRouter(core::VerificationService& service) : m_api(service) {}

    /// Poco takes ownership of the returned handler and deletes it after the request.
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

private:
    VerificationApi m_api;
};

} // namespace oqs::server::http
