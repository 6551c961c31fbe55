// SPDX-License-Identifier: Apache-2.0
#include "oqs/common/Date.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace oqs::common {
namespace {

constexpr auto kJstOffset = std::chrono::hours(9);
constexpr int kMinYear = 1800;
constexpr int kMaxYear = 9999;

bool parseInt(std::string_view text, int& out)
{
    if (text.empty()) {
        return false;
    }
    for (char c : text) {
        if (c < '0' || c > '9') {
            return false;
        }
    }
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && end == text.data() + text.size();
}

/// "YYYY<separator>MM<separator>DD". Digits by hand: the feed and the loaders format millions of dates, and snprintf
/// costs several times more.
std::string format(const Date& date, std::string_view separator)
{
    if (date.year < 0 || date.year > 9999 || date.month < 0 || date.month > 99 || date.day < 0 || date.day > 99) {
        char buffer[48];
        std::snprintf(buffer, sizeof buffer, "%04d%.*s%02d%.*s%02d", date.year, int(separator.size()),
                      separator.data(), date.month, int(separator.size()), separator.data(), date.day);
        return buffer;
    }
    // Written into a string of the final length: one allocation at most (none for ISO, which fits inline).
    std::string text(8 + 2 * separator.size(), '0');
    char* out = text.data();
    const auto digits = [&out](int value, int width) {
        for (int place = width - 1; place >= 0; --place, value /= 10) {
            out[place] = char('0' + value % 10);
        }
        out += width;
    };
    digits(date.year, 4);
    out = std::copy(separator.begin(), separator.end(), out);
    digits(date.month, 2);
    out = std::copy(separator.begin(), separator.end(), out);
    digits(date.day, 2);
    return text;
}

} // namespace

bool isLeapYear(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int daysInMonth(int year, int month)
{
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && isLeapYear(year)) {
        return 29;
    }
    return kDays[month - 1];
}

std::optional<Date> Date::parse(std::string_view text)
{
    std::string_view y, m, d;
    if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
        y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
    } else if (text.size() == 8) {
        y = text.substr(0, 4), m = text.substr(4, 2), d = text.substr(6, 2);
    } else {
        return std::nullopt;
    }
    Date date;
    if (!parseInt(y, date.year) || !parseInt(m, date.month) || !parseInt(d, date.day)) {
        return std::nullopt;
    }
    if (date.year < kMinYear || date.year > kMaxYear || date.month < 1 || date.month > 12 || date.day < 1 ||
        date.day > daysInMonth(date.year, date.month)) {
        return std::nullopt;
    }
    return date;
}

Date Date::fromDaysSinceEpoch(long days)
{
    const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days}}};
    return Date{int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day()))};
}

long Date::daysSinceEpoch() const
{
    const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{unsigned(month)},
                                          std::chrono::day{unsigned(day)}};
    return std::chrono::sys_days{ymd}.time_since_epoch().count();
}

Date Date::jstDateOf(std::chrono::system_clock::time_point instant)
{
    const auto local = std::chrono::floor<std::chrono::days>(instant + kJstOffset);
    return fromDaysSinceEpoch(local.time_since_epoch().count());
}

std::chrono::milliseconds Date::jstTimeOfDay(std::chrono::system_clock::time_point instant)
{
    const auto local = std::chrono::floor<std::chrono::milliseconds>(instant + kJstOffset);
    return local - std::chrono::floor<std::chrono::days>(local);
}

Date Date::todayJst()
{
    return jstDateOf(std::chrono::system_clock::now());
}

Date Date::addDays(long days) const
{
    return fromDaysSinceEpoch(daysSinceEpoch() + days);
}

Date Date::addMonths(int months) const
{
    const int index = year * 12 + (month - 1) + months;
    Date result{index / 12, index % 12 + 1, day};
    result.day = std::min(day, daysInMonth(result.year, result.month));
    return result;
}

std::string Date::toIso() const
{
    return format(*this, "-");
}

std::string Date::toCompact() const
{
    return format(*this, "");
}

std::string formatJstTimestamp(std::chrono::system_clock::time_point instant)
{
    using namespace std::chrono;
    const auto local = floor<milliseconds>(instant + kJstOffset);
    const auto dayStart = floor<days>(local);
    const Date date = Date::fromDaysSinceEpoch(dayStart.time_since_epoch().count());
    const hh_mm_ss<milliseconds> time{local - dayStart};
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:%02d.%03d+09:00", date.toIso().c_str(), int(time.hours().count()),
                  int(time.minutes().count()), int(time.seconds().count()), int(time.subseconds().count()));
    return buffer;
}

} // namespace oqs::common
