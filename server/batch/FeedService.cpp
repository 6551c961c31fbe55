// SPDX-License-Identifier: Apache-2.0
#include "batch/FeedService.h"

#include "batch/FeedFile.h"
#include "core/FeedRepository.h"

#include <oqs/common/Validation.h>

namespace oqs::server::batch {

core::FeedResult FeedService::registerQualification(const Fields& fields)
{
    return apply(core::FeedOperation::Register, fields);
}

core::FeedResult FeedService::updateQualification(const Fields& fields)
{
    return apply(core::FeedOperation::Update, fields);
}

core::FeedResult FeedService::deleteQualification(const Fields& fields)
{
    return apply(core::FeedOperation::Delete, fields);
}

core::FeedResult FeedService::correctQualification(const Fields& fields)
{
    return apply(core::FeedOperation::Correct, fields);
}

std::optional<core::FeedResult> FeedService::status(const std::string& insurerNumber, std::int64_t sequence)
{
    return core::FeedRepository(m_database).resultOf(insurerNumber, sequence);
}

core::FeedResult FeedService::apply(core::FeedOperation operation, const Fields& fields)
{
    std::vector<std::string> row;
    for (const auto& column : FeedFile::columns()) {
        const auto found = fields.find(column);
        row.push_back(column == "operation" ? std::string(core::toString(operation))
                                            : (found == fields.end() ? std::string() : found->second));
    }
    core::FeedRecord record = FeedFile::parseRecord(row, 0);
    const std::string insurer = record.row.qualification.card.insurerNumber; // a copy: the record moves below
    if (record.sequence <= 0 || common::checkInsurerNumber(insurer)) {
        // Without a valid insurer and sequence the record has no place in any sequence: refused, not recorded.
        return {insurer, record.sequence, 0, "rejected",
                record.sequence <= 0 ? "sequence: not a positive number" : "insurer_number: invalid"};
    }
    return core::FeedRepository(m_database).applyInsurerBatch(insurer, {std::move(record)}, "http").front();
}

} // namespace oqs::server::batch
