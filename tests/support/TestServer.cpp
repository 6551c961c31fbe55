// SPDX-License-Identifier: Apache-2.0
#include "TestServer.h"

#include <Poco/Net/SSLManager.h>

namespace oqs::tests {

TestServer::TestServer(const TestPki& pki, const TestDatabase& database, server::core::Clock clock)
{
    Poco::Net::initializeSSL();
    m_config.https.host = "127.0.0.1";
    m_config.https.port = 0;
    m_config.https.maxThreads = 8;
    m_config.https.tls.certificateFile = pki.serverCertificateFile().string();
    m_config.https.tls.privateKeyFile = pki.serverKeyFile().string();
    m_config.https.tls.institutionCaFile = pki.institutionCaFile().string();
    m_config.https.tls.institutionCrlFile = pki.institutionCrlFile().string();
    m_config.database = database.config();
    m_config.database.durableCommits = false; // a test database need not survive a power cut
    m_config.jpkiTrustAnchors = {pki.jpkiCaFile().string()};
    m_config.receiptKeyFile = pki.receiptKeyFile().string();
    m_runtime = std::make_unique<server::app::ServerRuntime>(m_config, std::move(clock));
}

server::core::Clock TestServer::systemClock()
{
    return [] { return std::chrono::system_clock::now(); };
}

} // namespace oqs::tests
