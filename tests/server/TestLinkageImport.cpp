// SPDX-License-Identifier: Apache-2.0
#include "TestDatabase.h"
#include "batch/BatchError.h"
#include "batch/BatchJobs.h"
#include "batch/FeedImporter.h"
#include "batch/LinkageFile.h"
#include "batch/LinkageImporter.h"
#include "core/CertificateRepository.h"
#include "core/DatasetLoader.h"
#include "core/LinkageRepository.h"
#include "simulator/LinkageSimulator.h"

#include <Poco/Data/Session.h>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <fstream>
#include <iterator>
#include <oqs/common/Csv.h>

using namespace oqs::server;
namespace common = oqs::common;
using Row = std::vector<std::string>;

namespace {

const QString kServer = QStringLiteral(OQS_BINARY_DIR "/server/oqs-server");
const std::string kLinkageA = "100000000000001";
const std::string kLinkageB = "100000000000002";

std::string fileText(core::LinkageKind kind, const std::vector<Row>& data)
{
    std::vector<common::CsvRow> rows = {batch::LinkageFile::columns(kind)};
    rows.insert(rows.end(), data.begin(), data.end());
    rows.push_back({"END", std::to_string(data.size())});
    return common::writeCsv(rows, common::TextEncoding::Utf8).value();
}

std::string serialText(const std::vector<Row>& data)
{
    return fileText(core::LinkageKind::SerialLinkage, data);
}

std::string renewalText(const std::vector<Row>& data)
{
    return fileText(core::LinkageKind::SerialRenewal, data);
}

std::string readText(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// "line|status|reason" per row of a result file, header included.
std::vector<std::string> resultLines(const std::filesystem::path& file)
{
    std::vector<std::string> lines;
    const auto parsed = common::readCsv(readText(file), common::TextEncoding::Utf8);
    for (const auto& row : parsed ? parsed.value() : std::vector<common::CsvRecord>{}) {
        std::string joined;
        for (const auto& field : row.fields) {
            joined += (joined.empty() ? "" : "|") + field;
        }
        lines.push_back(joined);
    }
    return lines;
}

} // namespace

/// Card-serial linkage files (feeds.md §3): serial + linkage number and old/new serial files, the acquisition record
/// log, bad rows and bad files, re-runs, the simulator's files over the synthetic dataset, and kill -9 mid-job.
class TestLinkageImport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void linksAnswerCertificateLookups();
    void renewalMovesTheLinkageToTheNewSerial();
    void badRowIsRejectedAndTheRestApplied_data();
    void badRowIsRejectedAndTheRestApplied();
    void badFileIsRejectedWhole_data();
    void badFileIsRejectedWhole();
    void reRunIsHarmless();
    void directoryRunTakesRenewalsLastAndArchives();
    void scheduledJobImportsTheInbox();
    void simulatorFilesGiveLinkedRenewedAndPendingCards();
    void killedImportLeavesEachFileWholeAndReRunCompletes();

private:
    std::filesystem::path path(const std::string& name) const;
    std::filesystem::path write(const std::string& name, const std::string& bytes);
    batch::LinkageImportReport import(const std::string& name, const std::string& bytes);
    std::int64_t countOf(const std::string& sql);
    std::string linkageOf(const std::string& serial);

    std::unique_ptr<QTemporaryDir> m_databaseDirectory;
    std::unique_ptr<QTemporaryDir> m_temporary; ///< the files of one test function
    std::unique_ptr<oqs::tests::TestDatabase> m_testDatabase;
    std::unique_ptr<core::Database> m_database;
    batch::JobProgress m_progress = batch::JobProgress::silent();
};

void TestLinkageImport::initTestCase()
{
    // One database for all functions (creating one costs seconds on PostgreSQL); init() empties its tables.
    m_databaseDirectory = std::make_unique<QTemporaryDir>();
    m_testDatabase = std::make_unique<oqs::tests::TestDatabase>(m_databaseDirectory->path().toStdString());
    m_database = std::make_unique<core::Database>(m_testDatabase->config());
    m_database->migrate();
}

void TestLinkageImport::cleanupTestCase()
{
    m_database.reset();
    m_testDatabase.reset();
    m_databaseDirectory.reset();
}

void TestLinkageImport::init()
{
    m_temporary = std::make_unique<QTemporaryDir>();
    auto session = m_database->session();
    for (const char* table : {"card_certificate", "card_certificate_superseded", "linkage_acquisition_log",
                              "qualification", "insurer", "revoked_serial_a", "revoked_serial_b", "batch_lock"}) {
        *session << std::string("DELETE FROM ") + table, Poco::Data::Keywords::now;
    }
}

std::filesystem::path TestLinkageImport::path(const std::string& name) const
{
    return std::filesystem::path(m_temporary->path().toStdString()) / name;
}

std::filesystem::path TestLinkageImport::write(const std::string& name, const std::string& bytes)
{
    std::filesystem::create_directories(path(name).parent_path());
    std::ofstream(path(name), std::ios::binary | std::ios::trunc) << bytes;
    return path(name);
}

batch::LinkageImportReport TestLinkageImport::import(const std::string& name, const std::string& bytes)
{
    return batch::LinkageImporter(*m_database, {}).importFile(write(name, bytes), m_progress);
}

std::int64_t TestLinkageImport::countOf(const std::string& sql)
{
    auto session = m_database->session();
    Poco::Int64 count = 0;
    *session << sql, Poco::Data::Keywords::into(count), Poco::Data::Keywords::now;
    return count;
}

/// The linkage number a card-mode check would use; "none" when the serial is unknown, "" when pending,
/// "superseded" when a renewal replaced it (the check answers certificate-revoked).
std::string TestLinkageImport::linkageOf(const std::string& serial)
{
    const auto link = core::CertificateRepository(*m_database).findLink(serial);
    return !link ? "none" : link->superseded ? "superseded" : link->linkageNumber;
}

void TestLinkageImport::linksAnswerCertificateLookups()
{
    // A person with one qualification: their insurer is the one the acquisition log bills.
    const dataset::SyntheticDataset dataset(1, common::Date::todayJst());
    const auto index = dataset.findPerson([](const dataset::Person& p) { return p.qualifications.size() == 1; });
    QVERIFY(index);
    core::loadSyntheticDataset(*m_database, dataset, *index + 1);
    const dataset::Person person = dataset.person(*index);
    const std::int64_t loaded = countOf("SELECT COUNT(*) FROM card_certificate");

    const auto report = import("linkage.csv", serialText({{"00ab12cd", person.linkageNumber}, {"EF01", kLinkageB}}));
    QCOMPARE(std::string(core::toString(report.kind)), std::string("serial-linkage"));
    QCOMPARE(report.applied, std::uint64_t(2));
    QCOMPARE(resultLines(report.resultFile),
             (std::vector<std::string>{"line|status|reason", "2|applied|", "3|applied|"}));
    // Stored in the form CertificateRepository looks up: upper-case hex without leading zeros.
    QCOMPARE(linkageOf("AB12CD"), person.linkageNumber);
    QCOMPARE(linkageOf("EF01"), kLinkageB);
    QCOMPARE(countOf("SELECT COUNT(*) FROM card_certificate"), loaded + 2);

    auto session = m_database->session();
    std::vector<std::string> kinds, serials, insurers, sources;
    std::vector<Poco::Int64> lines;
    *session << "SELECT kind, serial, COALESCE(insurer_number, '-'), source, line FROM linkage_acquisition_log "
                "ORDER BY line",
        Poco::Data::Keywords::into(kinds), Poco::Data::Keywords::into(serials), Poco::Data::Keywords::into(insurers),
        Poco::Data::Keywords::into(sources), Poco::Data::Keywords::into(lines), Poco::Data::Keywords::now;
    QCOMPARE(kinds, (std::vector<std::string>{"serial-linkage", "serial-linkage"}));
    QCOMPARE(serials, (std::vector<std::string>{"AB12CD", "EF01"}));
    QCOMPARE(insurers, (std::vector<std::string>{person.qualifications.front().card.insurerNumber, "-"}));
    QCOMPARE(sources, (std::vector<std::string>{"linkage.csv", "linkage.csv"}));
    QCOMPARE(lines, (std::vector<Poco::Int64>{2, 3}));

    const std::string month = common::Date::todayJst().toIso().substr(0, 7);
    const auto counts = core::LinkageRepository(*m_database).acquisitionCounts(month);
    QCOMPARE(counts.size(), std::size_t(2)); // one per insurer, the unknown one first
    QCOMPARE(counts[0].insurerNumber, std::string());
    QCOMPARE(counts[1].insurerNumber, person.qualifications.front().card.insurerNumber);
    QCOMPARE(counts[1].count, std::uint64_t(1));
    QCOMPARE(counts[1].acquiredOn, common::Date::todayJst().toIso());
    QVERIFY(core::LinkageRepository(*m_database).acquisitionCounts("2000-01").empty());
}

void TestLinkageImport::renewalMovesTheLinkageToTheNewSerial()
{
    import("serial.csv", serialText({{ "A1", kLinkageA }}));
    const auto renewal = import("renewal.csv", renewalText({{"a1", "B2"}}));
    QCOMPARE(std::string(core::toString(renewal.kind)), std::string("serial-renewal"));
    QCOMPARE(renewal.applied, std::uint64_t(1));
    QCOMPARE(linkageOf("B2"), kLinkageA);
    QCOMPARE(linkageOf("A1"), std::string("superseded")); // the old card no longer answers
    QCOMPARE(countOf("SELECT COUNT(*) FROM card_certificate WHERE serial = 'B2' AND previous_serial = 'A1'"), 1);
    QCOMPARE(countOf("SELECT COUNT(*) FROM card_certificate_superseded WHERE serial = 'A1' AND superseded_by = 'B2' "
                     "AND linkage_number = '" +
                     kLinkageA + "'"),
             1);
    QCOMPARE(countOf("SELECT COUNT(*) FROM linkage_acquisition_log WHERE kind = 'serial-renewal' AND serial = 'B2' "
                     "AND previous_serial = 'A1'"),
             1);

    // The old serial sent again later must not come back to life; a second renewal chains on.
    const auto again = import("serial-2.csv", serialText({{"A1", kLinkageA}, {"A1", kLinkageB}}));
    QCOMPARE(resultLines(again.resultFile),
             (std::vector<std::string>{"line|status|reason", "2|duplicate|already linked, since renewed to B2",
                                       "3|rejected|serial: renewed to B2, no longer in use"}));
    QCOMPARE(linkageOf("A1"), std::string("superseded"));
    const auto chained = import("renewal-2.csv", renewalText({{"B2", "C3"}, {"A1", "B2"}}));
    QCOMPARE(resultLines(chained.resultFile),
             (std::vector<std::string>{"line|status|reason", "2|applied|",
                                       "3|duplicate|already renewed (the new serial has since been renewed to C3)"}));
    QCOMPARE(linkageOf("C3"), kLinkageA);
    QCOMPARE(linkageOf("B2"), std::string("superseded"));
    QCOMPARE(countOf("SELECT COUNT(*) FROM linkage_acquisition_log"), 3);
}

void TestLinkageImport::badRowIsRejectedAndTheRestApplied_data()
{
    QTest::addColumn<bool>("renewal");
    QTest::addColumn<QString>("row");
    QTest::addColumn<QString>("reason");
    QTest::newRow("serial not hex") << false << "12G4," + QString::fromStdString(kLinkageA) << "serial: not-hex";
    QTest::newRow("serial with spaces") << false << "12 34," + QString::fromStdString(kLinkageA) << "serial: not-hex";
    QTest::newRow("serial missing") << false << "," + QString::fromStdString(kLinkageA) << "serial: required";
    QTest::newRow("serial zero") << false << "000," + QString::fromStdString(kLinkageA) << "serial: zero";
    QTest::newRow("serial over 20 bytes")
        << false << QString(41, 'A') + "," + QString::fromStdString(kLinkageA) << "serial: too-long";
    QTest::newRow("linkage 14 digits") << false << "ABCD,10000000000000"
                                       << "linkage_number: wrong-length";
    QTest::newRow("linkage not digits") << false << "ABCD,10000000000000X"
                                        << "linkage_number: not-digits";
    QTest::newRow("linkage missing") << false << "ABCD,"
                                     << "linkage_number: required";
    QTest::newRow("three fields") << false << "ABCD,100000000000001,x"
                                  << "expected 2 fields, found 3";
    QTest::newRow("unknown old serial") << true << "DEAD,BEEF"
                                        << "old_serial: unknown serial (never linked)";
    QTest::newRow("old serial pending") << true << "FACE,BEEF"
                                        << "old_serial: linkage pending, no linkage number to carry over";
    QTest::newRow("new serial taken") << true << "F00D,FACE"
                                      << "new_serial: already registered for another card";
    QTest::newRow("new same as old") << true << "F00D,0F00D"
                                     << "new_serial: same-as-old-serial";
    QTest::newRow("new serial not hex") << true << "F00D,XYZ"
                                        << "new_serial: not-hex";
}

void TestLinkageImport::badRowIsRejectedAndTheRestApplied()
{
    QFETCH(bool, renewal);
    QFETCH(QString, row);
    QFETCH(QString, reason);
    // F00D and CAFE are linked; FACE was sent by J-LIS but is not linked yet.
    import("setup.csv", serialText({{"F00D", kLinkageA}, { "CAFE", kLinkageB }}));
    {
        auto session = m_database->session();
        core::CertificateRepository::insertLink(*m_database, *session, {"FACE", ""}, "");
    }
    const std::int64_t logged = countOf("SELECT COUNT(*) FROM linkage_acquisition_log");
    const std::string good1 = renewal ? "CAFE,C1" : "0001," + kLinkageA;
    const std::string good2 = renewal ? "ACE,C2" : "0002," + kLinkageB;
    if (renewal) {
        import("setup-2.csv", serialText({{ "ACE", kLinkageA }}));
    }
    const std::string header = renewal ? "old_serial,new_serial" : "serial,linkage_number";
    const std::string text = header + "\r\n" + good1 + "\r\n" + row.toStdString() + "\r\n" + good2 + "\r\nEND,3\r\n";
    const auto report = import("rows.csv", text);
    QCOMPARE(report.applied, std::uint64_t(2));
    QCOMPARE(report.rejected, std::uint64_t(1));
    QCOMPARE(resultLines(report.resultFile).at(2), "3|rejected|" + reason.toStdString());
    QCOMPARE(countOf("SELECT COUNT(*) FROM linkage_acquisition_log"), logged + (renewal ? 3 : 2));
    if (renewal) {
        QCOMPARE(linkageOf("C1"), kLinkageB);
        QCOMPARE(linkageOf("C2"), kLinkageA);
        QCOMPARE(linkageOf("F00D"), kLinkageA); // the rejected row changed nothing
    } else {
        QCOMPARE(linkageOf("1"), kLinkageA);
        QCOMPARE(linkageOf("2"), kLinkageB);
    }
    QCOMPARE(linkageOf("FACE"), std::string());
}

void TestLinkageImport::badFileIsRejectedWhole_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<QString>("reason");
    QTest::newRow("truncated: no trailer") << "no-trailer"
                                           << "line 3: no trailer row END";
    QTest::newRow("truncated: cut mid-row") << "cut"
                                            << "no trailer row END";
    QTest::newRow("truncated: trailer count") << "count"
                                              << "line 4: the trailer says 3 rows, the file has 2";
    QTest::newRow("wrong header") << "header"
                                  << "line 1: the header is neither";
    QTest::newRow("CP932 instead of UTF-8") << "cp932"
                                            << "rejected whole";
    QTest::newRow("unterminated quote") << "quote"
                                        << "rejected whole";
    QTest::newRow("empty file") << "empty"
                                << "line 1: the header";
}

void TestLinkageImport::badFileIsRejectedWhole()
{
    QFETCH(QString, fault);
    QFETCH(QString, reason);
    std::string text = serialText({{"A1", kLinkageA}, {"A2", kLinkageB}});
    if (fault == "no-trailer") {
        text = text.substr(0, text.rfind("END"));
    } else if (fault == "cut") {
        text = text.substr(0, text.find(kLinkageB) + 4);
    } else if (fault == "count") {
        text.replace(text.rfind("END,2"), 5, "END,3");
    } else if (fault == "header") {
        text.replace(0, 6, "serial_no");
    } else if (fault == "cp932") {
        text = common::writeCsv(
                   {batch::LinkageFile::columns(core::LinkageKind::SerialLinkage), {"A1", "利用者"}, {"END", "1"}},
                   common::TextEncoding::Cp932)
                   .value();
    } else if (fault == "quote") {
        text.insert(text.find("A2"), "\"");
    } else if (fault == "empty") {
        text.clear();
    }
    const auto file = write("inbox/bad.csv", text);
    std::ostringstream log;
    try {
        batch::LinkageImporter(*m_database, path("archive")).importFiles({file}, m_progress, log);
        QFAIL("the file was accepted");
    } catch (const batch::BatchError& error) {
        QCOMPARE(QString::fromUtf8(error.what()), QString("files rejected whole: bad.csv"));
    }
    QVERIFY2(QString::fromStdString(log.str()).contains("bad.csv: rejected whole: "), log.str().c_str());
    QVERIFY2(QString::fromStdString(log.str()).contains(reason), log.str().c_str());
    QCOMPARE(countOf("SELECT COUNT(*) FROM card_certificate"), 0);
    QCOMPARE(countOf("SELECT COUNT(*) FROM linkage_acquisition_log"), 0);
    QVERIFY(!std::filesystem::exists(path("inbox/bad.csv.result.csv")));
    QVERIFY(std::filesystem::exists(file)); // left in the inbox for the operator, not archived
}

void TestLinkageImport::reRunIsHarmless()
{
    const std::string serials = serialText({{"A1", kLinkageA}, {"A2", kLinkageB}, {"A1", kLinkageA}});
    const auto first = import("serial.csv", serials);
    QCOMPARE(first.applied, std::uint64_t(2));
    QCOMPARE(first.duplicates, std::uint64_t(1)); // the same link twice in one file
    const auto renewalFirst = import("renewal.csv", renewalText({{"A2", "B2"}}));
    QCOMPARE(renewalFirst.applied, std::uint64_t(1));
    const std::int64_t logged = countOf("SELECT COUNT(*) FROM linkage_acquisition_log");
    QCOMPARE(logged, 3);

    const auto again = import("serial.csv", serials);
    QCOMPARE(again.applied, std::uint64_t(0));
    QCOMPARE(again.duplicates, std::uint64_t(3));
    QCOMPARE(resultLines(again.resultFile).at(1), std::string("2|duplicate|already linked"));
    QCOMPARE(resultLines(again.resultFile).at(2), std::string("3|duplicate|already linked, since renewed to B2"));
    const auto renewalAgain = import("renewal.csv", renewalText({{"A2", "B2"}}));
    QCOMPARE(renewalAgain.duplicates, std::uint64_t(1));
    QCOMPARE(resultLines(renewalAgain.resultFile).at(1), std::string("2|duplicate|already renewed"));
    QCOMPARE(countOf("SELECT COUNT(*) FROM linkage_acquisition_log"), logged);
    QCOMPARE(linkageOf("A1"), kLinkageA);
    QCOMPARE(linkageOf("A2"), std::string("superseded"));
    QCOMPARE(linkageOf("B2"), kLinkageB);
}

void TestLinkageImport::directoryRunTakesRenewalsLastAndArchives()
{
    // By name the renewal comes first, but it refers to a serial the other file links.
    write("inbox/a-renewal.csv", "\xEF\xBB\xBF" + renewalText({{"A1", "B1"}}));
    write("inbox/b-serial.csv", serialText({{"A1", kLinkageA}}));
    std::ostringstream log;
    const auto rows = batch::LinkageImporter(*m_database, path("archive"))
                          .importFiles(batch::FeedImporter::filesIn(path("inbox")), m_progress, log);
    QCOMPARE(rows, std::uint64_t(2));
    QVERIFY2(log.str().find("b-serial.csv (serial-linkage): 1 applied") < log.str().find("a-renewal.csv"),
             log.str().c_str());
    QCOMPARE(linkageOf("B1"), kLinkageA);
    const auto day = path("archive") / common::Date::todayJst().toCompact();
    QVERIFY(std::filesystem::exists(day / "a-renewal.csv"));
    QVERIFY(std::filesystem::exists(day / "b-serial.csv"));
    QVERIFY(!std::filesystem::exists(path("inbox/b-serial.csv")));
    QVERIFY(std::filesystem::exists(path("inbox/b-serial.csv.result.csv")));
}

void TestLinkageImport::scheduledJobImportsTheInbox()
{
    write("inbox/serial.csv", serialText({{"C1", kLinkageA}}));
    std::ostringstream log;
    const auto job = batch::BatchJobs::linkageImport(*m_database, path("inbox"), path("archive"), log);
    QCOMPARE(job.name, std::string("linkage-import"));
    QCOMPARE(job.every, std::chrono::minutes(15));
    const auto jst = [](int hour, int minute) {
        return std::chrono::sys_days(std::chrono::year(2026) / 11 / 25) + std::chrono::hours(hour - 9) +
               std::chrono::minutes(minute);
    };
    QCOMPARE(batch::BatchSchedule::allowedAt(job, jst(4, 30)), false); // the intermediate server's maintenance
    QCOMPARE(batch::BatchSchedule::allowedAt(job, jst(12, 0)), true);
    QCOMPARE(job.body(), std::uint64_t(1));
    QCOMPARE(linkageOf("C1"), kLinkageA);
    QVERIFY(std::filesystem::exists(path("archive") / common::Date::todayJst().toCompact() / "serial.csv"));
}

void TestLinkageImport::simulatorFilesGiveLinkedRenewedAndPendingCards()
{
    // The demo's order: the dataset, then persons beyond it arriving by the feed (here loaded directly), then
    // their linkage files.
    const dataset::SyntheticDataset dataset(7, common::Date::todayJst());
    core::loadSyntheticDataset(*m_database, dataset, 300);
    const simulator::LinkageSimulator simulator(dataset);

    const auto loaded = simulator.writeLinkageFiles(path("loaded"), {0, 300, 0, 0});
    QVERIFY(loaded.renewals > 0); // the dataset's own renewed cards
    std::ostringstream log;
    batch::LinkageImporter(*m_database, {}).importFiles(batch::FeedImporter::filesIn(path("loaded")), m_progress, log);
    // Consistent with what `dataset load` wrote: nothing to change, nothing contradicts.
    QVERIFY2(QString::fromStdString(log.str()).count(" 0 applied, 0 rejected") == 2, log.str().c_str());

    const auto report = simulator.writeLinkageFiles(path("new"), {300, 300, 5, 3});
    QVERIFY(report.linked && report.renewed && report.unlinked);
    QVERIFY(report.renewals >= 3);
    QVERIFY(report.pending >= 5);
    QCOMPARE(linkageOf(report.linked->serialHex), std::string("none"));
    std::ostringstream newLog;
    const auto rows = batch::LinkageImporter(*m_database, {})
                          .importFiles(batch::FeedImporter::filesIn(path("new")), m_progress, newLog);
    QCOMPARE(rows, report.links + report.renewals);
    QVERIFY2(QString::fromStdString(newLog.str()).count(" 0 rejected") == 2, newLog.str().c_str());
    QCOMPARE(linkageOf(report.linked->serialHex), dataset.person(report.linked->person).linkageNumber);
    QCOMPARE(linkageOf(report.renewed->serialHex), dataset.person(report.renewed->person).linkageNumber);
    QCOMPARE(linkageOf(report.renewed->replacedSerialHex), std::string("superseded"));
    QCOMPARE(linkageOf(report.unlinked->serialHex), std::string("none"));
    QCOMPARE(countOf("SELECT COUNT(*) FROM linkage_acquisition_log"), std::int64_t(report.links + report.renewals));
}

void TestLinkageImport::killedImportLeavesEachFileWholeAndReRunCompletes()
{
    QVERIFY2(QFile::exists(kServer), "oqs-server is not built");
    constexpr int kSmall = 300; // below the progress step: the first progress line is the large file's
    constexpr int kLarge = 8'000;
    std::vector<Row> small, large;
    for (int i = 0; i < kSmall; ++i) {
        small.push_back({"A" + std::to_string(1'000'000 + i), kLinkageA});
    }
    for (int i = 0; i < kLarge; ++i) {
        large.push_back({"B" + std::to_string(1'000'000 + i), std::to_string(200'000'000'000'000 + i)});
    }
    write("inbox/a-serial.csv", serialText(small));
    write("inbox/b-serial.csv", serialText(large));
    const auto& config = m_testDatabase->config();
    write("oqs.properties", "database.dialect = " + std::string(core::toString(config.dialect)) +
                                "\ndatabase.connection = " + config.connection + "\n");
    const QStringList arguments = {"batch",    "linkage-import",
                                   "--config", QString::fromStdString(path("oqs.properties").string()),
                                   "--dir",    QString::fromStdString(path("inbox").string())};

    QProcess victim;
    victim.setProcessChannelMode(QProcess::MergedChannels);
    victim.start(kServer, arguments);
    QVERIFY(victim.waitForStarted());
    QByteArray output;
    while (!output.contains("state=running") && victim.state() == QProcess::Running) {
        victim.waitForReadyRead(50);
        output += victim.readAll();
    }
    QVERIFY2(output.contains("a-serial.csv (serial-linkage): 300 applied") && !output.contains("b-serial.csv"),
             output.constData());
    ::kill(pid_t(victim.processId()), SIGKILL);
    QVERIFY(victim.waitForFinished());
    QCOMPARE(victim.exitStatus(), QProcess::CrashExit);
    // The first file wholly applied, the second not at all.
    QCOMPARE(countOf("SELECT COUNT(*) FROM card_certificate"), kSmall);
    QCOMPARE(countOf("SELECT COUNT(*) FROM linkage_acquisition_log"), kSmall);
    QVERIFY(!std::filesystem::exists(path("inbox/b-serial.csv.result.csv")));

    QProcess rerun;
    rerun.setProcessChannelMode(QProcess::MergedChannels);
    rerun.start(kServer, arguments);
    QVERIFY(rerun.waitForFinished(120'000));
    const QByteArray again = rerun.readAll();
    QVERIFY2(rerun.exitCode() == 0, again.constData());
    QVERIFY2(again.contains("a-serial.csv (serial-linkage): 0 applied, 0 rejected, 300 duplicates"), again.constData());
    QVERIFY2(again.contains("b-serial.csv (serial-linkage): 8000 applied, 0 rejected, 0 duplicates"),
             again.constData());
    QCOMPARE(countOf("SELECT COUNT(*) FROM card_certificate"), kSmall + kLarge);
    QCOMPARE(countOf("SELECT COUNT(*) FROM linkage_acquisition_log"), kSmall + kLarge);
    QCOMPARE(linkageOf("B1007999"), std::to_string(200'000'000'000'000 + kLarge - 1));
}

QTEST_GUILESS_MAIN(TestLinkageImport)
#include "TestLinkageImport.moc"
