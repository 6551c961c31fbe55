// SPDX-License-Identifier: Apache-2.0
#include "core/CardChallengeService.h"

#include "core/OpenSslHandles.h"

#include <openssl/err.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include <stdexcept>

using namespace oqs::common;

namespace oqs::server::core {
namespace {

/// How much of a challenge the audit log shows: enough to follow one through the log, useless to replay.
constexpr std::size_t kAuditedHexDigits = 16;

std::string hexOf(const std::string& bytes)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(bytes.size() * 2);
    for (const char byte : bytes) {
        const auto value = static_cast<unsigned char>(byte);
        hex += kDigits[value >> 4];
        hex += kDigits[value & 0x0F];
    }
    return hex;
}

std::int64_t secondsOf(std::chrono::system_clock::time_point instant)
{
    return std::chrono::duration_cast<std::chrono::seconds>(instant.time_since_epoch()).count();
}

enum class SignatureCheck { Matches, Mismatch, BadCertificate };

/// RSA PKCS#1 v1.5 over SHA-256 (what the JPKI AP's COMPUTE DIGITAL SIGNATURE makes of a SHA-256 DigestInfo), or
/// ECDSA with SHA-256 should a certificate carry an EC key: OpenSSL picks the scheme from the key.
SignatureCheck checkSignature(const std::optional<CardCertificate>& certificate, const std::string& message,
                              const std::string& signature)
{
    EVP_PKEY* key = certificate ? X509_get0_pubkey(certificate->get()) : nullptr;
    if (key == nullptr) {
        ERR_clear_error();
        return SignatureCheck::BadCertificate;
    }
    const OpenSslPtr<EVP_MD_CTX> context(EVP_MD_CTX_new());
    EVP_PKEY_CTX* keyContext = nullptr;
    bool matches = context && EVP_DigestVerifyInit(context.get(), &keyContext, EVP_sha256(), nullptr, key) == 1;
    if (matches && EVP_PKEY_base_id(key) == EVP_PKEY_RSA) {
        matches = EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PADDING) == 1;
    }
    matches = matches && EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                                          signature.size(), reinterpret_cast<const unsigned char*>(message.data()),
                                          message.size()) == 1;
    ERR_clear_error();
    return matches ? SignatureCheck::Matches : SignatureCheck::Mismatch;
}

} // namespace

CardChallengeService::CardChallengeService(CardChallengeRepository& challenges, AuditRepository& audit, Clock clock)
    : m_challenges(challenges), m_audit(audit), m_clock(std::move(clock))
{
}

CardChallenge CardChallengeService::issue(const CheckContext& context)
{
    std::string bytes(kChallengeBytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), int(bytes.size())) != 1) {
        throw std::runtime_error("no random bytes for a card challenge: " + takeOpenSslErrors());
    }
    const auto now = m_clock();
    const auto expiresAt = now + kLifetime;
    // Expired ones are dropped as new ones are issued: the table stays as small as the traffic of the last hour.
    m_challenges.purgeExpired(secondsOf(now - kKeptAfterExpiry));
    const std::string hex = hexOf(bytes);
    m_challenges.insert(hex, context.institutionCode, context.clerkId, secondsOf(expiresAt));
    audit(context, "issue-card-challenge", hex, "issued");
    return CardChallenge{std::move(bytes), formatJstTimestamp(expiresAt), int(kLifetime.count())};
}

FieldErrors CardChallengeService::check(const CheckContext& context, const CertificateVerificationRequest& request,
                                        const std::optional<CardCertificate>& certificate)
{
    FieldErrors errors;
    if (request.challenge.empty()) {
        errors.push_back({"challenge", FieldReason::Required});
    }
    if (request.signature.empty()) {
        errors.push_back({"signature", FieldReason::Required});
    }
    if (request.challenge.size() != kChallengeBytes && !request.challenge.empty()) {
        errors.push_back({"challenge", FieldReason::InvalidValue});
    }
    const std::string hex = hexOf(request.challenge);
    if (errors.empty()) {
        const auto now = secondsOf(m_clock());
        std::int64_t expiresAt = 0;
        switch (m_challenges.claim(hex, context.institutionCode, context.clerkId, now, expiresAt)) {
        case ChallengeClaim::Unknown:
            errors.push_back({"challenge", FieldReason::InvalidValue});
            break;
        case ChallengeClaim::AlreadyUsed:
            errors.push_back({"challenge", FieldReason::AlreadyUsed});
            break;
        case ChallengeClaim::Claimed:
            if (expiresAt < now) {
                errors.push_back({"challenge", FieldReason::Expired});
            }
            break;
        }
    }
    if (errors.empty()) {
        switch (checkSignature(certificate, request.challenge, request.signature)) {
        case SignatureCheck::Matches:
            break;
        case SignatureCheck::Mismatch:
            errors.push_back({"signature", FieldReason::SignatureMismatch});
            break;
        case SignatureCheck::BadCertificate:
            errors.push_back({"certificate", FieldReason::InvalidValue});
            break;
        }
    }
    audit(context, "check-card-challenge", hex,
          errors.empty() ? "accepted" : errors.front().field + ":" + std::string(toWire(errors.front().reason)));
    return errors;
}

void CardChallengeService::audit(const CheckContext& context, const std::string& action,
                                 const std::string& challengeHex, const std::string& result)
{
    m_audit.append({context.clerkId.empty() ? "-" : context.clerkId, context.institutionCode, context.terminal,
                    action, challengeHex.substr(0, kAuditedHexDigits), result});
}

} // namespace oqs::server::core
