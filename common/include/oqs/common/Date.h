// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace oqs::common {

/// A calendar date with no time zone: birth dates, consultation dates, validity bounds.
/// "Today" always means today in Japan (JST, UTC+9, no daylight saving).
struct Date {
    int year = 1970;
    int month = 1;
    int day = 1;

    /// Parses "YYYY-MM-DD" or "YYYYMMDD"; nullopt unless the date exists in the Gregorian calendar.
    static std::optional<Date> parse(std::string_view text);
    static Date fromDaysSinceEpoch(long days);
    /// The date in Japan at the given instant.
    static Date jstDateOf(std::chrono::system_clock::time_point instant);
    /// How long after midnight in Japan the instant is (0 to 24 h).
    static std::chrono::milliseconds jstTimeOfDay(std::chrono::system_clock::time_point instant);
    static Date todayJst();

    long daysSinceEpoch() const;
    Date addDays(long days) const;
    /// Same day of month N months later (or earlier), clamped to the month's last day.
    Date addMonths(int months) const;
    /// "YYYY-MM-DD"
    std::string toIso() const;
    /// "YYYYMMDD", the form HIS files and QR payloads use.
    std::string toCompact() const;

    auto operator<=>(const Date&) const = default;
};

bool isLeapYear(int year);
int daysInMonth(int year, int month);

/// ISO 8601 timestamp in JST with offset, e.g. "2026-11-25T09:30:00.123+09:00".
std::string formatJstTimestamp(std::chrono::system_clock::time_point instant);

} // namespace oqs::common
