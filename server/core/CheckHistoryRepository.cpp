// SPDX-License-Identifier: Apache-2.0
#include "core/CheckHistoryRepository.h"

#include "core/RowBatch.h"

#include <oqs/common/JsonCodec.h>

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>
#include <algorithm>

using namespace Poco::Data::Keywords;
using namespace oqs::common;

namespace oqs::server::core {

void CheckHistoryRepository::insert(Poco::Data::Session& session, std::span<const CheckRecord> records)
{
    using Text = Poco::Nullable<std::string>;
    RowBatch<std::string, std::string, std::string, std::string, std::string, std::string, std::string, Text,
             std::string, std::string>
        rows;
    rows.reserve(records.size());
    for (const CheckRecord& record : records) {
        const VerificationAnswer& answer = record.answer;
        rows.add(answer.receiptNumber, record.institutionCode, record.clerkId, record.terminal,
                 std::string(toWire(answer.mode)), std::string(toWire(answer.status)), answer.identifier,
                 answer.consultationDate ? Text(answer.consultationDate->toIso()) : Text(), answer.checkedAt,
                 encode(answer));
    }
    rows.execute(m_database, session, [](std::size_t count) {
        return "INSERT INTO check_history (receipt_number, institution_code, clerk_id, terminal, mode, status, "
               "identifier, consultation_date, checked_at, answer) VALUES " +
               placeholderRows(10, count);
    });
}

std::optional<VerificationAnswer> CheckHistoryRepository::findAnswer(const std::string& institutionCode,
                                                                     const std::string& receiptNumber)
{
    std::string institution = institutionCode;
    std::string receipt = receiptNumber;
    Poco::Nullable<std::string> body;
    auto session = m_database.session();
    *session << m_database.sql("SELECT answer FROM check_history WHERE institution_code = ? AND receipt_number = ?"),
        use(institution), use(receipt), into(body), now;
    if (body.isNull()) {
        return std::nullopt;
    }
    auto answer = decode<VerificationAnswer>(body.value());
    if (!answer) {
        return std::nullopt;
    }
    return std::move(answer).value();
}

HistoryPage CheckHistoryRepository::search(const std::string& institutionCode, const HistoryQuery& query)
{
    std::string where = "institution_code = ?";
    std::vector<std::string> values{institutionCode};
    if (query.from) {
        where += " AND checked_at >= ?";
        values.push_back(query.from->toIso());
    }
    if (query.to) {
        where += " AND checked_at < ?"; // timestamps are JST ISO strings: the next day's date sorts after the day
        values.push_back(query.to->addDays(1).toIso());
    }
    if (!query.identifier.empty()) {
        where += " AND identifier = ?";
        values.push_back(query.identifier);
    }
    if (query.status) {
        where += " AND status = ?";
        values.push_back(std::string(toWire(*query.status)));
    }

    auto session = m_database.session();
    HistoryPage page;
    {
        Poco::Data::Statement count(*session);
        count << m_database.sql("SELECT COUNT(*) FROM check_history WHERE " + where);
        for (auto& value : values) {
            count, use(value);
        }
        count, into(page.total);
        count.execute();
    }
    Poco::Data::Statement select(*session);
    select << m_database.sql("SELECT receipt_number, checked_at, mode, status, identifier, clerk_id, "
                             "consultation_date FROM check_history WHERE " +
                             where + " ORDER BY checked_at DESC LIMIT " + std::to_string(query.limit) + " OFFSET " +
                             std::to_string(query.offset));
    for (auto& value : values) {
        select, use(value);
    }
    select.execute();
    Poco::Data::RecordSet rows(select);
    for (bool more = rows.moveFirst(); more; more = rows.moveNext()) {
        HistoryEntry entry;
        entry.receiptNumber = rows.value(0).convert<std::string>();
        entry.checkedAt = rows.value(1).convert<std::string>();
        entry.mode =
            verificationModeFromWire(rows.value(2).convert<std::string>()).value_or(VerificationMode::InsuranceCard);
        entry.status = statusFromWire(rows.value(3).convert<std::string>()).value_or(Status::Internal);
        entry.identifier = rows.value(4).convert<std::string>();
        entry.clerkId = rows.value(5).convert<std::string>();
        if (!rows.value(6).isEmpty()) {
            entry.consultationDate = Date::parse(rows.value(6).convert<std::string>());
        }
        page.entries.push_back(std::move(entry));
    }
    return page;
}

} // namespace oqs::server::core
