// SPDX-License-Identifier: Apache-2.0
#include "app/ToolCommands.h"

#include "app/ServerConfig.h"
#include "batch/AuditArchive.h"
#include "batch/RetentionPurge.h"
#include "core/AccountRepository.h"
#include "core/AccountService.h"
#include "core/AuditRepository.h"
#include "core/DatasetLoader.h"
#include "core/Migrations.h"

#include <Poco/AutoPtr.h>
#include <Poco/Path.h>
#include <Poco/Util/PropertyFileConfiguration.h>
#include <charconv>
#include <chrono>
#include <map>
#include <optional>

namespace oqs::server::app {
namespace {

/// "--name value" pairs after the sub-command words; nullopt on a stray word or a missing value.
std::optional<std::map<std::string, std::string>> parseOptions(const std::vector<std::string>& args, std::size_t first)
{
    std::map<std::string, std::string> options;
    for (std::size_t i = first; i < args.size(); i += 2) {
        if (!args[i].starts_with("--") || i + 1 >= args.size()) {
            return std::nullopt;
        }
        options[args[i].substr(2)] = args[i + 1];
    }
    return options;
}

std::optional<std::uint64_t> parseCount(const std::string& text)
{
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> configurationOf(const std::string& configFile)
{
    return new Poco::Util::PropertyFileConfiguration(configFile);
}

core::DatabaseConfig databaseOf(const std::string& configFile)
{
    return databaseConfigFrom(*configurationOf(configFile), Poco::Path(configFile).makeParent().toString());
}

/// The value of an optional "--name value" option, or `fallback`.
std::string optionOr(const std::map<std::string, std::string>& options, const std::string& name,
                     const std::string& fallback)
{
    const auto found = options.find(name);
    return found == options.end() ? fallback : found->second;
}

} // namespace

int runDatasetCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)
{
    const auto options = args.size() >= 2 && args[1] == "load" ? parseOptions(args, 2) : std::nullopt;
    const auto persons = options && options->count("persons") ? parseCount(options->at("persons")) : std::nullopt;
    const auto seed =
        options && options->count("seed") ? parseCount(options->at("seed")) : std::optional<std::uint64_t>(1);
    if (!options || !options->count("config") || !persons || !seed) {
        err << "usage: oqs-server dataset load --config FILE --persons N [--seed S]\n";
        return 2;
    }
    try {
        core::Database database(databaseOf(options->at("config")));
        database.migrate();
        const dataset::SyntheticDataset dataset(*seed, common::Date::todayJst());
        const auto started = std::chrono::steady_clock::now();
        const auto report = core::loadSyntheticDataset(database, dataset, *persons, [&](std::uint64_t loaded) {
            if (loaded % 200'000 == 0 || loaded == *persons) {
                out << "dataset: " << loaded << " / " << *persons << " persons\n" << std::flush;
            }
        });
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        out << "dataset: loaded " << report.persons << " persons, " << report.qualifications << " qualifications, "
            << report.certificates << " card certificates (" << report.revocations << " revoked) in " << seconds
            << " s\n";
        return 0;
    } catch (const std::exception& error) {
        err << "dataset: " << error.what() << "\n";
        return 1;
    }
}

int runAccountCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)
{
    const auto options = args.size() >= 2 && args[1] == "add" ? parseOptions(args, 2) : std::nullopt;
    const std::string kind = options ? optionOr(*options, "kind", "clerk") : std::string();
    const std::string temporary = options ? optionOr(*options, "temporary", "yes") : std::string();
    if (!options || !options->count("config") || !options->count("institution") || !options->count("user") ||
        (kind != "clerk" && kind != "machine") || (temporary != "yes" && temporary != "no")) {
        err << "usage: oqs-server account add --config FILE --institution CODE --user ID [--name NAME] "
               "[--kind clerk|machine] [--password P] [--temporary yes|no]\n";
        return 2;
    }
    try {
        const auto configuration = configurationOf(options->at("config"));
        core::Database database(
            databaseConfigFrom(*configuration, Poco::Path(options->at("config")).makeParent().toString()));
        database.migrate();
        core::AccountRepository repository(database);
        core::AuditRepository audit(database,
                                    [] { return common::formatJstTimestamp(std::chrono::system_clock::now()); });
        core::AccountService accounts(repository, audit, accountPolicyFrom(*configuration),
                                      [] { return std::chrono::system_clock::now(); });
        const std::string password = optionOr(*options, "password", "");
        const auto created = accounts.createAccount(
            options->at("institution"), options->at("user"), optionOr(*options, "name", ""),
            kind == "machine" ? core::AccountKind::Machine : core::AccountKind::Clerk, password, temporary == "yes");
        if (!created) {
            err << "account: refused (" << common::toWire(created.error().status) << ")";
            for (const auto& error : created.error().fieldErrors) {
                err << " " << error.field << ": " << common::messageOf(error.reason, common::Language::English);
            }
            err << (created.error().detail.empty() ? "" : " " + created.error().detail) << "\n";
            return 1;
        }
        out << "account: created " << kind << " " << created->account.userId << " at "
            << created->account.institutionCode
            << (created->account.mustChangePassword ? " (must change the password at first login)" : "") << "\n";
        if (kind == "machine") {
            out << "secret (shown once; HTTP Basic user:secret): " << created->credential << "\n";
        } else if (password.empty()) {
            out << "initial password (shown once): " << created->credential << "\n";
        }
        return 0;
    } catch (const std::exception& error) {
        err << "account: " << error.what() << "\n";
        return 1;
    }
}

int runAuditCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)
{
    const auto options = args.size() >= 2 && args[1] == "verify" ? parseOptions(args, 2) : std::nullopt;
    if (!options || !options->count("config")) {
        err << "usage: oqs-server audit verify --config FILE [--archive DIR]\n";
        return 2;
    }
    try {
        const std::string& configFile = options->at("config");
        const std::string base = Poco::Path(configFile).makeParent().toString();
        const auto configuration = configurationOf(configFile);
        const std::string archiveDirectory = options->count("archive")
                                                 ? options->at("archive")
                                                 : batch::retentionSettingsFrom(*configuration, base)
                                                       .auditArchiveDirectory.string();
        core::Database database(databaseConfigFrom(*configuration, base));
        database.migrate();
        const auto check = batch::AuditArchive(database, archiveDirectory).verify();
        if (check.brokenAt) {
            out << "audit: chain broken at " << *check.brokenAt << " (" << check.archivedRecords
                << " archived and " << check.databaseRecords << " database records intact before it)\n";
            return 1;
        }
        out << "audit: " << check.archivedRecords + check.databaseRecords << " records (" << check.archivedRecords
            << " in archive files under " << archiveDirectory << ", " << check.databaseRecords
            << " in the database), chain intact from record " << check.firstSequence << "\n";
        return 0;
    } catch (const std::exception& error) {
        err << "audit: " << error.what() << "\n";
        return 1;
    }
}

int runMigrateCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)
{
    const auto options = parseOptions(args, 1);
    if (!options || !options->count("config")) {
        err << "usage: oqs-server migrate --config FILE\n";
        return 2;
    }
    try {
        core::Database database(databaseOf(options->at("config")));
        database.migrate();
        out << "migrate: schema at version " << database.schemaVersion() << "\n";
        return 0;
    } catch (const std::exception& error) {
        err << "migrate: " << error.what() << "\n";
        return 1;
    }
}

} // namespace oqs::server::app
