// SPDX-License-Identifier: Apache-2.0
#include "core/CheckRecorder.h"

#include <algorithm>

namespace oqs::server::core {

CheckRecorder::CheckRecorder(CheckHistoryRepository& history, AuditRepository& audit)
    : m_history(history), m_audit(audit), m_writer([this] { run(); })
{
}

CheckRecorder::~CheckRecorder()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_queued.notify_one();
    m_writer.join();
}

void CheckRecorder::record(const CheckRecord& check, const AuditEvent& event)
{
    Pending pending{&check, &event};
    std::unique_lock lock(m_mutex);
    m_queue.push_back(&pending);
    m_queued.notify_one();
    pending.committed.wait(lock, [&] { return pending.done; });
    if (pending.failure) {
        std::rethrow_exception(pending.failure);
    }
}

void CheckRecorder::run()
{
    std::vector<Pending*> batch;
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_queued.wait(lock, [&] { return !m_queue.empty() || m_stopping; });
        if (m_queue.empty()) {
            return; // stopping, and every caller has been answered
        }
        const std::size_t take = std::min(m_queue.size(), kMaxBatch);
        batch.assign(m_queue.begin(), m_queue.begin() + std::ptrdiff_t(take));
        m_queue.erase(m_queue.begin(), m_queue.begin() + std::ptrdiff_t(take));
        lock.unlock(); // callers keep queueing while this batch commits: they form the next one
        commit(batch);
        lock.lock();
        for (Pending* pending : batch) {
            pending->done = true;
            pending->committed.notify_one(); // under the lock, so the caller cannot free `pending` during the call
        }
    }
}

void CheckRecorder::commit(const std::vector<Pending*>& batch)
{
    try {
        commitTogether(batch);
        return;
    } catch (...) {
        if (batch.size() == 1) {
            batch.front()->failure = std::current_exception();
            return;
        }
    }
    for (Pending* pending : batch) {
        try {
            commitTogether({pending});
        } catch (...) {
            pending->failure = std::current_exception();
        }
    }
}

void CheckRecorder::commitTogether(const std::vector<Pending*>& batch)
{
    std::vector<CheckRecord> checks;
    std::vector<AuditEvent> events;
    checks.reserve(batch.size());
    events.reserve(batch.size());
    for (const Pending* pending : batch) {
        checks.push_back(*pending->check);
        events.push_back(*pending->event);
    }
    m_audit.appendAll(events, [&](Poco::Data::Session& session) { m_history.insert(session, checks); });
}

} // namespace oqs::server::core
