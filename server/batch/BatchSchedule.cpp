// SPDX-License-Identifier: Apache-2.0
#include "batch/BatchSchedule.h"

#include <algorithm>

namespace oqs::server::batch {
namespace {

constexpr auto kJst = std::chrono::hours(9);
constexpr auto kDay = std::chrono::minutes(24 * 60);

/// Minutes since midnight JST of an instant, and that midnight.
std::pair<int, BatchSchedule::TimePoint> jstMinuteOf(BatchSchedule::TimePoint instant)
{
    const auto local = instant + kJst;
    const auto midnight = std::chrono::floor<std::chrono::days>(local);
    const int minute = int(std::chrono::duration_cast<std::chrono::minutes>(local - midnight).count());
    return {minute, BatchSchedule::TimePoint(midnight - kJst)};
}

bool inWindow(int minute, const std::pair<JstTime, JstTime>& window)
{
    const int from = window.first.minutes();
    const int to = window.second.minutes();
    return from <= to ? (minute >= from && minute < to) : (minute >= from || minute < to); // may wrap midnight
}

} // namespace

BatchSchedule::~BatchSchedule()
{
    stop();
}

void BatchSchedule::add(ScheduledJob job)
{
    m_jobs.push_back(std::move(job));
}

bool BatchSchedule::allowedAt(const ScheduledJob& job, TimePoint instant)
{
    const int minute = jstMinuteOf(instant).first;
    return std::none_of(job.blocked.begin(), job.blocked.end(),
                        [minute](const auto& window) { return inWindow(minute, window); });
}

BatchSchedule::TimePoint BatchSchedule::nextStart(const ScheduledJob& job, TimePoint after)
{
    const auto midnight = jstMinuteOf(after).second;
    const auto step = job.every.count() > 0 ? job.every : kDay;
    // Candidates are aligned on the job's time of day, so a restart does not shift the schedule.
    auto candidate = midnight + std::chrono::minutes(job.at.minutes());
    if (candidate > after) {
        candidate -= ((candidate - after) / step) * step;
        if (candidate <= after) {
            candidate += step;
        }
    } else {
        candidate += ((after - candidate) / step + 1) * step;
    }
    for (int guard = 0; guard < 24 * 60 && !allowedAt(job, candidate); ++guard) {
        candidate += step; // skip starts inside a blocked window
    }
    return std::chrono::time_point_cast<std::chrono::system_clock::duration>(candidate);
}

RunStatus BatchSchedule::runNow(const ScheduledJob& job)
{
    const auto started = std::chrono::system_clock::now();
    const RunStatus status = m_runner.run(job.name, "schedule", job.body, m_log);
    if (job.finishBy && status == RunStatus::Succeeded) {
        auto deadline = jstMinuteOf(started).second + std::chrono::minutes(job.finishBy->minutes());
        if (job.finishBy->minutes() < job.at.minutes()) {
            deadline += kDay; // e.g. a job at 23:00 that must end by 01:00
        }
        if (std::chrono::system_clock::now() > deadline) {
            m_log << "ALARM batch job=" << job.name << " status=late reason=finished after " << job.finishBy->hour
                  << ':' << (job.finishBy->minute < 10 ? "0" : "") << job.finishBy->minute << " JST\n";
        }
    }
    return status;
}

void BatchSchedule::start()
{
    std::lock_guard lock(m_mutex);
    if (m_thread.joinable()) {
        return;
    }
    m_stopping = false;
    m_thread = std::thread([this] { loop(); });
}

void BatchSchedule::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void BatchSchedule::loop()
{
    std::vector<TimePoint> due;
    const auto now = std::chrono::system_clock::now();
    for (const auto& job : m_jobs) {
        due.push_back(nextStart(job, now));
    }
    std::unique_lock lock(m_mutex);
    while (!m_stopping && !m_jobs.empty()) {
        const auto first = std::min_element(due.begin(), due.end());
        if (m_wake.wait_until(lock, *first, [this] { return m_stopping; })) {
            break;
        }
        const std::size_t index = std::size_t(first - due.begin());
        lock.unlock();
        try {
            runNow(m_jobs[index]);
        } catch (const std::exception& error) {
            m_log << "ALARM batch job=" << m_jobs[index].name << " status=failed reason=" << error.what() << '\n';
        }
        due[index] = nextStart(m_jobs[index], std::chrono::system_clock::now());
        lock.lock();
    }
}

} // namespace oqs::server::batch
