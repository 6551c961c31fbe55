// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/Database.h"

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <string>

namespace oqs::server::core {

/// One audited action: who (user ID, or "-" before authentication), where (institution, terminal label), what
/// (action and its target, e.g. a receipt number — never personal data or certificate bodies) and how it ended.
struct AuditEvent
{
    std::string actor;
    std::string institutionCode;
    std::string terminal;
    std::string action;
    std::string target;
    std::string result;
};

/// The outcome of checking the whole chain.
struct AuditVerification
{
    std::int64_t records = 0;
    std::optional<std::int64_t> firstBrokenSequence; ///< nullopt: the chain is intact
};

/// The hash-chained audit log (PRODUCT.md D7/D8). Record n stores SHA-256(hash of n−1, its own fields), hex; the
/// first record chains to 64 zeros. Appends are serialised within the process; a second instance appending at the
/// same moment loses the primary-key race and retries on the new head. Thread-safe.
class AuditRepository
{
public:
    AuditRepository(Database& database, std::function<std::string()> timestamp);

    /// Appends one record; throws on a database failure (the caller's action then fails too: no unaudited work).
    void append(const AuditEvent& event);
    /// Appends `events` in order and runs `alongside` on the same session, all in one transaction: either every row
    /// of both is committed or none is. Serialised with append(), so the chain head never points at uncommitted
    /// rows; `alongside` may run more than once (a lost race with another instance rolls back and retries).
    void appendAll(std::span<const AuditEvent> events, const std::function<void(Poco::Data::Session&)>& alongside);
    /// Recomputes every hash in sequence order, from the oldest row still in the database: after a purge moved older
    /// rows to the archive, that row's link to them is checked by AuditArchive::verify (`audit verify --archive`).
    AuditVerification verifyChain();

private:
    struct Head
    {
        std::int64_t sequence = 0;
        std::string hash;
    };
    Head readHead();

    Database& m_database;
    std::function<std::string()> m_timestamp;
    std::mutex m_mutex;
    std::optional<Head> m_head;

public:
    /// The hash record `sequence` must carry (SHA-256 over `previousHash` and its fields, hex), for checking records
    /// kept outside the database: the audit archive files (batch::AuditArchive).
    static std::string recordHash(const std::string& previousHash, std::int64_t sequence,
                                  const std::string& recordedAt, const AuditEvent& event);
};

} // namespace oqs::server::core
