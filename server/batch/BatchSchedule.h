// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "batch/BatchRunner.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

namespace oqs::server::batch {

/// A time of day in Japan (JST), minutes since midnight.
struct JstTime
{
    int hour = 0;
    int minute = 0;
    int minutes() const { return hour * 60 + minute; }
};

/// One scheduled job: daily at `at`, or every `every` (when non-zero); never started inside a blocked window
/// [from, to); when `finishBy` is set, a run still going at that time of day raises an alarm (the CRL must be in
/// service before opening).
struct ScheduledJob
{
    std::string name;
    BatchRunner::Body body;
    JstTime at{};
    std::chrono::minutes every{0};
    std::vector<std::pair<JstTime, JstTime>> blocked;
    std::optional<JstTime> finishBy;
};

/// The built-in batch schedule: one background thread starts each job when due, through the BatchRunner (so with
/// several server instances each due run happens once). Defaults: see defaultCrlJob / the feed's blocked window.
/// start()/stop() from the owning thread; stop() waits for a running job to finish.
class BatchSchedule
{
public:
    using TimePoint = std::chrono::system_clock::time_point;

    BatchSchedule(BatchRunner& runner, std::ostream& log) : m_runner(runner), m_log(log) {}
    ~BatchSchedule();
    BatchSchedule(const BatchSchedule&) = delete;
    BatchSchedule& operator=(const BatchSchedule&) = delete;

    /// Adds a job; call before start().
    void add(ScheduledJob job);
    /// Starts the scheduler thread.
    void start();
    /// Stops the thread after the job it may be running.
    void stop();

    /// The first instant strictly after `after` at which `job` is due and not blocked.
    static TimePoint nextStart(const ScheduledJob& job, TimePoint after);
    /// Whether `job` may start at `instant` (outside its blocked windows).
    static bool allowedAt(const ScheduledJob& job, TimePoint instant);
    /// Runs `job` now through the runner and checks its finishBy; returns the run's status. For the thread and tests.
    RunStatus runNow(const ScheduledJob& job);

private:
    void loop();

    BatchRunner& m_runner;
    std::ostream& m_log;
    std::vector<ScheduledJob> m_jobs;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace oqs::server::batch
