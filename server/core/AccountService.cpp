// SPDX-License-Identifier: Apache-2.0
#include "core/AccountService.h"

#include <algorithm>
#include <cctype>
#include <oqs/common/Date.h>
#include <oqs/common/Validation.h>

using namespace oqs::common;

namespace oqs::server::core {
namespace {

constexpr std::size_t kMinPasswordBytes = 10;
constexpr std::size_t kMaxPasswordBytes = 128;
constexpr std::size_t kMaxUserIdBytes = 32;
constexpr int kGeneratedPasswordBytes = 12;

Error unauthenticated()
{
    return Error{Status::Unauthenticated, {}, {}};
}

std::string lower(std::string text)
{
    std::ranges::transform(text, text.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return text;
}

} // namespace

bool isValidUserId(const std::string& userId)
{
    return !userId.empty() && userId.size() <= kMaxUserIdBytes && std::ranges::all_of(userId, [](unsigned char c) {
        return std::isalnum(c) || c == '.' || c == '_' || c == '-';
    });
}

FieldErrors checkPasswordPolicy(const std::string& userId, const std::string& current, const std::string& proposed)
{
    if (proposed.size() < kMinPasswordBytes || proposed.size() > kMaxPasswordBytes) {
        return {{"newPassword", FieldReason::WrongLength}};
    }
    const bool lowerCase = std::ranges::any_of(proposed, [](unsigned char c) { return std::islower(c); });
    const bool upperCase = std::ranges::any_of(proposed, [](unsigned char c) { return std::isupper(c); });
    const bool digit = std::ranges::any_of(proposed, [](unsigned char c) { return std::isdigit(c); });
    const bool other = std::ranges::any_of(proposed, [](unsigned char c) { return !std::isalnum(c); });
    const int classes = int(lowerCase) + int(upperCase) + int(digit) + int(other);
    const bool containsUser = !userId.empty() && lower(proposed).find(lower(userId)) != std::string::npos;
    if (classes < 3 || containsUser || proposed == current) {
        return {{"newPassword", FieldReason::InvalidValue}};
    }
    return {};
}

AccountService::AccountService(AccountRepository& accounts, AuditRepository& audit, AccountPolicy policy, Clock clock)
    : m_accounts(accounts), m_audit(audit), m_policy(policy), m_hasher(policy.kdfIterations), m_clock(std::move(clock))
{
}

void AccountService::audit(const std::string& institutionCode, const std::string& userId, const std::string& terminal,
                           const char* action, const char* result)
{
    m_audit.append({userId, institutionCode, terminal, action, userId, result});
}

std::int64_t AccountService::nowSeconds() const
{
    return std::chrono::duration_cast<std::chrono::seconds>(m_clock().time_since_epoch()).count();
}

SessionAnswer AccountService::sessionAnswer(const AccountRecord& account, const std::string& token,
                                            std::int64_t expiresAt) const
{
    SessionAnswer answer;
    answer.token = token;
    answer.userId = account.userId;
    answer.displayName = account.displayName;
    answer.institutionCode = account.institutionCode;
    answer.expiresAt = formatJstTimestamp(std::chrono::system_clock::time_point(std::chrono::seconds(expiresAt)));
    answer.mustChangePassword = account.mustChangePassword;
    return answer;
}

Result<SessionAnswer> AccountService::login(const std::string& institutionCode, const LoginRequest& request)
{
    FieldErrors errors;
    if (request.userId.empty()) {
        errors.push_back({"userId", FieldReason::Required});
    }
    if (request.password.empty()) {
        errors.push_back({"password", FieldReason::Required});
    }
    if (!errors.empty()) {
        return Error::badRequest(std::move(errors));
    }
    const auto account = m_accounts.find(institutionCode, request.userId);
    const std::int64_t now = nowSeconds();
    if (!account || account->kind != AccountKind::Clerk || account->lockedUntil > now) {
        audit(institutionCode, request.userId, request.terminal, "login", account ? "refused-locked" : "refused");
        return unauthenticated();
    }
    if (!PasswordHasher::verify(request.password, account->credentialHash)) {
        const int failures = m_accounts.recordFailure(institutionCode, request.userId, m_policy.lockAfterFailures,
                                                      now + m_policy.lockDuration.count());
        audit(institutionCode, request.userId, request.terminal, "login", failures == 0 ? "locked" : "refused");
        return unauthenticated();
    }
    m_accounts.clearFailures(institutionCode, request.userId);
    audit(institutionCode, request.userId, request.terminal, "login", "ok");
    const std::string token = PasswordHasher::randomToken();
    const std::int64_t expiresAt = now + m_policy.sessionLifetime.count();
    m_accounts.insertSession({PasswordHasher::hashSecret(token), institutionCode, request.userId, now, expiresAt});
    return sessionAnswer(*account, token, expiresAt);
}

Result<Principal> AccountService::authenticateSession(const std::string& institutionCode, const std::string& token)
{
    const auto session = m_accounts.findSession(PasswordHasher::hashSecret(token), nowSeconds());
    if (!session || session->institutionCode != institutionCode) {
        return unauthenticated();
    }
    return Principal{institutionCode, session->userId, AccountKind::Clerk, session->mustChangePassword};
}

Result<Principal> AccountService::authenticateMachine(const std::string& institutionCode, const std::string& userId,
                                                      const std::string& secret)
{
    const auto account = m_accounts.find(institutionCode, userId);
    if (!account || account->kind != AccountKind::Machine || !PasswordHasher::verify(secret, account->credentialHash)) {
        return unauthenticated();
    }
    return Principal{institutionCode, userId, AccountKind::Machine, false};
}

void AccountService::logout(const Principal& principal, const std::string& token)
{
    m_accounts.deleteSession(PasswordHasher::hashSecret(token));
    audit(principal.institutionCode, principal.userId, {}, "logout", "ok");
}

Result<SessionAnswer> AccountService::changePassword(const Principal& principal, const std::string& token,
                                                     const PasswordChangeRequest& request)
{
    auto account = m_accounts.find(principal.institutionCode, principal.userId);
    if (!account || account->kind != AccountKind::Clerk) {
        return unauthenticated();
    }
    const std::int64_t now = nowSeconds();
    if (account->lockedUntil > now || !PasswordHasher::verify(request.currentPassword, account->credentialHash)) {
        m_accounts.recordFailure(principal.institutionCode, principal.userId, m_policy.lockAfterFailures,
                                 now + m_policy.lockDuration.count());
        audit(principal.institutionCode, principal.userId, {}, "change-password", "refused");
        return unauthenticated();
    }
    FieldErrors errors = checkPasswordPolicy(account->userId, request.currentPassword, request.newPassword);
    if (!errors.empty()) {
        audit(principal.institutionCode, principal.userId, {}, "change-password", "policy");
        return Error::badRequest(std::move(errors));
    }
    audit(principal.institutionCode, principal.userId, {}, "change-password", "ok");
    m_accounts.setCredential(principal.institutionCode, principal.userId, m_hasher.hashPassword(request.newPassword),
                             false);
    account->mustChangePassword = false;
    const auto session = m_accounts.findSession(PasswordHasher::hashSecret(token), now);
    return sessionAnswer(*account, token, session ? session->expiresAt : now);
}

Result<CreatedAccount> AccountService::createAccount(const std::string& institutionCode, const std::string& userId,
                                                     const std::string& displayName, AccountKind kind,
                                                     const std::string& password, bool temporary)
{
    FieldErrors errors;
    if (checkMedicalInstitutionCode(institutionCode)) {
        errors.push_back({"institution", FieldReason::InvalidValue});
    }
    if (!isValidUserId(userId)) {
        errors.push_back({"userId", FieldReason::InvalidValue});
    }
    std::string credential = password;
    if (kind == AccountKind::Machine) {
        credential = PasswordHasher::randomToken();
    } else if (credential.empty()) {
        // Generated passwords carry all four character classes, so they always meet the policy.
        credential = PasswordHasher::randomToken(kGeneratedPasswordBytes) + "a1A-";
    } else {
        for (auto& error : checkPasswordPolicy(userId, {}, credential)) {
            errors.push_back({"password", error.reason});
        }
    }
    if (!errors.empty()) {
        return Error::badRequest(std::move(errors));
    }
    AccountRecord account;
    account.institutionCode = institutionCode;
    account.userId = userId;
    account.kind = kind;
    account.displayName = displayName.empty() ? userId : displayName;
    account.credentialHash =
        kind == AccountKind::Machine ? PasswordHasher::hashSecret(credential) : m_hasher.hashPassword(credential);
    account.mustChangePassword = kind == AccountKind::Clerk && temporary;
    account.createdAt = nowSeconds();
    if (!m_accounts.insert(account)) {
        return Error{Status::Forbidden, "user ID already exists", {}};
    }
    audit(institutionCode, userId, {}, kind == AccountKind::Machine ? "create-machine-account" : "create-account",
          "ok");
    return CreatedAccount{account, credential};
}

} // namespace oqs::server::core
