// SPDX-License-Identifier: Apache-2.0
#include "TestServer.h"

#include "ApiClient.h"

#include <Poco/Net/SSLManager.h>
#include <oqs/common/JsonCodec.h>

namespace oqs::tests {

TestServer::TestServer(const TestPki& pki, const TestDatabase& database, server::core::Clock clock,
                       server::core::ServiceHours hours, server::core::ServiceHours feedHours)
{
    m_config.hours = std::move(hours);
    m_config.feedHours = std::move(feedHours);
    Poco::Net::initializeSSL();
    m_config.https.host = "127.0.0.1";
    m_config.https.port = 0;
    m_config.https.maxThreads = 8;
    m_config.https.tls.certificateFile = pki.serverCertificateFile().string();
    m_config.https.tls.privateKeyFile = pki.serverKeyFile().string();
    m_config.https.tls.institutionCaFile = pki.institutionCaFile().string();
    m_config.https.tls.institutionCrlFile = pki.institutionCrlFile().string();
    m_config.https.tls.feedCaFile = pki.feedCaFile().string();
    m_config.https.tls.feedCrlFile = pki.feedCrlFile().string();
    m_config.database = database.config();
    m_config.database.durableCommits = false; // a test database need not survive a power cut
    m_config.jpkiTrustAnchors = {pki.jpkiCaFile().string()};
    m_config.receiptKeyFile = pki.receiptKeyFile().string();
    // The real PBKDF2, at its lowest allowed cost: tests log in many times on a shared 2-core machine.
    m_config.accounts.kdfIterations = 1000;
    m_config.maxInFlight = 4;
    m_runtime = std::make_unique<server::app::ServerRuntime>(m_config, std::move(clock));
}

server::core::Clock TestServer::systemClock()
{
    return [] { return std::chrono::system_clock::now(); };
}

std::string createClerkAndLogin(TestServer& server, ApiClient& client, const std::string& institutionCode,
                                const std::string& userId)
{
    const auto created = server.runtime().accounts().createAccount(
        institutionCode, userId, "受付 太郎", server::core::AccountKind::Clerk, kClerkPassword, false);
    if (!created) {
        return {};
    }
    common::LoginRequest login{userId, kClerkPassword, "counter-1"};
    const auto reply = client.post("/v1/sessions", common::encode(login));
    const auto session = common::decode<common::SessionAnswer>(reply.body);
    return reply.status == 201 && session ? session->token : std::string();
}

} // namespace oqs::tests
