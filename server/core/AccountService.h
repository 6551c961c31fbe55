// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/AccountRepository.h"
#include "core/AuditRepository.h"
#include "core/PasswordHasher.h"
#include "core/VerificationService.h"

#include <chrono>
#include <oqs/common/Result.h>
#include <oqs/common/SessionMessages.h>
#include <string>

namespace oqs::server::core {

/// Who a request acts for, once authenticated.
struct Principal
{
    std::string institutionCode;
    std::string userId;
    AccountKind kind = AccountKind::Clerk;
    bool mustChangePassword = false;
};

/// Session and lockout rules (server configuration keys accounts.*).
struct AccountPolicy
{
    int kdfIterations = PasswordHasher::kDefaultIterations;
    int lockAfterFailures = 5;
    std::chrono::seconds lockDuration{15 * 60};
    std::chrono::seconds sessionLifetime{12 * 60 * 60}; ///< one working day at the counter
};

/// A newly created account and its first credential, shown once to the administrator.
struct CreatedAccount
{
    AccountRecord account;
    std::string credential; ///< initial password (clerk) or secret (machine)
};

/// Clerk accounts, sessions and HIS machine credentials (D7). Knows nothing of HTTP. Thread-safe.
/// Failures never tell an unknown user ID from a wrong password or a locked account (no oracle for guessing).
class AccountService
{
public:
    AccountService(AccountRepository& accounts, AuditRepository& audit, AccountPolicy policy, Clock clock);

    /// A clerk logs in at the institution of the TLS certificate. Errors: bad-request (fields), unauthenticated.
    /// Every attempt is audited (target: the user ID tried).
    common::Result<common::SessionAnswer> login(const std::string& institutionCode,
                                                const common::LoginRequest& request);
    /// The principal of a bearer token; unauthenticated when unknown, expired or of another institution.
    common::Result<Principal> authenticateSession(const std::string& institutionCode, const std::string& token);
    /// The principal of a machine credential (HTTP Basic); unauthenticated when wrong or not a machine account.
    common::Result<Principal> authenticateMachine(const std::string& institutionCode, const std::string& userId,
                                                  const std::string& secret);
    /// Ends the session of this token (idempotent).
    void logout(const Principal& principal, const std::string& token);
    /// Changes a clerk's password under the policy; the session stays valid and no longer must change.
    /// Errors: unauthenticated (wrong current password, counted as a failed login), bad-request (policy).
    common::Result<common::SessionAnswer> changePassword(const Principal& principal, const std::string& token,
                                                         const common::PasswordChangeRequest& request);

    /// Administration (`oqs-server account add`): a clerk with `password` (empty: a generated one) that must be
    /// changed at first login unless `temporary` is false, or a machine account with a generated secret.
    /// Errors: bad-request (institution code, user ID, password policy) or forbidden (user ID taken).
    common::Result<CreatedAccount> createAccount(const std::string& institutionCode, const std::string& userId,
                                                 const std::string& displayName, AccountKind kind,
                                                 const std::string& password, bool temporary);

private:
    std::int64_t nowSeconds() const;
    common::SessionAnswer sessionAnswer(const AccountRecord& account, const std::string& token,
                                        std::int64_t expiresAt) const;

    void audit(const std::string& institutionCode, const std::string& userId, const std::string& terminal,
               const char* action, const char* result);

    AccountRepository& m_accounts;
    AuditRepository& m_audit;
    AccountPolicy m_policy;
    PasswordHasher m_hasher;
    Clock m_clock;
};

/// The password policy: 10–128 bytes, at least three of lower case, upper case, digits and other characters,
/// not containing the user ID, not the current password. Errors name the field "newPassword".
common::FieldErrors checkPasswordPolicy(const std::string& userId, const std::string& current,
                                        const std::string& proposed);

/// User IDs: 1–32 characters of ASCII letters, digits, '.', '_' and '-'.
bool isValidUserId(const std::string& userId);

} // namespace oqs::server::core
