// SPDX-License-Identifier: Apache-2.0
#include "core/VerificationService.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <oqs/common/Validation.h>
#include <random>

using namespace oqs::common;

namespace oqs::server::core {
namespace {

/// Checks shared by both modes; fills the consultation date default (today, JST).
FieldErrors checkCommonFields(std::optional<Date>& consultationDate, const std::string& identifier, const Date& today)
{
    FieldErrors errors;
    if (!consultationDate) {
        consultationDate = today;
    } else if (auto reason = checkConsultationDate(*consultationDate, today)) {
        errors.push_back({"consultationDate", *reason});
    }
    if (identifier.size() > kMaxIdentifierBytes) {
        errors.push_back({"identifier", FieldReason::TooLong});
    }
    return errors;
}

/// The data freshness of D5: the newest update among the insurers of the rows the answer rests on.
std::string latestUpdate(const std::vector<StoredQualification>& rows)
{
    std::string latest;
    for (const auto& row : rows) {
        latest = std::max(latest, row.insurerDataUpdatedAt);
    }
    return latest;
}

Status certificateStatusOf(CertificateVerdict::Outcome outcome)
{
    switch (outcome) {
    case CertificateVerdict::Outcome::Expired:
        return Status::CertificateExpired;
    case CertificateVerdict::Outcome::Untrusted:
    case CertificateVerdict::Outcome::NotYetValid:
        return Status::CertificateUntrusted;
    case CertificateVerdict::Outcome::Trusted:
    case CertificateVerdict::Outcome::Malformed:
        break;
    }
    return Status::BadRequest;
}

} // namespace

std::string newReceiptNumber(std::chrono::system_clock::time_point now)
{
    static std::atomic<std::uint64_t> next{std::random_device{}() ^ (std::uint64_t(std::random_device{}()) << 32)};
    constexpr std::uint64_t kNumberMask = (std::uint64_t(1) << 36) - 1;
    char suffix[17];
    std::snprintf(suffix, sizeof suffix, "%07llx%09llx",
                  static_cast<unsigned long long>(Date::jstTimeOfDay(now).count()),
                  static_cast<unsigned long long>(next.fetch_add(1, std::memory_order_relaxed) & kNumberMask));
    return Date::jstDateOf(now).toCompact() + "-" + suffix;
}

VerificationService::VerificationService(QualificationRepository& qualifications, CertificateRepository& certificates,
                                         CheckHistoryRepository& history, const ReceiptSigner& signer,
                                         const CertificateVerifier& certificateVerifier, AuditRepository& audit,
                                         Clock clock)
    : m_qualifications(qualifications), m_certificates(certificates), m_history(history), m_signer(signer),
      m_certificateVerifier(certificateVerifier), m_audit(audit), m_clock(std::move(clock)), m_recorder(history, audit)
{
}

VerificationAnswer VerificationService::verifyInsuranceCard(const CheckContext& context,
                                                            InsuranceCardVerificationRequest request)
{
    const auto now = m_clock();
    const Date today = Date::jstDateOf(now);
    VerificationAnswer answer;
    answer.mode = VerificationMode::InsuranceCard;
    answer.identifier = request.identifier;

    FieldErrors errors = normalizeAndCheck(request.card);
    if (auto reason = checkBirthDate(request.birthDate, today)) {
        errors.push_back({"birthDate", *reason});
    }
    for (auto& error : checkCommonFields(request.consultationDate, request.identifier, today)) {
        errors.push_back(std::move(error));
    }
    answer.consultationDate = request.consultationDate;
    if (!errors.empty()) {
        answer.status = Status::BadRequest;
        answer.fieldErrors = std::move(errors);
        return finish(context, std::move(answer), now);
    }

    std::vector<StoredQualification> matching = m_qualifications.findByCard(request.card);
    // The birth date is a second factor: a wrong one must look exactly like a wrong number (D1, no oracle).
    std::erase_if(matching,
                  [&](const StoredQualification& row) { return row.qualification.birthDate != request.birthDate; });
    if (matching.empty()) {
        answer.status = Status::NotFound;
        return finish(context, std::move(answer), now);
    }
    answer.dataUpdatedAt = latestUpdate(matching);
    std::vector<StoredQualification> valid;
    std::copy_if(matching.begin(), matching.end(), std::back_inserter(valid), [&](const StoredQualification& row) {
        return isValidOn(row.qualification, *request.consultationDate);
    });
    if (!valid.empty()) {
        answer.status = valid.size() == 1 ? Status::Valid : Status::ValidMultiple;
        for (const auto& row : valid) {
            answer.qualifications.push_back(row.qualification);
        }
        return finish(context, std::move(answer), now);
    }
    // This number is no longer valid. Say whether the person holds a newer qualification, never which (D4).
    const auto personRows = m_qualifications.findByLinkage(matching.front().linkageNumber);
    const bool newerExists = std::any_of(personRows.begin(), personRows.end(), [&](const StoredQualification& row) {
        return row.qualification.card != request.card && isValidOn(row.qualification, *request.consultationDate);
    });
    answer.status = newerExists ? Status::InvalidNewerExists : Status::Invalid;
    answer.lostRecord = matching.front().qualification;
    return finish(context, std::move(answer), now);
}

VerificationAnswer VerificationService::verifyCertificate(const CheckContext& context,
                                                          const CertificateVerificationRequest& request,
                                                          const std::optional<CardCertificate>& certificate)
{
    const auto now = m_clock();
    const Date today = Date::jstDateOf(now);
    VerificationAnswer answer;
    answer.mode = VerificationMode::MyNumberCard;
    answer.identifier = request.identifier;
    std::optional<Date> consultationDate = request.consultationDate;
    FieldErrors errors = checkCommonFields(consultationDate, request.identifier, today);
    answer.consultationDate = consultationDate;

    const CertificateVerdict verdict = m_certificateVerifier.verify(certificate, now);
    if (verdict.outcome == CertificateVerdict::Outcome::Malformed) {
        errors.push_back({"certificate", FieldReason::InvalidValue});
    }
    if (!errors.empty()) {
        answer.status = Status::BadRequest;
        answer.fieldErrors = std::move(errors);
        return finish(context, std::move(answer), now);
    }
    if (verdict.outcome != CertificateVerdict::Outcome::Trusted) {
        answer.status = certificateStatusOf(verdict.outcome);
        return finish(context, std::move(answer), now);
    }
    if (m_certificates.isRevoked(verdict.serial)) {
        answer.status = Status::CertificateRevoked;
        return finish(context, std::move(answer), now);
    }
    const auto link = m_certificates.findLink(verdict.serial);
    if (link && link->superseded) { // renewed: the CA revokes the old certificate, the CRL may not list it yet
        answer.status = Status::CertificateRevoked;
        return finish(context, std::move(answer), now);
    }
    if (!link || link->linkageNumber.empty()) {
        answer.status = Status::LinkagePending;
        return finish(context, std::move(answer), now);
    }
    answerFromQualifications(answer, m_qualifications.findByLinkage(link->linkageNumber), *consultationDate);
    return finish(context, std::move(answer), now);
}

void VerificationService::answerFromQualifications(VerificationAnswer& answer,
                                                   const std::vector<StoredQualification>& rows, const Date& date)
{
    answer.dataUpdatedAt = latestUpdate(rows);
    for (const auto& row : rows) { // rows come newest first
        if (isValidOn(row.qualification, date)) {
            answer.qualifications.push_back(row.qualification);
        }
    }
    if (!answer.qualifications.empty()) {
        answer.status = answer.qualifications.size() == 1 ? Status::Valid : Status::ValidMultiple;
        return;
    }
    answer.status = Status::Invalid;
    if (!rows.empty()) {
        answer.lostRecord = rows.front().qualification;
    }
}

VerificationAnswer VerificationService::rejectRequest(const CheckContext& context, VerificationMode mode,
                                                      std::string identifier, FieldErrors errors)
{
    VerificationAnswer answer;
    answer.mode = mode;
    answer.status = Status::BadRequest;
    answer.identifier = identifier.size() <= kMaxIdentifierBytes ? std::move(identifier) : std::string();
    answer.fieldErrors = std::move(errors);
    return finish(context, std::move(answer), m_clock());
}

VerificationAnswer VerificationService::finish(const CheckContext& context, VerificationAnswer answer,
                                               std::chrono::system_clock::time_point now)
{
    answer.receiptNumber = newReceiptNumber(now);
    answer.checkedAt = formatJstTimestamp(now);
    answer.message = std::string(messageOf(answer.status, context.language));
    CheckReceipt receipt;
    receipt.receiptNumber = answer.receiptNumber;
    receipt.institutionCode = context.institutionCode;
    receipt.checkedAt = answer.checkedAt;
    receipt.status = answer.status;
    m_signer.sign(receipt);
    answer.receipt = std::move(receipt);
    m_recorder.record({context.institutionCode, context.clerkId, context.terminal, answer},
                      {context.clerkId, context.institutionCode, context.terminal,
                       "verify-" + std::string(toWire(answer.mode)), answer.receiptNumber,
                       std::string(toWire(answer.status))});
    return answer;
}

std::optional<VerificationAnswer> VerificationService::findByReceipt(const CheckContext& context,
                                                                     const std::string& receiptNumber)
{
    auto answer = m_history.findAnswer(context.institutionCode, receiptNumber);
    m_audit.append({context.clerkId, context.institutionCode, context.terminal, "fetch-receipt", receiptNumber,
                    answer ? "found" : "not-found"});
    return answer;
}

Result<HistoryPage> VerificationService::searchHistory(const CheckContext& context, HistoryQuery query)
{
    const Date today = Date::jstDateOf(m_clock());
    const Date earliest = today.addMonths(-kHistoryMonths);
    FieldErrors errors;
    if (query.from && *query.from < earliest) {
        errors.push_back({"from", FieldReason::TooOld});
    }
    if (query.to && *query.to > today) {
        errors.push_back({"to", FieldReason::FutureDate});
    }
    if (query.from && query.to && *query.from > *query.to) {
        errors.push_back({"to", FieldReason::InvalidValue});
    }
    if (query.limit < 1 || query.limit > kMaxHistoryPage) {
        errors.push_back({"limit", FieldReason::InvalidValue});
    }
    if (query.offset < 0) {
        errors.push_back({"offset", FieldReason::InvalidValue});
    }
    if (!errors.empty()) {
        return Error::badRequest(std::move(errors));
    }
    if (!query.from) {
        query.from = earliest;
    }
    auto page = m_history.search(context.institutionCode, query);
    m_audit.append({context.clerkId, context.institutionCode, context.terminal, "search-history",
                    query.from->toIso() + ".." + (query.to ? query.to->toIso() : today.toIso()),
                    std::to_string(page.total)});
    return page;
}

} // namespace oqs::server::core
