// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "TestDatabase.h"
#include "TestPki.h"
#include "app/ServerRuntime.h"

#include <memory>

namespace oqs::tests {

/// The real oqs-server stack (ServerRuntime) on 127.0.0.1, port 0, with the test PKI and a test database.
/// Open around the clock, feed included, unless `hours` and `feedHours` say otherwise; at most 4 checks in flight. Construct, load fixtures through
/// database(), then start().
class TestServer
{
public:
    TestServer(const TestPki& pki, const TestDatabase& database, server::core::Clock clock = systemClock(),
               server::core::ServiceHours hours = {}, server::core::ServiceHours feedHours = {});

    void start() { m_runtime->start(); }
    void stop() { m_runtime->stop(); }
    unsigned short port() const { return m_runtime->port(); }
    server::core::Database& database() { return m_runtime->database(); }
    server::app::ServerRuntime& runtime() { return *m_runtime; }
    const server::app::ServerConfig& config() const { return m_config; }

    static server::core::Clock systemClock();

private:
    server::app::ServerConfig m_config;
    std::unique_ptr<server::app::ServerRuntime> m_runtime;
};

/// Creates a clerk account with a fixed, policy-conforming password that need not change, logs it in through the
/// API and returns the bearer token (empty on failure).
std::string createClerkAndLogin(TestServer& server, class ApiClient& client, const std::string& institutionCode,
                                const std::string& userId);

/// The password createClerkAndLogin gives its clerks.
inline constexpr const char* kClerkPassword = "Counter-Pass-2026";

} // namespace oqs::tests
