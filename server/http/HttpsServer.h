// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/ApiServices.h"
#include "http/CallerIdentifier.h"
#include "http/TlsContext.h"

#include <Poco/Net/HTTPServer.h>
#include <Poco/ThreadPool.h>

#include <memory>
#include <string>

namespace oqs::server::http {

struct HttpsSettings {
    std::string host = "127.0.0.1";
    unsigned short port = 8443; ///< 0 picks a free port (tests)
    int maxThreads = 16;
    int maxQueued = 256;
    int keepAliveSeconds = 15;
    TlsSettings tls;
};

/// The Web-API on a mutual-TLS socket. start() returns once the socket listens; stop() finishes in-flight
/// requests before returning.
class HttpsServer {
public:
    HttpsServer(const HttpsSettings& settings, const ApiServices& services);
    ~HttpsServer();

    void start();
    void stop();
    unsigned short port() const;

private:
    Poco::Net::Context::Ptr m_context; ///< first: it checks the certificate files with the clearest messages
    CallerIdentifier m_callers;
    std::unique_ptr<Poco::ThreadPool> m_threads;
    std::unique_ptr<Poco::Net::HTTPServer> m_server;
};

} // namespace oqs::server::http
