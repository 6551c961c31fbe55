// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/Database.h"

#include <oqs/common/Messages.h>

#include <optional>
#include <span>
#include <string>

namespace oqs::server::core {

/// One processed check (B-2-1 #4/#6: failures included), as stored.
struct CheckRecord {
    std::string institutionCode;
    std::string clerkId;
    std::string terminal;
    common::VerificationAnswer answer;
};

/// The processing history. A check is answered only after its row is committed (CheckRecorder sees to that).
class CheckHistoryRepository {
public:
    explicit CheckHistoryRepository(Database& database) : m_database(database) {}

    /// Inserts one row per record on `session`, inside the caller's transaction (the caller commits).
    void insert(Poco::Data::Session& session, std::span<const CheckRecord> records);
    /// The stored answer for a receipt number, only within the asking institution.
    std::optional<common::VerificationAnswer> findAnswer(const std::string& institutionCode,
                                                         const std::string& receiptNumber);
    common::HistoryPage search(const std::string& institutionCode, const common::HistoryQuery& query);

private:
    Database& m_database;
};

} // namespace oqs::server::core
