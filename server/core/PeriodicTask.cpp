// SPDX-License-Identifier: Apache-2.0
#include "core/PeriodicTask.h"

namespace oqs::server::core {

PeriodicTask::PeriodicTask(std::chrono::milliseconds period, std::function<void()> task)
    : m_period(period), m_task(std::move(task)), m_thread([this] { run(); })
{
}

PeriodicTask::~PeriodicTask()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void PeriodicTask::run()
{
    std::unique_lock lock(m_mutex);
    while (!m_wake.wait_for(lock, m_period, [this] { return m_stopping; })) {
        lock.unlock(); // a run does not hold up the destructor's request to stop
        m_task();
        lock.lock();
    }
}

} // namespace oqs::server::core
