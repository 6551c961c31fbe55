// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace oqs::server::core {

/// Password and secret hashing for accounts (D7).
/// Passwords: PBKDF2-HMAC-SHA256 with a random 16-byte salt, stored as "pbkdf2-sha256$<iterations>$<salt>$<hash>"
/// (base64), so the iteration count can be raised later without invalidating stored hashes.
/// Machine secrets and session tokens are 256 random bits: a plain SHA-256 suffices ("sha256$<hex>") and keeps
/// per-request authentication cheap. Thread-safe.
class PasswordHasher
{
public:
    /// OWASP's 2023 figure for PBKDF2-HMAC-SHA256.
    static constexpr int kDefaultIterations = 600'000;

    explicit PasswordHasher(int iterations = kDefaultIterations) : m_iterations(iterations) {}

    /// A new salted hash of `password`.
    std::string hashPassword(std::string_view password) const;
    /// Whether `password` matches a stored hash of either form; false for a malformed stored value.
    /// Comparison is constant-time.
    static bool verify(std::string_view password, std::string_view stored);
    /// SHA-256 hash of a high-entropy secret or token, in the "sha256$<hex>" form.
    static std::string hashSecret(std::string_view secret);
    /// `bytes` random bytes from OpenSSL's CSPRNG as URL-safe base64 without padding (tokens, secrets).
    static std::string randomToken(int bytes = 32);

private:
    int m_iterations;
};

} // namespace oqs::server::core
