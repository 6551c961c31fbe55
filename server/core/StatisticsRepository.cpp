// SPDX-License-Identifier: Apache-2.0
#include "core/StatisticsRepository.h"

#include <Poco/Data/Statement.h>

using namespace Poco::Data::Keywords;

namespace oqs::server::core {

std::uint64_t StatisticsRepository::aggregateDay(const common::Date& day)
{
    // checked_at is JST ISO 8601 text ("YYYY-MM-DDTHH:MM:SS.mmm+09:00"): the day and hour are its fixed-place
    // characters, and a bare date sorts before every time of that day.
    std::string from = day.toIso();
    std::string to = day.addDays(1).toIso();
    auto session = m_database.session();
    session->begin();
    try {
        *session << m_database.sql("DELETE FROM check_statistics_daily WHERE day = ?"), use(from), now;
        *session << m_database.sql("INSERT INTO check_statistics_daily (day, institution_code, hour, mode, status, "
                                   "checks) SELECT substr(checked_at, 1, 10), institution_code, "
                                   "CAST(substr(checked_at, 12, 2) AS INTEGER), mode, status, COUNT(*) "
                                   "FROM check_history WHERE checked_at >= ? AND checked_at < ? "
                                   "GROUP BY 1, 2, 3, 4, 5"),
            use(from), use(to), now;
        Poco::Int64 counted = 0;
        *session << m_database.sql("SELECT COALESCE(SUM(checks), 0) FROM check_statistics_daily WHERE day = ?"),
            use(from), into(counted), now;
        session->commit();
        return std::uint64_t(counted);
    } catch (...) {
        session->rollback();
        throw;
    }
}

std::optional<common::Date> StatisticsRepository::lastCountedDay()
{
    Poco::Nullable<std::string> day;
    auto session = m_database.session();
    *session << "SELECT MAX(day) FROM check_statistics_daily", into(day), now;
    return day.isNull() ? std::nullopt : common::Date::parse(day.value());
}

std::vector<DailyStatistic> StatisticsRepository::rows(const common::Date& from, const common::Date& through,
                                                       const std::string& institutionCode)
{
    std::string first = from.toIso();
    std::string last = through.toIso();
    std::string institution = institutionCode;
    std::vector<std::string> days;
    std::vector<std::string> institutions;
    std::vector<int> hours;
    std::vector<std::string> modes;
    std::vector<std::string> statuses;
    std::vector<Poco::Int64> checks;
    auto session = m_database.session();
    Poco::Data::Statement select(*session);
    select << m_database.sql("SELECT day, institution_code, hour, mode, status, checks FROM check_statistics_daily "
                             "WHERE day >= ? AND day <= ?" +
                             std::string(institution.empty() ? "" : " AND institution_code = ?") +
                             " ORDER BY day, institution_code, hour, mode, status"),
        use(first), use(last), into(days), into(institutions), into(hours), into(modes), into(statuses), into(checks);
    if (!institution.empty()) {
        select, use(institution);
    }
    select.execute();
    std::vector<DailyStatistic> result;
    result.reserve(days.size());
    for (std::size_t i = 0; i < days.size(); ++i) {
        result.push_back({days[i], institutions[i], hours[i], modes[i], statuses[i], std::uint64_t(checks[i])});
    }
    return result;
}

} // namespace oqs::server::core
