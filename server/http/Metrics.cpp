// SPDX-License-Identifier: Apache-2.0
#include "http/Metrics.h"

#include <sstream>

namespace oqs::server::http {

void Metrics::record(const std::string& endpoint, int httpStatus, double seconds)
{
    std::lock_guard lock(m_mutex);
    ++m_requests[{endpoint, httpStatus}];
    Latency& latency = m_latency[endpoint];
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) {
            ++latency.buckets[i];
        }
    }
    ++latency.count;
    latency.sum += seconds;
}

std::string Metrics::render() const
{
    std::ostringstream out;
    out << "# HELP oqs_http_requests_total Requests answered, by endpoint and HTTP status.\n"
           "# TYPE oqs_http_requests_total counter\n";
    std::lock_guard lock(m_mutex);
    for (const auto& [key, count] : m_requests) {
        out << "oqs_http_requests_total{endpoint=\"" << key.first << "\",code=\"" << key.second << "\"} " << count
            << '\n';
    }
    out << "# HELP oqs_http_request_duration_seconds Time from request head to answer, by endpoint.\n"
           "# TYPE oqs_http_request_duration_seconds histogram\n";
    for (const auto& [endpoint, latency] : m_latency) {
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            out << "oqs_http_request_duration_seconds_bucket{endpoint=\"" << endpoint << "\",le=\"" << kBuckets[i]
                << "\"} " << latency.buckets[i] << '\n';
        }
        out << "oqs_http_request_duration_seconds_bucket{endpoint=\"" << endpoint << "\",le=\"+Inf\"} " << latency.count
            << '\n'
            << "oqs_http_request_duration_seconds_sum{endpoint=\"" << endpoint << "\"} " << latency.sum << '\n'
            << "oqs_http_request_duration_seconds_count{endpoint=\"" << endpoint << "\"} " << latency.count << '\n';
    }
    out << "# HELP oqs_http_in_flight Requests being processed now.\n# TYPE oqs_http_in_flight gauge\n"
        << "oqs_http_in_flight " << m_inFlight.load() << '\n';
    if (m_gauges) {
        std::string family; // names may carry labels, name{…}: one TYPE line per family (sorted map keeps them together)
        for (const auto& [name, value] : m_gauges()) {
            const std::string base = name.substr(0, name.find('{'));
            if (base != family) {
                family = base;
                out << "# TYPE " << family << " gauge\n";
            }
            out << name << ' ' << value << '\n';
        }
    }
    return out.str();
}

} // namespace oqs::server::http
