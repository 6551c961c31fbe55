// SPDX-License-Identifier: Apache-2.0
#include "app/SmokeRun.h"
#include "core/ReceptionService.h"
#include "core/ServerClient.h"
#include "gui/MainWindow.h"

#include <oqs/common/Date.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QHostInfo>
#include <QProcessEnvironment>

#include <iostream>

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
    parser.addOptions({serverOption, pkcs12Option, serverCaOption, terminalOption, smokeOption});
    parser.process(application);

    const auto environment = QProcessEnvironment::systemEnvironment();
    core::ServerSettings settings;
    settings.baseUrl = QUrl(parser.value(serverOption));
    settings.pkcs12File = parser.value(pkcs12Option);
    // The PKCS#12 password comes from the environment so it never shows in the process list.
    settings.pkcs12Password = environment.value("OQS_PKCS12_PASSWORD");
    settings.serverCaFile = parser.value(serverCaOption);
    settings.terminalId = parser.isSet(terminalOption) ? parser.value(terminalOption) : QHostInfo::localHostName();

    core::ServerClient client;
    const QString problem = client.configure(settings);
    core::ReceptionService service(client, nullptr);

    if (parser.isSet(smokeOption)) {
        if (!problem.isEmpty()) {
            std::cerr << "smoke: " << problem.toStdString() << std::endl;
            return 2;
        }
        const auto request = parseSmokeCard(parser.value(smokeOption));
        if (!request) {
            std::cerr << "smoke: --smoke expects insurer,symbol,number,branch,YYYY-MM-DD" << std::endl;
            return 2;
        }
        return app::runSmoke(service, *request, settings.timeoutMs + 2000);
    }

    gui::MainWindow window(service, client, problem);
    window.show();
    return application.exec();
}
