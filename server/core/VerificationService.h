// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/AuditRepository.h"
#include "core/CertificateRepository.h"
#include "core/CertificateVerifier.h"
#include "core/CheckHistoryRepository.h"
#include "core/CheckRecorder.h"
#include "core/QualificationRepository.h"
#include "core/ReceiptSigner.h"

#include <oqs/common/Messages.h>
#include <oqs/common/Result.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace oqs::server::core {

/// Who is asking: the institution comes from its TLS certificate, the clerk from the session.
struct CheckContext {
    std::string institutionCode;
    std::string clerkId;
    std::string terminal;
    common::Language language = common::Language::Japanese;
};

using Clock = std::function<std::chrono::system_clock::time_point()>;

/// The verification rules of D1, D3, D4 and D5. Every answer it returns has been recorded in the check history
/// (failures included) and in the audit log, and carries a signed check receipt. Knows nothing of HTTP. Thread-safe.
class VerificationService {
public:
    VerificationService(QualificationRepository& qualifications, CertificateRepository& certificates,
                        CheckHistoryRepository& history, const ReceiptSigner& signer,
                        const CertificateVerifier& certificateVerifier, AuditRepository& audit, Clock clock);

    common::VerificationAnswer verifyInsuranceCard(const CheckContext& context,
                                                   common::InsuranceCardVerificationRequest request);
    /// `certificate`: request.certificateDer as CardCertificate::parse() found it.
    common::VerificationAnswer verifyCertificate(const CheckContext& context,
                                                 const common::CertificateVerificationRequest& request,
                                                 const std::optional<CardCertificate>& certificate);
    /// A request that could not even be decoded is still a check: recorded, with a receipt and its field errors.
    common::VerificationAnswer rejectRequest(const CheckContext& context, common::VerificationMode mode,
                                             std::string identifier, common::FieldErrors errors);
    /// A stored answer by receipt number, within the asking institution only (D5 re-fetch).
    std::optional<common::VerificationAnswer> findByReceipt(const CheckContext& context,
                                                            const std::string& receiptNumber);
    /// History of the asking institution, at most `historyMonths` back (D8).
    common::Result<common::HistoryPage> searchHistory(const CheckContext& context, common::HistoryQuery query);
    bool verifyReceipt(const common::CheckReceipt& receipt) const { return m_signer.verify(receipt); }

    static constexpr int kHistoryMonths = 5;
    static constexpr int kMaxHistoryPage = 500;

private:
    common::VerificationAnswer finish(const CheckContext& context, common::VerificationAnswer answer,
                                      std::chrono::system_clock::time_point now);
    void answerFromQualifications(common::VerificationAnswer& answer,
                                  const std::vector<StoredQualification>& qualifications, const common::Date& date);

    QualificationRepository& m_qualifications;
    CertificateRepository& m_certificates;
    CheckHistoryRepository& m_history;
    const ReceiptSigner& m_signer;
    const CertificateVerifier& m_certificateVerifier;
    AuditRepository& m_audit;
    Clock m_clock;
    CheckRecorder m_recorder; ///< last: its destructor commits queued checks while the repositories still exist
};

/// A new receipt number for a check made at `now`: the JST date, then 16 hex digits — the JST time of day in
/// milliseconds (7 digits) and a 36-bit number that starts at random in each server process and counts up — e.g.
/// "20261125-038cefc9f3a0c2b7". A day's receipts sort by time, so the history's index on them grows at its end: a
/// group commit writes one page of it instead of a page in a random place per check. Unique within a process by
/// construction; two instances collide only by drawing the same millisecond and number (odds 2^-36 per such pair).
std::string newReceiptNumber(std::chrono::system_clock::time_point now);

} // namespace oqs::server::core
