// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

namespace oqs::common {

/// POST /v1/sessions: a clerk logs in with a personal account of the institution whose TLS certificate the
/// connection presents (D7). Errors come back as ErrorAnswer: unauthenticated (wrong user ID or password, or the
/// account is locked after repeated failures — deliberately the same answer), bad-request (missing fields).
struct LoginRequest {
    std::string userId;   ///< the clerk's user ID within the institution
    std::string password;
    std::string terminal; ///< optional label of the counter PC, kept in the audit log

    bool operator==(const LoginRequest&) const = default;
};

/// 201 answer to a login and 200 answer to a password change. The token goes into "Authorization: Bearer …" on
/// every later call; while mustChangePassword is true only the password change and logout are allowed.
struct SessionAnswer {
    std::string token;
    std::string userId;
    std::string displayName;
    std::string institutionCode;
    std::string expiresAt; ///< ISO 8601 (JST); the session ends earlier by logout or after idle time
    bool mustChangePassword = false;

    bool operator==(const SessionAnswer&) const = default;
};

/// POST /v1/sessions/current/password with the session's bearer token. A new password must follow the policy:
/// 10–128 characters, at least three of lower case, upper case, digits and symbols, not the user ID, not the
/// current password. Refusals are bad-request with field "newPassword" (wrong-length, invalid-value) or
/// unauthenticated when currentPassword is wrong.
struct PasswordChangeRequest {
    std::string currentPassword;
    std::string newPassword;

    bool operator==(const PasswordChangeRequest&) const = default;
};

} // namespace oqs::common
