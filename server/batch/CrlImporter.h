// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "batch/JobProgress.h"
#include "core/Database.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace oqs::server::batch {

struct CrlImportReport
{
    std::uint64_t files = 0;
    std::uint64_t serials = 0;
    std::string source; ///< as recorded in revocation_state, e.g. "crl:12 files"
};

/// The revocation-list import (D12): reads every CRL of a directory (DER or PEM, one per distribution point) or a
/// plain serial list, checks each CRL's signature against the configured CA certificates and its dates, builds the
/// new set beside the one in service and switches to it atomically. Any fault rejects the whole import and leaves
/// the set in service untouched. The caller serialises imports (the batch lock).
class CrlImporter
{
public:
    /// `caCertificatesPem`: PEM text, each holding one or more CA certificates; a CRL is accepted when one of them
    /// issued and signed it. Throws BatchError when a text holds no certificate.
    CrlImporter(core::Database& database, const std::vector<std::string>& caCertificatesPem);
    ~CrlImporter();
    CrlImporter(const CrlImporter&) = delete;
    CrlImporter& operator=(const CrlImporter&) = delete;

    /// Refuse an import whose set is smaller than (1 − fraction) × the set in service: a missing distribution
    /// point must not silently un-revoke certificates. Negative disables the check. Default 0.1.
    void setMaxShrink(double fraction) { m_maxShrink = fraction; }
    /// The instant CRL dates are checked against (default: the system clock at each import).
    void setClock(std::chrono::system_clock::time_point now) { m_now = now; }

    /// Imports every regular, non-hidden file of `directory` as one CRL (names sorted). Throws BatchError naming
    /// the file and the reason when one does not parse, is not from a configured CA, has a bad signature, is not
    /// yet valid or past its nextUpdate, or when the directory holds no CRL.
    CrlImportReport importCrlDirectory(const std::filesystem::path& directory, JobProgress& progress);
    /// Imports a text file of "SERIALHEX[,YYYY-MM-DD]" lines ('#' comments and blank lines skipped; the date
    /// defaults to today in Japan). Throws BatchError naming the line on a malformed line, and when the file does
    /// not end with a newline (truncated).
    CrlImportReport importSerialList(const std::filesystem::path& file, JobProgress& progress);

private:
    struct Trust;

    void checkShrink(std::uint64_t newCount);

    core::Database& m_database;
    std::unique_ptr<Trust> m_trust;
    double m_maxShrink = 0.1;
    std::chrono::system_clock::time_point m_now{};
};

} // namespace oqs::server::batch
