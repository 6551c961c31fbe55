// SPDX-License-Identifier: Apache-2.0
#include "app/ServerConfig.h"

#include <Poco/StringTokenizer.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

namespace oqs::server::app {
namespace {

std::string resolve(const std::string& path, const std::string& base)
{
    if (path.empty() || std::filesystem::path(path).is_absolute()) {
        return path;
    }
    return (std::filesystem::path(base) / path).lexically_normal().string();
}

int intInRange(const Poco::Util::AbstractConfiguration& configuration, const std::string& key, int fallback, int low,
               int high)
{
    const int value = configuration.getInt(key, fallback);
    if (value < low || value > high) {
        throw std::invalid_argument(key + " must be between " + std::to_string(low) + " and " + std::to_string(high) +
                                    ", not " + std::to_string(value));
    }
    return value;
}

} // namespace

core::DatabaseConfig databaseConfigFrom(const Poco::Util::AbstractConfiguration& configuration, const std::string& base)
{
    core::DatabaseConfig database;
    const std::string dialect = configuration.getString("database.dialect", "sqlite");
    if (dialect == "sqlite") {
        database.dialect = core::Dialect::SQLite;
        database.connection = resolve(configuration.getString("database.connection", "oqs.db"), base);
    } else if (dialect == "postgresql") {
        database.dialect = core::Dialect::PostgreSQL;
        database.connection = configuration.getString("database.connection", "");
        if (database.connection.empty()) {
            throw std::invalid_argument("database.connection is required for postgresql");
        }
    } else {
        throw std::invalid_argument("database.dialect must be sqlite or postgresql, not '" + dialect + "'");
    }
    database.poolSize = intInRange(configuration, "database.poolSize", 16, 1, 1024);
    database.durableCommits = configuration.getBool("database.durableCommits", true);

    return database;
}

core::AccountPolicy accountPolicyFrom(const Poco::Util::AbstractConfiguration& configuration)
{
    core::AccountPolicy policy;
    policy.kdfIterations = intInRange(configuration, "accounts.kdfIterations", core::PasswordHasher::kDefaultIterations,
                                      1000, 10'000'000);
    policy.lockAfterFailures = intInRange(configuration, "accounts.lockAfterFailures", 5, 1, 100);
    policy.lockDuration = std::chrono::minutes(intInRange(configuration, "accounts.lockMinutes", 15, 1, 24 * 60));
    policy.sessionLifetime = std::chrono::hours(intInRange(configuration, "accounts.sessionHours", 12, 1, 24 * 7));
    return policy;
}

ServerConfig ServerConfig::from(const Poco::Util::AbstractConfiguration& configuration, const std::string& base)
{
    ServerConfig config;
    config.https.host = configuration.getString("server.host", "127.0.0.1");
    config.https.port = static_cast<unsigned short>(intInRange(configuration, "server.port", 8443, 0, 65535));
    config.https.maxThreads = intInRange(configuration, "server.maxThreads", 16, 1, 1024);
    config.https.maxQueued = intInRange(configuration, "server.maxQueued", 256, 1, 100000);
    config.https.keepAliveSeconds = intInRange(configuration, "server.keepAliveSeconds", 15, 1, 3600);
    config.https.tls.certificateFile = resolve(configuration.getString("tls.certificate", ""), base);
    config.https.tls.privateKeyFile = resolve(configuration.getString("tls.privateKey", ""), base);
    config.https.tls.institutionCaFile = resolve(configuration.getString("tls.institutionCa", ""), base);
    config.https.tls.institutionCrlFile = resolve(configuration.getString("tls.institutionCrl", ""), base);
    config.https.tls.feedCaFile = resolve(configuration.getString("tls.feedCa", ""), base);
    config.https.tls.feedCrlFile = resolve(configuration.getString("tls.feedCrl", ""), base);

    config.database = databaseConfigFrom(configuration, base);

    const Poco::StringTokenizer anchors(configuration.getString("jpki.trustAnchors", ""), ",",
                                        Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const auto& anchor : anchors) {
        config.jpkiTrustAnchors.push_back(resolve(anchor, base));
    }
    if (config.jpkiTrustAnchors.empty()) {
        throw std::invalid_argument("jpki.trustAnchors must name at least one JPKI CA certificate file");
    }
    config.accounts = accountPolicyFrom(configuration);
    const std::string maintenance = configuration.getString("service.maintenance", "");
    config.hours = core::ServiceHours(configuration.getString("service.open", "08:00"),
                                      configuration.getString("service.close", "21:00"), maintenance);
    config.feedHours = core::ServiceHours::feed(maintenance);
    // Below the thread count, so that a thread is always free to answer "busy" instead of queueing the request.
    config.maxInFlight = intInRange(configuration, "server.maxInFlight", std::max(1, config.https.maxThreads - 4), 1,
                                    config.https.maxThreads);
    config.busyRetryAfterSeconds = intInRange(configuration, "server.busyRetryAfterSeconds", 2, 1, 3600);
    config.receiptKeyFile = resolve(configuration.getString("receipts.signingKey", "receipt-signing.key.pem"), base);

    config.batch.enabled = configuration.getBool("batch.schedule.enabled", false);
    config.batch.crlDirectory = resolve(configuration.getString("batch.crl.directory", ""), base);
    const Poco::StringTokenizer crlCas(configuration.getString("batch.crl.caFiles", ""), ",",
                                       Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const auto& file : crlCas) {
        config.batch.crlCaFiles.push_back(resolve(file, base));
    }
    config.batch.feedInbox = resolve(configuration.getString("batch.feed.inbox", ""), base);
    config.batch.feedArchive = resolve(configuration.getString("batch.feed.archive", ""), base);
    config.batch.linkageInbox = resolve(configuration.getString("batch.linkage.inbox", ""), base);
    config.batch.linkageArchive = resolve(configuration.getString("batch.linkage.archive", ""), base);
    config.batch.retention = batch::retentionSettingsFrom(configuration, base);
    config.batch.statistics = batch::statisticsSettingsFrom(configuration);
    if (config.batch.enabled) {
        if (config.batch.crlDirectory.empty() && config.batch.feedInbox.empty() && config.batch.linkageInbox.empty() &&
            !config.batch.retention.scheduled && !config.batch.statistics.scheduled) {
            throw std::invalid_argument("batch.schedule.enabled needs batch.crl.directory, batch.feed.inbox, "
                                        "batch.linkage.inbox, retention.schedule.enabled or "
                                        "statistics.schedule.enabled");
        }
        if (!config.batch.crlDirectory.empty() && config.batch.crlCaFiles.empty()) {
            throw std::invalid_argument("batch.crl.directory needs batch.crl.caFiles (the CRL signers)");
        }
        if (!config.batch.feedInbox.empty() && config.batch.feedArchive.empty()) {
            throw std::invalid_argument("batch.feed.inbox needs batch.feed.archive");
        }
        if (!config.batch.linkageInbox.empty() && config.batch.linkageArchive.empty()) {
            throw std::invalid_argument("batch.linkage.inbox needs batch.linkage.archive");
        }
    }
    return config;
}

} // namespace oqs::server::app
