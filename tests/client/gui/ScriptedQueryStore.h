// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/QueryStore.h"

namespace oqs::tests {

/// A QueryStore holding a day prepared by the test in memory: restore() brings it on screen without a server.
class ScriptedQueryStore : public client::core::QueryStore {
public:
    explicit ScriptedQueryStore(QList<client::core::Query> day) : m_day(std::move(day)) {}

    QString save(const client::core::Query& query) override
    {
        saved.append(query);
        return {};
    }
    QList<client::core::Query> loadToday() override { return m_day; }

    QList<client::core::Query> saved;

private:
    QList<client::core::Query> m_day;
};

} // namespace oqs::tests
