// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/Database.h"

#include <cstdint>
#include <string>
#include <vector>

namespace oqs::server::core {

/// Which revocation set is in service and where it came from.
struct RevocationSetInfo
{
    std::string activeSlot; ///< "a" or "b": the table the checks read
    std::string activatedAt;
    std::string source; ///< what the import read, e.g. "crl:12 files"
    std::uint64_t serialCount = 0;
};

/// The revocation list, double-buffered: tables revoked_serial_a and revoked_serial_b and a pointer row
/// (revocation_state) naming the one in service. An import fills the other table while checks keep reading the
/// active one, then switches the pointer in one transaction; the replaced set stays as the previous version until
/// the next import. Thread-safe (one pooled session per call).
class RevocationRepository
{
public:
    explicit RevocationRepository(Database& database) : m_database(database) {}

    /// Whether the set in service lists `serial` (canonical form). One statement, so it sees either the old or the
    /// new set, never a mix.
    bool isRevoked(const std::string& serial);
    RevocationSetInfo active();
    /// Every serial of the set in service, sorted; for tests and audits of small sets.
    std::vector<std::string> activeSerials();
    /// A serial for insertIntoActive() and the day it was revoked (ISO date).
    struct Revocation {
        std::string serial;
        std::string revokedOn;
    };
    /// Loader helper: adds serials to the set in service with a few multi-row statements, in the caller's
    /// transaction on `session`.
    static void insertIntoActive(Database& database, Poco::Data::Session& session,
                                 const std::vector<Revocation>& revocations);

    /// Builds a new set in the inactive table. Not thread-safe; one per import, and imports must be serialised
    /// by the caller (the batch lock). Abandoning it (no activate()) leaves the set in service untouched.
    class Staging
    {
    public:
        /// Empties the inactive table (the previous version is dropped now). Throws on database errors.
        explicit Staging(Database& database);
        ~Staging();
        Staging(const Staging&) = delete;
        Staging& operator=(const Staging&) = delete;

        /// Adds one entry; written to the database in batches. Throws on database errors.
        void add(std::string serial, std::string revokedOn);
        /// Entries added so far.
        std::uint64_t count() const { return m_count; }
        /// Writes what is buffered, indexes the new table, then switches the pointer in one transaction.
        /// Throws on database errors, in which case the old set stays in service.
        void activate(const std::string& source);

    private:
        void flush();

        Database& m_database;
        Database::Lease m_session;
        std::string m_slot;
        std::vector<std::string> m_serials;
        std::vector<std::string> m_dates;
        std::uint64_t m_count = 0;
    };

private:
    Database& m_database;
};

} // namespace oqs::server::core
