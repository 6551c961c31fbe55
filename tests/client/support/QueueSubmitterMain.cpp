// SPDX-License-Identifier: Apache-2.0
// A reception client without a window, for TestQueueRestart: stores and sends one insurance-card query through the
// real EncryptedQueryStore and ReceptionService, prints "queued" once the query is on disk and keeps retrying
// until the test kills it (SIGKILL: no clean shutdown, exactly like a crash or a pulled plug).
#include "core/EncryptedQueryStore.h"
#include "core/ReceptionService.h"
#include "core/ServerClient.h"

#include <QCoreApplication>

#include <iostream>

using namespace oqs::client::core;

int main(int argc, char** argv)
{
    QCoreApplication application(argc, argv);
    const QStringList args = application.arguments();
    if (args.size() != 7) {
        std::cerr << "usage: queue-submitter URL PKCS12 CA DATA_DIR KEY_FILE insurer,symbol,number,branch,YYYY-MM-DD\n";
        return 2;
    }
    ServerSettings settings;
    settings.baseUrl = QUrl(args[1]);
    settings.pkcs12File = args[2];
    settings.pkcs12Password = QStringLiteral("demo");
    settings.serverCaFile = args[3];
    settings.timeoutMs = 2000;
    ServerClient client;
    if (const QString problem = client.configure(settings); !problem.isEmpty()) {
        std::cerr << problem.toStdString() << '\n';
        return 1;
    }
    QString problem;
    auto cipher = StoreCipher::fromKeyFile(args[5], problem);
    if (!cipher) {
        std::cerr << problem.toStdString() << '\n';
        return 1;
    }
    EncryptedQueryStore store(args[4], std::move(*cipher));
    ReceptionService service(client, &store);
    service.restore();

    const QStringList card = args[6].split(',');
    oqs::common::InsuranceCardVerificationRequest request;
    request.card = {card[0].toStdString(), card[1].toStdString(), card[2].toStdString(), card[3].toStdString()};
    request.birthDate = oqs::common::Date::parse(card[4].toStdString()).value_or(oqs::common::Date{});
    request.identifier = "PATIENT-42";
    service.submit(request);
    std::cout << "queued" << std::endl;
    return application.exec();
}
