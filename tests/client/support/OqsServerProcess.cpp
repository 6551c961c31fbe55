// SPDX-License-Identifier: Apache-2.0
#include "OqsServerProcess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>

namespace oqs::tests {
namespace {

/// The server of this build tree; OQS_TEST_SERVER_BINARY points the client tests at another build of it.
QString serverBinary()
{
    const QString configured = qEnvironmentVariable("OQS_TEST_SERVER_BINARY");
    return configured.isEmpty() ? QStringLiteral(OQS_BINARY_DIR "/server/oqs-server") : configured;
}
const QString kDemoProperties = QStringLiteral(OQS_SOURCE_DIR "/resources/demo/oqs-server.properties");
constexpr int kToolTimeoutMs = 60'000;
constexpr int kStartTimeoutMs = 15'000;
/// The institution of `ca init-demo`'s certificate (Tokyo, medical, with its D2 check digit).
const QString kDemoInstitutionCode = QStringLiteral("1312345676");

} // namespace

OqsServerProcess::OqsServerProcess() = default;

OqsServerProcess::~OqsServerProcess()
{
    stop();
}

QString OqsServerProcess::runTool(const QStringList& arguments, int timeoutMs)
{
    QProcess tool;
    tool.setProcessChannelMode(QProcess::MergedChannels);
    tool.start(serverBinary(), arguments);
    if (!tool.waitForFinished(timeoutMs) || tool.exitStatus() != QProcess::NormalExit || tool.exitCode() != 0) {
        return QStringLiteral("oqs-server %1 failed: %2").arg(arguments.join(' '), QString::fromUtf8(tool.readAll()));
    }
    return {};
}

QString OqsServerProcess::prepare(int persons)
{
    if (!m_dir.isValid()) {
        return QStringLiteral("no temporary directory");
    }
    const QString properties = m_dir.filePath("oqs-server.properties");
    if (!QFile::copy(kDemoProperties, properties)) {
        return QStringLiteral("cannot copy %1").arg(kDemoProperties);
    }
    // Open around the clock: the tests run at any hour (the demo keeps the default 08:00–21:00 JST).
    QFile append(properties);
    if (!append.setPermissions(QFile::ReadOwner | QFile::WriteOwner) || !append.open(QIODevice::Append) ||
        append.write("\nservice.open = 00:00\nservice.close = 00:00\n") <= 0) {
        return QStringLiteral("cannot write %1").arg(properties);
    }
    append.close();
    if (QString problem = runTool({"ca", "init-demo", m_dir.filePath("pki")}, kToolTimeoutMs); !problem.isEmpty()) {
        return problem;
    }
    if (QString problem = runTool({"dataset", "load", "--config", properties, "--persons", QString::number(persons),
                                   "--seed", "1"},
                                  kToolTimeoutMs);
        !problem.isEmpty()) {
        return problem;
    }
    return runTool({"account", "add", "--config", properties, "--institution", kDemoInstitutionCode, "--user",
                    kClerkUser, "--password", kClerkPassword, "--temporary", "no"},
                   kToolTimeoutMs);
}

QString OqsServerProcess::login(client::core::ServerClient& client) const
{
    QSignalSpy replied(&client, &client::core::ServerClient::replied);
    const quint64 callId = client.login(kClerkUser, kClerkPassword);
    while (replied.wait(10'000)) {
        for (const QList<QVariant>& arguments : std::as_const(replied)) {
            if (arguments.at(0).toULongLong() != callId) {
                continue;
            }
            const auto reply = arguments.at(1).value<client::core::ServerReply>();
            if (!reply.session) {
                return QStringLiteral("login refused: %1 %2").arg(reply.httpStatus).arg(reply.detail);
            }
            client.setSessionToken(QString::fromStdString(reply.session->token));
            return {};
        }
    }
    return QStringLiteral("no answer to the login");
}

QString OqsServerProcess::start()
{
    m_server = std::make_unique<QProcess>();
    m_server->setProcessChannelMode(QProcess::MergedChannels);
    m_server->start(serverBinary(), {"--config-file=" + m_dir.filePath("oqs-server.properties")});
    const QRegularExpression listening(QStringLiteral("^oqs-server: listening on (\\S+)"),
                                       QRegularExpression::MultilineOption);
    QByteArray output;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < kStartTimeoutMs) {
        if (!m_server->waitForReadyRead(200) && m_server->state() == QProcess::NotRunning) {
            break;
        }
        output += m_server->readAll();
        const auto match = listening.match(QString::fromUtf8(output));
        if (match.hasMatch()) {
            m_url = match.captured(1);
            return {};
        }
    }
    return QStringLiteral("oqs-server did not start: %1").arg(QString::fromUtf8(output));
}

void OqsServerProcess::stop()
{
    if (!m_server || m_server->state() == QProcess::NotRunning) {
        return;
    }
    m_server->terminate();
    if (!m_server->waitForFinished(5000)) {
        m_server->kill();
        m_server->waitForFinished(5000);
    }
}

client::core::ServerSettings OqsServerProcess::clientSettings() const
{
    client::core::ServerSettings settings;
    settings.baseUrl = QUrl(m_url);
    settings.pkcs12File = m_dir.filePath("pki/institution.p12");
    settings.pkcs12Password = QStringLiteral("demo");
    settings.serverCaFile = m_dir.filePath("pki/ca.pem");
    settings.terminalId = QStringLiteral("test-counter");
    settings.timeoutMs = 5000;
    return settings;
}

common::InsuranceCardVerificationRequest OqsServerProcess::validCardRequest(const std::string& identifier) const
{
    QProcess sqlite;
    sqlite.start("sqlite3", {"-separator", ",", m_dir.filePath("oqs.db"),
                             "SELECT insurer_number, card_symbol, card_number, card_branch, birth_date "
                             "FROM qualification WHERE loss_date IS NULL AND (card_valid_to IS NULL OR "
                             "card_valid_to >= date('now', '+9 hours')) ORDER BY id LIMIT 1"});
    sqlite.waitForFinished(10'000);
    const QStringList fields = QString::fromUtf8(sqlite.readAllStandardOutput()).trimmed().split(',');
    common::InsuranceCardVerificationRequest request;
    if (fields.size() == 5) {
        request.card = {fields[0].toStdString(), fields[1].toStdString(), fields[2].toStdString(),
                        fields[3].toStdString()};
        request.birthDate = common::Date::parse(fields[4].toStdString()).value_or(common::Date{});
    }
    request.identifier = identifier;
    return request;
}

} // namespace oqs::tests
