// SPDX-License-Identifier: Apache-2.0
#include "batch/BatchJobs.h"

#include "batch/CrlImporter.h"
#include "batch/FeedImporter.h"
#include "batch/LinkageImporter.h"

namespace oqs::server::batch {
namespace {

/// Every *.csv of `inbox` (result files aside) at each period, never 04:00–06:00 JST, when the intermediate server
/// is in maintenance; processed files move to `archive`. Fails (alarm) when a file was rejected whole.
template <class Importer>
ScheduledJob inboxImport(std::string name, std::chrono::minutes period, core::Database& database,
                         std::filesystem::path inbox, std::filesystem::path archive, std::ostream& log)
{
    ScheduledJob job;
    job.name = name;
    job.every = period;
    job.blocked = {{{4, 0}, {6, 0}}};
    job.body = [&database, &log, name, inbox = std::move(inbox), archive = std::move(archive)] {
        JobProgress progress(log, name, false);
        return Importer(database, archive).importFiles(FeedImporter::filesIn(inbox), progress, log);
    };
    return job;
}

} // namespace

ScheduledJob BatchJobs::crlImport(core::Database& database, std::vector<std::string> caCertificatesPem,
                                  std::filesystem::path crlDirectory, std::ostream& log)
{
    ScheduledJob job;
    job.name = "crl-import";
    job.at = {7, 0};
    job.finishBy = JstTime{8, 0};
    job.body = [&database, &log, authorities = std::move(caCertificatesPem), directory = std::move(crlDirectory)] {
        JobProgress progress(log, "crl-import", false);
        return CrlImporter(database, authorities).importCrlDirectory(directory, progress).serials;
    };
    return job;
}

ScheduledJob BatchJobs::feedImport(core::Database& database, std::filesystem::path inbox, std::filesystem::path archive,
                                   std::ostream& log)
{
    return inboxImport<FeedImporter>("feed-import", std::chrono::minutes(30), database, std::move(inbox),
                                     std::move(archive), log);
}

ScheduledJob BatchJobs::linkageImport(core::Database& database, std::filesystem::path inbox,
                                      std::filesystem::path archive, std::ostream& log)
{
    return inboxImport<LinkageImporter>("linkage-import", std::chrono::minutes(15), database, std::move(inbox),
                                        std::move(archive), log);
}

} // namespace oqs::server::batch
