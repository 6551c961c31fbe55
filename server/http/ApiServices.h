// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace oqs::server::batch {
class FeedService;
} // namespace oqs::server::batch

namespace oqs::server::core {
class AccountService;
class AuditRepository;
class CardChallengeService;
class VerificationService;
} // namespace oqs::server::core

namespace oqs::server::http {

class Metrics;
class ServiceGate;

/// The services the Web-API calls and the admission and metrics state it shares; owned by the caller and
/// outliving the server.
struct ApiServices
{
    core::VerificationService& verification;
    core::AccountService& accounts;
    ServiceGate& gate;
    Metrics& metrics;
    core::CardChallengeService& challenges; ///< PIN mode of card checks
    batch::FeedService& feeds;              ///< the HTTP feed of the insurers' intermediate server
    core::AuditRepository& audit;           ///< for actions no service audits itself (feed calls)
};

} // namespace oqs::server::http
