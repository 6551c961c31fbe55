// SPDX-License-Identifier: Apache-2.0
#include "batch/AuditArchive.h"

#include "batch/BatchError.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <unistd.h>

using namespace Poco::Data::Keywords;

namespace oqs::server::batch {
namespace {

namespace fs = std::filesystem;

const std::string kGenesisHash(64, '0');
constexpr std::string_view kPrefix = "audit-";
constexpr std::string_view kSuffix = ".jsonl";
constexpr std::string_view kRetiredFile = "audit-retired.json";
constexpr std::size_t kChunk = 5000;
constexpr std::size_t kFlushBytes = 1 << 20;

[[noreturn]] void failIo(const fs::path& path, const std::string& what)
{
    throw BatchError(path.string() + ": " + what + ": " + std::strerror(errno));
}

void syncDirectory(const fs::path& directory)
{
    const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        failIo(directory, "cannot be opened");
    }
    const int synced = ::fsync(fd);
    ::close(fd);
    if (synced != 0) {
        failIo(directory, "cannot be synced");
    }
}

/// A file replaced whole and durably: written as "<name>.tmp", then fsync, rename over the name, fsync of the folder.
/// Until commit() the old file (if any) is untouched; an uncommitted temporary is removed on destruction.
class DurableFile
{
public:
    explicit DurableFile(fs::path target) : m_target(std::move(target)), m_temporary(m_target.string() + ".tmp")
    {
        m_fd = ::open(m_temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (m_fd < 0) {
            failIo(m_temporary, "cannot be written");
        }
    }
    ~DurableFile()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
            std::error_code ignored;
            fs::remove(m_temporary, ignored);
        }
    }
    DurableFile(const DurableFile&) = delete;
    DurableFile& operator=(const DurableFile&) = delete;

    void append(std::string_view text)
    {
        m_buffer += text;
        if (m_buffer.size() >= kFlushBytes) {
            flush();
        }
    }
    /// Starts the new content with the current file's, when there is one.
    void appendExisting()
    {
        std::ifstream in(m_target, std::ios::binary);
        std::string block(kFlushBytes, '\0');
        for (;;) {
            in.read(block.data(), std::streamsize(block.size()));
            if (in.gcount() <= 0) {
                break;
            }
            append(std::string_view(block.data(), std::size_t(in.gcount())));
        }
    }
    void commit()
    {
        flush();
        if (::fsync(m_fd) != 0) {
            failIo(m_temporary, "cannot be synced");
        }
        ::close(m_fd);
        m_fd = -1;
        if (::rename(m_temporary.c_str(), m_target.c_str()) != 0) {
            failIo(m_target, "cannot be put in place");
        }
        syncDirectory(m_target.parent_path());
    }
    const fs::path& target() const { return m_target; }

private:
    void flush()
    {
        std::size_t written = 0;
        while (written < m_buffer.size()) {
            const ssize_t n = ::write(m_fd, m_buffer.data() + written, m_buffer.size() - written);
            if (n < 0 && errno != EINTR) {
                failIo(m_temporary, "cannot be written");
            }
            written += n > 0 ? std::size_t(n) : 0;
        }
        m_buffer.clear();
    }

    fs::path m_target;
    fs::path m_temporary;
    int m_fd = -1;
    std::string m_buffer;
};

/// "YYYY-MM" of an archive file name, empty when the name is not one.
std::string monthOf(const fs::path& file)
{
    const std::string name = file.filename().string();
    if (name.size() != kPrefix.size() + 7 + kSuffix.size() || !name.starts_with(kPrefix) || !name.ends_with(kSuffix)) {
        return {};
    }
    return name.substr(kPrefix.size(), 7);
}

} // namespace

AuditArchive::AuditArchive(core::Database& database, std::filesystem::path directory)
    : m_database(database), m_directory(std::move(directory))
{
}

std::vector<fs::path> AuditArchive::files() const
{
    std::vector<fs::path> found;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(m_directory, error)) {
        if (entry.is_regular_file() && !monthOf(entry.path()).empty()) {
            found.push_back(entry.path());
        }
    }
    std::sort(found.begin(), found.end()); // month names sort in chain order
    return found;
}

std::string AuditArchive::encodeRow(const Row& row)
{
    const nlohmann::json line = {{"sequence", row.sequence},          {"recorded_at", row.recordedAt},
                                 {"actor", row.event.actor},          {"institution_code", row.event.institutionCode},
                                 {"terminal", row.event.terminal},    {"action", row.event.action},
                                 {"target", row.event.target},        {"result", row.event.result},
                                 {"previous_hash", row.previousHash}, {"hash", row.hash}};
    return line.dump() + '\n';
}

std::optional<AuditArchive::Row> AuditArchive::decodeRow(const std::string& line)
{
    try {
        const auto json = nlohmann::json::parse(line);
        Row row;
        row.sequence = json.at("sequence").get<std::int64_t>();
        row.recordedAt = json.at("recorded_at").get<std::string>();
        row.event =
            core::AuditEvent{json.at("actor").get<std::string>(),    json.at("institution_code").get<std::string>(),
                             json.at("terminal").get<std::string>(), json.at("action").get<std::string>(),
                             json.at("target").get<std::string>(),   json.at("result").get<std::string>()};
        row.previousHash = json.at("previous_hash").get<std::string>();
        row.hash = json.at("hash").get<std::string>();
        return row;
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
}

std::optional<AuditArchive::Row> AuditArchive::lastRowOf(const fs::path& file) const
{
    std::ifstream in(file, std::ios::binary);
    std::string line;
    std::string last;
    while (std::getline(in, line)) {
        if (!line.empty()) {
            last = line;
        }
    }
    auto row = decodeRow(last);
    if (!row) {
        throw BatchError(file.string() + ": the last line is not an audit record; run `oqs-server audit verify`");
    }
    return row;
}

std::vector<AuditArchive::Row> AuditArchive::readDatabaseRows(std::int64_t after, std::int64_t before,
                                                              const std::string& recordedBefore, std::size_t limit)
{
    auto session = m_database.session();
    Poco::Int64 from = after;
    Poco::Int64 to = before;
    std::string recorded = recordedBefore;
    Poco::Data::Statement select(*session);
    select << m_database.sql("SELECT sequence, recorded_at, actor, institution_code, terminal, action, target, "
                             "result, previous_hash, hash FROM audit_log WHERE sequence > ? AND sequence < ?" +
                             std::string(recorded.empty() ? "" : " AND recorded_at < ?") + " ORDER BY sequence LIMIT " +
                             std::to_string(limit)),
        use(from), use(to);
    if (!recorded.empty()) {
        select, use(recorded);
    }
    select.execute();
    Poco::Data::RecordSet records(select);
    std::vector<Row> rows;
    for (bool more = records.moveFirst(); more; more = records.moveNext()) {
        rows.push_back(Row{records[0].convert<Poco::Int64>(),
                           records[1].convert<std::string>(),
                           {records[2].convert<std::string>(), records[3].convert<std::string>(),
                            records[4].convert<std::string>(), records[5].convert<std::string>(),
                            records[6].convert<std::string>(), records[7].convert<std::string>()},
                           records[8].convert<std::string>(),
                           records[9].convert<std::string>()});
    }
    return rows;
}

std::uint64_t AuditArchive::deleteRange(std::int64_t from, std::int64_t through, bool dryRun)
{
    auto session = m_database.session();
    Poco::Int64 low = from;
    Poco::Int64 high = through;
    Poco::Int64 count = 0;
    *session << m_database.sql("SELECT COUNT(*) FROM audit_log WHERE sequence >= ? AND sequence <= ?"), use(low),
        use(high), into(count), now;
    if (!dryRun && count > 0) {
        *session << m_database.sql("DELETE FROM audit_log WHERE sequence >= ? AND sequence <= ?"), use(low), use(high),
            now;
    }
    return std::uint64_t(count);
}

AuditArchiveReport AuditArchive::archiveBefore(const common::Date& cutoff, bool dryRun, JobProgress& progress)
{
    AuditArchiveReport report;
    if (!dryRun) {
        fs::create_directories(m_directory);
    }
    const auto existing = files();
    const std::optional<Row> last = existing.empty() ? std::nullopt : lastRowOf(existing.back());
    std::string month = existing.empty() ? std::string() : monthOf(existing.back());

    Poco::Nullable<Poco::Int64> newest;
    *m_database.session() << "SELECT MAX(sequence) FROM audit_log", into(newest), now;
    if (newest.isNull()) {
        return report;
    }
    const std::int64_t head = newest.value();

    std::int64_t after = 0;
    if (last) {
        // Rows a pass archived but could not delete (killed in between) must be the very rows in the file.
        const auto same = readDatabaseRows(last->sequence - 1, last->sequence + 1, "", 1);
        if (!same.empty() && same.front().hash != last->hash) {
            throw BatchError("audit record " + std::to_string(last->sequence) + " differs between " +
                             existing.back().string() + " and the database: nothing archived");
        }
        report.deleted +=
            deleteRange(std::numeric_limits<std::int64_t>::min(), std::min(last->sequence, head - 1), dryRun);
        after = last->sequence;
    }

    std::optional<DurableFile> file;
    std::int64_t firstInFile = 0;
    const auto finishFile = [&] {
        file->commit();
        report.files.push_back(file->target().string());
        const auto deleted = deleteRange(firstInFile, after, false);
        report.deleted += deleted;
        progress.finish("audit-" + monthOf(file->target()), deleted);
        file.reset();
    };
    for (bool more = true; more;) {
        const auto rows = readDatabaseRows(after, head, cutoff.toIso(), kChunk);
        more = rows.size() == kChunk;
        for (const Row& row : rows) {
            if (after != 0 && row.sequence != after + 1) {
                more = false; // a newer row lies between: the archive holds one unbroken run, it ends here
                break;
            }
            month = std::max(month, row.recordedAt.substr(0, 7));
            const fs::path target = m_directory / (std::string(kPrefix) + month + std::string(kSuffix));
            if (!dryRun) {
                if (file && file->target() != target) {
                    finishFile();
                }
                if (!file) {
                    file.emplace(target);
                    file->appendExisting();
                    firstInFile = row.sequence;
                }
                file->append(encodeRow(row));
            } else if (report.files.empty() || report.files.back() != target.string()) {
                report.files.push_back(target.string());
            }
            after = row.sequence;
            ++report.archived;
        }
    }
    if (file) {
        finishFile();
    } else if (dryRun) {
        report.deleted += report.archived;
    }
    return report;
}

std::uint64_t AuditArchive::retireBefore(const common::Date& cutoff, bool dryRun)
{
    const std::string cutoffMonth = cutoff.toIso().substr(0, 7);
    std::vector<fs::path> retired;
    for (const auto& file : files()) {
        if (monthOf(file) < cutoffMonth) {
            retired.push_back(file);
        }
    }
    if (retired.empty() || dryRun) {
        return retired.size();
    }
    // The anchor first: if the deletions below are cut short, verify() skips what the anchor already covers.
    const auto last = lastRowOf(retired.back());
    DurableFile anchor(m_directory / kRetiredFile);
    anchor.append(nlohmann::json{{"sequence", last->sequence}, {"hash", last->hash}}.dump() + '\n');
    anchor.commit();
    for (const auto& file : retired) {
        fs::remove(file);
    }
    syncDirectory(m_directory);
    return retired.size();
}

AuditChainCheck AuditArchive::verify()
{
    AuditChainCheck check;
    std::int64_t expected = 1;
    std::string previous = kGenesisHash;
    std::ifstream anchorFile(m_directory / kRetiredFile);
    if (anchorFile) {
        try {
            const auto anchor = nlohmann::json::parse(anchorFile);
            expected = anchor.at("sequence").get<std::int64_t>() + 1;
            previous = anchor.at("hash").get<std::string>();
        } catch (const nlohmann::json::exception&) {
            check.brokenAt = std::string(kRetiredFile) + ": not a record of retired archives";
            return check;
        }
    }
    check.firstSequence = expected;
    // Links one record to the chain; the reason when it does not fit.
    const auto link = [&](const Row& row) -> std::optional<std::string> {
        if (row.sequence != expected) {
            return "record " + std::to_string(expected) + " expected, found record " + std::to_string(row.sequence);
        }
        if (row.previousHash != previous) {
            return "previous_hash is not the hash of record " + std::to_string(expected - 1);
        }
        if (core::AuditRepository::recordHash(row.previousHash, row.sequence, row.recordedAt, row.event) != row.hash) {
            return std::string("hash does not match the record's contents");
        }
        previous = row.hash;
        ++expected;
        return std::nullopt;
    };

    for (const auto& file : files()) {
        std::ifstream in(file, std::ios::binary);
        std::string line;
        for (std::size_t number = 1; std::getline(in, line); ++number) {
            const std::string where = file.filename().string() + " line " + std::to_string(number);
            const auto row = decodeRow(line);
            if (!row) {
                check.brokenAt = where + ": not an audit record";
                return check;
            }
            if (row->sequence < check.firstSequence) {
                continue; // covered by the retired-archive record: a retirement cut short left the file
            }
            if (auto reason = link(*row)) {
                check.brokenAt = where + " (record " + std::to_string(row->sequence) + "): " + *reason;
                return check;
            }
            ++check.archivedRecords;
        }
    }
    // Rows archived but not yet deleted (a pass cut short) are in both places: the archive's copy was checked.
    for (std::int64_t after = expected - 1;;) {
        const auto rows = readDatabaseRows(after, std::numeric_limits<std::int64_t>::max(), "", kChunk);
        for (const Row& row : rows) {
            if (auto reason = link(row)) {
                check.brokenAt = "database record " + std::to_string(row.sequence) + ": " + *reason;
                return check;
            }
            ++check.databaseRecords;
            after = row.sequence;
        }
        if (rows.size() < kChunk) {
            break;
        }
    }
    return check;
}

} // namespace oqs::server::batch
