// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/Database.h"

#include <cstdint>
#include <oqs/common/Date.h>
#include <optional>
#include <string>
#include <vector>

namespace oqs::server::core {

/// The checks of one JST day counted for one institution, hour of day, mode and result.
struct DailyStatistic
{
    std::string day;             ///< YYYY-MM-DD, JST
    std::string institutionCode; ///< 10 digits: prefecture 2 + fee table 1 + institution 7
    int hour = 0;                ///< 0–23, JST: the time band of the seed's 時間帯別 reports
    std::string mode;            ///< wire name of the check mode (My Number card or insurance card)
    std::string status;          ///< wire name of the answer code (PRODUCT.md §7)
    std::uint64_t checks = 0;
};

/// All SQL of the usage statistics (seed 資_02-01): check_statistics_daily, aggregated from check_history one day
/// at a time so that the counts outlive the history (kept 6 months) for the statistics period (2 years, D8).
/// Thread-safe; the caller serialises aggregations of one day (the batch lock).
class StatisticsRepository
{
public:
    explicit StatisticsRepository(Database& database) : m_database(database) {}

    /// Replaces the statistics of `day` with the counts of its check history, in one transaction: re-running a day
    /// (or a run killed half-way) leaves exactly one set of counts. Returns the number of checks counted.
    std::uint64_t aggregateDay(const common::Date& day);

    /// The latest day that has statistics rows, if any. A day without checks leaves no rows, so days after it may
    /// have been counted too (as empty).
    std::optional<common::Date> lastCountedDay();

    /// The rows of the days `from` to `through` (both included), of one institution when `institutionCode` is not
    /// empty, ordered by day, institution, hour, mode and status.
    std::vector<DailyStatistic> rows(const common::Date& from, const common::Date& through,
                                     const std::string& institutionCode);

private:
    Database& m_database;
};

} // namespace oqs::server::core
