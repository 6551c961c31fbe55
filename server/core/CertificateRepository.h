// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/Database.h"

#include <optional>
#include <string>
#include <vector>

namespace oqs::server::core {

/// What the server knows of a My Number card certificate serial.
struct CertificateLink {
    std::string serial;        ///< upper-case hex, no leading zeros
    std::string linkageNumber; ///< empty while the linkage is pending
    /// The card's certificate was renewed (old/new serial file): this serial is no longer in use, whatever the CRL
    /// says yet.
    bool superseded = false;
};

/// Serial ↔ linkage number and the revocation list. Thread-safe.
class CertificateRepository {
public:
    explicit CertificateRepository(Database& database) : m_database(database) {}

    /// The link of a serial (canonical form) — a superseded one when a renewal replaced it — or nullopt for a serial
    /// the linkage files never sent.
    std::optional<CertificateLink> findLink(const std::string& serial);
    /// Whether the revocation set in service lists the serial (see RevocationRepository).
    bool isRevoked(const std::string& serial);

    /// A link for insertLinks(): the serial's link and the serial it renewed (empty if none).
    struct NewLink {
        CertificateLink link;
        std::string previousSerial;
    };

    /// Loader helpers: each runs in the caller's transaction on the given session.
    static void insertLink(Database& database, Poco::Data::Session& session, const CertificateLink& link,
                           const std::string& previousSerial);
    /// insertLink() for many links with few statements (multi-row INSERTs, see RowBatch).
    static void insertLinks(Database& database, Poco::Data::Session& session, const std::vector<NewLink>& links);

private:
    Database& m_database;
};

/// Canonical form of a certificate serial for storage and lookup: upper-case hex without leading zeros (as
/// OpenSSL prints it).
std::string canonicalSerial(std::string_view hex);

} // namespace oqs::server::core
