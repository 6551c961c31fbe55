// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "batch/RetentionPurge.h"
#include "batch/StatisticsJob.h"
#include "core/AccountService.h"
#include "core/Database.h"
#include "core/ServiceHours.h"
#include "http/HttpsServer.h"

#include <Poco/Util/AbstractConfiguration.h>

#include <string>
#include <vector>

namespace oqs::server::app {

/// Every setting of oqs-server, read once at start and validated (resources/docs/server-config.md lists each key
/// with its default). Relative paths are resolved against the configuration file's folder.
/// The built-in batch schedule (off unless enabled): CRL import daily at 07:00 JST, feed every 30 minutes, linkage
/// every 15 minutes, statistics and retention purge nightly.
struct BatchScheduleSettings {
    bool enabled = false;
    std::string crlDirectory;            ///< where the CA's CRL files are dropped; empty = no CRL job
    std::vector<std::string> crlCaFiles; ///< PEM certificates the CRLs must be signed by
    std::string feedInbox;               ///< where feed CSV files arrive; empty = no feed job
    std::string feedArchive;             ///< where processed feed files are moved
    std::string linkageInbox;            ///< where card-serial linkage CSV files arrive; empty = no linkage job
    std::string linkageArchive;          ///< where processed linkage files are moved
    batch::RetentionSettings retention;  ///< the nightly retention purge (retention.*)
    batch::StatisticsSettings statistics; ///< the nightly statistics of the day before (statistics.*)
};

struct ServerConfig {
    http::HttpsSettings https;
    core::DatabaseConfig database;
    std::vector<std::string> jpkiTrustAnchors; ///< PEM files of the JPKI CAs whose card certificates are accepted
    std::string receiptKeyFile;                ///< ECDSA key that signs check receipts (created if missing)
    core::AccountPolicy accounts;              ///< KDF cost, lockout and session lifetime
    core::ServiceHours hours;                  ///< opening hours and maintenance calendar (D6)
    core::ServiceHours feedHours;              ///< when the HTTP feed is taken: ServiceHours::feed(maintenance)
    int maxInFlight = 12;                      ///< verification checks processed at once before "busy"
    int busyRetryAfterSeconds = 2;             ///< Retry-After of a "busy" answer
    BatchScheduleSettings batch;

    /// Reads and validates; throws std::invalid_argument naming the key and what is wrong.
    static ServerConfig from(const Poco::Util::AbstractConfiguration& configuration, const std::string& baseDirectory);
};

/// Only the accounts.* keys, for the account administration command.
core::AccountPolicy accountPolicyFrom(const Poco::Util::AbstractConfiguration& configuration);

/// Only the database.* keys, for the command-line tools that need nothing else.
core::DatabaseConfig databaseConfigFrom(const Poco::Util::AbstractConfiguration& configuration,
                                        const std::string& baseDirectory);

} // namespace oqs::server::app
