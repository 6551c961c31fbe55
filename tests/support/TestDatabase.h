// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/Database.h"

#include <filesystem>
#include <string>

namespace oqs::tests {

/// A fresh, empty database for one test run. SQLite (a file in `directory`) unless the environment variable
/// OQS_TEST_PG_CONNECTION_FILE names the file that tests/support/postgres-cluster.sh wrote: then a new
/// PostgreSQL database is created on that cluster and dropped again by the destructor.
class TestDatabase
{
public:
    explicit TestDatabase(const std::filesystem::path& directory);
    ~TestDatabase();

    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    const server::core::DatabaseConfig& config() const { return m_config; }
    /// "sqlite" or "postgresql", for test output.
    std::string dialectName() const;

    static constexpr const char* kConnectionFileVariable = "OQS_TEST_PG_CONNECTION_FILE";

private:
    server::core::DatabaseConfig m_config;
    std::string m_adminConnection; ///< PostgreSQL: the cluster's own database, to create and drop ours
    std::string m_databaseName;
};

} // namespace oqs::tests
