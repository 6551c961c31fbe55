// SPDX-License-Identifier: Apache-2.0
#include "TestDatabase.h"
#include "batch/BatchError.h"
#include "batch/CrlImporter.h"
#include "ca/CertificateAuthority.h"
#include "core/RevocationRepository.h"

#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <atomic>
#include <fstream>
#include <thread>

using namespace oqs::server;

namespace {

using Clock = std::chrono::system_clock;

std::vector<ca::RevokedCertificate> entriesOf(const std::vector<std::string>& serials)
{
    std::vector<ca::RevokedCertificate> entries;
    for (const auto& serial : serials) {
        entries.push_back({serial, Clock::now() - std::chrono::hours(30)});
    }
    return entries;
}

ca::CrlOptions freshCrl()
{
    return {Clock::now() - std::chrono::minutes(1), Clock::now() + std::chrono::hours(24), 1};
}

void writeFile(const std::filesystem::path& path, std::string_view bytes)
{
    std::ofstream(path, std::ios::binary) << bytes;
}

void writeDer(const std::filesystem::path& path, const std::vector<std::uint8_t>& der)
{
    writeFile(path, std::string_view(reinterpret_cast<const char*>(der.data()), der.size()));
}

} // namespace

/// The revocation-list import (D12) on the configured database: atomic replacement, faults rejected whole.
class TestCrlImport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void crlDirectoryReplacesTheSetAtomically();
    void serialListReplacesTheSet();
    void faultRejectsTheWholeImport_data();
    void faultRejectsTheWholeImport();
    void checksSeeTheOldSetUntilTheSwap();

private:
    /// Puts {A1, A2, A3} in service through a serial-list import.
    void installInitialSet();
    std::filesystem::path dir(const char* name) const;

    std::optional<ca::CertificateAuthority> m_authority;
    std::unique_ptr<QTemporaryDir> m_temporary;
    std::unique_ptr<oqs::tests::TestDatabase> m_testDatabase;
    std::unique_ptr<core::Database> m_database;
    batch::JobProgress m_progress = batch::JobProgress::silent();
};

void TestCrlImport::initTestCase()
{
    m_authority = ca::CertificateAuthority::create("JPKI test CA");
}

void TestCrlImport::init()
{
    m_temporary = std::make_unique<QTemporaryDir>();
    QVERIFY(m_temporary->isValid());
    m_testDatabase = std::make_unique<oqs::tests::TestDatabase>(dir("db"));
    m_database = std::make_unique<core::Database>(m_testDatabase->config());
    m_database->migrate();
    qInfo("database: %s", m_testDatabase->dialectName().c_str());
}

void TestCrlImport::cleanup()
{
    m_database.reset();
    m_testDatabase.reset();
    m_temporary.reset();
}

std::filesystem::path TestCrlImport::dir(const char* name) const
{
    return std::filesystem::path(m_temporary->path().toStdString()) / name;
}

void TestCrlImport::installInitialSet()
{
    writeFile(dir("initial.txt"), "# initial\nA1,2026-01-02\na2\n\n00A3,2026-01-03\n");
    batch::CrlImporter importer(*m_database, {m_authority->certificatePem()});
    const auto report = importer.importSerialList(dir("initial.txt"), m_progress);
    QCOMPARE(report.serials, std::uint64_t(3));
}

void TestCrlImport::crlDirectoryReplacesTheSetAtomically()
{
    installInitialSet();
    core::RevocationRepository revocations(*m_database);
    const std::string slotBefore = revocations.active().activeSlot;
    QVERIFY(revocations.isRevoked("A1"));

    std::filesystem::create_directories(dir("crl"));
    writeDer(dir("crl") / "dp1.crl", m_authority->signCrlDer(entriesOf({"0B01", "0B02"}), freshCrl()));
    writeFile(dir("crl") / "dp2.pem", m_authority->signCrlPem(entriesOf({"0B03"}), freshCrl()));
    batch::CrlImporter importer(*m_database, {m_authority->certificatePem()});
    importer.setMaxShrink(-1);
    const auto report = importer.importCrlDirectory(dir("crl"), m_progress);

    QCOMPARE(report.files, std::uint64_t(2));
    QCOMPARE(report.serials, std::uint64_t(3));
    QCOMPARE(revocations.activeSerials(), (std::vector<std::string>{"B01", "B02", "B03"}));
    QVERIFY(revocations.isRevoked("B03"));
    QVERIFY(!revocations.isRevoked("A1"));
    const auto info = revocations.active();
    QVERIFY(info.activeSlot != slotBefore);
    QCOMPARE(info.source, std::string("crl:2 files"));
    QCOMPARE(info.serialCount, std::uint64_t(3));
}

void TestCrlImport::serialListReplacesTheSet()
{
    installInitialSet();
    core::RevocationRepository revocations(*m_database);
    QCOMPARE(revocations.activeSerials(), (std::vector<std::string>{"A1", "A2", "A3"}));
    writeFile(dir("next.txt"), "C1\r\nC2,2026-02-01\r\nC3\r\n");
    batch::CrlImporter importer(*m_database, {m_authority->certificatePem()});
    importer.importSerialList(dir("next.txt"), m_progress);
    QCOMPARE(revocations.activeSerials(), (std::vector<std::string>{"C1", "C2", "C3"}));
    QVERIFY(!revocations.isRevoked("A2"));
}

void TestCrlImport::faultRejectsTheWholeImport_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<QString>("reason");
    QTest::newRow("bad signature") << "bad-signature"
                                   << "bad signature";
    QTest::newRow("wrong CA") << "wrong-ca"
                              << "issuer is not a configured CA";
    QTest::newRow("truncated DER") << "truncated"
                                   << "not a DER X.509 CRL, or truncated";
    QTest::newRow("trailing bytes") << "trailing"
                                    << "bytes after the end of the CRL";
    QTest::newRow("not a CRL") << "garbage"
                               << "not a PEM X.509 CRL";
    QTest::newRow("stale CRL") << "stale"
                               << "stale CRL";
    QTest::newRow("not yet valid") << "future"
                                   << "thisUpdate is in the future";
    QTest::newRow("empty directory") << "empty"
                                     << "no CRL file";
    QTest::newRow("shrinks too much") << "shrink"
                                      << "more than the allowed shrink";
    QTest::newRow("serial list: bad serial") << "list-bad-serial"
                                             << "line 3: serial 'XYZ' is not hexadecimal";
    QTest::newRow("serial list: bad date") << "list-bad-date"
                                           << "line 2: revocation date '2026-02-30'";
    QTest::newRow("serial list: truncated") << "list-truncated"
                                            << "line 2: no final newline";
}

void TestCrlImport::faultRejectsTheWholeImport()
{
    QFETCH(QString, fault);
    QFETCH(QString, reason);
    installInitialSet();
    core::RevocationRepository revocations(*m_database);
    const auto before = revocations.active();
    const auto serialsBefore = revocations.activeSerials();

    // A good distribution point first, so that the fault strikes after the new set was partly built.
    const auto crlDir = dir("crl");
    std::filesystem::create_directories(crlDir);
    if (fault != "empty") {
        writeDer(crlDir / "dp1.crl", m_authority->signCrlDer(entriesOf({"D1", "D2", "D3", "D4"}), freshCrl()));
    }
    const auto good = m_authority->signCrlDer(entriesOf({"D5"}), freshCrl());
    const auto bad = crlDir / "dp2.crl";
    bool fromList = false;
    if (fault == "bad-signature") {
        const auto impostor = ca::CertificateAuthority::create("JPKI test CA"); // same name, other key
        writeDer(bad, impostor.signCrlDer(entriesOf({"D5"}), freshCrl()));
    } else if (fault == "wrong-ca") {
        writeDer(bad, ca::CertificateAuthority::create("Other CA").signCrlDer(entriesOf({"D5"}), freshCrl()));
    } else if (fault == "truncated") {
        writeDer(bad, std::vector<std::uint8_t>(good.begin(), good.begin() + std::ptrdiff_t(good.size() / 2)));
    } else if (fault == "trailing") {
        auto padded = good;
        padded.push_back(0);
        writeDer(bad, padded);
    } else if (fault == "garbage") {
        writeFile(bad, "-----BEGIN X509 CRL-----\nnot base64 at all\n-----END X509 CRL-----\n");
    } else if (fault == "stale") {
        writeDer(bad, m_authority->signCrlDer(entriesOf({"D5"}), {Clock::now() - std::chrono::hours(72),
                                                                  Clock::now() - std::chrono::hours(24), 1}));
    } else if (fault == "future") {
        writeDer(bad, m_authority->signCrlDer(entriesOf({"D5"}), {Clock::now() + std::chrono::hours(2),
                                                                  Clock::now() + std::chrono::hours(26), 1}));
    } else if (fault == "shrink") {
        std::filesystem::remove(crlDir / "dp1.crl");
        writeDer(bad, good); // one serial where three are in service
    } else if (fault == "list-bad-serial") {
        fromList = true;
        writeFile(dir("list.txt"), "E1\nE2\nXYZ\nE4\n");
    } else if (fault == "list-bad-date") {
        fromList = true;
        writeFile(dir("list.txt"), "E1\nE2,2026-02-30\n");
    } else if (fault == "list-truncated") {
        fromList = true;
        writeFile(dir("list.txt"), "E1\nE2");
    }

    batch::CrlImporter importer(*m_database, {m_authority->certificatePem()});
    try {
        if (fromList) {
            importer.importSerialList(dir("list.txt"), m_progress);
        } else {
            importer.importCrlDirectory(crlDir, m_progress);
        }
        QFAIL("the import was accepted");
    } catch (const batch::BatchError& error) {
        QVERIFY2(QString::fromUtf8(error.what()).contains(reason), error.what());
    }
    QCOMPARE(revocations.activeSerials(), serialsBefore);
    const auto after = revocations.active();
    QCOMPARE(after.activeSlot, before.activeSlot);
    QCOMPARE(after.source, before.source);
    QVERIFY(revocations.isRevoked("A2"));
    QVERIFY(!revocations.isRevoked("D1"));
}

void TestCrlImport::checksSeeTheOldSetUntilTheSwap()
{
    installInitialSet();
    std::vector<std::string> serials;
    for (int i = 0; i < 60'000; ++i) {
        serials.push_back("F" + std::to_string(100000 + i));
    }
    std::filesystem::create_directories(dir("crl"));
    writeDer(dir("crl") / "dp1.crl", m_authority->signCrlDer(entriesOf(serials), freshCrl()));

    // Every answer must come from one whole set: the old one (A1 revoked, F100000 not) or the new one.
    std::atomic<bool> done = false;
    std::atomic<int> mixed = 0;
    std::atomic<int> oldAnswers = 0;
    std::atomic<int> newAnswers = 0;
    std::thread importer([&] {
        batch::CrlImporter crlImporter(*m_database, {m_authority->certificatePem()});
        crlImporter.importCrlDirectory(dir("crl"), m_progress);
        done = true;
    });
    core::RevocationRepository revocations(*m_database);
    bool sawNew = false;
    while (!done) {
        // New first: a swap between the two reads then shows as "neither", while "both" means the old set returned.
        const bool newListed = revocations.isRevoked("F159999");
        const bool oldListed = revocations.isRevoked("A1");
        if (oldListed && !newListed) {
            ++oldAnswers;
            mixed += sawNew ? 1 : 0; // the old set must never come back after the new one was seen
        } else if (!oldListed && newListed) {
            ++newAnswers;
            sawNew = true;
        } else if (!oldListed && !newListed) {
            // the two reads straddled the swap; each read alone was consistent
            sawNew = true;
        } else {
            ++mixed;
        }
    }
    importer.join();
    qInfo("answers during the import: %d from the old set, %d from the new", oldAnswers.load(), newAnswers.load());
    QCOMPARE(mixed.load(), 0);
    QVERIFY(oldAnswers.load() > 0);
    QVERIFY(revocations.isRevoked("F100000"));
    QVERIFY(!revocations.isRevoked("A1"));
}

QTEST_GUILESS_MAIN(TestCrlImport)
#include "TestCrlImport.moc"
