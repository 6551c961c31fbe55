// SPDX-License-Identifier: Apache-2.0
#include "batch/BatchJobs.h"

#include "batch/CrlImporter.h"
#include "batch/FeedImporter.h"

namespace oqs::server::batch {

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
    ScheduledJob job;
    job.name = "feed-import";
    job.every = std::chrono::minutes(30);
    job.blocked = {{{4, 0}, {6, 0}}};
    job.body = [&database, &log, inbox = std::move(inbox), archive = std::move(archive)] {
        JobProgress progress(log, "feed-import", false);
        return FeedImporter(database, archive).importFiles(FeedImporter::filesIn(inbox), progress, log);
    };
    return job;
}

} // namespace oqs::server::batch
