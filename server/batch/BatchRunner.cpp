// SPDX-License-Identifier: Apache-2.0
#include "batch/BatchRunner.h"

#include "core/BatchRepository.h"
#include "core/PeriodicTask.h"

#include <csignal>
#include <unistd.h>

namespace oqs::server::batch {
namespace {

constexpr auto kHeartbeatInterval = std::chrono::seconds(10);

std::int64_t epochSeconds()
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string hostName()
{
    char name[256] = {};
    gethostname(name, sizeof name - 1);
    return name;
}

/// Keeps the lock's heartbeat fresh from its own thread while the job body runs.
core::PeriodicTask heartbeat(core::BatchRepository& repository, const std::string& job, const std::string& owner)
{
    return core::PeriodicTask(kHeartbeatInterval, [&repository, job, owner] {
        try {
            repository.heartbeat(job, owner, epochSeconds());
        } catch (const std::exception&) {
            // a missed beat only matters after the stale period; the next one retries
        }
    });
}

} // namespace

BatchRunner::BatchRunner(core::Database& database, std::string owner) : m_database(database), m_owner(std::move(owner))
{
}

std::string BatchRunner::defaultOwner()
{
    return hostName() + ":" + std::to_string(getpid());
}

std::string BatchRunner::deadHolder(const std::string& job)
{
    const std::string holder = core::BatchRepository(m_database).lockOwner(job);
    const auto colon = holder.rfind(':');
    if (holder.empty() || colon == std::string::npos || holder.substr(0, colon) != hostName()) {
        return {};
    }
    try {
        const pid_t pid = static_cast<pid_t>(std::stol(holder.substr(colon + 1)));
        // ESRCH: no such process, so the holder died (kill -9, crash) without releasing the lock.
        return pid > 0 && kill(pid, 0) != 0 && errno == ESRCH ? holder : std::string();
    } catch (const std::exception&) {
        return {};
    }
}

RunStatus BatchRunner::run(const std::string& job, const std::string& arguments, const Body& body, std::ostream& log)
{
    core::BatchRepository repository(m_database);
    const std::int64_t now = epochSeconds();
    if (!repository.tryLock(job, m_owner, now, now - m_staleAfter.count(), deadHolder(job))) {
        log << "batch job=" << job << " status=locked holder=" << repository.lockOwner(job) << '\n';
        return RunStatus::Locked;
    }
    const std::int64_t runId = repository.startRun(job, m_owner, arguments);
    const auto started = std::chrono::steady_clock::now();
    RunStatus status = RunStatus::Succeeded;
    std::uint64_t processed = 0;
    std::string message;
    {
        const core::PeriodicTask beating = heartbeat(repository, job, m_owner);
        try {
            processed = body();
        } catch (const std::exception& error) {
            status = RunStatus::Failed;
            message = error.what();
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    repository.finishRun(runId, status == RunStatus::Succeeded ? "succeeded" : "failed", processed, message);
    repository.unlock(job, m_owner);
    if (status == RunStatus::Succeeded) {
        log << "batch job=" << job << " status=succeeded processed=" << processed << " seconds=" << seconds << '\n';
    } else {
        log << "ALARM batch job=" << job << " status=failed run=" << runId << " reason=" << message << '\n';
    }
    return status;
}

} // namespace oqs::server::batch
