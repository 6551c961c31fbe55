// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/ReceptionService.h"

#include <QList>
#include <QString>

namespace oqs::client::core {

/// The counter's local memory of today's queries and results (D9): only what the counter needs, owner-only file
/// permissions, encrypted at rest, purged at the end of the day. Never holds the 医療等ID. Every save is durable
/// before it returns (a crash right after loses nothing).
class QueryStore {
public:
    virtual ~QueryStore() = default;

    /// Inserts or replaces the query with this id. Returns an empty string on success, else why the query could
    /// not be stored (disk full, permissions), in words for the clerk's status line.
    virtual QString save(const Query& query) = 0;
    /// Today's queries, oldest first; older days are purged first. An answered query may come back with only a
    /// summary of its answer (Query::answerIsSummary).
    virtual QList<Query> loadToday() = 0;
};

} // namespace oqs::client::core
