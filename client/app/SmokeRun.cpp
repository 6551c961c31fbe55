// SPDX-License-Identifier: Apache-2.0
#include "app/SmokeRun.h"

#include <QEventLoop>
#include <QTimer>

#include <iostream>

namespace oqs::client::app {

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
