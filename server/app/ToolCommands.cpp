// SPDX-License-Identifier: Apache-2.0
#include "app/ToolCommands.h"

#include "app/ServerConfig.h"
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
std::optional<std::map<std::string, std::string>> parseOptions(const std::vector<std::string>& args,
                                                                std::size_t first)
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

core::DatabaseConfig databaseOf(const std::string& configFile)
{
    Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> configuration(
        new Poco::Util::PropertyFileConfiguration(configFile));
    return databaseConfigFrom(*configuration, Poco::Path(configFile).makeParent().toString());
}

} // namespace

int runDatasetCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)
{
    const auto options = args.size() >= 2 && args[1] == "load" ? parseOptions(args, 2) : std::nullopt;
    const auto persons = options && options->count("persons") ? parseCount(options->at("persons")) : std::nullopt;
    const auto seed = options && options->count("seed") ? parseCount(options->at("seed")) : std::optional<std::uint64_t>(1);
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
