// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/Database.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>

namespace oqs::server::batch {

/// Exit codes of a batch run (also the `oqs-server batch` process exit codes).
enum class RunStatus : int {
    Succeeded = 0,
    Failed = 1, ///< the job refused its input or failed: alarm raised, its previous result stays in service
    BadArguments = 2,
    Locked = 3, ///< another live instance runs the job now
};

/// Runs batch jobs once across all server instances sharing the database: takes the job's database lock (taking
/// over a holder that is dead — same host, process gone — or silent for longer than the stale period), records
/// the run in batch_run, keeps a heartbeat while the job runs, and reports failures as an alarm: a log line
/// starting "ALARM", the run's status, and the failure counter. Thread-safe; one job body at a time per job name.
class BatchRunner
{
public:
    /// The work of one job: returns the number of units it processed; throws to fail the run.
    using Body = std::function<std::uint64_t()>;

    /// `owner` names this process in the lock ("host:pid" by default, see defaultOwner()).
    BatchRunner(core::Database& database, std::string owner = defaultOwner());

    /// Runs `body` under the lock of `job`; `arguments` are recorded with the run; outcome lines go to `log`.
    RunStatus run(const std::string& job, const std::string& arguments, const Body& body, std::ostream& log);

    /// How long a holder may stay silent before another instance takes the lock over. Default 120 s.
    void setStaleAfter(std::chrono::seconds period) { m_staleAfter = period; }

    /// "hostname:pid" of this process.
    static std::string defaultOwner();

private:
    std::string deadHolder(const std::string& job);

    core::Database& m_database;
    std::string m_owner;
    std::chrono::seconds m_staleAfter{120};
};

} // namespace oqs::server::batch
