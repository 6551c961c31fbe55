// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace oqs::server::core {

/// Opening hours (D6): every day from `open` to `close`, Japan time, minus maintenance windows. Immutable after
/// construction; thread-safe.
class ServiceHours
{
public:
    using TimePoint = std::chrono::system_clock::time_point;

    /// A maintenance window [from, to) during which the service is closed.
    struct Window
    {
        TimePoint from;
        TimePoint to;
    };

    /// `open`/`close` as "HH:MM" (JST); open == close means around the clock. `maintenance` is a comma-separated
    /// list of "YYYY-MM-DD" (closed the whole JST day) or "YYYY-MM-DDTHH:MM/YYYY-MM-DDTHH:MM" (JST) entries.
    /// Throws std::invalid_argument naming the bad entry.
    ServiceHours(const std::string& open, const std::string& close, const std::string& maintenance);
    /// Around the clock, no maintenance.
    ServiceHours() = default;

    /// nullopt while open; otherwise the next moment the service opens.
    std::optional<TimePoint> closedUntil(TimePoint now) const;

private:
    bool withinDailyHours(TimePoint at) const;
    TimePoint nextDailyOpening(TimePoint at) const;

    std::chrono::minutes m_open{0};
    std::chrono::minutes m_close{0};
    std::vector<Window> m_maintenance;
};

} // namespace oqs::server::core
