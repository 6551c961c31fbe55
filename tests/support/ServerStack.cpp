// SPDX-License-Identifier: Apache-2.0
#include "ServerStack.h"

#include <iostream>

namespace oqs::tests {

ServerStack::ServerStack(const std::filesystem::path& root, server::core::Clock clock,
                         server::core::ServiceHours hours, server::core::ServiceHours feedHours)
    : m_pki(root / "pki"), m_database(root / "db"),
      m_server(m_pki, m_database, std::move(clock), std::move(hours), std::move(feedHours))
{
    std::clog << "test database: " << m_database.dialectName() << '\n'; // which variant a failing log belongs to
}

} // namespace oqs::tests
