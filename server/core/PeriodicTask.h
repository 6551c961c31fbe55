// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace oqs::server::core {

/// Runs a task every `period` on a thread of its own, from one period after construction until destruction; the
/// destructor waits for a run in progress. The task handles its own failures: an exception it lets out ends the
/// process (std::terminate), as from any thread.
class PeriodicTask
{
public:
    PeriodicTask(std::chrono::milliseconds period, std::function<void()> task);
    ~PeriodicTask();
    PeriodicTask(const PeriodicTask&) = delete;
    PeriodicTask& operator=(const PeriodicTask&) = delete;

private:
    void run();

    const std::chrono::milliseconds m_period;
    const std::function<void()> m_task;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread; // last: starts when the rest is ready
};

} // namespace oqs::server::core
