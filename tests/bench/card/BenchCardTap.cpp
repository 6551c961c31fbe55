// SPDX-License-Identifier: Apache-2.0
#include "OqsServerProcess.h"
#include "VpcdCard.h"
#include "ca/CertificateAuthority.h"
#include "card/PcscCardReader.h"
#include "core/ServerClient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <vector>

using oqs::client::card::PcscCardReader;
using oqs::client::core::CardReader;
using oqs::client::core::ServerClient;
using oqs::client::core::ServerReply;
using oqs::tests::support::VirtualCardProfile;
using oqs::tests::support::VpcdCard;

namespace {

const QString kReader = QStringLiteral("Virtual PCD 00 00");
constexpr int kTaps = 20;
constexpr int kEventTimeoutMs = 10'000;

QString summary(std::vector<double> milliseconds)
{
    std::sort(milliseconds.begin(), milliseconds.end());
    const auto at = [&milliseconds](double q) {
        return milliseconds[static_cast<std::size_t>(q * static_cast<double>(milliseconds.size() - 1))];
    };
    return QStringLiteral("n=%1 min=%2 ms median=%3 ms p90=%4 ms max=%5 ms")
        .arg(milliseconds.size())
        .arg(milliseconds.front(), 0, 'f', 1)
        .arg(at(0.5), 0, 'f', 1)
        .arg(at(0.9), 0, 'f', 1)
        .arg(milliseconds.back(), 0, 'f', 1);
}

} // namespace

/// P4's card half: from the card entering the reader (the virtual card connecting to pcscd's vpcd) to the
/// certificate read, and to the server's answer from a local oqs-server over mutual TLS.
class BenchCardTap : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCOMPARE(m_server.prepare(30), QString());
        QFile properties(m_server.directory() + "/oqs-server.properties");
        QVERIFY(properties.open(QIODevice::Append));
        properties.write("\nservice.open = 00:00\nservice.close = 00:00\n");
        properties.close();
        QCOMPARE(m_server.start(), QString());
        QCOMPARE(m_client.configure(m_server.clientSettings()), QString());
        QCOMPARE(m_server.login(m_client), QString());
        const auto jpkiCa = oqs::server::ca::CertificateAuthority::load(
            (m_server.directory() + "/pki").toStdString(), "jpki-ca");
        m_profile.certificateDer = jpkiCa.issueJpkiUserCertificate("OQS TEST USER", {}).der;
    }

    void insertionToAnswer()
    {
        PcscCardReader reader;
        QSignalSpy inserted(&reader, &CardReader::cardInserted);
        QSignalSpy read(&reader, &CardReader::certificateRead);
        QSignalSpy removed(&reader, &CardReader::cardRemoved);
        QSignalSpy replied(&m_client, &ServerClient::replied);
        reader.start(kReader);
        std::vector<double> toDetection;
        std::vector<double> toCertificate;
        std::vector<double> toAnswer;
        QString lastStatus;
        for (int tap = 0; tap < kTaps; ++tap) {
            inserted.clear();
            read.clear();
            replied.clear();
            removed.clear();
            VpcdCard card(m_profile);
            QElapsedTimer timer;
            timer.start();
            QVERIFY(card.insert());
            QVERIFY(inserted.wait(kEventTimeoutMs));
            toDetection.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
            QVERIFY(read.count() > 0 || read.wait(kEventTimeoutMs));
            toCertificate.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
            const QByteArray der = read.first().first().toByteArray();
            oqs::common::CertificateVerificationRequest request;
            request.certificateDer.assign(der.begin(), der.end());
            m_client.verifyMyNumberCard(request);
            QVERIFY(replied.wait(kEventTimeoutMs));
            toAnswer.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
            const auto reply = replied.first().at(1).value<ServerReply>();
            QVERIFY(reply.answer.has_value());
            lastStatus = QString::fromLatin1(oqs::common::toWire(reply.answer->status).data());
            card.remove();
            QTRY_VERIFY_WITH_TIMEOUT(removed.count() > 0, kEventTimeoutMs);
        }
        reader.stop();
        qInfo().noquote() << "insertion -> pcscd reports the card:" << summary(toDetection);
        qInfo().noquote() << "insertion -> certificate read:" << summary(toCertificate);
        qInfo().noquote() << "insertion -> server answer (" + lastStatus + "):" << summary(toAnswer);
    }

private:
    oqs::tests::OqsServerProcess m_server;
    ServerClient m_client;
    VirtualCardProfile m_profile;
};

QTEST_GUILESS_MAIN(BenchCardTap)
#include "BenchCardTap.moc"
