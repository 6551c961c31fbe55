// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/Database.h"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace oqs::server::core {

/// The gauges an operator alerts on, read from the database at each /metrics scrape, so that a revocation list
/// that did not load at 07:00 pages someone before the counters open at 08:00:
///   oqs_db_up                                      1, or 0 when the database did not answer
///   oqs_batch_last_run_succeeded{job="…"}          1 when the newest finished run succeeded, else 0
///   oqs_batch_running{job="…"}                     1 while a run has started and not finished
///   oqs_batch_last_success_age_seconds{job="…"}    seconds since the newest successful run finished
///   oqs_revocation_serials                         serials in the revocation set in service
///   oqs_revocation_set_age_seconds                 seconds since that set was switched into service
/// Names carry Prometheus labels in braces; Metrics groups them under one TYPE line. Thread-safe.
class OperationsGauges
{
public:
    explicit OperationsGauges(Database& database) : m_database(database) {}

    /// The gauges as of `scrapedAt`. Never throws: a database failure gives oqs_db_up 0 and nothing else.
    std::map<std::string, double> read(std::chrono::system_clock::time_point scrapedAt);

private:
    Database& m_database;
};

/// Parses a timestamp the database wrote with CURRENT_TIMESTAMP: SQLite "YYYY-MM-DD HH:MM:SS" (UTC) or
/// PostgreSQL "YYYY-MM-DD HH:MM:SS[.ffffff]±HH[:MM]". Empty when the text is neither.
std::optional<std::chrono::system_clock::time_point> parseDatabaseTimestamp(std::string_view text);

} // namespace oqs::server::core
