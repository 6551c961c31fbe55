// SPDX-License-Identifier: Apache-2.0
#include "VpcdCard.h"
#include "ca/CertificateAuthority.h"
#include "card/PcscCardReader.h"

#include <winscard.h>

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using oqs::client::card::PcscCardReader;
using oqs::client::core::CardReader;
using oqs::tests::support::VirtualCardProfile;
using oqs::tests::support::VpcdCard;

namespace {

const QString kReader = QStringLiteral("Virtual PCD 00 00");
constexpr int kEventTimeoutMs = 10'000;

bool runFixture(const QString& action)
{
    QProcess fixture;
    fixture.start(QStringLiteral(OQS_PCSCD_FIXTURE), {action});
    return fixture.waitForFinished(30'000) && fixture.exitStatus() == QProcess::NormalExit &&
           fixture.exitCode() == 0;
}

/// Inserts the card, retrying while pcscd's vpcd is not listening yet (just after pcscd started).
bool insertSoon(VpcdCard& card)
{
    for (int attempt = 0; attempt < 50; ++attempt) {
        if (card.insert()) {
            return true;
        }
        QTest::qWait(100);
    }
    return false;
}

} // namespace

class TestPcscCardReader : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        const auto ca = oqs::server::ca::CertificateAuthority::create("OQS TEST JPKI CA",
                                                                       oqs::server::ca::KeyType::Rsa2048);
        m_issued = ca.issueJpkiUserCertificate("OQS TEST USER", {});
    }

    void listsTheVirtualReaders()
    {
        PcscCardReader reader;
        const QStringList readers = reader.readers();
        QVERIFY2(readers.contains(kReader), qPrintable(readers.join(", ")));
        QVERIFY(readers.contains(QStringLiteral("Virtual PCD 00 01")));
    }

    void readsTheCertificateOnInsertion()
    {
        PcscCardReader reader;
        QSignalSpy readers(&reader, &CardReader::readersChanged);
        QSignalSpy inserted(&reader, &CardReader::cardInserted);
        QSignalSpy read(&reader, &CardReader::certificateRead);
        QSignalSpy removed(&reader, &CardReader::cardRemoved);
        QSignalSpy failed(&reader, &CardReader::readFailed);
        reader.start(kReader);
        QVERIFY(readers.wait(kEventTimeoutMs));
        QVERIFY(readers.first().first().toStringList().contains(kReader));

        VpcdCard card(profile());
        QVERIFY(card.insert());
        QVERIFY(read.wait(kEventTimeoutMs));
        QCOMPARE(inserted.count(), 1);
        const QByteArray der = read.first().first().toByteArray();
        QCOMPARE(std::vector<std::uint8_t>(der.begin(), der.end()), m_issued.der);

        card.remove();
        QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 1, kEventTimeoutMs);
        QCOMPARE(failed.count(), 0);

        // The same reader, a second tap: read again.
        VpcdCard again(profile());
        QVERIFY(again.insert());
        QVERIFY(read.wait(kEventTimeoutMs));
        QCOMPARE(inserted.count(), 2);
        again.remove();
        QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 2, kEventTimeoutMs);
        reader.stop();
    }

    void reportsCardProblems_data()
    {
        QTest::addColumn<bool>("notJpki");
        QTest::addColumn<int>("pulledAfterReads"); // -1: never
        QTest::addColumn<CardReader::Problem>("problem");
        QTest::newRow("not a My Number card") << true << -1 << CardReader::Problem::NotJpki;
        QTest::newRow("pulled mid-read") << false << 2 << CardReader::Problem::RemovedMidRead;
    }
    void reportsCardProblems()
    {
        QFETCH(bool, notJpki);
        QFETCH(int, pulledAfterReads);
        QFETCH(CardReader::Problem, problem);
        PcscCardReader reader;
        QSignalSpy failed(&reader, &CardReader::readFailed);
        QSignalSpy read(&reader, &CardReader::certificateRead);
        QSignalSpy removed(&reader, &CardReader::cardRemoved);
        reader.start(kReader);
        VirtualCardProfile wrong = profile();
        if (notJpki) {
            wrong.kind = VirtualCardProfile::Kind::NotJpki;
        }
        if (pulledAfterReads >= 0) {
            wrong.pulledAfterReads = pulledAfterReads;
        }
        VpcdCard card(wrong);
        QVERIFY(card.insert());
        QVERIFY(failed.wait(kEventTimeoutMs));
        const QString detail = failed.first().at(1).toString();
        QVERIFY2(failed.first().at(0).value<CardReader::Problem>() == problem, qPrintable(detail));
        QVERIFY(!detail.isEmpty());
        QCOMPARE(read.count(), 0);
        // The next test's card must not arrive before pcscd has seen this one leave.
        card.remove();
        QTRY_VERIFY_WITH_TIMEOUT(removed.count() > 0, kEventTimeoutMs); // it may have come already
        reader.stop();
    }

    void reportsASharingViolation()
    {
        VpcdCard card(profile());
        QVERIFY(card.insert());
        // Another application holds the card exclusively before the reader looks at it.
        SCARDCONTEXT context = 0;
        QCOMPARE(SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &context), SCARD_S_SUCCESS);
        SCARDHANDLE handle = 0;
        DWORD protocol = 0;
        const QByteArray name = kReader.toUtf8();
        LONG code = SCARD_E_NO_SMARTCARD;
        for (int attempt = 0; attempt < 50 && code != SCARD_S_SUCCESS; ++attempt) {
            QTest::qWait(100); // until pcscd has seen the card
            code = SCardConnect(context, name.constData(), SCARD_SHARE_EXCLUSIVE, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1,
                                &handle, &protocol);
        }
        QCOMPARE(code, SCARD_S_SUCCESS);

        PcscCardReader reader;
        QSignalSpy failed(&reader, &CardReader::readFailed);
        QSignalSpy removed(&reader, &CardReader::cardRemoved);
        reader.start(kReader);
        QVERIFY(failed.wait(kEventTimeoutMs));
        QCOMPARE(failed.first().at(0).value<CardReader::Problem>(), CardReader::Problem::ReadFailed);
        QVERIFY2(failed.first().at(1).toString().contains("SHARING_VIOLATION"),
                 qPrintable(failed.first().at(1).toString()));

        SCardDisconnect(handle, SCARD_LEAVE_CARD);
        SCardReleaseContext(context);
        card.remove();
        QTRY_VERIFY_WITH_TIMEOUT(removed.count() > 0, kEventTimeoutMs); // it may have come already
        reader.stop();
    }

    void reportsAndSurvivesAStoppedService()
    {
        PcscCardReader reader;
        QSignalSpy failed(&reader, &CardReader::readFailed);
        QSignalSpy readers(&reader, &CardReader::readersChanged);
        QSignalSpy read(&reader, &CardReader::certificateRead);
        reader.start(kReader);
        QVERIFY(readers.wait(kEventTimeoutMs));

        QVERIFY(runFixture(QStringLiteral("stop")));
        QVERIFY(failed.wait(kEventTimeoutMs));
        QCOMPARE(failed.last().at(0).value<CardReader::Problem>(), CardReader::Problem::NoService);
        QVERIFY(reader.readers().isEmpty());

        QVERIFY(runFixture(QStringLiteral("start")));
        QTRY_VERIFY_WITH_TIMEOUT(readers.last().first().toStringList().contains(kReader), kEventTimeoutMs);
        VpcdCard card(profile());
        QVERIFY(insertSoon(card));
        QVERIFY(read.wait(kEventTimeoutMs));
        QSignalSpy removed(&reader, &CardReader::cardRemoved);
        card.remove();
        QTRY_VERIFY_WITH_TIMEOUT(removed.count() > 0, kEventTimeoutMs); // it may have come already
        reader.stop();
    }

private:
    VirtualCardProfile profile() const
    {
        VirtualCardProfile card;
        card.certificateDer = m_issued.der;
        card.privateKeyPem = m_issued.privateKeyPem;
        return card;
    }

    oqs::server::ca::IssuedCertificate m_issued;
};

QTEST_GUILESS_MAIN(TestPcscCardReader)
#include "TestPcscCardReader.moc"
