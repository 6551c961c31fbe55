// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

namespace oqs::server::batch {

/// Progress of one batch job: a redrawn bar on a terminal, otherwise one structured log line
/// ("batch job=… phase=… done=… total=… percent=…") at most every few seconds and at each phase's end, so that
/// log collectors and metrics scrapers can follow a job without parsing a bar. Not thread-safe.
class JobProgress
{
public:
    /// `terminal`: draw a bar (the caller decides, usually isatty on the stream's descriptor).
    JobProgress(std::ostream& out, std::string job, bool terminal);
    /// A sink that reports nothing, for tests and library callers.
    static JobProgress silent();

    /// `done` of `total` units of `phase` (total 0: unknown). Cheap to call often.
    void update(std::string_view phase, std::uint64_t done, std::uint64_t total);
    /// Reports the phase as complete (always printed).
    void finish(std::string_view phase, std::uint64_t done);

private:
    JobProgress(std::ostream* out, std::string job, bool terminal);
    void print(std::string_view phase, std::uint64_t done, std::uint64_t total, bool last);

    std::ostream* m_out;
    std::string m_job;
    bool m_terminal;
    std::chrono::steady_clock::time_point m_lastPrint{};
};

} // namespace oqs::server::batch
