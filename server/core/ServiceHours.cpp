// SPDX-License-Identifier: Apache-2.0
#include "core/ServiceHours.h"

#include <Poco/StringTokenizer.h>
#include <cctype>
#include <oqs/common/Date.h>
#include <stdexcept>

namespace oqs::server::core {
namespace {

constexpr std::chrono::hours kJstOffset{9};
constexpr std::chrono::minutes kDay{24 * 60};

std::optional<std::chrono::minutes> parseClock(const std::string& text)
{
    if (text.size() != 5 || text[2] != ':' || !std::isdigit(static_cast<unsigned char>(text[0])) ||
        !std::isdigit(static_cast<unsigned char>(text[1])) || !std::isdigit(static_cast<unsigned char>(text[3])) ||
        !std::isdigit(static_cast<unsigned char>(text[4]))) {
        return std::nullopt;
    }
    const int hours = std::stoi(text.substr(0, 2));
    const int minutes = std::stoi(text.substr(3, 2));
    if (hours > 24 || minutes > 59 || (hours == 24 && minutes != 0)) {
        return std::nullopt;
    }
    return std::chrono::minutes(hours * 60 + minutes);
}

/// "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" in JST → an instant.
std::optional<ServiceHours::TimePoint> parseJst(const std::string& text)
{
    const auto date = common::Date::parse(text.substr(0, 10));
    if (!date || date->toIso() != text.substr(0, 10)) {
        return std::nullopt;
    }
    std::chrono::minutes time{0};
    if (text.size() > 10) {
        const auto clock = text[10] == 'T' ? parseClock(text.substr(11)) : std::nullopt;
        if (!clock) {
            return std::nullopt;
        }
        time = *clock;
    }
    const auto midnightUtc = std::chrono::sys_days(std::chrono::days(date->daysSinceEpoch()));
    return ServiceHours::TimePoint(midnightUtc - kJstOffset + time);
}

/// Minutes since JST midnight.
std::chrono::minutes minuteOfDay(ServiceHours::TimePoint at)
{
    const auto local = std::chrono::floor<std::chrono::minutes>(at.time_since_epoch() + kJstOffset);
    return local % kDay;
}

} // namespace

ServiceHours::ServiceHours(const std::string& open, const std::string& close, const std::string& maintenance)
{
    const auto openAt = parseClock(open);
    const auto closeAt = parseClock(close);
    if (!openAt || !closeAt) {
        throw std::invalid_argument("service hours must be HH:MM, not '" + (openAt ? close : open) + "'");
    }
    m_open = *openAt % kDay;
    m_close = *closeAt % kDay;
    const Poco::StringTokenizer entries(maintenance, ",",
                                        Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const auto& entry : entries) {
        const auto slash = entry.find('/');
        const auto from = parseJst(entry.substr(0, slash));
        const auto to = slash == std::string::npos ? (from ? std::optional(*from + kDay) : std::nullopt)
                                                   : parseJst(entry.substr(slash + 1));
        if (!from || !to || *to <= *from || (slash == std::string::npos && entry.size() != 10)) {
            throw std::invalid_argument("bad maintenance window '" + entry + "'");
        }
        m_maintenance.push_back({*from, *to});
    }
}

ServiceHours ServiceHours::feed(const std::string& maintenance)
{
    return ServiceHours("06:00", "04:00", maintenance);
}

bool ServiceHours::withinDailyHours(TimePoint at) const
{
    if (m_open == m_close) {
        return true;
    }
    const auto minute = minuteOfDay(at);
    return m_open < m_close ? (minute >= m_open && minute < m_close) : (minute >= m_open || minute < m_close);
}

ServiceHours::TimePoint ServiceHours::nextDailyOpening(TimePoint at) const
{
    if (withinDailyHours(at)) {
        return at;
    }
    const auto minute = minuteOfDay(at);
    const auto wait = (m_open - minute + kDay) % kDay;
    return std::chrono::floor<std::chrono::minutes>(at) + wait;
}

std::optional<ServiceHours::TimePoint> ServiceHours::closedUntil(TimePoint now) const
{
    TimePoint candidate = nextDailyOpening(now);
    // Each pass moves past one window or one closed night; windows are few, so this ends quickly.
    for (std::size_t pass = 0; pass <= 2 * m_maintenance.size() + 1; ++pass) {
        bool moved = false;
        for (const Window& window : m_maintenance) {
            if (candidate >= window.from && candidate < window.to) {
                candidate = nextDailyOpening(window.to);
                moved = true;
            }
        }
        if (!moved) {
            break;
        }
    }
    if (candidate <= now) {
        return std::nullopt;
    }
    return candidate;
}

} // namespace oqs::server::core
