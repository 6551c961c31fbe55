// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace oqs::server::core {
class AccountService;
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
};

} // namespace oqs::server::http
