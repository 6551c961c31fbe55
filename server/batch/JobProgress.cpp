// SPDX-License-Identifier: Apache-2.0
#include "batch/JobProgress.h"

#include <iomanip>

namespace oqs::server::batch {
namespace {

constexpr auto kTerminalInterval = std::chrono::milliseconds(200);
constexpr auto kLogInterval = std::chrono::seconds(5);
constexpr int kBarWidth = 30;

} // namespace

JobProgress::JobProgress(std::ostream& out, std::string job, bool terminal)
    : JobProgress(&out, std::move(job), terminal)
{
}

JobProgress::JobProgress(std::ostream* out, std::string job, bool terminal)
    : m_out(out), m_job(std::move(job)), m_terminal(terminal)
{
}

JobProgress JobProgress::silent()
{
    return JobProgress(nullptr, {}, false);
}

void JobProgress::update(std::string_view phase, std::uint64_t done, std::uint64_t total)
{
    if (m_out == nullptr) {
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - m_lastPrint < (m_terminal ? kTerminalInterval : kLogInterval)) {
        return;
    }
    m_lastPrint = now;
    print(phase, done, total, false);
}

void JobProgress::finish(std::string_view phase, std::uint64_t done)
{
    if (m_out != nullptr) {
        print(phase, done, done, true);
    }
}

void JobProgress::print(std::string_view phase, std::uint64_t done, std::uint64_t total, bool last)
{
    const int percent = total == 0 ? -1 : int(done * 100 / total);
    if (m_terminal) {
        const int filled = percent < 0 ? 0 : percent * kBarWidth / 100;
        *m_out << '\r' << m_job << ' ' << phase << " [" << std::string(std::size_t(filled), '#')
               << std::string(std::size_t(kBarWidth - filled), ' ') << "] " << done;
        if (total != 0) {
            *m_out << '/' << total << ' ' << std::setw(3) << percent << '%';
        }
        *m_out << (last ? "\n" : "   ") << std::flush;
        return;
    }
    *m_out << "batch job=" << m_job << " phase=" << phase << " done=" << done << " total=" << total
           << " percent=" << percent << (last ? " state=finished" : " state=running") << '\n'
           << std::flush;
}

} // namespace oqs::server::batch
