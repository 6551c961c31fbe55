// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/ServiceHours.h"
#include "core/VerificationService.h"

#include <atomic>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace oqs::server::http {

/// Admission of verification requests (D6): outside service hours → closed with the next opening; more than
/// `maxInFlight` checks at once → busy with Retry-After. Refusals cost no database work, so admitted requests are
/// not slowed by the excess. Thread-safe.
class ServiceGate
{
public:
    /// Why a request was not admitted.
    struct Refusal
    {
        common::Status status = common::Status::Busy;
        int retryAfterSeconds = 0;
        std::string nextOpening; ///< closed: ISO 8601 JST
    };

    /// Holds an admitted request's place until destroyed.
    class Ticket
    {
    public:
        explicit Ticket(std::atomic<int>* counter) : m_counter(counter) {}
        Ticket(Ticket&& other) noexcept : m_counter(std::exchange(other.m_counter, nullptr)) {}
        Ticket(const Ticket&) = delete;
        Ticket& operator=(const Ticket&) = delete;
        Ticket& operator=(Ticket&&) = delete;
        ~Ticket()
        {
            if (m_counter) {
                --*m_counter;
            }
        }

    private:
        std::atomic<int>* m_counter;
    };

    ServiceGate(core::ServiceHours hours, int maxInFlight, int busyRetryAfterSeconds, core::Clock clock)
        : m_hours(std::move(hours)), m_maxInFlight(maxInFlight), m_retryAfter(busyRetryAfterSeconds),
          m_clock(std::move(clock))
    {
    }

    /// A ticket for an admitted request, or why it is refused.
    std::variant<Ticket, Refusal> enter();

private:
    core::ServiceHours m_hours;
    int m_maxInFlight;
    int m_retryAfter;
    core::Clock m_clock;
    std::atomic<int> m_inFlight{0};
};

} // namespace oqs::server::http
