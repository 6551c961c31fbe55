// SPDX-License-Identifier: Apache-2.0
// The real oqs-server binary under load: SIGTERM lets in-flight checks finish, and every answered check is in the
// history after a restart (no check answered but lost, none half-written).
#include "ApiClient.h"
#include "TestDatabase.h"
#include "TestPki.h"
#include "TestServer.h"

#include <Poco/Exception.h>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <csignal>
#include <fstream>
#include <oqs/common/JsonCodec.h>
#include <thread>

using namespace oqs;
using namespace oqs::common;

namespace {

constexpr const char* kServerBinary = OQS_BINARY_DIR "/server/oqs-server";
constexpr const char* kIdentifier = "SHUTDOWN-1";

std::string cardRequest()
{
    InsuranceCardVerificationRequest request;
    request.card = {"06130017", "12", "3456", "01"};
    request.birthDate = *Date::parse("1980-04-01");
    request.identifier = kIdentifier;
    return encode(request);
}

} // namespace

class TestServerShutdown : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sigtermFinishesInFlightAndLosesNoHistory();

private:
    /// Starts the binary; returns its port, or 0 when it did not report listening within 20 s.
    unsigned short start(QProcess& process);
    std::string login(tests::ApiClient& client);

    QTemporaryDir m_directory;
    std::unique_ptr<tests::TestPki> m_pki;
    std::unique_ptr<tests::TestDatabase> m_database;
    QString m_configFile;
};

void TestServerShutdown::initTestCase()
{
    QVERIFY(m_directory.isValid());
    const std::filesystem::path root = m_directory.path().toStdString();
    m_pki = std::make_unique<tests::TestPki>(root / "pki");
    m_database = std::make_unique<tests::TestDatabase>(root / "db");
    const auto& database = m_database->config();
    m_configFile = QString::fromStdString((root / "oqs-server.properties").string());
    std::ofstream config(m_configFile.toStdString());
    config << "server.port = 0\nservice.open = 00:00\nservice.close = 00:00\naccounts.kdfIterations = 1000\n"
           << "tls.certificate = " << m_pki->serverCertificateFile().string() << '\n'
           << "tls.privateKey = " << m_pki->serverKeyFile().string() << '\n'
           << "tls.institutionCa = " << m_pki->institutionCaFile().string() << '\n'
           << "tls.institutionCrl = " << m_pki->institutionCrlFile().string() << '\n'
           << "jpki.trustAnchors = " << m_pki->jpkiCaFile().string() << '\n'
           << "receipts.signingKey = " << m_pki->receiptKeyFile().string() << '\n'
           << "database.dialect = " << m_database->dialectName() << '\n'
           << "database.connection = " << database.connection << '\n'
           << "logging.loggers.root.level = warning\n";
    config.close();
    QProcess account;
    account.start(kServerBinary,
                  {"account", "add", "--config", m_configFile, "--institution", tests::TestPki::kInstitutionCode,
                   "--user", "night", "--password", tests::kClerkPassword, "--temporary", "no"});
    QVERIFY(account.waitForFinished(60'000));
    QCOMPARE(account.exitCode(), 0);
}

unsigned short TestServerShutdown::start(QProcess& process)
{
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(kServerBinary, {"--config-file=" + m_configFile});
    const QRegularExpression listening("listening on https://127\\.0\\.0\\.1:(\\d+)");
    QString output;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 20'000 && process.state() != QProcess::NotRunning) {
        process.waitForReadyRead(200);
        output += QString::fromUtf8(process.readAll());
        const auto match = listening.match(output);
        if (match.hasMatch()) {
            return static_cast<unsigned short>(match.captured(1).toUInt());
        }
    }
    qWarning("%s", qPrintable(output));
    return 0;
}

std::string TestServerShutdown::login(tests::ApiClient& client)
{
    const auto reply = client.post("/v1/sessions", encode(LoginRequest{"night", tests::kClerkPassword, ""}));
    const auto session = decode<SessionAnswer>(reply.body);
    return session ? session->token : std::string();
}

void TestServerShutdown::sigtermFinishesInFlightAndLosesNoHistory()
{
    QProcess server;
    const unsigned short port = start(server);
    QVERIFY(port != 0);
    tests::ApiClient first(*m_pki, port, m_pki->institution());
    const std::string token = login(first);
    QVERIFY(!token.empty());
    Poco::Net::NameValueCollection headers;
    headers.add("Authorization", "Bearer " + token);

    constexpr int kThreads = 4;
    std::atomic<int> answered = 0;
    std::atomic<int> wrong = 0;
    std::vector<std::thread> load;
    for (int t = 0; t < kThreads; ++t) {
        load.emplace_back([&, port] {
            try {
                tests::ApiClient client(*m_pki, port, m_pki->institution());
                for (;;) {
                    const auto reply = client.post("/v1/verifications/insurance-card", cardRequest(), headers);
                    ++(reply.status == 200 ? answered : wrong);
                }
            } catch (const Poco::Exception&) {
                // The server has stopped accepting: this client's load ends here.
            }
        });
    }
    QTRY_VERIFY_WITH_TIMEOUT(answered.load() >= 40, 20'000);
    ::kill(pid_t(server.processId()), SIGTERM);
    for (auto& thread : load) {
        thread.join();
    }
    QVERIFY(server.waitForFinished(20'000));
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.exitCode(), 0);
    QCOMPARE(wrong.load(), 0); // no 5xx, no torn answer while stopping

    QProcess restarted;
    const unsigned short again = start(restarted);
    QVERIFY(again != 0);
    tests::ApiClient client(*m_pki, again, m_pki->institution());
    headers.set("Authorization", "Bearer " + login(client));
    const auto page =
        decode<HistoryPage>(client.get(std::string("/v1/history?limit=1&identifier=") + kIdentifier, headers).body);
    QVERIFY(page.ok());
    QCOMPARE(page->total, answered.load());
    ::kill(pid_t(restarted.processId()), SIGTERM);
    QVERIFY(restarted.waitForFinished(20'000));
}

QTEST_GUILESS_MAIN(TestServerShutdown)
#include "TestServerShutdown.moc"
