// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/Database.h"

#include <cstdint>
#include <string>
#include <vector>

namespace oqs::server::core {

/// One recorded batch run.
struct BatchRun
{
    std::int64_t id = 0;
    std::string job;
    std::string owner;
    std::string startedAt;
    std::string finishedAt; ///< empty while running, or when the process died mid-run
    std::string status;     ///< "running", "succeeded", "failed"
    std::uint64_t processed = 0;
    std::string message;
};

/// The batch lock (one row per job in batch_lock: whoever holds it runs the job, across all server instances on
/// the same database) and the run log (batch_run). Times are seconds since the epoch. Thread-safe.
class BatchRepository
{
public:
    explicit BatchRepository(Database& database) : m_database(database) {}

    /// Takes the lock of `job` for `owner` when it is free, already ours, its holder's heartbeat is older than
    /// `staleBefore`, or its holder is `deadOwner` (a process known to be gone; empty for none). One atomic
    /// UPDATE, so two instances racing cannot both win. Returns whether `owner` holds the lock now.
    bool tryLock(const std::string& job, const std::string& owner, std::int64_t nowSeconds, std::int64_t staleBefore,
                 const std::string& deadOwner);
    /// The current holder of the lock, empty when free.
    std::string lockOwner(const std::string& job);
    /// Proves `owner` is alive; no effect when it lost the lock.
    void heartbeat(const std::string& job, const std::string& owner, std::int64_t nowSeconds);
    /// Frees the lock if `owner` holds it.
    void unlock(const std::string& job, const std::string& owner);

    /// Records the start of a run; returns its id.
    std::int64_t startRun(const std::string& job, const std::string& owner, const std::string& arguments);
    void finishRun(std::int64_t id, const std::string& status, std::uint64_t processed, const std::string& message);
    /// The newest runs of `job` (all jobs when empty), newest first.
    std::vector<BatchRun> recentRuns(const std::string& job, int limit);

private:
    Database& m_database;
};

} // namespace oqs::server::core
