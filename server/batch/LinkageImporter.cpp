// SPDX-License-Identifier: Apache-2.0
#include "batch/LinkageImporter.h"

#include "batch/BatchError.h"
#include "batch/LinkageFile.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <oqs/common/Csv.h>
#include <oqs/common/Date.h>

namespace oqs::server::batch {
namespace {

/// Whether the file starts with the renewal header: such files refer to serials the other layout links, so they go
/// last in a run.
bool isRenewalFile(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::string first;
    std::getline(in, first);
    const std::string_view bom = "\xEF\xBB\xBF";
    const std::string_view header = std::string_view(first).substr(first.starts_with(bom) ? bom.size() : 0);
    return header.starts_with("old_serial,");
}

} // namespace

LinkageImportReport LinkageImporter::importFile(const std::filesystem::path& file, JobProgress& progress)
{
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw BatchError(file.string() + ": cannot be read");
    }
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const std::string name = file.filename().string();
    const LinkageFile parsed = LinkageFile::parse(bytes, name);

    LinkageImportReport report;
    report.kind = parsed.kind;
    report.rows = parsed.records.size();
    const std::string phase(toString(parsed.kind));
    const auto results =
        core::LinkageRepository(m_database).applyFile(parsed.kind, parsed.records, name, [&](std::size_t done) {
            progress.update(phase, done, report.rows);
        });
    progress.finish(phase, report.rows);

    std::vector<common::CsvRow> rows = {{"line", "status", "reason"}};
    rows.reserve(results.size() + 1);
    for (const auto& result : results) {
        rows.push_back({std::to_string(result.line), result.status, result.reason});
        report.applied += result.status == "applied";
        report.rejected += result.status == "rejected";
        report.duplicates += result.status == "duplicate";
    }
    const auto text = common::writeCsv(rows, common::TextEncoding::Utf8);
    if (!text) {
        throw BatchError(name + ": result file: " + text.error().detail);
    }
    // The rows are committed: a crash from here on only loses the result file, and the re-run rewrites it (with
    // the rows as duplicates).
    report.resultFile = file.parent_path() / (name + ".result.csv");
    const auto partial = report.resultFile.string() + ".tmp";
    std::ofstream(partial, std::ios::binary | std::ios::trunc) << text.value();
    std::filesystem::rename(partial, report.resultFile);
    if (!m_archive.empty()) {
        const auto day = m_archive / common::Date::todayJst().toCompact();
        std::filesystem::create_directories(day);
        std::filesystem::rename(file, day / name);
    }
    return report;
}

std::uint64_t LinkageImporter::importFiles(const std::vector<std::filesystem::path>& files, JobProgress& progress,
                                           std::ostream& log)
{
    std::vector<std::filesystem::path> ordered = files;
    std::stable_partition(ordered.begin(), ordered.end(),
                          [](const std::filesystem::path& file) { return !isRenewalFile(file); });
    std::uint64_t rows = 0;
    std::vector<std::string> refused;
    for (const auto& file : ordered) {
        try {
            const auto report = importFile(file, progress);
            rows += report.rows;
            log << "linkage-import: " << file.filename().string() << " (" << toString(report.kind)
                << "): " << report.applied << " applied, " << report.rejected << " rejected, " << report.duplicates
                << " duplicates; results in " << report.resultFile.string() << '\n';
        } catch (const BatchError& error) {
            log << "linkage-import: " << error.what() << '\n';
            refused.push_back(file.filename().string());
        }
    }
    if (!refused.empty()) {
        std::string names;
        for (const auto& name : refused) {
            names += (names.empty() ? "" : ", ") + name;
        }
        throw BatchError("files rejected whole: " + names);
    }
    return rows;
}

} // namespace oqs::server::batch
