// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "app/ServerConfig.h"
#include "batch/FeedService.h"
#include "core/AccountRepository.h"
#include "core/AccountService.h"
#include "core/CardChallengeService.h"
#include "core/CertificateRepository.h"
#include "core/CertificateVerifier.h"
#include "core/CheckHistoryRepository.h"
#include "core/Database.h"
#include "core/OperationsGauges.h"
#include "core/QualificationRepository.h"
#include "core/ReceiptSigner.h"
#include "core/VerificationService.h"
#include "http/HttpsServer.h"
#include "http/Metrics.h"
#include "http/ServiceGate.h"

namespace oqs::server::app {

/// The wired server: database (migrated) → repositories → services → HTTPS server, built from one validated
/// configuration. ServerApplication and the end-to-end tests build the same object, so tests run the real wiring.
class ServerRuntime
{
public:
    /// Opens and migrates the database, loads keys and trust anchors, binds the socket (not yet accepting).
    /// Throws std::exception with a readable message on any configuration or start-up problem.
    ServerRuntime(const ServerConfig& config, core::Clock clock);
    ~ServerRuntime();

    ServerRuntime(const ServerRuntime&) = delete;
    ServerRuntime& operator=(const ServerRuntime&) = delete;

    /// Starts accepting connections.
    void start();
    /// Stops accepting and returns once in-flight requests have been answered.
    void stop();
    /// The bound port (the real one when the configuration asked for 0).
    unsigned short port() const { return m_server.port(); }
    core::Database& database() { return m_database; }
    const core::ReceiptSigner& receiptSigner() const { return m_signer; }
    core::AccountService& accounts() { return m_accountService; }
    core::AuditRepository& audit() { return m_audit; }
    http::Metrics& metrics() { return m_metrics; }

private:
    core::Database m_database;
    core::QualificationRepository m_qualifications;
    core::CertificateRepository m_certificates;
    core::CheckHistoryRepository m_history;
    core::ReceiptSigner m_signer;
    core::CertificateVerifier m_verifier;
    core::AuditRepository m_audit;
    core::VerificationService m_verification;
    core::AccountRepository m_accounts;
    core::AccountService m_accountService;
    core::CardChallengeRepository m_challengeRepository;
    core::CardChallengeService m_challenges;
    http::ServiceGate m_gate;
    core::OperationsGauges m_operations;
    batch::FeedService m_feeds;
    http::Metrics m_metrics;
    http::HttpsServer m_server;
};

} // namespace oqs::server::app
