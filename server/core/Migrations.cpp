// SPDX-License-Identifier: Apache-2.0
#include "core/Migrations.h"

#include <Poco/Data/Statement.h>

#include <array>
#include <string>
#include <string_view>

using namespace Poco::Data::Keywords;

namespace oqs::server::core {
namespace {

struct Migration {
    int version;
    std::string_view description;
    std::string_view statements; ///< ';'-separated; "{{id}}" is the dialect's auto-increment primary key
};

// Dates are ISO 8601 TEXT ("YYYY-MM-DD"), which sorts and compares correctly in both dialects.
constexpr std::array kMigrations = {
    Migration{1, "qualifications, certificates, revocations, check history", R"SQL(
CREATE TABLE insurer (
    insurer_number TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    scheme TEXT NOT NULL,
    prefecture TEXT NOT NULL,
    data_updated_at TEXT NOT NULL
);
CREATE TABLE qualification (
    id {{id}},
    linkage_number TEXT NOT NULL,
    insurer_number TEXT NOT NULL,
    card_symbol TEXT NOT NULL,
    card_number TEXT NOT NULL,
    card_branch TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    card_category TEXT,
    relationship INTEGER,
    name TEXT NOT NULL,
    name_kana TEXT NOT NULL,
    sex INTEGER NOT NULL,
    address TEXT NOT NULL,
    insured_person_name TEXT NOT NULL,
    household_head INTEGER,
    household_head_name TEXT NOT NULL,
    acquisition_date TEXT,
    loss_date TEXT,
    retiree_switch_date TEXT,
    benefit_start_date TEXT,
    benefit_end_date TEXT,
    card_valid_from TEXT,
    card_valid_to TEXT,
    copayment_percent INTEGER,
    elderly_valid_from TEXT,
    elderly_valid_to TEXT,
    elderly_copayment_percent INTEGER,
    office_name TEXT NOT NULL,
    insurer_sequence BIGINT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX qualification_by_card ON qualification (insurer_number, card_number, card_branch);
CREATE INDEX qualification_by_linkage ON qualification (linkage_number);
CREATE TABLE card_certificate (
    serial TEXT PRIMARY KEY,
    linkage_number TEXT,
    previous_serial TEXT,
    linked_at TEXT
);
CREATE TABLE revoked_certificate (
    serial TEXT PRIMARY KEY,
    revoked_on TEXT NOT NULL
);
CREATE TABLE check_history (
    receipt_number TEXT PRIMARY KEY,
    institution_code TEXT NOT NULL,
    clerk_id TEXT NOT NULL,
    terminal TEXT NOT NULL,
    mode TEXT NOT NULL,
    status TEXT NOT NULL,
    identifier TEXT NOT NULL,
    consultation_date TEXT,
    checked_at TEXT NOT NULL,
    answer TEXT NOT NULL
);
CREATE INDEX check_history_by_institution ON check_history (institution_code, checked_at)
)SQL"},
    // Version 2 (accounts, D7): personal clerk accounts and HIS machine credentials per institution, and clerk
    // sessions kept in the database so that any server instance behind the load balancer accepts a token. Times
    // are seconds since the Unix epoch; only hashes of passwords, machine secrets and session tokens are stored.
    Migration{2, "accounts and clerk sessions", R"SQL(
CREATE TABLE account (
    institution_code TEXT NOT NULL,
    user_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    display_name TEXT NOT NULL,
    credential_hash TEXT NOT NULL,
    must_change_password INTEGER NOT NULL,
    failed_attempts INTEGER NOT NULL,
    locked_until BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (institution_code, user_id)
);
CREATE TABLE clerk_session (
    token_hash TEXT PRIMARY KEY,
    institution_code TEXT NOT NULL,
    user_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX clerk_session_by_account ON clerk_session (institution_code, user_id)
)SQL"},
    // Version 3 (audit, D8): the access/audit log. Each record's hash covers its fields and the previous record's
    // hash, so editing, inserting or deleting a record breaks the chain from there on (`oqs-server audit verify`).
    Migration{3, "hash-chained audit log", R"SQL(
CREATE TABLE audit_log (
    sequence BIGINT PRIMARY KEY,
    recorded_at TEXT NOT NULL,
    actor TEXT NOT NULL,
    institution_code TEXT NOT NULL,
    terminal TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    result TEXT NOT NULL,
    previous_hash TEXT NOT NULL,
    hash TEXT NOT NULL
)
)SQL"},
    // Version 10 (batch pipelines): the revocation list is double-buffered — two tables and a pointer row switched
    // in one transaction — so that an import builds the new set beside the one in service.
    Migration{10, "double-buffered revocation list, batch locks and run log", R"SQL(
CREATE TABLE revoked_serial_a (
    serial TEXT NOT NULL,
    revoked_on TEXT NOT NULL
);
CREATE INDEX revoked_serial_a_serial ON revoked_serial_a (serial);
CREATE TABLE revoked_serial_b (
    serial TEXT NOT NULL,
    revoked_on TEXT NOT NULL
);
CREATE INDEX revoked_serial_b_serial ON revoked_serial_b (serial);
INSERT INTO revoked_serial_a (serial, revoked_on) SELECT serial, revoked_on FROM revoked_certificate;
DROP TABLE revoked_certificate;
CREATE TABLE revocation_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    active_slot TEXT NOT NULL CHECK (active_slot IN ('a', 'b')),
    activated_at TEXT NOT NULL,
    source TEXT NOT NULL,
    serial_count BIGINT NOT NULL
);
INSERT INTO revocation_state (id, active_slot, activated_at, source, serial_count)
    SELECT 1, 'a', CURRENT_TIMESTAMP, 'initial', COUNT(*) FROM revoked_serial_a;
CREATE TABLE batch_lock (
    job TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    acquired_at BIGINT NOT NULL,
    heartbeat_at BIGINT NOT NULL
);
CREATE TABLE batch_run (
    id {{id}},
    job TEXT NOT NULL,
    owner TEXT NOT NULL,
    arguments TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,
    processed BIGINT NOT NULL,
    message TEXT NOT NULL
);
CREATE INDEX batch_run_by_job ON batch_run (job, started_at)
)SQL"},
    Migration{11, "qualification feed: per-insurer sequence, per-record results, superseded versions", R"SQL(
CREATE TABLE feed_insurer_state (
    insurer_number TEXT PRIMARY KEY,
    last_sequence BIGINT NOT NULL
);
CREATE TABLE feed_result (
    insurer_number TEXT NOT NULL,
    sequence BIGINT NOT NULL,
    source TEXT NOT NULL,
    line BIGINT NOT NULL,
    operation TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    processed_at TEXT NOT NULL,
    PRIMARY KEY (insurer_number, sequence)
);
CREATE TABLE qualification_version AS SELECT * FROM qualification WHERE 1 = 0;
ALTER TABLE qualification_version ADD COLUMN superseded_at TEXT;
ALTER TABLE qualification_version ADD COLUMN superseded_by_sequence BIGINT;
ALTER TABLE qualification_version ADD COLUMN superseding_operation TEXT;
CREATE INDEX qualification_version_by_card ON qualification_version (insurer_number, card_number, card_branch)
)SQL"},
    // Version 12 (card-serial linkage, resources/docs/feeds.md §3): serials replaced by a certificate renewal leave
    // card_certificate (so they no longer answer) for card_certificate_superseded, which keeps their linkage; the
    // acquisition record log (取得記録ログ) has one row per applied linkage, counted for the serial-provision fee.
    Migration{12, "card-serial linkage: superseded serials, acquisition record log", R"SQL(
CREATE INDEX card_certificate_by_previous ON card_certificate (previous_serial);
CREATE TABLE card_certificate_superseded (
    serial TEXT PRIMARY KEY,
    linkage_number TEXT,
    superseded_by TEXT NOT NULL,
    linked_at TEXT,
    superseded_at TEXT NOT NULL
);
CREATE TABLE linkage_acquisition_log (
    id {{id}},
    acquired_on TEXT NOT NULL,
    acquired_at TEXT NOT NULL,
    kind TEXT NOT NULL,
    serial TEXT NOT NULL,
    previous_serial TEXT,
    linkage_number TEXT,
    insurer_number TEXT,
    source TEXT NOT NULL,
    line BIGINT NOT NULL
);
CREATE INDEX linkage_acquisition_log_by_day ON linkage_acquisition_log (acquired_on, kind, insurer_number)
)SQL"},
    Migration{14, "PIN mode: single-use card challenges shared by all server instances", R"SQL(
CREATE TABLE card_challenge (
    challenge TEXT PRIMARY KEY,
    institution_code TEXT NOT NULL,
    clerk_id TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX card_challenge_by_expiry ON card_challenge (expires_at)
)SQL"},
    // Version 15 (statistics, D8 and seed 資_02/資_03): checks counted per JST day, institution, hour of day, mode
    // (My Number card or insurance card) and result, kept 2 years while the history they come from goes after 6
    // months. The index on check_history.checked_at serves the daily count and the purge, both by time range.
    Migration{15, "daily check statistics", R"SQL(
CREATE TABLE check_statistics_daily (
    day TEXT NOT NULL,
    institution_code TEXT NOT NULL,
    hour INTEGER NOT NULL,
    mode TEXT NOT NULL,
    status TEXT NOT NULL,
    checks BIGINT NOT NULL,
    PRIMARY KEY (day, institution_code, hour, mode, status)
);
CREATE INDEX check_statistics_daily_by_institution ON check_statistics_daily (institution_code, day);
CREATE INDEX check_history_by_time ON check_history (checked_at)
)SQL"},
    // Version 16: the card indexes gain the symbol (記号). Many insurers number their insured persons within a
    // symbol, so insurer + number + branch alone matched hundreds of persons at 10 M, each read from the table to
    // compare its symbol: a check or a feed record cost hundreds of page reads instead of a few.
    Migration{16, "card lookups by insurer, symbol, number and branch", R"SQL(
DROP INDEX qualification_by_card;
CREATE INDEX qualification_by_card ON qualification (insurer_number, card_symbol, card_number, card_branch);
DROP INDEX qualification_version_by_card;
CREATE INDEX qualification_version_by_card ON qualification_version (insurer_number, card_symbol, card_number,
                                                                     card_branch)
)SQL"},
};

std::string forDialect(std::string_view statement, Dialect dialect)
{
    std::string text(statement);
    const std::string_view token = "{{id}}";
    const std::string_view replacement =
        dialect == Dialect::SQLite ? "INTEGER PRIMARY KEY" : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
    for (auto at = text.find(token); at != std::string::npos; at = text.find(token, at)) {
        text.replace(at, token.size(), replacement);
    }
    return text;
}

void ensureVersionTable(Poco::Data::Session& session)
{
    session << "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
               "applied_at TEXT NOT NULL)",
        now;
}

/// Each migration is looked up by its own number, not compared with the highest applied one: migrations owned by
/// different modules have gaps between their numbers (2, 3, then 10, 11) and may reach a database in any order.
bool isApplied(Poco::Data::Session& session, Dialect dialect, int version)
{
    int count = 0;
    session << toDialectSql("SELECT COUNT(*) FROM schema_version WHERE version = ?", dialect), use(version),
        into(count), now;
    return count > 0;
}

} // namespace

int latestSchemaVersion()
{
    return kMigrations.back().version;
}

int currentSchemaVersion(Poco::Data::Session& session, Dialect)
{
    ensureVersionTable(session);
    Poco::Nullable<int> version;
    session << "SELECT MAX(version) FROM schema_version", into(version), now;
    return version.isNull() ? 0 : version.value();
}

void applyMigrations(Poco::Data::Session& session, Dialect dialect)
{
    ensureVersionTable(session);
    for (const Migration& migration : kMigrations) {
        if (dialect == Dialect::SQLite) {
            session << "BEGIN IMMEDIATE", now; // takes the write lock now: concurrent migrators queue here
        } else {
            session.begin();
            session << "SELECT pg_advisory_xact_lock(7131)", now;
        }
        try {
            if (!isApplied(session, dialect, migration.version)) {
                std::string_view rest = migration.statements;
                while (!rest.empty()) {
                    const auto end = rest.find(';');
                    const std::string statement = forDialect(rest.substr(0, end), dialect);
                    if (statement.find_first_not_of(" \n\t") != std::string::npos) {
                        session << statement, now;
                    }
                    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
                }
                const int version = migration.version;
                std::string description(migration.description);
                session << toDialectSql("INSERT INTO schema_version (version, description, applied_at) "
                                        "VALUES (?, ?, CURRENT_TIMESTAMP)",
                                        dialect),
                    useRef(version), use(description), now;
            }
            if (dialect == Dialect::SQLite) {
                session << "COMMIT", now;
            } else {
                session.commit();
            }
        } catch (...) {
            if (dialect == Dialect::SQLite) {
                session << "ROLLBACK", now;
            } else {
                session.rollback();
            }
            throw;
        }
    }
}

} // namespace oqs::server::core
