// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/ServiceHours.h"
#include "core/VerificationService.h"

#include <algorithm>
#include <atomic>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace oqs::server::http {

/// Admission of verification requests (D6): outside service hours → closed with the next opening; more than
/// `maxInFlight` checks at once → busy with Retry-After. Feed messages are admitted within the feed's own hours and
/// only while at most half the places are taken, so a feed burst cannot turn a clinic away. Refusals cost no
/// database work, so admitted requests are not slowed by the excess. Thread-safe.
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

    ServiceGate(core::ServiceHours hours, core::ServiceHours feedHours, int maxInFlight, int busyRetryAfterSeconds,
                core::Clock clock)
        : m_hours(std::move(hours)), m_feedHours(std::move(feedHours)), m_maxInFlight(maxInFlight),
          m_retryAfter(busyRetryAfterSeconds), m_clock(std::move(clock))
    {
    }

    /// A ticket for an admitted check, or why it is refused.
    std::variant<Ticket, Refusal> enter() { return admit(m_hours, m_maxInFlight); }
    /// A ticket for an admitted feed message, or why it is refused.
    std::variant<Ticket, Refusal> enterFeed() { return admit(m_feedHours, std::max(1, m_maxInFlight / 2)); }

private:
    std::variant<Ticket, Refusal> admit(const core::ServiceHours& hours, int limit);

    core::ServiceHours m_hours;
    core::ServiceHours m_feedHours;
    int m_maxInFlight;
    int m_retryAfter;
    core::Clock m_clock;
    std::atomic<int> m_inFlight{0};
};

} // namespace oqs::server::http
