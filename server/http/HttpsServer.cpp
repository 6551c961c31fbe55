// SPDX-License-Identifier: Apache-2.0
#include "http/HttpsServer.h"

#include "http/RequestRouter.h"

#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/SecureServerSocket.h>

namespace oqs::server::http {

HttpsServer::HttpsServer(const HttpsSettings& settings, const ApiServices& services)
    : m_context(makeServerContext(settings.tls)), m_callers(settings.tls)
{
    Poco::Net::SecureServerSocket socket(Poco::Net::SocketAddress(settings.host, settings.port), 128, m_context);
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(settings.maxThreads);
    params->setMaxQueued(settings.maxQueued);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(settings.keepAliveSeconds, 0));
    params->setMaxKeepAliveRequests(0); // unlimited: clients and load balancers keep connections open
    params->setServerName("oqs-server");
    m_threads = std::make_unique<Poco::ThreadPool>(2, settings.maxThreads);
    // Poco owns the router (ref-counted factory pointer) and the params.
    m_server = std::make_unique<Poco::Net::HTTPServer>(new RequestRouter(services, m_callers), *m_threads, socket, params);
}

HttpsServer::~HttpsServer()
{
    stop();
}

void HttpsServer::start()
{
    m_server->start();
}

void HttpsServer::stop()
{
    if (m_server) {
        m_server->stopAll(false); // stop accepting, let in-flight requests finish
    }
}

unsigned short HttpsServer::port() const
{
    return m_server->port();
}

} // namespace oqs::server::http
