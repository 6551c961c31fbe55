// SPDX-License-Identifier: Apache-2.0
#include "TestDatabase.h"
#include "batch/BatchError.h"
#include "batch/FeedFile.h"
#include "batch/FeedImporter.h"
#include "batch/FeedService.h"
#include "core/DatasetLoader.h"
#include "core/FeedRepository.h"
#include "core/QualificationRepository.h"

#include <Poco/Data/Session.h>
#include <Poco/Nullable.h>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <iterator>
#include <oqs/common/Csv.h>

using namespace oqs::server;
namespace common = oqs::common;
using Row = std::vector<std::string>;

namespace {

/// A data row of feed layout v1: a register record unless changed.
Row record(std::int64_t sequence, const std::string& insurer, const std::string& number,
           const std::string& operation = "register")
{
    return {std::to_string(sequence),
            operation,
            insurer,
            "記号",
            number,
            "01",
            "1980-04-01",
            "100000000000001",
            "試験 太郎",
            "シケン タロウ",
            "1",
            "1",
            "01",
            "2020-04-01",
            "",
            "2020-04-01",
            "",
            "30",
            "東京都千代田区",
            "試験 太郎",
            "試験株式会社"};
}

std::string feedText(const std::vector<Row>& data)
{
    std::vector<common::CsvRow> rows = {batch::FeedFile::columns()};
    rows.insert(rows.end(), data.begin(), data.end());
    rows.push_back({"END", std::to_string(data.size())});
    return common::writeCsv(rows, common::TextEncoding::Utf8).value();
}

std::string readText(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

/// The qualification feed (D11) from files and messages: order per insurer, idempotent re-send, per-record
/// results, versions kept, bad records and bad files.
class TestFeedImport : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void appliesRecordsAndWritesResults();
    void badRecordIsRejectedAndTheRestApplied_data();
    void badRecordIsRejectedAndTheRestApplied();
    void reSendingIsHarmless();
    void gapIsRejectedUntilFilled();
    void badFileIsRejectedWhole_data();
    void badFileIsRejectedWhole();
    void blankLinesByteOrderMarkAndMultiLineFields();
    void scanInPartsFindsWhatOneReadingFinds_data();
    void scanInPartsFindsWhatOneReadingFinds();
    void updateKeepsThePreviousVersion();
    void updateMovesTheQualificationToItsNewLinkageNumber();
    void updateOfAKeyStoredTwiceKeepsOneRow();
    void sameQualificationTwiceAppliesInSequenceOrder();
    void largeFileSpansSeveralStatements();
    void manyTransactionsApplyEachInsurerInOrder();
    void lookupReadAheadIsNotUsedOnceTheInsurerMoved();
    void serviceAppliesMessages();

private:
    batch::FeedImportReport import(const std::string& name, const std::string& bytes,
                                   std::size_t recordsPerTransaction = batch::FeedImporter::kRecordsPerTransaction);
    std::size_t countOf(const std::string& table);
    std::vector<std::string> resultLines(const batch::FeedImportReport& report);

    std::unique_ptr<QTemporaryDir> m_temporary;
    std::unique_ptr<oqs::tests::TestDatabase> m_testDatabase;
    std::unique_ptr<core::Database> m_database;
    std::string m_insurerA;
    std::string m_insurerB;
    batch::JobProgress m_progress = batch::JobProgress::silent();
};

void TestFeedImport::init()
{
    m_temporary = std::make_unique<QTemporaryDir>();
    m_testDatabase = std::make_unique<oqs::tests::TestDatabase>(m_temporary->path().toStdString() + "/db");
    m_database = std::make_unique<core::Database>(m_testDatabase->config());
    m_database->migrate();
    const dataset::SyntheticDataset dataset(1, common::Date::todayJst());
    core::loadSyntheticDataset(*m_database, dataset, 0); // the insurer master only
    m_insurerA = dataset.insurers().at(0).number;
    m_insurerB = dataset.insurers().at(1).number;
}

void TestFeedImport::cleanup()
{
    m_database.reset();
    m_testDatabase.reset();
    m_temporary.reset();
}

batch::FeedImportReport TestFeedImport::import(const std::string& name, const std::string& bytes,
                                              std::size_t recordsPerTransaction)
{
    const auto file = std::filesystem::path(m_temporary->path().toStdString()) / name;
    std::ofstream(file, std::ios::binary) << bytes;
    batch::FeedImporter importer(*m_database, std::filesystem::path(m_temporary->path().toStdString()) / "archive",
                                 recordsPerTransaction);
    return importer.importFile(file, m_progress);
}

std::size_t TestFeedImport::countOf(const std::string& table)
{
    auto session = m_database->session();
    int count = 0;
    *session << "SELECT COUNT(*) FROM " + table, Poco::Data::Keywords::into(count), Poco::Data::Keywords::now;
    return std::size_t(count);
}

std::vector<std::string> TestFeedImport::resultLines(const batch::FeedImportReport& report)
{
    std::vector<std::string> lines;
    const auto parsed = common::readCsv(readText(report.resultFile), common::TextEncoding::Utf8);
    if (!parsed) {
        return lines;
    }
    for (const auto& row : parsed.value()) {
        if (!row.fields.empty()) {
            std::string joined;
            for (const auto& field : row.fields) {
                joined += (joined.empty() ? "" : "|") + field;
            }
            lines.push_back(joined);
        }
    }
    return lines;
}

void TestFeedImport::appliesRecordsAndWritesResults()
{
    const std::string updatedBefore = core::QualificationRepository(*m_database).dataUpdatedAt(m_insurerA);
    // Insurer A's records arrive out of order within the file: they apply in sequence order.
    const auto report =
        import("feed-1.csv",
               feedText({record(2, m_insurerA, "1002"), record(1, m_insurerA, "1001"), record(1, m_insurerB, "2001")}));
    QCOMPARE(report.records, std::uint64_t(3));
    QCOMPARE(report.applied, std::uint64_t(3));
    QCOMPARE(resultLines(report),
             (std::vector<std::string>{"line|insurer_number|sequence|status|reason", "2|" + m_insurerA + "|2|applied|",
                                       "3|" + m_insurerA + "|1|applied|", "4|" + m_insurerB + "|1|applied|"}));
    const auto found = core::QualificationRepository(*m_database).findByCard({m_insurerA, "記号", "1002", "01"});
    QCOMPARE(found.size(), std::size_t(1));
    QCOMPARE(found[0].qualification.insurerSequence, std::int64_t(2));
    QCOMPARE(found[0].qualification.copaymentPercent, std::optional<int>(30));
    QCOMPARE(core::FeedRepository(*m_database).lastSequence(m_insurerA), std::int64_t(2));
    QCOMPARE(core::FeedRepository(*m_database).resultOf(m_insurerB, 1)->status, std::string("applied"));
    QVERIFY(core::QualificationRepository(*m_database).dataUpdatedAt(m_insurerA) != updatedBefore);
    const auto archived = std::filesystem::path(m_temporary->path().toStdString()) / "archive" /
                          common::Date::todayJst().toCompact() / "feed-1.csv";
    QVERIFY(std::filesystem::exists(archived));
}

void TestFeedImport::badRecordIsRejectedAndTheRestApplied_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("reason");
    QTest::newRow("bad birth date") << 6 << "1980-02-30"
                                    << "birth_date: invalid-date";
    QTest::newRow("unknown operation") << 1 << "upsert"
                                       << "operation: invalid-value";
    QTest::newRow("bad copayment") << 17 << "25"
                                   << "copayment_percent: invalid-value";
    QTest::newRow("bad branch") << 5 << "x1"
                                << "card_branch: not-digits";
    QTest::newRow("missing name") << 8 << ""
                                  << "name: required";
    QTest::newRow("short linkage number") << 7 << "12345"
                                          << "linkage_number: wrong-length";
    QTest::newRow("bad loss date") << 14 << "2021-13-01"
                                   << "loss_date: invalid-date";
    QTest::newRow("update of a missing one") << 1 << "update"
                                             << "no such qualification (card key and birth date)";
}

void TestFeedImport::badRecordIsRejectedAndTheRestApplied()
{
    QFETCH(int, column);
    QFETCH(QString, value);
    QFETCH(QString, reason);
    Row bad = record(2, m_insurerA, "1002");
    bad[std::size_t(column)] = value.toStdString();
    const auto report =
        import("feed.csv", feedText({record(1, m_insurerA, "1001"), bad, record(3, m_insurerA, "1003")}));
    QCOMPARE(report.applied, std::uint64_t(2));
    QCOMPARE(report.rejected, std::uint64_t(1));
    const auto lines = resultLines(report);
    QCOMPARE(lines.at(2), "3|" + m_insurerA + "|2|rejected|" + reason.toStdString());
    QCOMPARE(countOf("qualification"), std::size_t(2));
    QCOMPARE(core::FeedRepository(*m_database).lastSequence(m_insurerA), std::int64_t(3));
    QCOMPARE(core::FeedRepository(*m_database).resultOf(m_insurerA, 2)->reason, reason.toStdString());
}

void TestFeedImport::reSendingIsHarmless()
{
    const std::string text = feedText({record(1, m_insurerA, "1001"), record(2, m_insurerA, "1001")});
    const auto first = import("feed.csv", text);
    QCOMPARE(first.applied, std::uint64_t(1));
    QCOMPARE(first.rejected, std::uint64_t(1)); // the second registers the same card again
    const auto again = import("feed.csv", text);
    QCOMPARE(again.duplicates, std::uint64_t(2));
    QCOMPARE(again.applied, std::uint64_t(0));
    QCOMPARE(resultLines(again).at(1), "2|" + m_insurerA + "|1|duplicate|already processed: applied");
    QCOMPARE(countOf("qualification"), std::size_t(1));
    QCOMPARE(countOf("feed_result"), std::size_t(2));
}

void TestFeedImport::gapIsRejectedUntilFilled()
{
    import("feed-1.csv", feedText({record(1, m_insurerA, "1001")}));
    const auto gap = import("feed-3.csv", feedText({record(3, m_insurerA, "1003"), record(1, m_insurerB, "2001")}));
    QCOMPARE(gap.applied, std::uint64_t(1)); // insurer B is not held up by insurer A's gap
    QCOMPARE(resultLines(gap).at(1), "2|" + m_insurerA + "|3|rejected|sequence gap: expected 2");
    QCOMPARE(core::FeedRepository(*m_database).lastSequence(m_insurerA), std::int64_t(1));
    const auto filled = import("feed-2.csv", feedText({record(2, m_insurerA, "1002"), record(3, m_insurerA, "1003")}));
    QCOMPARE(filled.applied, std::uint64_t(2));
    QCOMPARE(core::FeedRepository(*m_database).lastSequence(m_insurerA), std::int64_t(3));
}

void TestFeedImport::badFileIsRejectedWhole_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<QString>("reason");
    QTest::newRow("truncated: no trailer") << "no-trailer"
                                           << "no trailer row END";
    QTest::newRow("truncated: trailer count") << "count"
                                              << "the trailer says 3 records, the file has 2";
    QTest::newRow("wrong header") << "header"
                                  << "line 1: the header is not feed layout v1";
    QTest::newRow("CP932 instead of UTF-8") << "cp932"
                                            << "rejected whole";
    QTest::newRow("unterminated quote") << "quote"
                                        << "rejected whole";
    QTest::newRow("empty file") << "empty"
                                << "line 1: the header";
    QTest::newRow("header only") << "header-only"
                                 << "line 1: no trailer row END";
}

void TestFeedImport::badFileIsRejectedWhole()
{
    QFETCH(QString, fault);
    QFETCH(QString, reason);
    std::string text = feedText({record(1, m_insurerA, "1001"), record(2, m_insurerA, "1002")});
    if (fault == "no-trailer") {
        text = text.substr(0, text.rfind("END"));
    } else if (fault == "count") {
        text.replace(text.rfind("END,2"), 5, "END,3");
    } else if (fault == "header") {
        text.replace(0, 8, "seq_no");
    } else if (fault == "cp932") {
        text = common::writeCsv({batch::FeedFile::columns(), record(1, m_insurerA, "1001"), {"END", "1"}},
                                common::TextEncoding::Cp932)
                   .value();
    } else if (fault == "quote") {
        text.insert(text.find("1001"), "\"");
    } else if (fault == "empty") {
        text.clear();
    } else if (fault == "header-only") {
        text = text.substr(0, text.find('\n') + 1) + "\r\n\r\n";
    }
    try {
        import("bad.csv", text);
        QFAIL("the file was accepted");
    } catch (const batch::BatchError& error) {
        QVERIFY2(QString::fromUtf8(error.what()).contains(reason), error.what());
    }
    QCOMPARE(countOf("qualification"), std::size_t(0));
    QCOMPARE(countOf("feed_result"), std::size_t(0));
    QCOMPARE(core::FeedRepository(*m_database).lastSequence(m_insurerA), std::int64_t(0));
    QVERIFY(!std::filesystem::exists(m_temporary->path().toStdString() + "/bad.csv.result.csv"));
}

void TestFeedImport::blankLinesByteOrderMarkAndMultiLineFields()
{
    // A BOM; a name in quotes spanning two lines (the lines after it count on); a blank line before the trailer,
    // which is a data row without fields; blank lines after the trailer, which are ignored.
    Row multiLine = record(2, m_insurerA, "1002");
    multiLine[8] = "試験\n花子";
    std::string text = feedText({record(1, m_insurerA, "1001"), multiLine, record(3, m_insurerA, "1003")});
    text.replace(text.rfind("END,3"), 5, "END,4");
    text.insert(text.rfind("END,4"), "\r\n");
    const auto report = import("feed-bom.csv", "\xEF\xBB\xBF" + text + "\r\n\r\n");
    QCOMPARE(report.records, std::uint64_t(4));
    QCOMPARE(report.applied, std::uint64_t(3));
    QCOMPARE(report.rejected, std::uint64_t(1));
    QCOMPARE(resultLines(report),
             (std::vector<std::string>{"line|insurer_number|sequence|status|reason", "2|" + m_insurerA + "|1|applied|",
                                       "3|" + m_insurerA + "|2|applied|", "5|" + m_insurerA + "|3|applied|",
                                       "6|||rejected|expected 21 fields, found 0"}));
    const auto found = core::QualificationRepository(*m_database).findByCard({m_insurerA, "記号", "1002", "01"});
    QCOMPARE(found.size(), std::size_t(1));
    QCOMPARE(found[0].qualification.name, std::string("試験\n花子"));
}

void TestFeedImport::scanInPartsFindsWhatOneReadingFinds_data()
{
    // Forty rows of two insurers with quoted fields that span lines and hold quotes, blank lines inside and after,
    // and bad rows; then the same file with faults at different places.
    const dataset::SyntheticDataset dataset(1, common::Date::todayJst());
    std::vector<Row> rows;
    for (int i = 1; i <= 40; ++i) {
        Row row = record(i, dataset.insurers().at(i % 3 == 0 ? 1 : 0).number, std::to_string(3000 + i));
        if (i % 4 == 0) {
            row[8] = "試験\n\"花子\"\n" + std::to_string(i);
        }
        if (i % 9 == 0) {
            row.resize(5); // a row with too few fields
        }
        rows.push_back(row);
    }
    const std::string good = feedText(rows);
    const auto blanked = [&](std::string text) {
        for (const char* at : {"3010,", "3020,", "3031,"}) {
            text.insert(text.rfind('\n', text.find(at)) + 1, "\r\n\r\n");
        }
        text.replace(text.rfind("END,40"), 6, "END,46");
        return text + "\r\n\n";
    };
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("expected"); // in the last thing found
    const auto add = [](const std::string& name, const std::string& text, const char* expected) {
        QTest::newRow(name.c_str()) << QByteArray::fromStdString(text) << QByteArray(expected);
    };
    add("good", good, "53 expected 21 fields, found 5");
    add("blank lines", blanked(good), "59 expected 21 fields, found 5"); // and six rows without fields
    for (const std::string number : {"3002", "3021", "3039"}) {
        std::string stray = good;
        stray.insert(stray.find(number) + 2, "\"");
        add("stray quote in " + number, stray, "quote inside an unquoted field");
        std::string unclosed = good;
        unclosed.insert(unclosed.find(number), "\"");
        add("quote opened before " + number, unclosed, "rejected whole: line ");
    }
    add("truncated", good.substr(0, good.find("3033")), "no trailer row");
    std::string miscounted = blanked(good);
    add("trailer count", miscounted.replace(miscounted.rfind("END,46"), 6, "END,45"), "the trailer says 45");
}

void TestFeedImport::scanInPartsFindsWhatOneReadingFinds()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, expected);
    const auto describe = [&](std::size_t parts) {
        std::vector<std::string> found;
        try {
            const auto file = batch::FeedFile::scan(text.toStdString(), "feed.csv", parts);
            for (const auto& row : file.rows) {
                found.push_back(std::to_string(row.line) + "@" + std::to_string(row.offset) + " " +
                                file.insurers.at(row.insurer));
            }
            for (const auto& rejection : file.unattributed) {
                found.push_back(std::to_string(rejection.line) + " " + rejection.reason);
            }
        } catch (const batch::BatchError& error) {
            found.push_back(error.what());
        }
        return found;
    };
    const auto whole = describe(1);
    QVERIFY2(QString::fromStdString(whole.back()).contains(QString::fromUtf8(expected)), whole.back().c_str());
    for (std::size_t parts = 2; parts <= 7; ++parts) {
        QCOMPARE(describe(parts), whole);
    }
}

void TestFeedImport::updateKeepsThePreviousVersion()
{
    Row lost = record(2, m_insurerA, "1001", "update");
    lost[14] = "2024-10-01"; // loss date
    import("feed.csv", feedText({record(1, m_insurerA, "1001"), lost}));
    const auto found = core::QualificationRepository(*m_database).findByCard({m_insurerA, "記号", "1001", "01"});
    QCOMPARE(found.size(), std::size_t(1));
    QCOMPARE(found[0].qualification.lossDate, common::Date::parse("2024-10-01"));
    // The loss date answers past-date checks; the replaced version stays for audit and corrections.
    QVERIFY(common::isValidOn(found[0].qualification, *common::Date::parse("2024-09-30")));
    QVERIFY(!common::isValidOn(found[0].qualification, *common::Date::parse("2024-10-01")));
    QCOMPARE(countOf("qualification_version"), std::size_t(1));
    auto session = m_database->session();
    std::string operation;
    Poco::Int64 by = 0;
    *session << "SELECT superseding_operation, superseded_by_sequence FROM qualification_version",
        Poco::Data::Keywords::into(operation), Poco::Data::Keywords::into(by), Poco::Data::Keywords::now;
    QCOMPARE(operation, std::string("update"));
    QCOMPARE(by, Poco::Int64(2));
}

void TestFeedImport::updateMovesTheQualificationToItsNewLinkageNumber()
{
    // An update rewrites the stored row in place; the linkage number is the one column of its indexes it may change.
    Row moved = record(2, m_insurerA, "1001", "update");
    moved[7] = "100000000000002";
    Row renamed = record(3, m_insurerA, "1001", "correct");
    renamed[7] = "100000000000002";
    renamed[8] = "試験 花子";
    const auto report = import("feed.csv", feedText({record(1, m_insurerA, "1001"), moved, renamed}));
    QCOMPARE(report.applied, std::uint64_t(3));
    core::QualificationRepository qualifications(*m_database);
    QVERIFY(qualifications.findByLinkage("100000000000001").empty());
    const auto found = qualifications.findByLinkage("100000000000002");
    QCOMPARE(found.size(), std::size_t(1));
    QCOMPARE(found[0].qualification.name, std::string("試験 花子"));
    QCOMPARE(found[0].qualification.insurerSequence, std::int64_t(3));
    QCOMPARE(qualifications.findByCard({m_insurerA, "記号", "1001", "01"}).size(), std::size_t(1));
    QCOMPARE(countOf("qualification_version"), std::size_t(2));
}

void TestFeedImport::updateOfAKeyStoredTwiceKeepsOneRow()
{
    // Rows loaded outside the feed may repeat a card key and birth date; the feed keeps one row per key: an update
    // rewrites one of them, and both old versions are kept.
    import("register.csv", feedText({record(1, m_insurerA, "1001")}));
    {
        const std::string columns =
            "linkage_number, insurer_number, card_symbol, card_number, card_branch, birth_date, card_category, "
            "relationship, name, name_kana, sex, address, insured_person_name, household_head, household_head_name, "
            "acquisition_date, loss_date, retiree_switch_date, benefit_start_date, benefit_end_date, card_valid_from, "
            "card_valid_to, copayment_percent, elderly_valid_from, elderly_valid_to, elderly_copayment_percent, "
            "office_name, insurer_sequence, updated_at";
        auto session = m_database->session();
        *session << "INSERT INTO qualification (" + columns + ") SELECT " + columns + " FROM qualification",
            Poco::Data::Keywords::now;
    }
    QCOMPARE(countOf("qualification"), std::size_t(2));
    Row lost = record(2, m_insurerA, "1001", "update");
    lost[14] = "2024-10-01";
    QCOMPARE(import("update.csv", feedText({lost})).applied, std::uint64_t(1));
    const auto found = core::QualificationRepository(*m_database).findByCard({m_insurerA, "記号", "1001", "01"});
    QCOMPARE(found.size(), std::size_t(1));
    QCOMPARE(found[0].qualification.lossDate, common::Date::parse("2024-10-01"));
    QCOMPARE(countOf("qualification_version"), std::size_t(2));
}

void TestFeedImport::sameQualificationTwiceAppliesInSequenceOrder()
{
    // One file changes the same qualification five times, out of order and with one record sent twice: each change
    // applies on top of the one before it, and every replaced version is kept.
    Row lost = record(2, m_insurerA, "1001", "update");
    lost[14] = "2024-10-01";
    Row corrected = record(3, m_insurerA, "1001", "correct");
    corrected[17] = "20";
    const Row deleted = record(4, m_insurerA, "1001", "delete");
    Row again = record(5, m_insurerA, "1001");
    again[8] = "試験 次郎";
    const auto report = import("feed.csv", feedText({again, corrected, record(1, m_insurerA, "1001"), deleted, lost,
                                                     corrected, record(1, m_insurerB, "1001")}));
    QCOMPARE(report.applied, std::uint64_t(6));
    QCOMPARE(report.duplicates, std::uint64_t(1));
    QCOMPARE(resultLines(report).at(6), "7|" + m_insurerA + "|3|duplicate|already processed: applied");
    const auto found = core::QualificationRepository(*m_database).findByCard({m_insurerA, "記号", "1001", "01"});
    QCOMPARE(found.size(), std::size_t(1));
    QCOMPARE(found[0].qualification.insurerSequence, std::int64_t(5));
    QCOMPARE(found[0].qualification.name, std::string("試験 次郎"));
    QCOMPARE(found[0].qualification.lossDate, std::optional<common::Date>());
    auto session = m_database->session();
    std::vector<std::string> operations;
    std::vector<Poco::Int64> replacedSequences;
    std::vector<Poco::Nullable<int>> copayments;
    *session << "SELECT superseding_operation, insurer_sequence, copayment_percent FROM qualification_version "
                "ORDER BY superseded_by_sequence",
        Poco::Data::Keywords::into(operations), Poco::Data::Keywords::into(replacedSequences),
        Poco::Data::Keywords::into(copayments), Poco::Data::Keywords::now;
    QCOMPARE(operations, (std::vector<std::string>{"update", "correct", "delete"}));
    QCOMPARE(replacedSequences, (std::vector<Poco::Int64>{1, 2, 3}));
    QCOMPARE(copayments.at(2).value(), 20); // the deleted version was the corrected one
    QCOMPARE(countOf("qualification"), std::size_t(2)); // and insurer B's own card 1001
}

void TestFeedImport::largeFileSpansSeveralStatements()
{
    // More records than one multi-row statement carries (RowBatch), on both dialects.
    constexpr int kRecords = 700;
    std::vector<Row> registers;
    std::vector<Row> losses;
    for (int i = 1; i <= kRecords; ++i) {
        registers.push_back(record(i, m_insurerA, std::to_string(100000 + i)));
        if (i % 2 == 0) {
            Row lost = record(kRecords + i / 2, m_insurerA, std::to_string(100000 + i), "update");
            lost[14] = "2024-10-01";
            losses.push_back(lost);
        }
    }
    QCOMPARE(import("registers.csv", feedText(registers)).applied, std::uint64_t(kRecords));
    QCOMPARE(import("registers.csv", feedText(registers)).duplicates, std::uint64_t(kRecords));
    QCOMPARE(import("losses.csv", feedText(losses)).applied, std::uint64_t(kRecords / 2));
    QCOMPARE(countOf("qualification"), std::size_t(kRecords));
    QCOMPARE(countOf("qualification_version"), std::size_t(kRecords / 2));
    QCOMPARE(countOf("feed_result"), std::size_t(kRecords + kRecords / 2));
    QCOMPARE(core::FeedRepository(*m_database).lastSequence(m_insurerA), std::int64_t(kRecords + kRecords / 2));
    const auto lostOne = core::QualificationRepository(*m_database).findByCard({m_insurerA, "記号", "100700", "01"});
    QCOMPARE(lostOne.at(0).qualification.lossDate, common::Date::parse("2024-10-01"));
    const auto keptOne = core::QualificationRepository(*m_database).findByCard({m_insurerA, "記号", "100699", "01"});
    QCOMPARE(keptOne.at(0).qualification.lossDate, std::optional<common::Date>());
}

void TestFeedImport::manyTransactionsApplyEachInsurerInOrder()
{
    // Twelve insurers, each its own transaction: more transactions than the import reads ahead of the database
    // workers. Records are interleaved across insurers and in reverse sequence order within each; one is bad.
    constexpr int kInsurers = 12;
    constexpr int kPerInsurer = 30;
    const dataset::SyntheticDataset dataset(1, common::Date::todayJst());
    std::vector<Row> rows;
    for (int sequence = kPerInsurer; sequence >= 1; --sequence) {
        for (int insurer = 0; insurer < kInsurers; ++insurer) {
            rows.push_back(record(sequence, dataset.insurers().at(std::size_t(insurer)).number,
                                  std::to_string(200000 + insurer * 100 + sequence)));
        }
    }
    const std::size_t badLine = 2 + 7 * kInsurers + 5; // insurer 5's record 23: header is line 1
    rows.at(badLine - 2)[6] = "1980-02-30";
    const auto report = import("many.csv", feedText(rows), kPerInsurer - 5);
    QCOMPARE(report.applied, std::uint64_t(kInsurers * kPerInsurer - 1));
    QCOMPARE(report.rejected, std::uint64_t(1));
    QCOMPARE(countOf("qualification"), std::size_t(kInsurers * kPerInsurer - 1));
    for (int insurer = 0; insurer < kInsurers; ++insurer) {
        QCOMPARE(core::FeedRepository(*m_database).lastSequence(dataset.insurers().at(std::size_t(insurer)).number),
                 std::int64_t(kPerInsurer));
    }
    // One result per record, in the order of the file.
    const auto lines = resultLines(report);
    QCOMPARE(lines.size(), rows.size() + 1);
    for (std::size_t line = 2; line < rows.size() + 2; ++line) {
        QVERIFY2(lines[line - 1].starts_with(std::to_string(line) + "|" + rows[line - 2][2] + "|" + rows[line - 2][0] +
                                             (line == badLine ? "|rejected|birth_date" : "|applied|")),
                 lines[line - 1].c_str());
    }
}

void TestFeedImport::lookupReadAheadIsNotUsedOnceTheInsurerMoved()
{
    // A file import looks up a transaction's rows before it writes; if another transaction changes the insurer in
    // between (here: deletes and registers the card again, so its row has a new id), the rows are read again.
    import("register.csv", feedText({record(1, m_insurerA, "1001")}));
    const auto batchOf = [&](std::vector<Row> rows) {
        std::vector<core::InsurerBatch> batches = {{m_insurerA, {}}};
        for (auto& row : rows) {
            batches[0].records.push_back(batch::FeedFile::parseRecord(std::move(row), 0));
        }
        return batches;
    };
    Row lost = record(4, m_insurerA, "1001", "update");
    lost[14] = "2024-10-01";
    auto later = batchOf({lost});
    core::FeedRepository repository(*m_database);
    auto lookup = repository.lookUp(later);
    repository.applyInsurerBatches(batchOf({record(2, m_insurerA, "1001", "delete"), record(3, m_insurerA, "1001")}),
                                   "meanwhile");
    const auto results = repository.applyInsurerBatches(std::move(later), "later", core::Durability::Immediate,
                                                        std::move(lookup));
    QCOMPARE(results.at(0).at(0).status, std::string("applied"));
    const auto found = core::QualificationRepository(*m_database).findByCard({m_insurerA, "記号", "1001", "01"});
    QCOMPARE(found.size(), std::size_t(1));
    QCOMPARE(found[0].qualification.lossDate, common::Date::parse("2024-10-01"));
    QCOMPARE(countOf("qualification_version"), std::size_t(2)); // the deleted row and the re-registered one
}

void TestFeedImport::serviceAppliesMessages()
{
    batch::FeedService service(*m_database);
    const Row row = record(1, m_insurerB, "3001");
    batch::FeedService::Fields fields;
    for (std::size_t i = 0; i < row.size(); ++i) {
        fields[batch::FeedFile::columns()[i]] = row[i];
    }
    const auto registered = service.registerQualification(fields);
    QCOMPARE(QString::fromStdString(registered.status + registered.reason), QString("applied"));
    QCOMPARE(service.registerQualification(fields).status, std::string("duplicate"));
    fields["sequence"] = "2";
    QCOMPARE(service.deleteQualification(fields).status, std::string("applied"));
    QCOMPARE(countOf("qualification"), std::size_t(0));
    fields["sequence"] = "x";
    QCOMPARE(service.correctQualification(fields).reason, std::string("sequence: not a positive number"));
    QCOMPARE(service.status(m_insurerB, 2)->status, std::string("applied"));
    QVERIFY(!service.status(m_insurerB, 3));
}

QTEST_GUILESS_MAIN(TestFeedImport)
#include "TestFeedImport.moc"
