// SPDX-License-Identifier: Apache-2.0
#include "app/SmokeRun.h"

#include <QEventLoop>
#include <QTimer>

#include <iostream>

namespace oqs::client::app {

QString loginForSmoke(core::ServerClient& client, const QString& user, const QString& password, int timeoutMs)
{
    QEventLoop loop;
    QString problem = QStringLiteral("no answer");
    quint64 callId = 0;
    QObject::connect(&client, &core::ServerClient::replied, &loop, [&](quint64 id, const core::ServerReply& reply) {
        if (id != callId) {
            return;
        }
        if (reply.session) {
            client.setSessionToken(QString::fromStdString(reply.session->token));
            problem.clear();
        } else {
            problem = reply.error ? QString::fromStdString(std::string(common::toWire(reply.error->status)))
                                  : reply.detail;
        }
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    callId = client.login(user, password);
    loop.exec();
    return problem;
}

int runSmoke(core::ReceptionService& service, const common::InsuranceCardVerificationRequest& request, int timeoutMs)
{
    QEventLoop loop;
    quint64 queryId = 0;
    QObject::connect(&service, &core::ReceptionService::queryChanged, &loop, [&](quint64 id) {
        const core::Query* query = service.find(id);
        if (id != queryId || !query) {
            return;
        }
        if (query->state == core::Query::State::Answered || query->state == core::Query::State::Waiting) {
            loop.quit();
        }
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    queryId = service.submit(request);
    if (service.find(queryId)->state == core::Query::State::Sending) {
        loop.exec();
    }
    const core::Query* query = service.find(queryId);
    if (!query->answer) {
        std::cout << "smoke: no answer (" << query->lastProblem.toStdString() << ")" << std::endl;
        return 1;
    }
    const auto& answer = *query->answer;
    std::cout << "smoke: status=" << common::toWire(answer.status) << " receipt=" << answer.receiptNumber
              << " qualifications=" << answer.qualifications.size() << std::endl;
    return 0;
}

} // namespace oqs::client::app
