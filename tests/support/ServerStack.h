// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "TestDatabase.h"
#include "TestPki.h"
#include "TestServer.h"

#include <filesystem>

namespace oqs::tests {

/// What every end-to-end server test starts from: the test PKI and the test database (SQLite, or PostgreSQL in the
/// test's PostgreSQL variant) under `root`, and the real server stack on them, not yet started — load fixtures
/// through server().database(), then server().start().
class ServerStack
{
public:
    explicit ServerStack(const std::filesystem::path& root, server::core::Clock clock = TestServer::systemClock(),
                         server::core::ServiceHours hours = {}, server::core::ServiceHours feedHours = {});

    TestPki& pki() { return m_pki; }
    TestDatabase& database() { return m_database; }
    TestServer& server() { return m_server; }

private:
    TestPki m_pki;
    TestDatabase m_database;
    TestServer m_server;
};

} // namespace oqs::tests
