// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace oqs::server::core {
class AccountService;
class VerificationService;
} // namespace oqs::server::core

namespace oqs::server::http {

/// The services the Web-API calls; owned by the caller and outliving the server.
struct ApiServices {
    core::VerificationService& verification;
    core::AccountService& accounts;
};

} // namespace oqs::server::http
