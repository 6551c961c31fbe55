// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ca/CertificateAuthority.h"
#include "dataset/SyntheticDataset.h"

#include <cstdint>
#include <filesystem>

namespace oqs::server::simulator {

struct CrlSimulationOptions
{
    std::uint64_t persons = 0;       ///< dataset persons [0, persons) whose revoked card certificates are listed
    std::uint64_t extraSerials = 0;  ///< further revoked serials of cards outside the dataset, for volume tests
    std::uint64_t perFile = 250'000; ///< entries per CRL file (one file per simulated distribution point)
    bool pem = false;                ///< PEM instead of DER
    std::uint64_t crlNumber = 1;
};

struct CrlSimulationReport
{
    std::uint64_t files = 0;
    std::uint64_t serials = 0;
};

/// The JPKI CA side of the simulator: publishes the revocation list of a synthetic dataset as real X.509 CRL files
/// signed by a test CA, split over distribution points like the CA's LDAP, or as a plain serial list.
class CrlSimulator
{
public:
    CrlSimulator(const dataset::SyntheticDataset& dataset, const ca::CertificateAuthority& authority)
        : m_dataset(dataset), m_authority(authority)
    {
    }

    /// Writes crl-0001.der (or .pem), crl-0002… into `directory` (created; existing crl-* files removed first),
    /// each replaced atomically. Extra serials are 9 bytes starting 7E, so they never collide with the dataset's
    /// 8-byte serials. Throws ca::CaError or std::filesystem::filesystem_error.
    CrlSimulationReport writeCrlFiles(const std::filesystem::path& directory,
                                      const CrlSimulationOptions& options) const;
    /// Writes the same serials as "SERIALHEX,YYYY-MM-DD" lines to `file`.
    CrlSimulationReport writeSerialList(const std::filesystem::path& file, const CrlSimulationOptions& options) const;

private:
    /// Calls `sink` with chunks of at most `perFile` entries, dataset serials first.
    template <class Sink> void forEachChunk(const CrlSimulationOptions& options, Sink&& sink) const;

    const dataset::SyntheticDataset& m_dataset;
    const ca::CertificateAuthority& m_authority;
};

} // namespace oqs::server::simulator
