// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "batch/BatchSchedule.h"
#include "core/Database.h"

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace oqs::server::batch {

/// The product's scheduled jobs, ready for BatchSchedule::add. `database` and `log` must outlive the schedule.
class BatchJobs
{
public:
    /// CRL import from `crlDirectory` daily at 07:00 JST, checked against `caCertificatesPem`; alarm when it ends
    /// after 08:00 (opening).
    static ScheduledJob crlImport(core::Database& database, std::vector<std::string> caCertificatesPem,
                                  std::filesystem::path crlDirectory, std::ostream& log);
    /// Feed import of every *.csv in `inbox` every 30 minutes, never 04:00–06:00 JST; processed files move to
    /// `archive`. Fails (alarm) when a file was rejected whole.
    static ScheduledJob feedImport(core::Database& database, std::filesystem::path inbox, std::filesystem::path archive,
                                   std::ostream& log);
    /// Card-serial linkage import of every *.csv in `inbox` (serial + linkage files during the day, old/new serial
    /// files once a day) every 15 minutes, never 04:00–06:00 JST; processed files move to `archive`.
    static ScheduledJob linkageImport(core::Database& database, std::filesystem::path inbox,
                                      std::filesystem::path archive, std::ostream& log);
};

} // namespace oqs::server::batch
