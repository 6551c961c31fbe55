// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "dataset/SyntheticDataset.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace oqs::server::simulator {

struct LinkageSimulationOptions
{
    std::uint64_t first = 0; ///< first person index
    std::uint64_t count = 0; ///< persons [first, first + count)
    /// Card holders the dataset links but the files leave out, so they stay "linkage pending" (beyond the
    /// dataset's own ~3 % never linked).
    std::uint64_t unlinked = 0;
    /// Card holders with a valid, unrevoked certificate the dataset did not renew who get a new card in the
    /// renewal file (beyond the dataset's own renewed cards); their new serial is renewedSerial(old).
    std::uint64_t renewals = 0;
};

/// A card for the demo to issue a certificate for (`oqs-server ca issue-jpki`) and present at the counter.
struct CardSample
{
    std::uint64_t person = 0;
    std::string serialHex;
    common::Date notBefore;
    common::Date notAfter;
    std::string replacedSerialHex; ///< a renewed card: the serial of the card it replaces (no longer answers)
};

struct LinkageSimulationReport
{
    std::uint64_t links = 0;            ///< rows of the serial + linkage file
    std::uint64_t renewals = 0;         ///< rows of the renewal file
    std::uint64_t pending = 0;          ///< card holders left out: their serial answers "linkage pending"
    std::optional<CardSample> linked;   ///< a linked, unrevoked card of a person valid today
    std::optional<CardSample> renewed;  ///< the new card of a renewal, of a person valid today
    std::optional<CardSample> unlinked; ///< an unrevoked, unexpired card left out of the files
};

/// The 住基ネット / intermediate-server side of the card-serial linkage: writes, from the synthetic dataset, the two
/// linkage files of resources/docs/feeds.md §3 for persons [first, first + count) — the same persons, by index,
/// that `dataset load` and the feed simulator produce. A card renewed in the dataset appears with its old serial in
/// the serial file and as old → new in the renewal file, as J-LIS would have sent them over time.
class LinkageSimulator
{
public:
    explicit LinkageSimulator(const dataset::SyntheticDataset& dataset) : m_dataset(dataset) {}

    /// Writes "linkage-<first>-1-serial.csv" and "linkage-<first>-2-renewal.csv" into `directory` (created if
    /// needed). Throws std::filesystem::filesystem_error or std::runtime_error on I/O failure.
    LinkageSimulationReport writeLinkageFiles(const std::filesystem::path& directory,
                                              const LinkageSimulationOptions& options) const;

    /// The serial a simulated renewal (LinkageSimulationOptions::renewals) gives the card of serial `old`: "1"
    /// followed by the 16 digits of `old`, so never equal to a dataset serial (16 digits) nor to another renewal's.
    static std::string renewedSerial(const std::string& old);

private:
    const dataset::SyntheticDataset& m_dataset;
};

} // namespace oqs::server::simulator
