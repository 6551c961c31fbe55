// SPDX-License-Identifier: Apache-2.0
#include "app/SmokeRun.h"
#include "card/PcscCardReader.h"
#include "core/ClientSettings.h"
#include "core/EncryptedQueryStore.h"
#include "core/ReceptionService.h"
#include "core/ServerClient.h"
#include "core/UiLanguage.h"
#include "gui/MainWindow.h"

#include <oqs/common/Date.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QHostInfo>
#include <QProcessEnvironment>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

#include <iostream>
#include <memory>

using namespace oqs::client;

namespace {

/// "insurer,symbol,number,branch,YYYY-MM-DD" → a request; nullopt if the shape is wrong (the server validates).
std::optional<oqs::common::InsuranceCardVerificationRequest> parseSmokeCard(const QString& text)
{
    const QStringList parts = text.split(',');
    if (parts.size() != 5) {
        return std::nullopt;
    }
    const auto birthDate = oqs::common::Date::parse(parts[4].toStdString());
    if (!birthDate) {
        return std::nullopt;
    }
    oqs::common::InsuranceCardVerificationRequest request;
    request.card = {parts[0].toStdString(), parts[1].toStdString(), parts[2].toStdString(), parts[3].toStdString()};
    request.birthDate = *birthDate;
    request.identifier = "SMOKE-1";
    return request;
}

/// The process's peak resident set (VmHWM) in KiB, from Linux's /proc; 0 where there is none.
long peakRssKib()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return 0;
    }
    for (QByteArray line = status.readLine(); !line.isEmpty(); line = status.readLine()) {
        if (line.startsWith("VmHWM:")) {
            return line.mid(6).trimmed().split(' ').front().toLong();
        }
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication application(argc, argv);
    QApplication::setApplicationName("oqs-reception");
    QApplication::setOrganizationName("OQS");

    QCommandLineParser parser;
    parser.setApplicationDescription("OQS reception client: online health-insurance qualification checks.");
    parser.addHelpOption();
    const QCommandLineOption serverOption("server", "Server base URL (https://…).", "url");
    const QCommandLineOption pkcs12Option("pkcs12", "Institution certificate and key (PKCS#12 file).", "file");
    const QCommandLineOption serverCaOption("server-ca", "CA certificate (PEM) that issued the server's.", "file");
    const QCommandLineOption terminalOption("terminal", "This counter's terminal ID.", "id");
    const QCommandLineOption smokeOption("smoke", "Check one card (insurer,symbol,number,branch,YYYY-MM-DD), print the "
                                                  "answer's status and exit.", "card");
    const QCommandLineOption dataDirOption(
        "data-dir", "Where today's queue and results are kept (encrypted; default: the user's app data folder).", "dir");
    const QCommandLineOption storeKeyOption(
        "store-key", "Key file of the local store (created on first run; default: the user's app config folder).",
        "file");
    const QCommandLineOption startupProbeOption(
        "startup-probe", "Start as usual but without the login, print 'window shown' and the peak memory as soon as "
                         "the main window is on screen, then exit (the client benchmark's cold-start probe).");
    parser.addOptions({serverOption, pkcs12Option, serverCaOption, terminalOption, smokeOption, dataDirOption,
                       storeKeyOption, startupProbeOption});
    parser.process(application);

    // Stored settings (the settings screen's) first; command-line options override them for this run.
    QSettings settingsStore;
    core::ClientSettings clientSettings = core::ClientSettings::load(settingsStore);
    core::ServerSettings& settings = clientSettings.server;
    if (parser.isSet(serverOption)) {
        settings.baseUrl = QUrl(parser.value(serverOption));
    }
    if (parser.isSet(pkcs12Option)) {
        settings.pkcs12File = parser.value(pkcs12Option);
    }
    if (parser.isSet(serverCaOption)) {
        settings.serverCaFile = parser.value(serverCaOption);
    }
    if (parser.isSet(terminalOption) || settings.terminalId.isEmpty()) {
        settings.terminalId = parser.isSet(terminalOption) ? parser.value(terminalOption) : QHostInfo::localHostName();
    }
    // The PKCS#12 password comes from the environment so it never shows in the process list.
    settings.pkcs12Password = QProcessEnvironment::systemEnvironment().value("OQS_PKCS12_PASSWORD");

    // Before anything says a word: the settings problems below and every window are in the chosen language.
    core::UiLanguage language;
    if (!language.install(clientSettings.language)) {
        std::cerr << "oqs-reception: the English catalogue is missing from this build; the screens stay Japanese"
                  << std::endl;
    }

    core::ServerClient client;
    const QString problem = client.configure(settings);

    if (parser.isSet(smokeOption)) {
        // The scripted check keeps nothing on disk: it must not mix with, or resend, a counter's real queue.
        core::ReceptionService service(client, nullptr);
        if (!problem.isEmpty()) {
            std::cerr << "smoke: " << problem.toStdString() << std::endl;
            return 2;
        }
        const auto request = parseSmokeCard(parser.value(smokeOption));
        if (!request) {
            std::cerr << "smoke: --smoke expects insurer,symbol,number,branch,YYYY-MM-DD" << std::endl;
            return 2;
        }
        // The server wants a clerk session (D7): the demo clerk's credentials come from the environment.
        const QString user = QProcessEnvironment::systemEnvironment().value("OQS_CLERK_USER");
        if (!user.isEmpty()) {
            const QString loginProblem = app::loginForSmoke(
                client, user, QProcessEnvironment::systemEnvironment().value("OQS_CLERK_PASSWORD"), settings.timeoutMs);
            if (!loginProblem.isEmpty()) {
                std::cerr << "smoke: login failed: " << loginProblem.toStdString() << std::endl;
                return 1;
            }
        }
        return app::runSmoke(service, *request, settings.timeoutMs + 2000);
    }

    // The key lives apart from the data (config vs. data folder) so that a copy of the data folder alone — a backup,
    // a support bundle — reveals nothing; see resources/docs/client-local-data.md for what this does not cover.
    const QString dataDir = parser.isSet(dataDirOption)
                                ? parser.value(dataDirOption)
                                : QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + "/queue";
    const QString keyFile = parser.isSet(storeKeyOption)
                                ? parser.value(storeKeyOption)
                                : QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + "/store.key";
    QString storeProblem;
    std::optional<core::StoreCipher> cipher = core::StoreCipher::fromKeyFile(keyFile, storeProblem);
    std::unique_ptr<core::EncryptedQueryStore> store;
    if (cipher) {
        store = std::make_unique<core::EncryptedQueryStore>(dataDir, std::move(*cipher));
    }
    core::ReceptionService service(client, store.get());
    card::PcscCardReader reader;
    gui::MainWindow window(service, client, problem, &reader);
    window.setSettings(clientSettings, &settingsStore);
    if (!store) {
        window.reportProblem(
            QObject::tr("鍵ファイルを使えないため、照会をこのパソコンに保存できません: %1").arg(storeProblem));
    }
    window.show();
    if (parser.isSet(startupProbeOption)) {
        // Queued behind the show and first paint events: runs once the window has been drawn.
        QTimer::singleShot(0, &application, [] {
            std::cout << "oqs-reception: window shown; peak RSS " << peakRssKib() << " KiB" << std::endl;
            QApplication::exit(0);
        });
        return application.exec();
    }
    if (problem.isEmpty()) {
        window.login();
    }
    service.restore();
    if (store && !store->loadProblem().isEmpty()) {
        window.reportProblem(QObject::tr("本日の保存データを読めません: %1").arg(store->loadProblem()));
    }
    return application.exec();
}
