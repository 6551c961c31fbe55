// SPDX-License-Identifier: Apache-2.0
#include "core/FeedRepository.h"

#include <Poco/Data/Statement.h>
#include <algorithm>
#include <oqs/common/Date.h>

using namespace Poco::Data::Keywords;

namespace oqs::server::core {
namespace {

constexpr std::string_view kKey =
    "insurer_number = ? AND card_symbol = ? AND card_number = ? AND card_branch = ? AND birth_date = ?";

/// The prepared statements of one batch, bound to the members they read, so that each record costs executions only.
struct BatchStatements
{
    explicit BatchStatements(Database& database, Poco::Data::Session& session)
        : count(session), archive(session), remove(session), storeResult(session), storedResult(session)
    {
        const std::string key(kKey);
        count << database.sql("SELECT COUNT(*) FROM qualification WHERE " + key), use(insurer), use(symbol),
            use(number), use(branch), use(birthDate), into(existing);
        archive << database.sql("INSERT INTO qualification_version SELECT q.*, ?, ?, ? FROM qualification q WHERE " +
                                key),
            use(now), use(sequence), use(operation), use(insurer), use(symbol), use(number), use(branch),
            use(birthDate);
        remove << database.sql("DELETE FROM qualification WHERE " + key), use(insurer), use(symbol), use(number),
            use(branch), use(birthDate);
        storeResult << database.sql("INSERT INTO feed_result (insurer_number, sequence, source, line, operation, "
                                    "status, reason, processed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
            use(insurer), use(sequence), use(source), use(line), use(operation), use(status), use(reason), use(now);
        storedResult << database.sql("SELECT status, reason FROM feed_result WHERE insurer_number = ? AND "
                                     "sequence = ?"),
            use(insurer), use(sequence), into(status), into(reason);
    }

    void select(const FeedRecord& record)
    {
        const auto& card = record.row.qualification.card;
        symbol = card.symbol;
        number = card.number;
        branch = card.branch;
        birthDate = record.row.qualification.birthDate.toIso();
        sequence = record.sequence;
        line = Poco::Int64(record.line);
        operation = std::string(toString(record.operation));
    }

    Poco::Data::Statement count;
    Poco::Data::Statement archive;
    Poco::Data::Statement remove;
    Poco::Data::Statement storeResult;
    Poco::Data::Statement storedResult;
    std::string insurer, symbol, number, branch, birthDate, source, operation, status, reason, now;
    Poco::Int64 sequence = 0;
    Poco::Int64 line = 0;
    int existing = 0;
};

} // namespace

std::string_view toString(FeedOperation operation)
{
    switch (operation) {
    case FeedOperation::Register:
        return "register";
    case FeedOperation::Update:
        return "update";
    case FeedOperation::Delete:
        return "delete";
    case FeedOperation::Correct:
        return "correct";
    }
    return "register";
}

std::optional<FeedOperation> feedOperationFrom(std::string_view text)
{
    for (auto operation :
         {FeedOperation::Register, FeedOperation::Update, FeedOperation::Delete, FeedOperation::Correct}) {
        if (text == toString(operation)) {
            return operation;
        }
    }
    return std::nullopt;
}

std::vector<FeedResult> FeedRepository::applyInsurerBatch(const std::string& insurerNumber,
                                                          std::vector<FeedRecord> records, const std::string& source,
                                                          Durability durability)
{
    std::stable_sort(records.begin(), records.end(),
                     [](const FeedRecord& a, const FeedRecord& b) { return a.sequence < b.sequence; });
    QualificationRepository::BulkWriter writer(m_database, durability);
    Poco::Data::Session& session = writer.session();
    std::string insurer = insurerNumber;
    session << m_database.sql("INSERT INTO feed_insurer_state (insurer_number, last_sequence) VALUES (?, 0) "
                              "ON CONFLICT (insurer_number) DO NOTHING"),
        use(insurer), now;
    Poco::Int64 last = 0;
    // FOR UPDATE: an HTTP feed call and a file import for the same insurer queue here on PostgreSQL; SQLite has
    // one writer at a time anyway.
    session << m_database.sql(std::string("SELECT last_sequence FROM feed_insurer_state WHERE insurer_number = ?") +
                              (m_database.dialect() == Dialect::PostgreSQL ? " FOR UPDATE" : "")),
        use(insurer), into(last), now;
    int known = 0;
    session << m_database.sql("SELECT COUNT(*) FROM insurer WHERE insurer_number = ?"), use(insurer), into(known), now;

    BatchStatements statements(m_database, session);
    statements.insurer = insurerNumber;
    statements.source = source;
    statements.now = common::formatJstTimestamp(std::chrono::system_clock::now());
    std::vector<FeedResult> results;
    bool changed = false;
    for (FeedRecord& record : records) {
        statements.select(record);
        FeedResult result{insurerNumber, record.sequence, record.line, "rejected", {}};
        if (record.sequence <= last) {
            statements.status.clear();
            statements.reason.clear();
            statements.storedResult.execute();
            result.status = "duplicate";
            result.reason = "already processed: " + statements.status +
                            (statements.reason.empty() ? "" : " (" + statements.reason + ")");
            results.push_back(std::move(result));
            continue;
        }
        if (record.sequence != last + 1) {
            result.reason = "sequence gap: expected " + std::to_string(last + 1);
            results.push_back(std::move(result));
            continue;
        }
        last = record.sequence;
        statements.count.execute();
        const bool exists = statements.existing > 0;
        if (!record.rejection.empty()) {
            result.reason = record.rejection;
        } else if (known == 0) {
            result.reason = "insurer " + insurerNumber + " is not in the insurer master";
        } else if (record.operation == FeedOperation::Register && exists) {
            result.reason = "already registered (use update or correct)";
        } else if (record.operation != FeedOperation::Register && !exists) {
            result.reason = "no such qualification (card key and birth date)";
        } else {
            if (exists) {
                statements.archive.execute();
                statements.remove.execute();
            }
            if (record.operation != FeedOperation::Delete) {
                record.row.qualification.insurerSequence = record.sequence;
                record.row.qualification.updatedAt = statements.now;
                writer.addQualification(record.row);
            }
            result.status = "applied";
            changed = true;
        }
        statements.status = result.status;
        statements.reason = result.reason;
        statements.storeResult.execute();
        results.push_back(std::move(result));
    }
    session << m_database.sql("UPDATE feed_insurer_state SET last_sequence = ? WHERE insurer_number = ?"), use(last),
        use(insurer), now;
    if (changed) {
        std::string updatedAt = statements.now;
        session << m_database.sql("UPDATE insurer SET data_updated_at = ? WHERE insurer_number = ?"), use(updatedAt),
            use(insurer), now;
    }
    writer.commit();
    return results;
}

std::optional<FeedResult> FeedRepository::resultOf(const std::string& insurerNumber, std::int64_t sequence)
{
    auto session = m_database.session();
    std::string insurer = insurerNumber;
    Poco::Int64 number = sequence;
    Poco::Int64 line = 0;
    FeedResult result{insurerNumber, sequence, 0, {}, {}};
    Poco::Data::Statement select(*session);
    select << m_database.sql("SELECT line, status, reason FROM feed_result WHERE insurer_number = ? AND sequence = ?"),
        use(insurer), use(number), into(line), into(result.status), into(result.reason);
    if (select.execute() == 0) {
        return std::nullopt;
    }
    result.line = std::size_t(line);
    return result;
}

std::int64_t FeedRepository::lastSequence(const std::string& insurerNumber)
{
    auto session = m_database.session();
    std::string insurer = insurerNumber;
    Poco::Int64 last = 0;
    *session << m_database.sql("SELECT last_sequence FROM feed_insurer_state WHERE insurer_number = ?"), use(insurer),
        into(last), now;
    return last;
}

} // namespace oqs::server::core
