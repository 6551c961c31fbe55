// SPDX-License-Identifier: Apache-2.0
#include "TestDatabase.h"
#include "core/AuditRepository.h"
#include "core/CheckHistoryRepository.h"
#include "core/CheckRecorder.h"
#include "core/VerificationService.h"

#include <Poco/Data/Session.h>
#include <QTemporaryDir>
#include <QRegularExpression>
#include <QTest>
#include <atomic>
#include <memory>
#include <set>
#include <thread>
#include <vector>

using namespace oqs::server;
using namespace Poco::Data::Keywords;
namespace common = oqs::common;

namespace {

core::CheckRecord checkOf(const std::string& receipt)
{
    core::CheckRecord record{"1312345676", "clerk", "terminal-1", {}};
    record.answer.receiptNumber = receipt;
    record.answer.status = common::Status::Valid;
    record.answer.checkedAt = "2026-11-25T10:00:00+09:00";
    return record;
}

core::AuditEvent auditEventOf(const std::string& receipt)
{
    return {"clerk", "1312345676", "terminal-1", "verify-insurance-card", receipt, "valid"};
}

} // namespace

/// Group commit of checks: every check answered is stored with its audit record, the chain stays intact under
/// concurrency, and one failing row fails only its own check.
class TestCheckRecorder : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void concurrentChecksAreAllStoredAndChained_data();
    void concurrentChecksAreAllStoredAndChained();
    void failingCheckDoesNotFailItsBatch();
    void chainVerifiesFromTheOldestRowLeft();
    void receiptNumbersSortByTimeOfDay();

private:
    std::int64_t count(const std::string& table);

    std::unique_ptr<QTemporaryDir> m_directory;
    std::unique_ptr<oqs::tests::TestDatabase> m_testDatabase;
    std::unique_ptr<core::Database> m_database;
    std::unique_ptr<core::CheckHistoryRepository> m_history;
    std::unique_ptr<core::AuditRepository> m_audit;
};

void TestCheckRecorder::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    m_testDatabase = std::make_unique<oqs::tests::TestDatabase>(m_directory->path().toStdString());
    m_database = std::make_unique<core::Database>(m_testDatabase->config());
    m_database->migrate();
    m_history = std::make_unique<core::CheckHistoryRepository>(*m_database);
    m_audit = std::make_unique<core::AuditRepository>(*m_database, [] { return std::string("2026-11-25T10:00:00"); });
}

void TestCheckRecorder::cleanup()
{
    m_audit.reset();
    m_history.reset();
    m_database.reset();
    m_testDatabase.reset();
    m_directory.reset();
}

std::int64_t TestCheckRecorder::count(const std::string& table)
{
    Poco::Int64 rows = 0;
    auto session = m_database->session();
    *session << "SELECT COUNT(*) FROM " + table, into(rows), now;
    return rows;
}

void TestCheckRecorder::concurrentChecksAreAllStoredAndChained_data()
{
    QTest::addColumn<int>("threads");
    QTest::addColumn<int>("checksPerThread");
    QTest::newRow("one caller") << 1 << 20;
    QTest::newRow("sixteen callers") << 16 << 25;
}

void TestCheckRecorder::concurrentChecksAreAllStoredAndChained()
{
    QFETCH(int, threads);
    QFETCH(int, checksPerThread);
    m_audit->append({"-", "1312345676", "terminal-1", "login", "clerk", "ok"}); // the chain continues after this
    std::atomic<int> failures = 0;
    {
        core::CheckRecorder recorder(*m_history, *m_audit);
        std::vector<std::thread> callers;
        for (int t = 0; t < threads; ++t) {
            callers.emplace_back([&, t] {
                for (int i = 0; i < checksPerThread; ++i) {
                    const std::string receipt = "20261125-" + std::to_string(t) + "-" + std::to_string(i);
                    try {
                        recorder.record(checkOf(receipt), auditEventOf(receipt));
                        // Answered means stored: the row is there the moment record() returns.
                        if (!m_history->findAnswer("1312345676", receipt)) {
                            ++failures;
                        }
                    } catch (const std::exception&) {
                        ++failures;
                    }
                }
            });
        }
        for (auto& caller : callers) {
            caller.join();
        }
    }
    QCOMPARE(failures.load(), 0);
    QCOMPARE(count("check_history"), std::int64_t(threads * checksPerThread));
    const auto chain = m_audit->verifyChain();
    QCOMPARE(chain.records, std::int64_t(threads * checksPerThread + 1));
    QVERIFY(!chain.firstBrokenSequence);
}

void TestCheckRecorder::failingCheckDoesNotFailItsBatch()
{
    core::CheckRecorder recorder(*m_history, *m_audit);
    recorder.record(checkOf("20261125-taken"), auditEventOf("20261125-taken"));
    std::atomic<int> failures = 0;
    std::vector<std::thread> callers;
    for (int t = 0; t < 8; ++t) {
        // Caller 0 re-uses a receipt number: its history row violates the primary key.
        const std::string receipt = t == 0 ? "20261125-taken" : "20261125-fresh-" + std::to_string(t);
        callers.emplace_back([&, receipt] {
            try {
                recorder.record(checkOf(receipt), auditEventOf(receipt));
            } catch (const Poco::Exception&) {
                ++failures;
            }
        });
    }
    for (auto& caller : callers) {
        caller.join();
    }
    QCOMPARE(failures.load(), 1);
    QCOMPARE(count("check_history"), std::int64_t(8));
    const auto chain = m_audit->verifyChain();
    QCOMPARE(chain.records, std::int64_t(8)); // the failed check left no audit record either
    QVERIFY(!chain.firstBrokenSequence);
}

void TestCheckRecorder::chainVerifiesFromTheOldestRowLeft()
{
    // 450 events in one append: three multi-row INSERTs (200 rows each at most) chained across their boundaries.
    std::vector<core::AuditEvent> events;
    for (int i = 0; i < 450; ++i) {
        events.push_back(auditEventOf("20261125-" + std::to_string(i)));
    }
    m_audit->appendAll(events, {});
    QCOMPARE(m_audit->verifyChain().records, std::int64_t(450));
    QVERIFY(!m_audit->verifyChain().firstBrokenSequence);
    // What the retention purge does once the rows are in the archive: the rest still verifies from where it starts.
    auto session = m_database->session();
    *session << "DELETE FROM audit_log WHERE sequence <= 100", now;
    const auto rest = m_audit->verifyChain();
    QCOMPARE(rest.records, std::int64_t(350));
    QVERIFY(!rest.firstBrokenSequence);
    *session << "UPDATE audit_log SET target = 'another-patient' WHERE sequence = 250", now;
    QCOMPARE(m_audit->verifyChain().firstBrokenSequence, std::optional<std::int64_t>(250));
}

void TestCheckRecorder::receiptNumbersSortByTimeOfDay()
{
    using namespace std::chrono;
    // 2026-11-25 01:02:03.004 in Japan: 3,723,004 ms after midnight = 0x038cefc.
    const sys_time<milliseconds> instant = sys_days{year{2026} / 11 / 24} + hours(16) + minutes(2) + seconds(3) +
                                           milliseconds(4);
    const std::string first = core::newReceiptNumber(instant);
    QVERIFY2(QRegularExpression("^20261125-038cefc[0-9a-f]{9}$").match(QString::fromStdString(first)).hasMatch(),
             first.c_str());
    // Same millisecond: the counting number keeps them apart. Later: sorts after, so the index grows at its end.
    std::set<std::string> sameMillisecond{first};
    for (int i = 0; i < 1000; ++i) {
        sameMillisecond.insert(core::newReceiptNumber(instant));
    }
    QCOMPARE(sameMillisecond.size(), std::size_t(1001));
    QVERIFY(core::newReceiptNumber(instant + milliseconds(1)) > first);
    QVERIFY(core::newReceiptNumber(instant + hours(20)) > first);
}

QTEST_GUILESS_MAIN(TestCheckRecorder)
#include "TestCheckRecorder.moc"
