// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/Database.h"

#include <oqs/common/Qualification.h>

#include <optional>
#include <string>
#include <vector>

namespace oqs::server::core {

/// A qualification as stored: the wire record plus the person key it belongs to.
struct StoredQualification {
    std::string linkageNumber; ///< 紐付番号, never leaves the server
    common::Qualification qualification;
    std::string insurerDataUpdatedAt = {}; ///< the insurer's last data update, read with the row (D5)
};

struct InsurerRecord {
    std::string insurerNumber;
    std::string name;
    std::string scheme;
    std::string prefecture;
    std::string dataUpdatedAt;
};

/// All SQL on qualifications and the insurer master. Thread-safe (one pooled session per call).
class QualificationRepository {
public:
    explicit QualificationRepository(Database& database) : m_database(database) {}

    /// Every stored qualification printed with this card key (all birth dates), newest acquisition first; each with
    /// its insurer's data freshness, so an answer costs one query.
    std::vector<StoredQualification> findByCard(const common::InsuranceCardKey& card);
    /// Every qualification of one person, newest acquisition first.
    std::vector<StoredQualification> findByLinkage(const std::string& linkageNumber);
    /// When the insurer's data were last updated (empty if the insurer is unknown).
    std::string dataUpdatedAt(const std::string& insurerNumber);

    /// Bulk writer for loaders and the feed: one transaction on a Database::bulkSession(); the rows added wait in memory and go
    /// to the database in multi-row statements (RowBatch) when enough are buffered, on flush() and on commit.
    /// Database errors surface from whichever call writes; the transaction is then rolled back when the writer ends.
    /// Not thread-safe.
    class BulkWriter {
    public:
        /// `durability`: of each commit (Deferred for jobs that flush once at their end).
        explicit BulkWriter(Database& database, Durability durability = Durability::Immediate);
        ~BulkWriter();
        BulkWriter(const BulkWriter&) = delete;
        BulkWriter& operator=(const BulkWriter&) = delete;

        /// Buffers one qualification row (written at the latest by the next flush or commit).
        void addQualification(StoredQualification row);
        /// Buffers new content for the stored row `id`, which keeps its id, card key and birth date (a feed update
        /// names its qualification by them): written by the next flush or commit, before the rows added.
        void replaceQualification(std::int64_t id, StoredQualification row);
        /// Buffers one insurer master row.
        void addInsurer(const InsurerRecord& insurer);
        /// The writer's session, for rows of other tables that belong in the same transaction.
        Poco::Data::Session& session();
        /// Writes the buffered rows, so that statements on session() see them; the transaction stays open.
        void flush();
        /// Commits what was added so far and starts the next transaction.
        void commitAndContinue();
        /// Commits what was added so far; the writer is then done.
        void commit();

    private:
        struct Impl;
        std::unique_ptr<Impl> m_impl;
    };

private:
    std::vector<StoredQualification> select(const std::string& where, const std::vector<std::string>& values);

    Database& m_database;
};

} // namespace oqs::server::core
