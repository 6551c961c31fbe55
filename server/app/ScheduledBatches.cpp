// SPDX-License-Identifier: Apache-2.0
#include "app/ScheduledBatches.h"

#include "batch/BatchJobs.h"
#include "batch/RetentionPurge.h"
#include "batch/StatisticsJob.h"

#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace oqs::server::app {
namespace {

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::invalid_argument("cannot read CRL signer certificate '" + path + "'");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

ScheduledBatches::ScheduledBatches(core::Database& database, const BatchScheduleSettings& settings)
    : m_runner(database), m_schedule(m_runner, std::clog)
{
    if (!settings.crlDirectory.empty()) {
        std::vector<std::string> signers;
        for (const auto& file : settings.crlCaFiles) {
            signers.push_back(readFile(file));
        }
        m_schedule.add(batch::BatchJobs::crlImport(database, std::move(signers), settings.crlDirectory, std::clog));
    }
    if (!settings.feedInbox.empty()) {
        m_schedule.add(batch::BatchJobs::feedImport(database, settings.feedInbox, settings.feedArchive, std::clog));
    }
    if (!settings.linkageInbox.empty()) {
        m_schedule.add(
            batch::BatchJobs::linkageImport(database, settings.linkageInbox, settings.linkageArchive, std::clog));
    }
    if (settings.statistics.scheduled) {
        m_schedule.add(batch::StatisticsJob::scheduledJob(database, settings.statistics,
                                                          settings.retention.historyMonths, std::clog));
    }
    if (settings.retention.scheduled) {
        m_schedule.add(batch::RetentionPurge::scheduledJob(database, settings.retention, std::clog));
    }
    m_schedule.start();
}

ScheduledBatches::~ScheduledBatches()
{
    m_schedule.stop();
}

} // namespace oqs::server::app
