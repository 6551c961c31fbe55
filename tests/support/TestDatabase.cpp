// SPDX-License-Identifier: Apache-2.0
#include "TestDatabase.h"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/Session.h>
#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>

using namespace Poco::Data::Keywords;

namespace oqs::tests {
namespace {

std::string readConnection(const char* file)
{
    std::ifstream in(file);
    std::string connection;
    std::getline(in, connection);
    if (connection.empty()) {
        throw std::runtime_error(std::string("no PostgreSQL connection string in ") + file);
    }
    return connection;
}

/// A database name no other test process uses at the same time.
std::string uniqueDatabaseName()
{
    std::random_device random;
    return "oqs_test_" + std::to_string(random()) + std::to_string(random() % 1000);
}

} // namespace

TestDatabase::TestDatabase(const std::filesystem::path& directory)
{
    const char* connectionFile = std::getenv(kConnectionFileVariable);
    if (!connectionFile || !*connectionFile) {
        std::filesystem::create_directories(directory);
        m_config.dialect = server::core::Dialect::SQLite;
        m_config.connection = (directory / "oqs.db").string();
        std::filesystem::remove(m_config.connection);
        return;
    }
    Poco::Data::PostgreSQL::Connector::registerConnector();
    m_adminConnection = readConnection(connectionFile);
    m_databaseName = uniqueDatabaseName();
    Poco::Data::Session admin(Poco::Data::PostgreSQL::Connector::KEY, m_adminConnection);
    admin << "CREATE DATABASE " + m_databaseName, now;
    m_config.dialect = server::core::Dialect::PostgreSQL;
    m_config.connection = m_adminConnection + " dbname=" + m_databaseName; // libpq: the last dbname wins
}

TestDatabase::~TestDatabase()
{
    if (m_databaseName.empty()) {
        return;
    }
    try {
        Poco::Data::Session admin(Poco::Data::PostgreSQL::Connector::KEY, m_adminConnection);
        admin << "DROP DATABASE IF EXISTS " + m_databaseName + " WITH (FORCE)", now;
    } catch (const std::exception&) {
        // The cluster is thrown away by the fixture's cleanup anyway; a leftover database harms nothing.
    }
}

std::string TestDatabase::dialectName() const
{
    return std::string(server::core::toString(m_config.dialect));
}

} // namespace oqs::tests
