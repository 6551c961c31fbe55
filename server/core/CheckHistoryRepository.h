// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/Database.h"

#include <oqs/common/Messages.h>

#include <optional>
#include <string>

namespace oqs::server::core {

/// One processed check (B-2-1 #4/#6: failures included), as stored.
struct CheckRecord {
    std::string institutionCode;
    std::string clerkId;
    std::string terminal;
    common::VerificationAnswer answer;
};

/// The processing history. Each record is one committed row: a check is answered only after it is stored.
class CheckHistoryRepository {
public:
    explicit CheckHistoryRepository(Database& database) : m_database(database) {}

    void record(const CheckRecord& record);
    /// The stored answer for a receipt number, only within the asking institution.
    std::optional<common::VerificationAnswer> findAnswer(const std::string& institutionCode,
                                                         const std::string& receiptNumber);
    common::HistoryPage search(const std::string& institutionCode, const common::HistoryQuery& query);

private:
    Database& m_database;
};

} // namespace oqs::server::core
