// SPDX-License-Identifier: Apache-2.0
#include "core/OperationsGauges.h"

#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>

#include <charconv>
#include <vector>

using namespace Poco::Data::Keywords;

namespace oqs::server::core {
namespace {

std::optional<int> digits(std::string_view text, std::size_t from, std::size_t count)
{
    int value = 0;
    if (from + count > text.size()) {
        return std::nullopt;
    }
    const char* first = text.data() + from;
    const auto [end, error] = std::from_chars(first, first + count, value);
    if (error != std::errc() || end != first + count) {
        return std::nullopt;
    }
    return value;
}

double secondsBetween(std::chrono::system_clock::time_point earlier, std::chrono::system_clock::time_point later)
{
    return std::chrono::duration<double>(later - earlier).count();
}

std::string labelled(std::string_view name, const std::string& job)
{
    return std::string(name) + "{job=\"" + job + "\"}";
}

} // namespace

std::optional<std::chrono::system_clock::time_point> parseDatabaseTimestamp(std::string_view text)
{
    // "YYYY-MM-DD HH:MM:SS" (a 'T' separator is accepted too)
    if (text.size() < 19 || text[4] != '-' || text[7] != '-' || (text[10] != ' ' && text[10] != 'T') ||
        text[13] != ':' || text[16] != ':') {
        return std::nullopt;
    }
    const auto year = digits(text, 0, 4);
    const auto month = digits(text, 5, 2);
    const auto day = digits(text, 8, 2);
    const auto hour = digits(text, 11, 2);
    const auto minute = digits(text, 14, 2);
    const auto second = digits(text, 17, 2);
    if (!year || !month || !day || !hour || !minute || !second) {
        return std::nullopt;
    }
    const std::chrono::year_month_day date{std::chrono::year(*year), std::chrono::month(unsigned(*month)),
                                           std::chrono::day(unsigned(*day))};
    if (!date.ok() || *hour > 23 || *minute > 59 || *second > 60) {
        return std::nullopt;
    }
    std::size_t position = 19;
    if (position < text.size() && text[position] == '.') {
        ++position;
        while (position < text.size() && text[position] >= '0' && text[position] <= '9') {
            ++position; // fractions of a second do not matter for ages in seconds
        }
    }
    int offsetMinutes = 0;
    if (position < text.size()) {
        const char sign = text[position];
        const auto offsetHours = digits(text, position + 1, 2);
        if ((sign != '+' && sign != '-') || !offsetHours) {
            return std::nullopt;
        }
        std::size_t next = position + 3;
        int minutes = 0;
        if (next < text.size()) {
            next += text[next] == ':' ? 1 : 0;
            const auto parsed = digits(text, next, 2);
            if (!parsed || next + 2 != text.size()) {
                return std::nullopt;
            }
            minutes = *parsed;
        }
        offsetMinutes = (sign == '-' ? -1 : 1) * (*offsetHours * 60 + minutes);
    }
    return std::chrono::sys_days(date) + std::chrono::hours(*hour) + std::chrono::minutes(*minute - offsetMinutes) +
           std::chrono::seconds(*second);
}

std::map<std::string, double> OperationsGauges::read(std::chrono::system_clock::time_point scrapedAt)
{
    std::map<std::string, double> gauges;
    try {
        auto session = m_database.session();
        std::vector<std::string> jobs;
        std::vector<std::string> statuses;
        *session << "SELECT job, status FROM batch_run r WHERE id = (SELECT MAX(id) FROM batch_run WHERE job = r.job)",
            into(jobs), into(statuses), now;
        for (std::size_t i = 0; i < jobs.size(); ++i) {
            gauges[labelled("oqs_batch_running", jobs[i])] = statuses[i] == "running" ? 1 : 0;
        }
        jobs.clear();
        statuses.clear();
        // The newest run that ended, whatever its outcome.
        *session << "SELECT job, status FROM batch_run r WHERE id = (SELECT MAX(id) FROM batch_run "
                    "WHERE job = r.job AND status <> 'running')",
            into(jobs), into(statuses), now;
        for (std::size_t i = 0; i < jobs.size(); ++i) {
            gauges[labelled("oqs_batch_last_run_succeeded", jobs[i])] = statuses[i] == "succeeded" ? 1 : 0;
        }
        jobs.clear();
        std::vector<std::string> finished;
        *session << "SELECT job, MAX(finished_at) FROM batch_run WHERE status = 'succeeded' GROUP BY job", into(jobs),
            into(finished), now;
        for (std::size_t i = 0; i < jobs.size(); ++i) {
            if (const auto at = parseDatabaseTimestamp(finished[i])) {
                gauges[labelled("oqs_batch_last_success_age_seconds", jobs[i])] = secondsBetween(*at, scrapedAt);
            }
        }
        Poco::Int64 serials = 0;
        std::string activatedAt;
        *session << "SELECT serial_count, activated_at FROM revocation_state WHERE id = 1", into(serials),
            into(activatedAt), now;
        gauges["oqs_revocation_serials"] = double(serials);
        if (const auto at = parseDatabaseTimestamp(activatedAt)) {
            gauges["oqs_revocation_set_age_seconds"] = secondsBetween(*at, scrapedAt);
        }
        gauges["oqs_db_up"] = 1;
    } catch (const Poco::Exception&) {
        return {{"oqs_db_up", 0}};
    }
    return gauges;
}

} // namespace oqs::server::core
