// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "app/ServerConfig.h"
#include "batch/BatchRunner.h"
#include "batch/BatchSchedule.h"

#include <memory>

namespace oqs::server::app {

/// The built-in batch schedule of a serving instance: the jobs its configuration names, run by a BatchRunner whose
/// database lock makes each run happen once across instances. Stopped (and joined) on destruction.
class ScheduledBatches {
public:
    /// Reads the CRL signer certificates and adds the configured jobs; throws if a signer file cannot be read.
    ScheduledBatches(core::Database& database, const BatchScheduleSettings& settings);
    ~ScheduledBatches();

    ScheduledBatches(const ScheduledBatches&) = delete;
    ScheduledBatches& operator=(const ScheduledBatches&) = delete;

private:
    batch::BatchRunner m_runner;
    batch::BatchSchedule m_schedule;
};

} // namespace oqs::server::app
