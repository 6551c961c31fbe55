// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/Database.h"

#include <cstdint>
#include <string>

namespace oqs::server::core {

/// What claiming a challenge found.
enum class ChallengeClaim {
    Claimed,     ///< issued to this institution and clerk, never presented before: now used
    AlreadyUsed, ///< issued to them, but presented before
    Unknown,     ///< never issued, or issued to another institution or clerk (indistinguishable on purpose)
};

/// PIN-mode challenges in the database (migration 14), so that any server instance behind the load balancer can
/// accept a challenge another one issued, and none can accept it twice: claiming is one conditional UPDATE, which
/// the database serialises. Challenges are stored as lower-case hex; times are Unix seconds. Thread-safe.
class CardChallengeRepository {
public:
    explicit CardChallengeRepository(Database& database) : m_database(database) {}

    /// Stores a new challenge; throws on a database failure (or, astronomically unlikely, a duplicate).
    void insert(const std::string& challengeHex, const std::string& institutionCode, const std::string& clerkId,
                std::int64_t expiresAt);
    /// Marks the challenge used by this institution and clerk at `now`, exactly once across all instances.
    /// `expiresAt` receives its expiry when the outcome is Claimed or AlreadyUsed.
    ChallengeClaim claim(const std::string& challengeHex, const std::string& institutionCode,
                         const std::string& clerkId, std::int64_t now, std::int64_t& expiresAt);
    /// Deletes challenges that expired before `before`; returns how many.
    std::size_t purgeExpired(std::int64_t before);

private:
    Database& m_database;
};

} // namespace oqs::server::core
