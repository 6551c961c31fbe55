// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace oqs::server::http {

/// Request metrics for GET /metrics in the Prometheus text format (version 0.0.4): requests by endpoint and HTTP
/// status, a latency histogram per endpoint, requests in flight, refusals (busy/closed) and database gauges
/// supplied by a callback. Thread-safe; recording takes one short mutex.
class Metrics
{
public:
    /// Upper bounds of the latency buckets, seconds.
    static constexpr std::array<double, 10> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0};

    /// Extra gauges (name → value) read at every scrape, e.g. the database pool. A name may carry labels,
    /// `family{label="value"}`; one family's names must sort next to each other (they do in a std::map).
    using GaugeSource = std::function<std::map<std::string, double>()>;

    explicit Metrics(GaugeSource gauges = {}) : m_gauges(std::move(gauges)) {}

    void record(const std::string& endpoint, int httpStatus, double seconds);
    void requestStarted() { ++m_inFlight; }
    void requestFinished() { --m_inFlight; }
    /// The whole exposition text.
    std::string render() const;

private:
    struct Latency
    {
        std::array<std::uint64_t, kBuckets.size()> buckets{};
        std::uint64_t count = 0;
        double sum = 0;
    };

    GaugeSource m_gauges;
    std::atomic<int> m_inFlight{0};
    mutable std::mutex m_mutex;
    std::map<std::pair<std::string, int>, std::uint64_t> m_requests;
    std::map<std::string, Latency> m_latency;
};

} // namespace oqs::server::http
