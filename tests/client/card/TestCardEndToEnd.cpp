// SPDX-License-Identifier: Apache-2.0
#include "OqsServerProcess.h"
#include "VpcdCard.h"
#include "ca/CertificateAuthority.h"
#include "card/PcscCardReader.h"
#include "core/CardPinFlow.h"
#include "core/ServerClient.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using oqs::client::card::PcscCardReader;
using oqs::client::core::CardPinFlow;
using oqs::client::core::CardReader;
using oqs::client::core::ServerClient;
using oqs::client::core::ServerReply;
using oqs::common::Status;
using oqs::server::ca::CertificateAuthority;
using oqs::server::ca::IssueOptions;
using oqs::server::ca::Validity;
using oqs::tests::support::VirtualCardProfile;
using oqs::tests::support::VpcdCard;

Q_DECLARE_METATYPE(Status)

namespace {

const QString kReader = QStringLiteral("Virtual PCD 00 00");
constexpr int kEventTimeoutMs = 10'000;

/// Runs one statement with the sqlite3 shell on the server's database; returns its output, trimmed.
QString sqlite(const QString& database, const QString& statement)
{
    QProcess shell;
    shell.start(QStringLiteral("sqlite3"), {database, statement});
    shell.waitForFinished(10'000);
    return QString::fromUtf8(shell.readAllStandardOutput()).trimmed();
}

/// Adds `serial` to the revocation list in service, whichever layout the schema has (single table, or the
/// double-buffered slots of schema 10).
void revoke(const QString& database, const QString& serial)
{
    const QString slot = sqlite(database, QStringLiteral("SELECT active_slot FROM revocation_state"));
    const QString table = slot.isEmpty() ? QStringLiteral("revoked_certificate") : "revoked_serial_" + slot;
    sqlite(database, QStringLiteral("INSERT INTO %1 (serial, revoked_on) VALUES ('%2', date('now'))")
                         .arg(table, serial));
}

} // namespace

/// Card → PcscCardReader (real pcscd, virtual card) → ServerClient → the real oqs-server (mutual TLS, SQLite):
/// each answer type a card tap can produce, without PIN and in PIN mode (the card signs the server's challenge).
class TestCardEndToEnd : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCOMPARE(m_server.prepare(30), QString());
        // Open around the clock, so the answers do not depend on when the suite runs.
        QFile properties(m_server.directory() + "/oqs-server.properties");
        QVERIFY(properties.open(QIODevice::Append));
        properties.write("\nservice.open = 00:00\nservice.close = 00:00\n");
        properties.close();
        const QString database = m_server.directory() + "/oqs.db";
        // Serials linked to a person whose qualification is valid today: one stays valid, one gets revoked.
        const QStringList serials =
            sqlite(database, QStringLiteral("SELECT c.serial FROM card_certificate c JOIN qualification q "
                                            "ON q.linkage_number = c.linkage_number WHERE q.loss_date IS NULL "
                                            "AND (q.card_valid_to IS NULL OR q.card_valid_to >= "
                                            "date('now', '+9 hours')) GROUP BY c.serial ORDER BY c.serial LIMIT 2"))
                .split('\n', Qt::SkipEmptyParts);
        QCOMPARE(serials.size(), 2);
        m_validSerial = serials[0].toStdString();
        m_revokedSerial = serials[1].toStdString();
        revoke(database, serials[1]);
        QCOMPARE(m_server.start(), QString());
        QCOMPARE(m_client.configure(m_server.clientSettings()), QString());
        QCOMPARE(m_server.login(m_client), QString());

        m_jpkiCa = std::make_unique<CertificateAuthority>(
            CertificateAuthority::load((m_server.directory() + "/pki").toStdString(), "jpki-ca"));
        m_reader.start(kReader);
    }

    void answersEachCardTap_data()
    {
        QTest::addColumn<QString>("card");
        QTest::addColumn<Status>("expected");
        QTest::newRow("valid") << "valid" << Status::Valid;
        QTest::newRow("revoked") << "revoked" << Status::CertificateRevoked;
        QTest::newRow("expired") << "expired" << Status::CertificateExpired;
        QTest::newRow("untrusted issuer") << "untrusted" << Status::CertificateUntrusted;
        QTest::newRow("linkage pending") << "unlinked" << Status::LinkagePending;
        QTest::newRow("pulled mid-read") << "pulled" << Status::CardError;
        QTest::newRow("wrong card") << "other" << Status::CardError;
    }
    void answersEachCardTap()
    {
        QFETCH(QString, card);
        QFETCH(Status, expected);
        QSignalSpy read(&m_reader, &CardReader::certificateRead);
        QSignalSpy failed(&m_reader, &CardReader::readFailed);
        QSignalSpy removed(&m_reader, &CardReader::cardRemoved);
        VpcdCard virtualCard(profileFor(card));
        QVERIFY(virtualCard.insert());
        QTRY_VERIFY_WITH_TIMEOUT(read.count() + failed.count() > 0, kEventTimeoutMs);

        Status status = Status::CardError;
        if (read.count() == 1) {
            QSignalSpy replied(&m_client, &ServerClient::replied);
            const QByteArray der = read.first().first().toByteArray();
            oqs::common::CertificateVerificationRequest request;
            request.certificateDer.assign(der.begin(), der.end());
            request.identifier = "patient-" + card.toStdString();
            m_client.verifyMyNumberCard(request);
            QVERIFY(replied.wait(kEventTimeoutMs));
            const auto reply = replied.first().at(1).value<ServerReply>();
            QVERIFY2(reply.answer.has_value(), qPrintable(reply.detail));
            status = reply.answer->status;
            QCOMPARE(reply.answer->identifier, request.identifier);
            if (status == Status::ValidMultiple) {
                status = Status::Valid; // the person may hold several valid qualifications: both are "valid"
            }
        } else {
            const auto problem = failed.first().at(0).value<CardReader::Problem>();
            QCOMPARE(problem, card == "pulled" ? CardReader::Problem::RemovedMidRead : CardReader::Problem::NotJpki);
        }
        // Off the reader before the next row's card arrives, whatever the outcome.
        virtualCard.remove();
        QTRY_VERIFY_WITH_TIMEOUT(removed.count() > 0, kEventTimeoutMs);
        QCOMPARE(status, expected);
    }

    /// PIN mode: each row is a card with some tries left and what the patient types, in order ("!" = the clerk
    /// confirmed spending the last try, "cancel" = no PIN); `asked` is the tries left shown at each PIN request.
    void pinMode_data()
    {
        QTest::addColumn<int>("triesOnCard");
        QTest::addColumn<QStringList>("entries");
        QTest::addColumn<QList<int>>("asked");
        QTest::addColumn<Status>("expected");
        QTest::addColumn<CardReader::Problem>("problem");
        const auto none = CardReader::Problem::ReadFailed; // unused when the card signs
        QTest::newRow("correct PIN") << 3 << QStringList{"1234"} << QList<int>{3} << Status::Valid << none;
        QTest::newRow("wrong PIN: tries decrease, then right")
            << 3 << QStringList{"0000", "1111", "1234!"} << QList<int>{3, 2, 1} << Status::Valid << none;
        QTest::newRow("last try: refused until confirmed")
            << 1 << QStringList{"1234", "1234!"} << QList<int>{1, 1} << Status::Valid << none;
        QTest::newRow("last try wrong: blocked")
            << 1 << QStringList{"9999!"} << QList<int>{1} << Status::CardError << CardReader::Problem::PinBlocked;
        QTest::newRow("blocked card") << 0 << QStringList{} << QList<int>{} << Status::CardError
                                      << CardReader::Problem::PinBlocked;
        QTest::newRow("PIN not entered") << 3 << QStringList{"cancel"} << QList<int>{3} << Status::CardError
                                         << CardReader::Problem::PinAbandoned;
    }
    void pinMode()
    {
        QFETCH(int, triesOnCard);
        QFETCH(QStringList, entries);
        QFETCH(QList<int>, asked);
        QFETCH(Status, expected);
        QFETCH(CardReader::Problem, problem);

        CardPinFlow flow(m_reader, m_client);
        flow.setEnabled(true);
        QList<int> seen;
        connect(&flow, &CardPinFlow::pinNeeded, &flow, [&](int triesLeft, bool) {
            seen.append(triesLeft);
            if (entries.isEmpty()) {
                return;
            }
            const QString entry = entries.takeFirst();
            if (entry == "cancel") {
                flow.cancel();
            } else {
                flow.enterPin(entry.left(4), entry.endsWith('!'));
            }
        });
        QSignalSpy signedSpy(&m_reader, &CardReader::certificateSigned);
        QSignalSpy failed(&m_reader, &CardReader::readFailed);
        QSignalSpy removed(&m_reader, &CardReader::cardRemoved);
        VirtualCardProfile profile = profileFor("valid");
        profile.pinTriesLeft = triesOnCard;
        VpcdCard virtualCard(profile);
        QVERIFY(virtualCard.insert());
        QTRY_VERIFY_WITH_TIMEOUT(signedSpy.count() + failed.count() > 0, kEventTimeoutMs);

        Status status = Status::CardError;
        if (signedSpy.count() == 1) {
            QSignalSpy replied(&m_client, &ServerClient::replied);
            oqs::common::CertificateVerificationRequest request;
            request.certificateDer = signedSpy.first().at(0).toByteArray().toStdString();
            request.challenge = signedSpy.first().at(1).toByteArray().toStdString();
            request.signature = signedSpy.first().at(2).toByteArray().toStdString();
            request.identifier = "patient-pin";
            m_client.verifyMyNumberCard(request);
            QVERIFY(replied.wait(kEventTimeoutMs));
            const auto reply = replied.first().at(1).value<ServerReply>();
            QVERIFY2(reply.answer.has_value(), qPrintable(reply.detail));
            QVERIFY2(reply.answer->fieldErrors.empty(), reply.answer->message.c_str());
            status = reply.answer->status == Status::ValidMultiple ? Status::Valid : reply.answer->status;
        } else {
            QCOMPARE(failed.first().at(0).value<CardReader::Problem>(), problem);
        }
        virtualCard.remove();
        QTRY_VERIFY_WITH_TIMEOUT(removed.count() > 0, kEventTimeoutMs);
        flow.setEnabled(false);
        QCOMPARE(seen, asked);
        QVERIFY(entries.isEmpty());
        QCOMPARE(status, expected);
    }

    void cleanupTestCase() { m_reader.stop(); }

private:
    VirtualCardProfile profileFor(const QString& card) const
    {
        using oqs::common::Date;
        VirtualCardProfile profile;
        oqs::server::ca::IssuedCertificate issued;
        if (card == "valid" || card == "pulled") {
            issued = m_jpkiCa->issueJpkiUserCertificate("OQS TEST USER", IssueOptions{m_validSerial, std::nullopt});
        } else if (card == "revoked") {
            issued = m_jpkiCa->issueJpkiUserCertificate("OQS TEST USER", IssueOptions{m_revokedSerial, std::nullopt});
        } else if (card == "expired") {
            const Validity expired = Validity::fromDates(*Date::parse("2020-01-01"), *Date::parse("2024-12-31"));
            issued = m_jpkiCa->issueJpkiUserCertificate("OQS TEST USER", IssueOptions{m_validSerial, expired});
        } else if (card == "untrusted") {
            issued = CertificateAuthority::create("OQS ROGUE JPKI CA", oqs::server::ca::KeyType::Rsa2048)
                         .issueJpkiUserCertificate("OQS TEST USER", IssueOptions{m_validSerial, std::nullopt});
        } else {
            // "unlinked": a fresh random serial that no linkage row knows; "other": never read.
            issued = m_jpkiCa->issueJpkiUserCertificate("OQS TEST USER", {});
        }
        profile.certificateDer = issued.der;
        profile.privateKeyPem = issued.privateKeyPem; // PIN mode signs with it
        profile.kind = card == "other" ? VirtualCardProfile::Kind::NotJpki : VirtualCardProfile::Kind::Jpki;
        if (card == "pulled") {
            profile.pulledAfterReads = 1;
        }
        return profile;
    }

    oqs::tests::OqsServerProcess m_server;
    ServerClient m_client;
    PcscCardReader m_reader;
    std::unique_ptr<CertificateAuthority> m_jpkiCa;
    std::string m_validSerial;
    std::string m_revokedSerial;
};

QTEST_GUILESS_MAIN(TestCardEndToEnd)
#include "TestCardEndToEnd.moc"
