// SPDX-License-Identifier: Apache-2.0
#include "batch/BatchCommand.h"

#include "batch/BatchRunner.h"
#include "batch/CrlImporter.h"
#include "batch/FeedImporter.h"
#include "batch/LinkageImporter.h"
#include "batch/RetentionPurge.h"
#include "batch/StatisticsJob.h"
#include "core/BatchRepository.h"
#include "core/StatisticsRepository.h"
#include "simulator/CrlSimulator.h"
#include "simulator/FeedSimulator.h"
#include "simulator/LinkageSimulator.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <oqs/common/Date.h>
#include <oqs/common/Validation.h>
#include <Poco/AutoPtr.h>
#include <Poco/Util/PropertyFileConfiguration.h>
#include <unistd.h>

namespace oqs::server::batch {
namespace {

constexpr std::string_view kUsage =
    "usage: oqs-server batch crl-import --config FILE --ca PEM[,PEM...] (--dir DIR | --serial-list FILE) "
    "[--max-shrink F]\n"
    "       oqs-server batch simulate-crl --ca-dir DIR --persons N (--out DIR | --serial-list FILE) [--extra N] "
    "[--per-file N] [--seed S] [--pem yes]\n"
    "       oqs-server batch feed-import --config FILE (--file FILE | --dir DIR) [--archive DIR]\n"
    "       oqs-server batch simulate-feed --persons N --out DIR [--first N] [--seed S]\n"
    "       oqs-server batch linkage-import --config FILE (--file FILE | --dir DIR) [--archive DIR]\n"
    "       oqs-server batch linkage-counts --config FILE --month YYYY-MM\n"
    "       oqs-server batch simulate-linkage --persons N --out DIR [--first N] [--seed S] [--unlinked N] "
    "[--renewals N]\n"
    "       oqs-server batch purge --config FILE [--today YYYY-MM-DD] [--dry-run]\n"
    "       oqs-server batch statistics --config FILE [--day YYYY-MM-DD]\n"
    "       oqs-server batch statistics-report --config FILE --from YYYY-MM-DD --to YYYY-MM-DD "
    "[--institution CODE]\n"
    "       oqs-server batch runs --config FILE [--job NAME]\n";

using Options = std::map<std::string, std::string>;

std::optional<Options> parseOptions(const std::vector<std::string>& args)
{
    Options options;
    for (std::size_t i = 2; i < args.size(); i += 2) {
        if (!args[i].starts_with("--") || i + 1 >= args.size()) {
            return std::nullopt;
        }
        options[args[i].substr(2)] = args[i + 1];
    }
    return options;
}

std::optional<std::uint64_t> countOption(const Options& options, const std::string& name, std::uint64_t fallback)
{
    const auto found = options.find(name);
    if (found == options.end()) {
        return fallback;
    }
    std::uint64_t value = 0;
    const std::string& text = found->second;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

std::vector<std::string> splitList(const std::string& text)
{
    std::vector<std::string> parts;
    std::size_t from = 0;
    while (from <= text.size()) {
        const auto comma = std::min(text.find(',', from), text.size());
        if (comma > from) {
            parts.push_back(text.substr(from, comma - from));
        }
        from = comma + 1;
    }
    return parts;
}

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error(path + ": cannot be read");
    }
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string joined(const std::vector<std::string>& args)
{
    std::string text;
    for (std::size_t i = 1; i < args.size(); ++i) {
        text += (i > 1 ? " " : "") + args[i];
    }
    return text;
}

bool isTerminal(const std::ostream& out)
{
    return &out == &std::cout && isatty(STDOUT_FILENO) == 1;
}

int crlImport(const std::vector<std::string>& args, const Options& options, std::ostream& out, std::ostream& err,
              const DatabaseConfigReader& readDatabaseConfig)
{
    const bool fromDirectory = options.count("dir") == 1;
    const bool fromList = options.count("serial-list") == 1;
    if (!options.count("config") || !options.count("ca") || fromDirectory == fromList) {
        err << kUsage;
        return int(RunStatus::BadArguments);
    }
    double maxShrink = 0.1;
    if (options.count("max-shrink")) {
        try {
            maxShrink = std::stod(options.at("max-shrink"));
        } catch (const std::exception&) {
            err << "--max-shrink: not a number\n";
            return int(RunStatus::BadArguments);
        }
    }
    std::vector<std::string> authorities;
    try {
        for (const auto& file : splitList(options.at("ca"))) {
            authorities.push_back(readFile(file));
        }
        core::Database database(readDatabaseConfig(options.at("config")));
        database.migrate();
        BatchRunner runner(database);
        JobProgress progress(out, "crl-import", isTerminal(out));
        return int(runner.run(
            "crl-import", joined(args),
            [&] {
                CrlImporter importer(database, authorities);
                importer.setMaxShrink(maxShrink);
                const CrlImportReport report = fromDirectory
                                                   ? importer.importCrlDirectory(options.at("dir"), progress)
                                                   : importer.importSerialList(options.at("serial-list"), progress);
                out << "crl-import: " << report.serials << " serials from " << report.source << " now in service\n";
                return report.serials;
            },
            err));
    } catch (const std::exception& error) {
        err << "ALARM batch job=crl-import status=failed reason=" << error.what() << '\n';
        return int(RunStatus::Failed);
    }
}

/// The file-import jobs (feed-import, linkage-import): --config, then --file or --dir (every *.csv of the inbox but
/// result files) and an optional --archive; run once across instances through the batch runner.
template <class Importer>
int importFiles(const std::string& job, const std::vector<std::string>& args, const Options& options,
                std::ostream& out, std::ostream& err, const DatabaseConfigReader& readDatabaseConfig)
{
    if (!options.count("config") || options.count("file") == options.count("dir")) {
        err << kUsage;
        return int(RunStatus::BadArguments);
    }
    try {
        core::Database database(readDatabaseConfig(options.at("config")));
        database.migrate();
        JobProgress progress(out, job, isTerminal(out));
        return int(BatchRunner(database).run(
            job, joined(args),
            [&] {
                Importer importer(database, options.count("archive") ? options.at("archive") : std::string());
                const auto files = options.count("file") ? std::vector<std::filesystem::path>{options.at("file")}
                                                         : FeedImporter::filesIn(options.at("dir"));
                return importer.importFiles(files, progress, out);
            },
            err));
    } catch (const std::exception& error) {
        err << "ALARM batch job=" << job << " status=failed reason=" << error.what() << '\n';
        return int(RunStatus::Failed);
    }
}

int simulateFeed(const Options& options, std::ostream& out, std::ostream& err)
{
    const auto persons = countOption(options, "persons", 0);
    const auto first = countOption(options, "first", 0);
    const auto seed = countOption(options, "seed", 1);
    if (!options.count("persons") || !options.count("out") || !persons || !first || !seed) {
        err << kUsage;
        return int(RunStatus::BadArguments);
    }
    try {
        const dataset::SyntheticDataset dataset(*seed, common::Date::todayJst());
        const auto report = simulator::FeedSimulator(dataset).writeFeedFiles(options.at("out"), *first, *persons);
        out << "simulate-feed: " << report.records << " records (" << report.losses << " losses) in " << report.files
            << " file(s)\n";
        return int(RunStatus::Succeeded);
    } catch (const std::exception& error) {
        err << "simulate-feed: " << error.what() << '\n';
        return int(RunStatus::Failed);
    }
}

int simulateCrl(const Options& options, std::ostream& out, std::ostream& err)
{
    const auto persons = countOption(options, "persons", 0);
    const auto extra = countOption(options, "extra", 0);
    const auto perFile = countOption(options, "per-file", 250'000);
    const auto seed = countOption(options, "seed", 1);
    const bool toDirectory = options.count("out") == 1;
    if (!options.count("ca-dir") || !options.count("persons") || !persons || !extra || !perFile || *perFile == 0 ||
        !seed || toDirectory == (options.count("serial-list") == 1)) {
        err << kUsage;
        return int(RunStatus::BadArguments);
    }
    try {
        const auto authority = ca::CertificateAuthority::load(options.at("ca-dir"), "jpki-ca");
        const dataset::SyntheticDataset dataset(*seed, common::Date::todayJst());
        const simulator::CrlSimulator simulator(dataset, authority);
        const simulator::CrlSimulationOptions simulation{*persons, *extra, *perFile,
                                                         options.count("pem") && options.at("pem") == "yes", 1};
        const auto report = toDirectory ? simulator.writeCrlFiles(options.at("out"), simulation)
                                        : simulator.writeSerialList(options.at("serial-list"), simulation);
        out << "simulate-crl: " << report.serials << " revoked serials in " << report.files << " file(s)\n";
        return int(RunStatus::Succeeded);
    } catch (const std::exception& error) {
        err << "simulate-crl: " << error.what() << '\n';
        return int(RunStatus::Failed);
    }
}

int linkageCounts(const Options& options, std::ostream& out, std::ostream& err,
                  const DatabaseConfigReader& readDatabaseConfig)
{
    const std::string month = options.count("month") ? options.at("month") : std::string();
    if (!options.count("config") || month.size() != 7 || !common::Date::parse(month + "-01")) {
        err << kUsage;
        return int(RunStatus::BadArguments);
    }
    try {
        core::Database database(readDatabaseConfig(options.at("config")));
        database.migrate();
        std::uint64_t total = 0;
        out << "acquired_on\tkind\tinsurer_number\tcount\n";
        for (const auto& row : core::LinkageRepository(database).acquisitionCounts(month)) {
            out << row.acquiredOn << '\t' << core::toString(row.kind) << '\t'
                << (row.insurerNumber.empty() ? "unknown" : row.insurerNumber) << '\t' << row.count << '\n';
            total += row.count;
        }
        out << "total\t\t\t" << total << '\n';
        return int(RunStatus::Succeeded);
    } catch (const std::exception& error) {
        err << "linkage-counts: " << error.what() << '\n';
        return int(RunStatus::Failed);
    }
}

std::string describe(const std::optional<simulator::CardSample>& card)
{
    if (!card) {
        return "none in this range";
    }
    return card->serialHex + " (person " + std::to_string(card->person) + ", valid " + card->notBefore.toIso() +
           " to " + card->notAfter.toIso() + ")";
}

int simulateLinkage(const Options& options, std::ostream& out, std::ostream& err)
{
    const auto persons = countOption(options, "persons", 0);
    const auto first = countOption(options, "first", 0);
    const auto seed = countOption(options, "seed", 1);
    const auto unlinked = countOption(options, "unlinked", 0);
    const auto renewals = countOption(options, "renewals", 0);
    if (!options.count("persons") || !options.count("out") || !persons || !first || !seed || !unlinked || !renewals) {
        err << kUsage;
        return int(RunStatus::BadArguments);
    }
    try {
        const dataset::SyntheticDataset dataset(*seed, common::Date::todayJst());
        const auto report = simulator::LinkageSimulator(dataset).writeLinkageFiles(
            options.at("out"), {*first, *persons, *unlinked, *renewals});
        out << "simulate-linkage: " << report.links << " serial links, " << report.renewals << " renewals, "
            << report.pending << " cards left linkage pending\n"
            << "simulate-linkage: linked card " << describe(report.linked) << "\n"
            << "simulate-linkage: renewed card " << describe(report.renewed) << "\n"
            << "simulate-linkage: unlinked card " << describe(report.unlinked) << "\n";
        return int(RunStatus::Succeeded);
    } catch (const std::exception& error) {
        err << "simulate-linkage: " << error.what() << '\n';
        return int(RunStatus::Failed);
    }
}

/// The retention.* settings of `configFile`; nullopt (and the reason on `err`, prefixed with `job`) when refused.
std::optional<RetentionSettings> retentionOf(const std::string& job, const std::string& configFile, std::ostream& err)
{
    try {
        Poco::AutoPtr configuration(new Poco::Util::PropertyFileConfiguration(configFile));
        return retentionSettingsFrom(*configuration, std::filesystem::path(configFile).parent_path().string());
    } catch (const std::exception& error) {
        err << job << ": " << configFile << ": " << error.what() << '\n';
        return std::nullopt;
    }
}

/// Runs `body` as `job` once across instances on the database of `configFile`; a failure to reach the database is
/// an alarm like a failure of the job.
int runJob(const std::string& job, const std::vector<std::string>& args, const std::string& configFile,
           std::ostream& out, std::ostream& err, const DatabaseConfigReader& readDatabaseConfig,
           const std::function<std::uint64_t(core::Database&, JobProgress&)>& body)
{
    try {
        core::Database database(readDatabaseConfig(configFile));
        database.migrate();
        JobProgress progress(out, job, isTerminal(out));
        return int(BatchRunner(database).run(
            job, joined(args), [&] { return body(database, progress); }, err));
    } catch (const std::exception& error) {
        err << "ALARM batch job=" << job << " status=failed reason=" << error.what() << '\n';
        return int(RunStatus::Failed);
    }
}

int purge(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
          const DatabaseConfigReader& readDatabaseConfig)
{
    std::vector<std::string> words;
    std::copy_if(args.begin(), args.end(), std::back_inserter(words),
                 [](const std::string& word) { return word != "--dry-run"; });
    const bool dryRun = words.size() != args.size();
    const auto options = parseOptions(words);
    const auto today = options && options->count("today") ? common::Date::parse(options->at("today"))
                                                          : std::optional(common::Date::todayJst());
    if (!options || !options->count("config") || !today) {
        err << kUsage;
        return int(RunStatus::BadArguments);
    }
    const auto settings = retentionOf("purge", options->at("config"), err);
    if (!settings) {
        return int(RunStatus::BadArguments);
    }
    return runJob("purge", args, options->at("config"), out, err, readDatabaseConfig,
                  [&](core::Database& database, JobProgress& progress) {
                      const auto report = RetentionPurge(database, *settings).run(*today, dryRun, progress);
                      out << "purge" << (dryRun ? " (dry run, nothing deleted)" : "") << ": check_history "
                          << report.historyRows << ", qualification_version " << report.versionRows << ", feed_result "
                          << report.feedResultRows << ", batch_run " << report.runRows << ", archive folders "
                          << report.archiveFolders << ", audit rows archived " << report.auditArchived << " deleted "
                          << report.auditDeleted << ", audit files retired " << report.auditFilesRetired
                          << ", linkage_acquisition_log " << report.acquisitionRows << ", check_statistics_daily "
                          << report.statisticsRows << '\n';
                      return report.total();
                  });
}

/// The date of option `name` (`fallback` when absent), or the reason it is not one, in `reason`.
std::optional<common::Date> dateOption(const Options& options, const std::string& name,
                                       const std::optional<common::Date>& fallback, std::string& reason)
{
    const auto found = options.find(name);
    if (found == options.end()) {
        if (!fallback) {
            reason = "--" + name + " is required (YYYY-MM-DD)";
        }
        return fallback;
    }
    const auto date = common::Date::parse(found->second);
    if (!date) {
        reason = "--" + name + ": '" + found->second + "' is not a date YYYY-MM-DD";
        return std::nullopt;
    }
    return date;
}

int statistics(const std::vector<std::string>& args, const Options& options, std::ostream& out, std::ostream& err,
               const DatabaseConfigReader& readDatabaseConfig)
{
    std::string reason;
    const auto day = dateOption(options, "day", common::Date::todayJst().addDays(-1), reason);
    if (!options.count("config") || !day) {
        err << (reason.empty() ? std::string(kUsage) : "statistics: " + reason + '\n');
        return int(RunStatus::BadArguments);
    }
    const auto retention = retentionOf("statistics", options.at("config"), err);
    if (!retention) {
        return int(RunStatus::BadArguments);
    }
    return runJob(
        "statistics", args, options.at("config"), out, err, readDatabaseConfig,
        [&](core::Database& database, JobProgress& progress) {
            const auto checks =
                StatisticsJob(database, retention->historyMonths).run(*day, common::Date::todayJst(), progress);
            out << "statistics: " << day->toIso() << ": " << checks << " checks counted\n";
            return checks;
        });
}

int statisticsReport(const Options& options, std::ostream& out, std::ostream& err,
                     const DatabaseConfigReader& readDatabaseConfig)
{
    std::string reason;
    const auto from = dateOption(options, "from", std::nullopt, reason);
    const auto to = from ? dateOption(options, "to", std::nullopt, reason) : std::nullopt;
    const std::string institution = options.count("institution") ? options.at("institution") : std::string();
    if (from && to && *to < *from) {
        reason = "--from " + from->toIso() + " is after --to " + to->toIso();
    } else if (!institution.empty() && common::checkMedicalInstitutionCode(institution)) {
        reason = "--institution: '" + institution + "' is not a medical-institution code (" +
                 std::string(common::toWire(*common::checkMedicalInstitutionCode(institution))) + ")";
    }
    if (!options.count("config") || !reason.empty()) {
        err << (reason.empty() ? std::string(kUsage) : "statistics-report: " + reason + '\n');
        return int(RunStatus::BadArguments);
    }
    try {
        core::Database database(readDatabaseConfig(options.at("config")));
        database.migrate();
        StatisticsJob::writeReport(out, core::StatisticsRepository(database).rows(*from, *to, institution));
        return int(RunStatus::Succeeded);
    } catch (const std::exception& error) {
        err << "statistics-report: " << error.what() << '\n';
        return int(RunStatus::Failed);
    }
}

int listRuns(const Options& options, std::ostream& out, std::ostream& err,
             const DatabaseConfigReader& readDatabaseConfig)
{
    if (!options.count("config")) {
        err << kUsage;
        return int(RunStatus::BadArguments);
    }
    try {
        core::Database database(readDatabaseConfig(options.at("config")));
        const std::string job = options.count("job") ? options.at("job") : std::string();
        for (const auto& run : core::BatchRepository(database).recentRuns(job, 20)) {
            out << run.id << '\t' << run.job << '\t' << run.status << '\t' << run.startedAt << '\t'
                << (run.finishedAt.empty() ? "-" : run.finishedAt) << '\t' << run.processed << '\t' << run.owner << '\t'
                << run.message << '\n';
        }
        return int(RunStatus::Succeeded);
    } catch (const std::exception& error) {
        err << "runs: " << error.what() << '\n';
        return int(RunStatus::Failed);
    }
}

} // namespace

int runBatchCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                    const DatabaseConfigReader& readDatabaseConfig)
{
    if (args.size() >= 2 && args[1] == "purge") {
        return purge(args, out, err, readDatabaseConfig); // parses its own options: --dry-run takes no value
    }
    const auto options = args.size() >= 2 ? parseOptions(args) : std::nullopt;
    if (!options) {
        err << kUsage;
        return int(RunStatus::BadArguments);
    }
    if (args[1] == "crl-import") {
        return crlImport(args, *options, out, err, readDatabaseConfig);
    }
    if (args[1] == "simulate-crl") {
        return simulateCrl(*options, out, err);
    }
    if (args[1] == "feed-import") {
        return importFiles<FeedImporter>("feed-import", args, *options, out, err, readDatabaseConfig);
    }
    if (args[1] == "simulate-feed") {
        return simulateFeed(*options, out, err);
    }
    if (args[1] == "linkage-import") {
        return importFiles<LinkageImporter>("linkage-import", args, *options, out, err, readDatabaseConfig);
    }
    if (args[1] == "linkage-counts") {
        return linkageCounts(*options, out, err, readDatabaseConfig);
    }
    if (args[1] == "simulate-linkage") {
        return simulateLinkage(*options, out, err);
    }
    if (args[1] == "statistics") {
        return statistics(args, *options, out, err, readDatabaseConfig);
    }
    if (args[1] == "statistics-report") {
        return statisticsReport(*options, out, err, readDatabaseConfig);
    }
    if (args[1] == "runs") {
        return listRuns(*options, out, err, readDatabaseConfig);
    }
    err << kUsage;
    return int(RunStatus::BadArguments);
}

} // namespace oqs::server::batch
