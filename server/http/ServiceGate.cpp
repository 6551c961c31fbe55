// SPDX-License-Identifier: Apache-2.0
#include "http/ServiceGate.h"

#include <oqs/common/Date.h>

namespace oqs::server::http {

std::variant<ServiceGate::Ticket, ServiceGate::Refusal> ServiceGate::admit(const core::ServiceHours& hours,
                                                                          int limit)
{
    // Counted before anything else, so a request is inside the limit for its whole processing.
    if (++m_inFlight > limit) {
        --m_inFlight;
        return Refusal{common::Status::Busy, m_retryAfter, {}};
    }
    Ticket ticket(&m_inFlight);
    const auto now = m_clock();
    if (const auto opening = hours.closedUntil(now)) {
        const auto wait = std::chrono::duration_cast<std::chrono::seconds>(*opening - now).count();
        return Refusal{common::Status::Closed, int(std::clamp<long long>(wait, 1, 24 * 60 * 60)),
                       common::formatJstTimestamp(*opening)};
    }
    return ticket;
}

} // namespace oqs::server::http
