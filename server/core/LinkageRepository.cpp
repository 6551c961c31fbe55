// SPDX-License-Identifier: Apache-2.0
#include "core/LinkageRepository.h"

#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>
#include <optional>
#include <oqs/common/Date.h>

using namespace Poco::Data::Keywords;

namespace oqs::server::core {
namespace {

constexpr std::size_t kProgressEvery = 500;

/// A serial the linkage no longer answers for: replaced by `by` in a renewal, still carrying its linkage number.
struct Renewal
{
    std::string by;
    std::string linkageNumber;
};

/// The prepared statements of one file, bound to the members they read and write, so that each row costs
/// executions only.
struct FileStatements
{
    FileStatements(Database& database, Poco::Data::Session& session)
        : live(session), supersededAs(session), renewedFrom(session), insert(session), relink(session),
          supersede(session), removeLive(session), insurer(session), log(session)
    {
        live << database.sql("SELECT linkage_number, previous_serial FROM card_certificate WHERE serial = ?"),
            use(serial), into(foundLinkage), into(foundPrevious);
        supersededAs << database.sql("SELECT superseded_by, linkage_number FROM card_certificate_superseded "
                                     "WHERE serial = ?"),
            use(serial), into(foundBy), into(foundLinkage);
        // The dataset loader writes a renewed card's new serial with its previous one without the old row: the
        // new row's previous_serial then says the old serial is already replaced.
        renewedFrom << database.sql("SELECT serial, linkage_number FROM card_certificate WHERE previous_serial = ? "
                                    "LIMIT 1"),
            use(serial), into(foundBy), into(foundLinkage);
        insert << database.sql("INSERT INTO card_certificate (serial, linkage_number, previous_serial, linked_at) "
                               "VALUES (?, ?, ?, ?)"),
            use(serial), use(linkage), use(previous), use(now);
        relink << database.sql("UPDATE card_certificate SET linkage_number = ?, linked_at = ? WHERE serial = ?"),
            use(linkage), use(now), use(serial);
        supersede << database.sql("INSERT INTO card_certificate_superseded (serial, linkage_number, superseded_by, "
                                  "linked_at, superseded_at) SELECT serial, linkage_number, ?, linked_at, ? "
                                  "FROM card_certificate WHERE serial = ?"),
            use(newSerial), use(now), use(previous);
        removeLive << database.sql("DELETE FROM card_certificate WHERE serial = ?"), use(previous);
        // The person's current insurer bears the fee: the newest qualification not lost first.
        insurer << database.sql("SELECT insurer_number FROM qualification WHERE linkage_number = ? "
                                "ORDER BY (loss_date IS NULL) DESC, COALESCE(acquisition_date, '') DESC, id DESC "
                                "LIMIT 1"),
            use(linkage), into(foundInsurer);
        log << database.sql("INSERT INTO linkage_acquisition_log (acquired_on, acquired_at, kind, serial, "
                            "previous_serial, linkage_number, insurer_number, source, line) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            use(today), use(now), use(kind), use(serial), use(previous), use(linkage), use(foundInsurer), use(source),
            use(line);
    }

    /// The live row of `serial`: its linkage number (null while pending), or nullopt if there is none.
    std::optional<Poco::Nullable<std::string>> liveLinkage(const std::string& of)
    {
        serial = of;
        foundLinkage.clear();
        foundPrevious.clear();
        if (live.execute() == 0) {
            return std::nullopt;
        }
        return foundLinkage;
    }

    /// Whether `of` was replaced by a renewal, and by which serial.
    std::optional<Renewal> renewalOf(const std::string& of)
    {
        serial = of;
        foundBy.clear();
        foundLinkage.clear();
        if (supersededAs.execute() == 0 && renewedFrom.execute() == 0) {
            return std::nullopt;
        }
        return Renewal{foundBy, foundLinkage.isNull() ? std::string() : foundLinkage.value()};
    }

    /// Writes the acquisition log row of the applied row now in the members.
    void logAcquisition(LinkageKind applied, std::size_t atLine)
    {
        kind = std::string(toString(applied));
        line = Poco::Int64(atLine);
        foundInsurer.clear();
        insurer.execute();
        log.execute();
    }

    Poco::Data::Statement live;
    Poco::Data::Statement supersededAs;
    Poco::Data::Statement renewedFrom;
    Poco::Data::Statement insert;
    Poco::Data::Statement relink;
    Poco::Data::Statement supersede;
    Poco::Data::Statement removeLive;
    Poco::Data::Statement insurer;
    Poco::Data::Statement log;

    std::string serial, newSerial, foundBy, kind, source, now, today;
    Poco::Nullable<std::string> linkage, previous, foundLinkage, foundPrevious, foundInsurer;
    Poco::Int64 line = 0;
};

LinkageResult applySerialLinkage(FileStatements& s, const LinkageRecord& record)
{
    LinkageResult result{record.line, "rejected", {}};
    if (const auto renewal = s.renewalOf(record.serial)) {
        // Re-sent after the renewal was processed: the serial must not answer again.
        if (renewal->linkageNumber == record.linkageNumber) {
            result.status = "duplicate";
            result.reason = "already linked, since renewed to " + renewal->by;
        } else {
            result.reason = "serial: renewed to " + renewal->by + ", no longer in use";
        }
        return result;
    }
    const auto current = s.liveLinkage(record.serial);
    if (current && !current->isNull() && current->value() == record.linkageNumber) {
        result.status = "duplicate";
        result.reason = "already linked";
        return result;
    }
    s.serial = record.serial;
    s.linkage = record.linkageNumber;
    s.previous.clear();
    if (current) {
        s.relink.execute();
        // A pending serial gets its linkage; a linked one is corrected by the sender (the latest linkage wins).
        result.reason = current->isNull() ? std::string() : "relinked: replaces an earlier linkage number";
    } else {
        s.insert.execute();
    }
    s.logAcquisition(LinkageKind::SerialLinkage, record.line);
    result.status = "applied";
    return result;
}

LinkageResult applySerialRenewal(FileStatements& s, const LinkageRecord& record)
{
    LinkageResult result{record.line, "rejected", {}};
    const auto newLive = s.liveLinkage(record.serial);
    const std::string newPrevious = s.foundPrevious.isNull() ? std::string() : s.foundPrevious.value();
    if (newLive && newPrevious != record.oldSerial) {
        result.reason = "new_serial: already registered for another card";
        return result;
    }
    if (!newLive) {
        if (const auto newRenewed = s.renewalOf(record.serial); newRenewed && newRenewed->by != record.serial) {
            if (const auto oldRenewed = s.renewalOf(record.oldSerial); oldRenewed && oldRenewed->by == record.serial) {
                result.status = "duplicate";
                result.reason = "already renewed (the new serial has since been renewed to " + newRenewed->by + ")";
            } else {
                result.reason = "new_serial: already used and renewed to " + newRenewed->by;
            }
            return result;
        }
    }
    const auto oldLive = s.liveLinkage(record.oldSerial);
    if (newLive) {
        // The new row is there already (re-sent file, or the dataset loader wrote it): only an old row still
        // answering is left to retire.
        if (!oldLive) {
            result.status = "duplicate";
            result.reason = "already renewed";
            return result;
        }
    } else if (!oldLive) {
        const auto oldRenewed = s.renewalOf(record.oldSerial);
        result.reason = oldRenewed ? "old_serial: already renewed to " + oldRenewed->by
                                   : "old_serial: unknown serial (never linked)";
        return result;
    } else if (oldLive->isNull()) {
        result.reason = "old_serial: linkage pending, no linkage number to carry over";
        return result;
    }
    s.serial = record.serial;
    s.newSerial = record.serial;
    s.previous = record.oldSerial;
    s.linkage = newLive ? *newLive : *oldLive;
    if (!newLive) {
        s.insert.execute();
    }
    s.supersede.execute();
    s.removeLive.execute();
    s.logAcquisition(LinkageKind::SerialRenewal, record.line);
    result.status = "applied";
    return result;
}

} // namespace

std::string_view toString(LinkageKind kind)
{
    return kind == LinkageKind::SerialLinkage ? "serial-linkage" : "serial-renewal";
}

std::vector<LinkageResult> LinkageRepository::applyFile(LinkageKind kind, const std::vector<LinkageRecord>& records,
                                                        const std::string& source,
                                                        const std::function<void(std::size_t done)>& progress)
{
    auto lease = m_database.session();
    Poco::Data::Session& session = *lease;
    session.begin();
    std::vector<LinkageResult> results;
    try {
        FileStatements statements(m_database, session);
        const auto instant = std::chrono::system_clock::now();
        statements.now = common::formatJstTimestamp(instant);
        statements.today = common::Date::jstDateOf(instant).toIso();
        statements.source = source;
        results.reserve(records.size());
        for (const LinkageRecord& record : records) {
            if (!record.rejection.empty()) {
                results.push_back({record.line, "rejected", record.rejection});
            } else if (kind == LinkageKind::SerialLinkage) {
                results.push_back(applySerialLinkage(statements, record));
            } else {
                results.push_back(applySerialRenewal(statements, record));
            }
            if (progress && results.size() % kProgressEvery == 0) {
                progress(results.size());
            }
        }
    } catch (...) {
        session.rollback();
        throw;
    }
    session.commit();
    return results;
}

std::vector<AcquisitionCount> LinkageRepository::acquisitionCounts(const std::string& month)
{
    auto session = m_database.session();
    std::string from = month + "-01";
    std::string to = month + "-32"; // after every day of the month in the text order of ISO dates
    std::vector<std::string> days;
    std::vector<std::string> kinds;
    std::vector<std::string> insurers;
    std::vector<Poco::Int64> counts;
    *session << m_database.sql("SELECT acquired_on, kind, COALESCE(insurer_number, ''), COUNT(*) "
                               "FROM linkage_acquisition_log WHERE acquired_on >= ? AND acquired_on < ? "
                               "GROUP BY acquired_on, kind, COALESCE(insurer_number, '') "
                               "ORDER BY acquired_on, kind, COALESCE(insurer_number, '')"),
        use(from), use(to), into(days), into(kinds), into(insurers), into(counts), now;
    std::vector<AcquisitionCount> result;
    for (std::size_t i = 0; i < days.size(); ++i) {
        result.push_back(
            {days[i],
             kinds[i] == toString(LinkageKind::SerialRenewal) ? LinkageKind::SerialRenewal : LinkageKind::SerialLinkage,
             insurers[i], std::uint64_t(counts[i])});
    }
    return result;
}

} // namespace oqs::server::core
