// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/AuditRepository.h"
#include "core/CheckHistoryRepository.h"

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace oqs::server::core {

/// Group commit for checks. Each check needs its history row and its audit record durable before it is answered;
/// committing each in its own transaction costs one fsync per check, which caps throughput at the disk's sync
/// rate. Instead, callers hand their rows to one writer thread, which commits everything queued since its last
/// commit in one transaction (history rows and audit records together) and then wakes those callers. Under load a
/// commit carries many checks; alone, a check costs the same single transaction as before. Thread-safe.
class CheckRecorder
{
public:
    CheckRecorder(CheckHistoryRepository& history, AuditRepository& audit);
    /// Commits what is still queued, then stops the writer.
    ~CheckRecorder();

    CheckRecorder(const CheckRecorder&) = delete;
    CheckRecorder& operator=(const CheckRecorder&) = delete;

    /// Returns once the check's history row and audit record are committed; throws the database's exception
    /// when they could not be (nothing of this check is then stored).
    void record(const CheckRecord& check, const AuditEvent& event);

    /// Upper bound on checks per transaction, so that one commit never holds the database for long.
    static constexpr std::size_t kMaxBatch = 512;

private:
    struct Pending
    {
        const CheckRecord* check;
        const AuditEvent* event;
        bool done = false;
        std::exception_ptr failure = {};
        /// Its own, so that a commit wakes exactly the callers it answers; one shared condition woke every waiting
        /// request thread on every commit, only for most of them to queue on the mutex and sleep again.
        std::condition_variable committed = {};
    };

    void run();
    /// Commits `batch` in one transaction; if that fails, each check alone, so one bad row fails only its check.
    void commit(const std::vector<Pending*>& batch);
    void commitTogether(const std::vector<Pending*>& batch);

    CheckHistoryRepository& m_history;
    AuditRepository& m_audit;
    std::mutex m_mutex;
    std::condition_variable m_queued; ///< wakes the writer
    std::vector<Pending*> m_queue;
    bool m_stopping = false;
    std::thread m_writer;
};

} // namespace oqs::server::core
