// SPDX-License-Identifier: Apache-2.0
#include "core/FeedRepository.h"

#include "core/RowBatch.h"

#include <Poco/Data/Statement.h>
#include <algorithm>
#include <compare>
#include <limits>
#include <map>
#include <numeric>
#include <oqs/common/Date.h>
#include <set>
#include <stdexcept>

using namespace Poco::Data::Keywords;

namespace oqs::server::core {
namespace {

/// What identifies a qualification: the insurer, the card key and the birth date.
struct QualificationKey
{
    std::string insurer;
    std::string symbol;
    std::string number;
    std::string branch;
    std::string birthDate;

    auto operator<=>(const QualificationKey&) const = default;
};

QualificationKey keyOf(const std::string& insurer, const FeedRecord& record)
{
    const auto& q = record.row.qualification;
    return {insurer, q.card.symbol, q.card.number, q.card.branch, q.birthDate.toIso()};
}

RowBatch<std::string> listOf(const std::vector<std::string>& values)
{
    RowBatch<std::string> list;
    for (const auto& value : values) {
        list.add(value);
    }
    return list;
}

/// An insurer's place in its sequence while its records are decided.
struct InsurerState
{
    Poco::Int64 storedLast = 0; ///< as committed before this transaction
    Poco::Int64 last = 0;       ///< after the records decided so far
    bool known = false;         ///< in the insurer master
    bool changed = false;       ///< a record applied
};

/// Reads the insurers' last sequences (0 for one without any) and whether the insurer master has them; on
/// PostgreSQL with `forUpdate`, the rows stay locked until the commit.
std::map<std::string, InsurerState> readInsurerStates(Database& database, Poco::Data::Session& session,
                                                      const std::vector<std::string>& insurers, bool forUpdate)
{
    std::vector<std::string> numbers;
    std::vector<Poco::Int64> lasts;
    listOf(insurers).query(
        database, session,
        [forUpdate](std::size_t rows) {
            return "SELECT insurer_number, last_sequence FROM feed_insurer_state WHERE insurer_number IN " +
                   placeholderRows(int(rows), 1) + (forUpdate ? " FOR UPDATE" : "");
        },
        std::tie(numbers, lasts));
    std::map<std::string, InsurerState> states;
    for (const auto& insurer : insurers) {
        states[insurer] = {};
    }
    for (std::size_t i = 0; i < numbers.size(); ++i) {
        states[numbers[i]] = {lasts[i], lasts[i], false, false};
    }
    std::vector<std::string> known;
    listOf(insurers).query(
        database, session,
        [](std::size_t rows) {
            return "SELECT insurer_number FROM insurer WHERE insurer_number IN " + placeholderRows(int(rows), 1);
        },
        std::tie(known));
    for (const auto& insurer : known) {
        states[insurer].known = true;
    }
    return states;
}

/// readInsurerStates() in the writing transaction, creating the missing state rows at 0. On PostgreSQL the rows stay
/// locked until the commit, so that an HTTP feed call and a file import of the same insurer queue here; SQLite has
/// one writer at a time anyway.
std::map<std::string, InsurerState> lockInsurers(Database& database, Poco::Data::Session& session,
                                                 const std::vector<std::string>& insurers)
{
    listOf(insurers).execute(database, session, [](std::size_t rows) {
        return "INSERT INTO feed_insurer_state (insurer_number, last_sequence) VALUES " + repeatRow("(?, 0)", rows) +
               " ON CONFLICT (insurer_number) DO NOTHING";
    });
    return readInsurerStates(database, session, insurers, database.dialect() == Dialect::PostgreSQL);
}

/// The ids of the stored rows of the keys numbered `wanted`, by key number (a key without rows has none). The keys
/// join as a VALUES list on the card index, each with its number: one statement per few hundred keys.
std::vector<std::vector<Poco::Int64>> storedRows(Database& database, Poco::Data::Session& session,
                                                 const std::vector<QualificationKey>& keys,
                                                 const std::vector<std::size_t>& wanted)
{
    RowBatch<std::string, std::string, std::string, std::string, std::string, Poco::Int64> rows;
    rows.reserve(wanted.size());
    for (const std::size_t number : wanted) {
        const QualificationKey& key = keys[number];
        rows.add(key.insurer, key.symbol, key.number, key.branch, key.birthDate, Poco::Int64(number));
    }
    std::vector<Poco::Int64> ids;
    std::vector<Poco::Int64> numbers;
    rows.query(
        database, session,
        [](std::size_t count) {
            return withValues("SELECT q.id, v.column6 FROM", "(?, ?, ?, ?, ?, CAST(? AS BIGINT))", count,
                              "JOIN qualification q ON q.insurer_number = v.column1 AND q.card_number = v.column3 "
                              "AND q.card_branch = v.column4 AND q.card_symbol = v.column2 AND "
                              "q.birth_date = v.column5");
        },
        std::tie(ids, numbers));
    std::vector<std::vector<Poco::Int64>> found(keys.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        found[std::size_t(numbers[i])].push_back(ids[i]);
    }
    return found;
}

/// The stored outcome ("status", "reason") of each (insurer, sequence) of `wanted` that has one.
std::map<std::pair<std::string, Poco::Int64>, std::pair<std::string, std::string>>
storedResults(Database& database, Poco::Data::Session& session,
              const std::set<std::pair<std::string, Poco::Int64>>& wanted)
{
    RowBatch<std::string, Poco::Int64> records;
    for (const auto& [insurer, sequence] : wanted) {
        records.add(insurer, sequence);
    }
    std::vector<std::string> insurers, statuses, reasons;
    std::vector<Poco::Int64> sequences;
    const auto select = [](std::size_t rows) {
        return withValues("SELECT r.insurer_number, r.sequence, r.status, r.reason FROM", "(?, CAST(? AS BIGINT))",
                          rows, "JOIN feed_result r ON r.insurer_number = v.column1 AND r.sequence = v.column2");
    };
    records.query(database, session, select, std::tie(insurers, sequences, statuses, reasons));
    std::map<std::pair<std::string, Poco::Int64>, std::pair<std::string, std::string>> results;
    for (std::size_t i = 0; i < insurers.size(); ++i) {
        results.try_emplace({insurers[i], sequences[i]}, std::move(statuses[i]), std::move(reasons[i]));
    }
    return results;
}

/// Copies stored rows into qualification_version, each marked with the record that supersedes it, and deletes the
/// rows no record keeps.
class Supersession
{
public:
    void supersede(Poco::Int64 id, Poco::Int64 sequence, FeedOperation operation)
    {
        m_versions.add(id, sequence, std::string(toString(operation)));
    }
    void remove(Poco::Int64 id) { m_removals.add(id); }

    void write(Database& database, Poco::Data::Session& session, const std::string& supersededAt)
    {
        m_versions.execute(
            database, session,
            [](std::size_t rows) {
                return withValues("INSERT INTO qualification_version SELECT q.*, ?, v.column2, v.column3 FROM",
                                  "(CAST(? AS BIGINT), CAST(? AS BIGINT), ?)", rows,
                                  "JOIN qualification q ON q.id = v.column1");
            },
            supersededAt);
        m_removals.execute(database, session, [](std::size_t rows) {
            return "DELETE FROM qualification WHERE id IN " + placeholderRows(int(rows), 1);
        });
    }

private:
    RowBatch<Poco::Int64, Poco::Int64, std::string> m_versions;
    RowBatch<Poco::Int64> m_removals;
};

using Position = std::pair<std::size_t, std::size_t>; // batch, record

/// Where each record stands by its sequence alone: re-sent (a duplicate; those committed before this transaction
/// also in earlierSequences), after a gap (rejected in `results`), or next, past which `states` advance.
struct Classified
{
    std::vector<Position> next;
    std::vector<Position> duplicates;
    std::set<std::pair<std::string, Poco::Int64>> earlierSequences;
};

Classified classify(const std::vector<InsurerBatch>& batches, std::map<std::string, InsurerState>& states,
                    std::vector<std::vector<FeedResult>>& results)
{
    Classified classified;
    for (std::size_t b = 0; b < batches.size(); ++b) {
        const std::string& insurer = batches[b].insurerNumber;
        InsurerState& state = states.at(insurer);
        for (std::size_t r = 0; r < batches[b].records.size(); ++r) {
            const FeedRecord& record = batches[b].records[r];
            results[b].push_back({insurer, record.sequence, record.line, "rejected", {}});
            if (record.sequence <= state.last) {
                classified.duplicates.emplace_back(b, r);
                if (record.sequence <= state.storedLast) {
                    classified.earlierSequences.emplace(insurer, record.sequence);
                }
            } else if (record.sequence != state.last + 1) {
                results[b].back().reason = "sequence gap: expected " + std::to_string(state.last + 1);
            } else {
                state.last = record.sequence;
                classified.next.emplace_back(b, r);
            }
        }
    }
    return classified;
}

/// The qualifications the next records name, numbered 0…n-1 in key order (keyNumber, by index into next; kNoKey for
/// a record that names none it may change) so that what a transaction knows of each lives in vectors, and the ids of
/// their stored rows.
struct KeyTable
{
    static constexpr std::size_t kNoKey = std::numeric_limits<std::size_t>::max();

    std::vector<QualificationKey> keys;
    std::vector<std::size_t> keyNumber;
    std::vector<std::vector<Poco::Int64>> stored;
};

KeyTable lookUpKeys(Database& database, Poco::Data::Session& session, const std::vector<InsurerBatch>& batches,
                    const std::vector<Position>& next, const std::map<std::string, InsurerState>& states)
{
    KeyTable table;
    table.keyNumber.assign(next.size(), KeyTable::kNoKey);
    std::vector<QualificationKey> named(next.size());
    std::vector<std::size_t> order;
    order.reserve(next.size());
    for (std::size_t i = 0; i < next.size(); ++i) {
        const auto& [b, r] = next[i];
        if (batches[b].records[r].rejection.empty() && states.at(batches[b].insurerNumber).known) {
            named[i] = keyOf(batches[b].insurerNumber, batches[b].records[r]);
            order.push_back(i);
        }
    }
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return named[a] < named[b]; });
    for (const std::size_t i : order) {
        if (table.keys.empty() || table.keys.back() != named[i]) {
            table.keys.push_back(std::move(named[i]));
        }
        table.keyNumber[i] = table.keys.size() - 1;
    }
    std::vector<std::size_t> allKeys(table.keys.size());
    std::iota(allKeys.begin(), allKeys.end(), 0);
    table.stored = storedRows(database, session, table.keys, allKeys);
    return table;
}

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

/// The insurers as lookUp() read them (last sequence, known), and what it read with them.
struct FeedRepository::Lookup::Data
{
    std::map<std::string, std::pair<Poco::Int64, bool>> insurers;
    KeyTable keys;

    /// Whether `states`, as the writing transaction read them, are the ones the lookup read: then no other
    /// transaction has changed these insurers' rows since, because every change advances an insurer's sequence.
    bool matches(const std::map<std::string, InsurerState>& states) const
    {
        return states.size() == insurers.size() &&
               std::all_of(states.begin(), states.end(), [&](const auto& entry) {
                   const auto found = insurers.find(entry.first);
                   return found != insurers.end() &&
                          found->second == std::pair(entry.second.storedLast, entry.second.known);
               });
    }
};

FeedRepository::Lookup::Lookup(std::unique_ptr<Data> data) : m_data(std::move(data)) {}
FeedRepository::Lookup::Lookup(Lookup&&) noexcept = default;
FeedRepository::Lookup& FeedRepository::Lookup::operator=(Lookup&&) noexcept = default;
FeedRepository::Lookup::~Lookup() = default;

FeedRepository::Lookup FeedRepository::lookUp(std::vector<InsurerBatch>& batches)
{
    std::vector<std::string> insurers;
    for (auto& batch : batches) {
        sortBySequence(batch.records);
        insurers.push_back(batch.insurerNumber);
    }
    auto session = m_database.session();
    // The sequences are read before the rows: a transaction committed in between advances a sequence, so that
    // applyInsurerBatches() reads again instead of using rows older than the sequences it checks.
    std::map<std::string, InsurerState> states = readInsurerStates(m_database, *session, insurers, false);
    auto data = std::make_unique<Lookup::Data>();
    for (const auto& [insurer, state] : states) {
        data->insurers.emplace(insurer, std::pair(state.storedLast, state.known));
    }
    std::vector<std::vector<FeedResult>> results(batches.size());
    const Classified classified = classify(batches, states, results);
    data->keys = lookUpKeys(m_database, *session, batches, classified.next, states);
    return Lookup(std::move(data));
}

std::vector<FeedResult> FeedRepository::applyInsurerBatch(const std::string& insurerNumber,
                                                          std::vector<FeedRecord> records, const std::string& source,
                                                          Durability durability)
{
    std::vector<InsurerBatch> batches;
    batches.push_back({insurerNumber, std::move(records)});
    return std::move(applyInsurerBatches(std::move(batches), source, durability).front());
}

std::vector<std::vector<FeedResult>>
FeedRepository::applyInsurerBatches(std::vector<InsurerBatch> batches, const std::string& source, Durability durability,
                                    std::optional<Lookup> lookup)
{
    std::vector<std::string> insurers;
    for (auto& batch : batches) {
        sortBySequence(batch.records);
        insurers.push_back(batch.insurerNumber);
    }
    std::sort(insurers.begin(), insurers.end());
    if (std::adjacent_find(insurers.begin(), insurers.end()) != insurers.end()) {
        throw std::invalid_argument("applyInsurerBatches: an insurer appears in two batches");
    }
    QualificationRepository::BulkWriter writer(m_database, durability);
    Poco::Data::Session& session = writer.session();
    std::map<std::string, InsurerState> states = lockInsurers(m_database, session, insurers);
    const std::string processedAt = common::formatJstTimestamp(std::chrono::system_clock::now());

    // The sequence alone decides which records are re-sent (duplicates), which come after a gap, and which are next.
    std::vector<std::vector<FeedResult>> results(batches.size());
    const bool readAhead = lookup && lookup->m_data->matches(states);
    const Classified classified = classify(batches, states, results);
    const auto& [next, duplicates, earlierSequences] = classified;
    const KeyTable table = readAhead ? std::move(lookup->m_data->keys)
                                     : lookUpKeys(m_database, session, batches, next, states);
    const auto& [keys, keyNumber, stored] = table;

    // Then each record in sequence applies or is rejected against the stored rows as changed by the records before
    // it: the k-th change of a qualification in this transaction is written in round k (rounds hold indexes into
    // next).
    struct KeyState
    {
        bool present = false;
        std::size_t changes = 0;
    };
    std::vector<KeyState> keyStates(keys.size());
    for (std::size_t number = 0; number < keys.size(); ++number) {
        keyStates[number].present = !stored[number].empty();
    }
    std::vector<std::vector<std::size_t>> rounds;
    for (std::size_t i = 0; i < next.size(); ++i) {
        const auto& [b, r] = next[i];
        const FeedRecord& record = batches[b].records[r];
        FeedResult& result = results[b][r];
        InsurerState& insurer = states[batches[b].insurerNumber];
        if (!record.rejection.empty()) {
            result.reason = record.rejection;
        } else if (!insurer.known) {
            result.reason = "insurer " + batches[b].insurerNumber + " is not in the insurer master";
        } else {
            KeyState& key = keyStates[keyNumber[i]];
            if (record.operation == FeedOperation::Register && key.present) {
                result.reason = "already registered (use update or correct)";
            } else if (record.operation != FeedOperation::Register && !key.present) {
                result.reason = "no such qualification (card key and birth date)";
            } else {
                result.status = "applied";
                insurer.changed = true;
                if (rounds.size() == key.changes) {
                    rounds.emplace_back();
                }
                rounds[key.changes++].push_back(i);
                key.present = record.operation != FeedOperation::Delete;
            }
        }
    }

    for (std::size_t round = 0; round < rounds.size(); ++round) {
        // A later round replaces rows the round before wrote: their ids are looked up now.
        std::vector<std::vector<Poco::Int64>> written;
        if (round > 0) {
            std::vector<std::size_t> replaced;
            for (const std::size_t i : rounds[round]) {
                if (batches[next[i].first].records[next[i].second].operation != FeedOperation::Register) {
                    replaced.push_back(keyNumber[i]);
                }
            }
            written = storedRows(m_database, session, keys, replaced);
        }
        const auto& current = round == 0 ? stored : written;
        Supersession supersession;
        for (const std::size_t i : rounds[round]) {
            FeedRecord& record = batches[next[i].first].records[next[i].second];
            record.row.qualification.insurerSequence = record.sequence;
            record.row.qualification.updatedAt = processedAt;
            if (record.operation == FeedOperation::Register) {
                writer.addQualification(std::move(record.row)); // the row is not read again
                continue;
            }
            // An update or correction rewrites the stored row in place, which leaves its index entries as they
            // are; a delete removes it. The feed keeps one row per key: any other goes as if deleted.
            const auto& ids = current[keyNumber[i]];
            const bool keepsRow = record.operation != FeedOperation::Delete;
            for (std::size_t index = 0; index < ids.size(); ++index) {
                supersession.supersede(ids[index], record.sequence, record.operation);
                if (index > 0 || !keepsRow) {
                    supersession.remove(ids[index]);
                }
            }
            if (keepsRow) {
                writer.replaceQualification(ids.front(), std::move(record.row));
            }
        }
        // The versions are copied before the rows they keep are rewritten.
        supersession.write(m_database, session, processedAt);
        writer.flush();
    }

    // Re-sent records answer with what their first processing did, in this transaction or an earlier one.
    const auto earlier = storedResults(m_database, session, earlierSequences);
    std::map<std::pair<std::size_t, std::int64_t>, std::size_t> processedHere; // (batch, sequence) -> record
    for (const auto& [b, r] : next) {
        processedHere.emplace(std::pair(b, batches[b].records[r].sequence), r);
    }
    for (const auto& [b, r] : duplicates) {
        const std::int64_t sequence = batches[b].records[r].sequence;
        std::string status;
        std::string reason;
        if (sequence > states[batches[b].insurerNumber].storedLast) {
            const FeedResult& first = results[b][processedHere.at({b, sequence})];
            status = first.status;
            reason = first.reason;
        } else if (const auto found = earlier.find({batches[b].insurerNumber, sequence}); found != earlier.end()) {
            std::tie(status, reason) = found->second;
        }
        results[b][r].status = "duplicate";
        results[b][r].reason = "already processed: " + status + (reason.empty() ? "" : " (" + reason + ")");
    }

    // The source and the processing time are the same for every row: parameters of the statement, not of each row.
    RowBatch<std::string, Poco::Int64, Poco::Int64, std::string, std::string, std::string> resultRows;
    resultRows.reserve(next.size());
    for (const auto& [b, r] : next) {
        const FeedRecord& record = batches[b].records[r];
        const FeedResult& result = results[b][r];
        resultRows.add(batches[b].insurerNumber, record.sequence, Poco::Int64(record.line),
                       std::string(toString(record.operation)), result.status, result.reason);
    }
    resultRows.execute(
        m_database, session,
        [](std::size_t rows) {
            return withValues("INSERT INTO feed_result (source, processed_at, insurer_number, sequence, line, "
                              "operation, status, reason) SELECT ?, ?, v.column1, v.column2, v.column3, v.column4, "
                              "v.column5, v.column6 FROM",
                              "(?, CAST(? AS BIGINT), CAST(? AS BIGINT), ?, ?, ?)", rows, "");
        },
        source, processedAt);
    RowBatch<std::string, Poco::Int64> advanced;
    std::vector<std::string> changed;
    for (const auto& [insurer, state] : states) {
        if (state.last != state.storedLast) {
            advanced.add(insurer, state.last);
        }
        if (state.changed) {
            changed.push_back(insurer);
        }
    }
    advanced.execute(m_database, session, [](std::size_t rows) {
        return withValues("UPDATE feed_insurer_state SET last_sequence = v.column2 FROM", "(?, CAST(? AS BIGINT))",
                          rows, "WHERE feed_insurer_state.insurer_number = v.column1");
    });
    listOf(changed).execute(
        m_database, session,
        [](std::size_t rows) {
            return "UPDATE insurer SET data_updated_at = ? WHERE insurer_number IN " + placeholderRows(int(rows), 1);
        },
        processedAt);
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
