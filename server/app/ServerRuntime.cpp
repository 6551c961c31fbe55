// SPDX-License-Identifier: Apache-2.0
#include "app/ServerRuntime.h"

#include <oqs/common/Date.h>

namespace oqs::server::app {
namespace {

core::Database& migrated(core::Database& database)
{
    database.migrate();
    return database;
}

std::vector<std::filesystem::path> pathsOf(const std::vector<std::string>& files)
{
    return {files.begin(), files.end()};
}

} // namespace

ServerRuntime::ServerRuntime(const ServerConfig& config, core::Clock clock)
    : m_database(config.database), m_qualifications(migrated(m_database)), m_certificates(m_database),
      m_history(m_database), m_signer(config.receiptKeyFile), m_verifier(pathsOf(config.jpkiTrustAnchors)),
      m_audit(m_database, [clock] { return common::formatJstTimestamp(clock()); }),
      m_verification(m_qualifications, m_certificates, m_history, m_signer, m_verifier, m_audit, clock),
      m_accounts(m_database), m_accountService(m_accounts, m_audit, config.accounts, clock),
      m_challengeRepository(m_database), m_challenges(m_challengeRepository, m_audit, clock),
      m_gate(config.hours, config.feedHours, config.maxInFlight, config.busyRetryAfterSeconds, clock),
      m_operations(m_database),
      m_feeds(m_database),
      m_metrics([this, clock] {
          auto gauges = m_operations.read(clock());
          gauges.emplace("oqs_db_pool_idle", double(m_database.idleSessions()));
          gauges.emplace("oqs_db_sessions_in_use", double(m_database.leasedSessions()));
          return gauges;
      }),
      m_server(config.https, http::ApiServices{m_verification, m_accountService, m_gate, m_metrics, m_challenges, m_feeds, m_audit})
{
}

ServerRuntime::~ServerRuntime()
{
    stop();
}

void ServerRuntime::start()
{
    m_server.start();
}

void ServerRuntime::stop()
{
    m_server.stop();
}

} // namespace oqs::server::app
