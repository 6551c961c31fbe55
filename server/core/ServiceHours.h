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
    /// When the qualification feed is taken: every day except 04:00–06:00 JST (digest-08: no feed while the nightly
    /// jobs run), minus the service's `maintenance` windows (same format as above).
    static ServiceHours feed(const std::string& maintenance);

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
