// SPDX-License-Identifier: Apache-2.0
#include "batch/FeedImporter.h"

#include "batch/BatchError.h"
#include "batch/FeedFile.h"
#include "batch/MappedFile.h"
#include "core/FeedRepository.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <mutex>
#include <numeric>
#include <optional>
#include <oqs/common/Csv.h>
#include <oqs/common/Date.h>
#include <stdexcept>
#include <thread>
#include <unordered_map>

namespace oqs::server::batch {
namespace {

constexpr unsigned kPostgresWorkers = 4;

/// What each data row of a file came to, kept compactly — a status and a sequence number per row, text only for the
/// reasons — until the result file is written in file order: formatted rows for a file of millions of records
/// would hold hundreds of bytes per record.
class FileResults
{
public:
    explicit FileResults(const FeedFile& file)
        : m_file(file), m_statuses(file.rows.size()), m_sequences(file.rows.size())
    {
    }

    /// Keeps the result of the data row on `result.line`.
    void keep(const core::FeedResult& result)
    {
        const auto byLine = [](const FeedRowPlace& place, std::size_t line) { return place.line < line; };
        const auto row = std::lower_bound(m_file.rows.begin(), m_file.rows.end(), result.line, byLine);
        if (row == m_file.rows.end() || row->line != result.line) {
            throw std::logic_error("FeedImporter: a result for line " + std::to_string(result.line) +
                                   ", which holds no data row");
        }
        const auto index = std::size_t(row - m_file.rows.begin());
        const auto status = std::find(kStatuses.begin(), kStatuses.end(), result.status);
        m_statuses[index] = std::uint8_t(status - kStatuses.begin());
        m_sequences[index] = result.sequence;
        if (!result.reason.empty()) {
            m_reasons[index] = result.reason;
        }
    }

    /// Writes `path` through a temporary file renamed into place: a header, then a row per data row in line order,
    /// the rows that could not be attributed to an insurer among them.
    void write(const std::filesystem::path& path) const
    {
        const auto temporary = path.string() + ".tmp";
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        std::vector<common::CsvRow> chunk = {{"line", "insurer_number", "sequence", "status", "reason"}};
        const auto flush = [&] {
            const auto text = common::writeCsv(chunk, common::TextEncoding::Utf8);
            if (!text) {
                throw BatchError(path.string() + ": " + text.error().detail);
            }
            out << text.value();
            chunk.clear();
        };
        auto unattributed = m_file.unattributed.begin();
        const auto addUnattributedBefore = [&](std::size_t line) {
            for (; unattributed != m_file.unattributed.end() && unattributed->line < line; ++unattributed) {
                chunk.push_back({std::to_string(unattributed->line), "", "", "rejected", unattributed->reason});
            }
        };
        for (std::size_t index = 0; index < m_file.rows.size(); ++index) {
            const FeedRowPlace& row = m_file.rows[index];
            addUnattributedBefore(row.line);
            const auto reason = m_reasons.find(index);
            chunk.push_back({std::to_string(row.line), m_file.insurers[row.insurer], std::to_string(m_sequences[index]),
                             std::string(kStatuses.at(m_statuses[index])),
                             reason == m_reasons.end() ? std::string() : reason->second});
            if (chunk.size() >= kRowsPerChunk) {
                flush();
            }
        }
        addUnattributedBefore(std::numeric_limits<std::size_t>::max());
        flush();
        out.close();
        if (!out) {
            throw BatchError(path.string() + ": could not be written");
        }
        std::filesystem::rename(temporary, path);
    }

private:
    /// The statuses a result can have (FeedResult::status); a row keeps the index of its own.
    static constexpr std::array<std::string_view, 3> kStatuses = {"rejected", "applied", "duplicate"};
    static constexpr std::size_t kRowsPerChunk = 10'000;

    const FeedFile& m_file;
    std::vector<std::uint8_t> m_statuses; ///< by index into m_file.rows
    std::vector<std::int64_t> m_sequences;
    std::unordered_map<std::size_t, std::string> m_reasons;
};

/// A transaction's worth of a file: some insurers' records, and on SQLite what applying them reads, read ahead.
struct Group
{
    std::vector<core::InsurerBatch> batches;
    std::optional<core::FeedRepository::Lookup> lookup;
};

/// Reads the groups of a file on a thread of its own, a few ahead of the workers that apply them, so that parsing
/// the records (and on SQLite looking up their rows) overlaps the database writes: the writing connection is the one
/// thread the import waits on.
class GroupPrefetch
{
public:
    GroupPrefetch(std::size_t count, std::size_t ahead, std::function<Group(std::size_t)> read)
        : m_count(count), m_ahead(ahead), m_read(std::move(read)), m_thread([this] { run(); })
    {
    }
    ~GroupPrefetch()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stopped = true;
        }
        m_changed.notify_all();
        m_thread.join();
    }
    GroupPrefetch(const GroupPrefetch&) = delete;
    GroupPrefetch& operator=(const GroupPrefetch&) = delete;

    /// Group `index`, once read; each index is taken once. Rethrows what reading it threw.
    Group take(std::size_t index)
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_ready.contains(index) || m_failure; });
        if (m_failure) {
            std::rethrow_exception(m_failure);
        }
        Group group = std::move(m_ready.at(index));
        m_ready.erase(index);
        m_changed.notify_all();
        return group;
    }

private:
    void run()
    {
        for (std::size_t index = 0; index < m_count; ++index) {
            {
                std::unique_lock lock(m_mutex);
                m_changed.wait(lock, [&] { return m_ready.size() < m_ahead || m_stopped; });
                if (m_stopped) {
                    return;
                }
            }
            try {
                Group group = m_read(index);
                std::lock_guard lock(m_mutex);
                m_ready.emplace(index, std::move(group));
            } catch (...) {
                std::lock_guard lock(m_mutex);
                m_failure = std::current_exception();
            }
            m_changed.notify_all();
        }
    }

    const std::size_t m_count;
    const std::size_t m_ahead;
    const std::function<Group(std::size_t)> m_read;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::map<std::size_t, Group> m_ready;
    std::exception_ptr m_failure;
    bool m_stopped = false;
    std::thread m_thread; // last: starts when the rest is ready
};

} // namespace

FeedImportReport FeedImporter::importFile(const std::filesystem::path& file, JobProgress& progress)
{
    const MappedFile mapped(file);
    const std::string name = file.filename().string();
    const FeedFile scanned = FeedFile::scan(mapped.bytes(), name, FeedFile::defaultScanParts(mapped.bytes().size()));

    // Insurers in number order share transactions of about m_recordsPerTransaction records: each transaction still
    // applies an insurer wholly or not at all, but writes the index pages it touches once for many insurers. A
    // group is read from the file only when a worker applies it, so memory holds a group per worker, not the file.
    std::vector<std::vector<const FeedRowPlace*>> byInsurer(scanned.insurers.size());
    for (const auto& place : scanned.rows) {
        byInsurer[place.insurer].push_back(&place);
    }
    std::vector<std::uint32_t> insurerOrder(scanned.insurers.size());
    std::iota(insurerOrder.begin(), insurerOrder.end(), 0);
    std::sort(insurerOrder.begin(), insurerOrder.end(),
              [&](std::uint32_t a, std::uint32_t b) { return scanned.insurers[a] < scanned.insurers[b]; });
    std::vector<std::vector<std::uint32_t>> groups;
    std::size_t grouped = m_recordsPerTransaction;
    for (const std::uint32_t insurer : insurerOrder) {
        if (grouped >= m_recordsPerTransaction) {
            groups.emplace_back();
            grouped = 0;
        }
        grouped += byInsurer[insurer].size();
        groups.back().push_back(insurer);
    }
    // SQLite has one writer at a time, so parallel insurers would only queue on its lock; instead the reading thread
    // looks up the next group's rows on a connection of its own (each insurer is in one group only, so the groups
    // written meanwhile do not change them).
    const bool sqlite = m_database.dialect() == core::Dialect::SQLite;
    const unsigned workers = sqlite ? 1 : kPostgresWorkers;
    const auto readGroup = [&](std::size_t index) {
        Group group;
        for (const std::uint32_t insurer : groups[index]) {
            core::InsurerBatch& batch = group.batches.emplace_back(core::InsurerBatch{scanned.insurers[insurer], {}});
            batch.records.reserve(byInsurer[insurer].size());
            for (const FeedRowPlace* place : byInsurer[insurer]) {
                batch.records.push_back(scanned.record(*place));
            }
            core::sortBySequence(batch.records);
        }
        if (sqlite) {
            group.lookup = core::FeedRepository(m_database).lookUp(group.batches);
        }
        return group;
    };

    FeedImportReport report;
    report.records = scanned.rows.size() + scanned.unattributed.size();
    report.rejected = scanned.unattributed.size();
    FileResults results(scanned);
    std::mutex mutex;
    std::atomic<std::size_t> next = 0;
    std::uint64_t done = 0;
    std::exception_ptr failure;
    std::atomic<bool> failed = false;
    GroupPrefetch prefetch(groups.size(), workers + 1, readGroup);
    const core::BackgroundCheckpoint checkpoint(m_database);
    const auto worker = [&] {
        core::FeedRepository repository(m_database);
        // Each group commits in its own transaction, but only a worker's last one waits for the disk: flushing the
        // log then makes its earlier commits durable too, and the result file is written only after every worker
        // has finished. One fsync per worker and file instead of one per transaction.
        for (std::size_t index = next++, following = 0; index < groups.size() && !failed; index = following) {
            following = next++;
            const auto durability =
                following < groups.size() ? core::Durability::Deferred : core::Durability::Immediate;
            try {
                Group group = prefetch.take(index);
                const auto batches = repository.applyInsurerBatches(std::move(group.batches), name, durability,
                                                                    std::move(group.lookup));
                std::lock_guard lock(mutex);
                for (const auto& batch : batches) {
                    for (const auto& result : batch) {
                        results.keep(result);
                        report.applied += result.status == "applied";
                        report.rejected += result.status == "rejected";
                        report.duplicates += result.status == "duplicate";
                    }
                    done += batch.size();
                }
                progress.update("records", done, report.records);
            } catch (...) {
                std::lock_guard lock(mutex);
                failure = std::current_exception();
                failed = true; // stop the other workers after their current insurer
            }
        }
    };
    std::vector<std::thread> threads;
    for (unsigned i = 1; i < workers; ++i) {
        threads.emplace_back(worker);
    }
    worker();
    for (auto& thread : threads) {
        thread.join();
    }
    if (failure) {
        std::rethrow_exception(failure);
    }
    progress.finish("records", report.records);

    report.resultFile = file.parent_path() / (name + ".result.csv");
    results.write(report.resultFile);
    if (!m_archive.empty()) {
        const auto day = m_archive / common::Date::todayJst().toCompact();
        std::filesystem::create_directories(day);
        std::filesystem::rename(file, day / name);
    }
    return report;
}

std::uint64_t FeedImporter::importFiles(const std::vector<std::filesystem::path>& files, JobProgress& progress,
                                        std::ostream& log)
{
    std::uint64_t records = 0;
    std::string rejected;
    for (const auto& file : files) {
        try {
            const auto report = importFile(file, progress);
            log << "feed-import: " << file.filename().string() << ": " << report.applied << " applied, "
                << report.rejected << " rejected, " << report.duplicates << " duplicates; results in "
                << report.resultFile.string() << '\n';
            records += report.records;
        } catch (const BatchError& error) {
            log << "feed-import: " << error.what() << '\n';
            rejected += (rejected.empty() ? "" : ", ") + file.filename().string();
        }
    }
    if (!rejected.empty()) {
        throw BatchError("files rejected whole: " + rejected);
    }
    return records;
}

std::vector<std::filesystem::path> FeedImporter::filesIn(const std::filesystem::path& inbox)
{
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(inbox)) {
        const std::string name = entry.path().filename().string();
        if (entry.is_regular_file() && name.ends_with(".csv") && !name.ends_with(".result.csv")) {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace oqs::server::batch
