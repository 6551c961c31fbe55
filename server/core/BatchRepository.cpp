// SPDX-License-Identifier: Apache-2.0
#include "core/BatchRepository.h"

#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

using namespace Poco::Data::Keywords;

namespace oqs::server::core {

bool BatchRepository::tryLock(const std::string& job, const std::string& owner, std::int64_t nowSeconds,
                              std::int64_t staleBefore, const std::string& deadOwner)
{
    auto session = m_database.session();
    std::string key = job;
    std::string me = owner;
    std::string dead = deadOwner.empty() ? std::string("\n") : deadOwner; // "\n" never names an owner
    Poco::Int64 at = nowSeconds;
    Poco::Int64 stale = staleBefore;
    *session << m_database.sql("INSERT INTO batch_lock (job, owner, acquired_at, heartbeat_at) VALUES (?, '', 0, 0) "
                               "ON CONFLICT (job) DO NOTHING"),
        use(key), now;
    Poco::Data::Statement update(*session);
    update << m_database.sql("UPDATE batch_lock SET owner = ?, acquired_at = ?, heartbeat_at = ? WHERE job = ? AND "
                             "(owner = '' OR owner = ? OR owner = ? OR heartbeat_at < ?)"),
        use(me), use(at), bind(at), use(key), use(me), use(dead), use(stale);
    return update.execute() == 1;
}

std::string BatchRepository::lockOwner(const std::string& job)
{
    auto session = m_database.session();
    std::string key = job;
    std::string owner;
    Poco::Data::Statement select(*session);
    select << m_database.sql("SELECT owner FROM batch_lock WHERE job = ?"), use(key), into(owner);
    select.execute();
    return owner;
}

void BatchRepository::heartbeat(const std::string& job, const std::string& owner, std::int64_t nowSeconds)
{
    auto session = m_database.session();
    std::string key = job;
    std::string me = owner;
    Poco::Int64 at = nowSeconds;
    *session << m_database.sql("UPDATE batch_lock SET heartbeat_at = ? WHERE job = ? AND owner = ?"), use(at), use(key),
        use(me), now;
}

void BatchRepository::unlock(const std::string& job, const std::string& owner)
{
    auto session = m_database.session();
    std::string key = job;
    std::string me = owner;
    *session << m_database.sql("UPDATE batch_lock SET owner = '' WHERE job = ? AND owner = ?"), use(key), use(me), now;
}

std::int64_t BatchRepository::startRun(const std::string& job, const std::string& owner, const std::string& arguments)
{
    auto session = m_database.session();
    std::string key = job;
    std::string me = owner;
    std::string args = arguments;
    Poco::Int64 id = 0;
    *session << m_database.sql("INSERT INTO batch_run (job, owner, arguments, started_at, status, processed, message) "
                               "VALUES (?, ?, ?, CURRENT_TIMESTAMP, 'running', 0, '') RETURNING id"),
        use(key), use(me), use(args), into(id), now;
    return id;
}

void BatchRepository::finishRun(std::int64_t id, const std::string& status, std::uint64_t processed,
                                const std::string& message)
{
    auto session = m_database.session();
    Poco::Int64 key = id;
    std::string state = status;
    auto count = static_cast<Poco::Int64>(processed);
    std::string text = message;
    *session << m_database.sql("UPDATE batch_run SET finished_at = CURRENT_TIMESTAMP, status = ?, processed = ?, "
                               "message = ? WHERE id = ?"),
        use(state), use(count), use(text), use(key), now;
}

std::vector<BatchRun> BatchRepository::recentRuns(const std::string& job, int limit)
{
    auto session = m_database.session();
    std::string key = job;
    int rows = limit;
    std::vector<Poco::Int64> ids;
    std::vector<std::string> jobs;
    std::vector<std::string> owners;
    std::vector<std::string> started;
    std::vector<Poco::Nullable<std::string>> finished;
    std::vector<std::string> statuses;
    std::vector<Poco::Int64> processed;
    std::vector<std::string> messages;
    *session << m_database.sql("SELECT id, job, owner, started_at, finished_at, status, processed, message "
                               "FROM batch_run WHERE (? = '' OR job = ?) ORDER BY id DESC LIMIT ?"),
        use(key), bind(job), use(rows), into(ids), into(jobs), into(owners), into(started), into(finished),
        into(statuses), into(processed), into(messages), now;
    std::vector<BatchRun> runs;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        runs.push_back({ids[i], jobs[i], owners[i], started[i],
                        finished[i].isNull() ? std::string() : finished[i].value(), statuses[i],
                        static_cast<std::uint64_t>(processed[i]), messages[i]});
    }
    return runs;
}

} // namespace oqs::server::core
