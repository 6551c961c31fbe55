// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/Database.h"

#include <cstdint>
#include <optional>
#include <string>

namespace oqs::server::core {

enum class AccountKind { Clerk, Machine };

/// One account of an institution, as stored. Times are seconds since the Unix epoch.
struct AccountRecord
{
    std::string institutionCode;
    std::string userId;
    AccountKind kind = AccountKind::Clerk;
    std::string displayName;
    std::string credentialHash; ///< PasswordHasher form; never the password
    bool mustChangePassword = true;
    int failedAttempts = 0;
    std::int64_t lockedUntil = 0;
    std::int64_t createdAt = 0;
};

/// A clerk session as stored: only the hash of its bearer token.
struct SessionRecord
{
    std::string tokenHash;
    std::string institutionCode;
    std::string userId;
    std::int64_t createdAt = 0;
    std::int64_t expiresAt = 0;
    bool mustChangePassword = false; ///< the account's flag, read with the session (not stored with it)
};

/// All SQL on accounts and clerk sessions; the same statements on SQLite and PostgreSQL. Thread-safe.
class AccountRepository
{
public:
    explicit AccountRepository(Database& database) : m_database(database) {}

    /// Inserts a new account; false when the institution already has this user ID.
    bool insert(const AccountRecord& account);
    std::optional<AccountRecord> find(const std::string& institutionCode, const std::string& userId);
    /// Records a failed login: the counter grows by one in the database (safe across instances) and, when it
    /// reaches `lockAfter`, the account locks until `lockUntil`. Returns the new counter.
    int recordFailure(const std::string& institutionCode, const std::string& userId, int lockAfter,
                      std::int64_t lockUntil);
    /// Clears the failure counter and lock after a successful login.
    void clearFailures(const std::string& institutionCode, const std::string& userId);
    /// Replaces the credential and the must-change flag.
    void setCredential(const std::string& institutionCode, const std::string& userId, const std::string& hash,
                       bool mustChange);

    void insertSession(const SessionRecord& session);
    /// The session with this token hash if it has not expired at `now` and its account still exists; one query,
    /// since every authenticated request asks.
    std::optional<SessionRecord> findSession(const std::string& tokenHash, std::int64_t now);
    void deleteSession(const std::string& tokenHash);
    /// Ends every session of an account (password reset by an administrator).
    void deleteSessionsOf(const std::string& institutionCode, const std::string& userId);

private:
    Database& m_database;
};

} // namespace oqs::server::core
