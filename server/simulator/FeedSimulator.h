// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "dataset/SyntheticDataset.h"

#include <cstdint>
#include <filesystem>

namespace oqs::server::simulator {

struct FeedSimulationReport
{
    std::uint64_t files = 0;
    std::uint64_t records = 0;
    std::uint64_t losses = 0;
};

/// The insurers' intermediate server side of the simulator: sends the qualifications of a synthetic dataset as
/// feed files (layout v1, resources/docs/feeds.md). Like the real sender it keeps each insurer's last sequence
/// number, in "<directory>/sequences.state", so that successive calls continue every insurer's sequence.
class FeedSimulator
{
public:
    explicit FeedSimulator(const dataset::SyntheticDataset& dataset) : m_dataset(dataset) {}

    /// Writes, for persons [first, first + count): "feed-<first>-1-register.csv" registering every qualification,
    /// then "feed-<first>-2-update.csv" reporting the loss (three days ago) of the current qualification of every
    /// tenth person. Throws std::filesystem::filesystem_error or std::runtime_error on I/O failure.
    FeedSimulationReport writeFeedFiles(const std::filesystem::path& directory, std::uint64_t first,
                                        std::uint64_t count) const;

private:
    const dataset::SyntheticDataset& m_dataset;
};

} // namespace oqs::server::simulator
