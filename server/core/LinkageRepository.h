// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/Database.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace oqs::server::core {

/// The two kinds of card-serial linkage information (紐付情報), also the kinds of the acquisition record log.
enum class LinkageKind {
    SerialLinkage, ///< serial + linkage number (シリアル番号＋紐付番号), daytime periodic
    SerialRenewal, ///< old + new serial (新旧シリアル番号), daily, when a card's certificate is renewed
};

/// "serial-linkage" or "serial-renewal".
std::string_view toString(LinkageKind kind);

/// One data row of a linkage file, field-checked; serials in canonical form (canonicalSerial).
struct LinkageRecord
{
    std::size_t line = 0;
    std::string serial;        ///< SerialLinkage: the serial; SerialRenewal: the new serial
    std::string linkageNumber; ///< SerialLinkage only: 15 digits
    std::string oldSerial;     ///< SerialRenewal only
    std::string rejection;     ///< "column: reason" when a field check failed; the row is then only reported
};

/// What processing one row did: status "applied", "rejected" or "duplicate", and why.
struct LinkageResult
{
    std::size_t line = 0;
    std::string status;
    std::string reason;
};

/// Acquisitions of one day, kind and insurer (the insurer of the linked person; empty when not known).
struct AcquisitionCount
{
    std::string acquiredOn; ///< YYYY-MM-DD, JST
    LinkageKind kind = LinkageKind::SerialLinkage;
    std::string insurerNumber;
    std::uint64_t count = 0;
};

/// All SQL of the card-serial linkage: card_certificate (live serials: serial → linkage number), the serials
/// replaced by a renewal (card_certificate_superseded), and the acquisition record log (取得記録ログ,
/// linkage_acquisition_log: one row per applied linkage, the basis of the serial-provision fee counts).
/// Thread-safe; the caller serialises imports (the batch lock).
class LinkageRepository
{
public:
    explicit LinkageRepository(Database& database) : m_database(database) {}

    /// Applies the rows of one file in line order in one transaction, with their acquisition log rows, so that a
    /// crash leaves the file wholly applied or not at all. Returns one result per record, in the same order.
    /// `progress` is called every few hundred rows with the number processed. Throws on database errors (then
    /// nothing is applied).
    std::vector<LinkageResult> applyFile(LinkageKind kind, const std::vector<LinkageRecord>& records,
                                         const std::string& source,
                                         const std::function<void(std::size_t done)>& progress = {});

    /// The acquisition record log counted by acquisition date, kind and insurer for `month` ("YYYY-MM"), ordered
    /// by date, kind and insurer.
    std::vector<AcquisitionCount> acquisitionCounts(const std::string& month);

private:
    Database& m_database;
};

} // namespace oqs::server::core
