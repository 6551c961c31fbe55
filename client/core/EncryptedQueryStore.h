// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/QueryStore.h"
#include "core/StoreCipher.h"

#include <oqs/common/Date.h>

#include <functional>

namespace oqs::client::core {

/// QueryStore in one AES-256-GCM sealed file per JST day, `queries-YYYYMMDD.oqs`, in an owner-only directory
/// (threat model: resources/docs/client-local-data.md). Minimised content: a query that is still to be sent keeps
/// its request (it must be sent again); an answered one keeps only its status, receipt number, identifier and
/// times, and its details are re-fetched from the server by receipt number after a restart (D5). Every save
/// rewrites the day's file durably (DurableFile). Files of other days are deleted on load and on every save.
class EncryptedQueryStore : public QueryStore {
public:
    using TodayFunction = std::function<common::Date()>;

    /// `today` defaults to the JST date (tests inject another day to exercise the end-of-day purge).
    EncryptedQueryStore(QString directory, StoreCipher cipher, TodayFunction today = &common::Date::todayJst);

    QString save(const Query& query) override;
    QList<Query> loadToday() override;
    /// Why the last loadToday() could not read the day's file (altered, other key); empty if it could.
    QString loadProblem() const { return m_loadProblem; }
    /// Path of the day's file (tests check its permissions and that it holds no plain text).
    QString fileOf(const common::Date& day) const;

private:
    void purgeOtherDays(const common::Date& today);
    void switchDayIfNeeded();

    QString m_directory;
    StoreCipher m_cipher;
    TodayFunction m_today;
    common::Date m_day;
    QList<Query> m_queries; ///< the day's file content, as last written
    QString m_loadProblem;
};

} // namespace oqs::client::core
