// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/Database.h"

#include "dataset/SyntheticDataset.h"

#include <cstdint>
#include <functional>

namespace oqs::server::core {

struct LoadReport {
    std::uint64_t persons = 0;
    std::uint64_t qualifications = 0;
    std::uint64_t certificates = 0;
    std::uint64_t revocations = 0;
};

/// Called every few thousand persons with the number loaded so far.
using LoadProgress = std::function<void(std::uint64_t loaded)>;

/// Writes persons [0, count) of a synthetic dataset, the insurer master, card-serial links and revocations into
/// an empty, migrated database. Commits in batches; a failure leaves whole batches only.
LoadReport loadSyntheticDataset(Database& database, const dataset::SyntheticDataset& dataset, std::uint64_t count,
                                const LoadProgress& progress = {});

} // namespace oqs::server::core
