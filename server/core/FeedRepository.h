// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/FeedRecord.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace oqs::server::core {

/// One insurer's records of a feed file or message, in any order.
struct InsurerBatch
{
    std::string insurerNumber;
    std::vector<FeedRecord> records;
};

/// All SQL of the qualification feed. Applies each insurer's records in sequence order in one transaction, with the
/// insurer's last sequence number and every record's result, so that a crash leaves each insurer's batch either
/// wholly applied or not at all, and a re-send is recognised by its sequence number. Replaced and deleted versions
/// are kept in qualification_version with the time and the record that superseded them. A transaction costs a
/// dozen statements whatever its size (RowBatch): the stored rows and re-sent results it needs are read in bulk,
/// each record is decided in memory in sequence order, and the changes are written in bulk. Thread-safe; different
/// insurers may be applied in parallel.
class FeedRepository
{
public:
    /// What applying a transaction of batches reads before it writes — the insurers' sequences and the stored rows of
    /// the qualifications its records name — read ahead by lookUp() on a connection of its own.
    class Lookup
    {
    public:
        Lookup(Lookup&&) noexcept;
        Lookup& operator=(Lookup&&) noexcept;
        ~Lookup();

    private:
        friend class FeedRepository;
        struct Data;
        explicit Lookup(std::unique_ptr<Data> data);
        std::unique_ptr<Data> m_data;
    };

    explicit FeedRepository(Database& database) : m_database(database) {}

    /// Reads ahead, outside any transaction, what applyInsurerBatches(`batches`) will read (the batches' records are
    /// sorted here): a file import looks up its next transaction while the current one writes. Valid for insurers
    /// no other transaction of the caller's is writing at the time; a change by anyone else is caught, because every
    /// change advances the insurer's sequence.
    Lookup lookUp(std::vector<InsurerBatch>& batches);

    /// Applies `records` (all of `insurerNumber`, any order: sorted here) and returns one result per record in
    /// sequence order. A record whose sequence is at or below the insurer's last is a duplicate and changes
    /// nothing; a record after a gap is rejected and does not advance the sequence (the sender re-sends from the
    /// gap); a record that contradicts the data (unknown insurer, register twice, update of a missing
    /// qualification) is rejected and advances the sequence. Throws on database errors (nothing applied).
    /// Deferred `durability` lets a file import flush the log once per worker instead of once per transaction: the
    /// importer publishes results only after an Immediate commit has followed.
    std::vector<FeedResult> applyInsurerBatch(const std::string& insurerNumber, std::vector<FeedRecord> records,
                                              const std::string& source, Durability durability = Durability::Immediate);
    /// applyInsurerBatch() for several insurers (each at most once) in one transaction: all of them are applied or,
    /// on a database error, none. Fewer, larger transactions write each index page they touch once instead of once
    /// per insurer. Returns the results of each batch, in the order of `batches`.
    /// With a `lookup` of the same batches whose insurer sequences are still the stored ones, its rows are used
    /// instead of being read again in the transaction.
    std::vector<std::vector<FeedResult>> applyInsurerBatches(std::vector<InsurerBatch> batches,
                                                             const std::string& source,
                                                             Durability durability = Durability::Immediate,
                                                             std::optional<Lookup> lookup = std::nullopt);
    /// The stored result of a record, if it was processed.
    std::optional<FeedResult> resultOf(const std::string& insurerNumber, std::int64_t sequence);
    /// The insurer's last processed sequence number (0 before the first).
    std::int64_t lastSequence(const std::string& insurerNumber);

private:
    Database& m_database;
};

} // namespace oqs::server::core
