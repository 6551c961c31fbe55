// SPDX-License-Identifier: Apache-2.0
#include "core/PasswordHasher.h"

#include <charconv>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <oqs/common/JsonCodec.h>
#include <stdexcept>
#include <vector>

namespace oqs::server::core {
namespace {

constexpr std::string_view kPbkdf2Prefix = "pbkdf2-sha256$";
constexpr std::string_view kSha256Prefix = "sha256$";
constexpr int kSaltBytes = 16;
constexpr int kHashBytes = 32;
constexpr int kMaxIterations = 10'000'000;

std::string randomBytes(int count)
{
    std::string bytes(std::size_t(count), '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), count) != 1) {
        throw std::runtime_error("OpenSSL random generator failed");
    }
    return bytes;
}

std::string pbkdf2(std::string_view password, std::string_view salt, int iterations)
{
    std::string out(kHashBytes, '\0');
    if (PKCS5_PBKDF2_HMAC(password.data(), int(password.size()), reinterpret_cast<const unsigned char*>(salt.data()),
                          int(salt.size()), iterations, EVP_sha256(), kHashBytes,
                          reinterpret_cast<unsigned char*>(out.data())) != 1) {
        throw std::runtime_error("PBKDF2 failed");
    }
    return out;
}

bool sameBytes(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

/// Splits "iterations$salt$hash"; false when any part is malformed.
bool parsePbkdf2(std::string_view rest, int& iterations, std::string& salt, std::string& hash)
{
    const auto first = rest.find('$');
    const auto second = first == std::string_view::npos ? first : rest.find('$', first + 1);
    if (second == std::string_view::npos) {
        return false;
    }
    const std::string_view count = rest.substr(0, first);
    auto [end, ec] = std::from_chars(count.data(), count.data() + count.size(), iterations);
    auto decodedSalt = common::base64Decode(rest.substr(first + 1, second - first - 1));
    auto decodedHash = common::base64Decode(rest.substr(second + 1));
    if (ec != std::errc{} || end != count.data() + count.size() || iterations < 1 || iterations > kMaxIterations ||
        !decodedSalt || !decodedHash) {
        return false;
    }
    salt = std::move(*decodedSalt);
    hash = std::move(*decodedHash);
    return true;
}

} // namespace

std::string PasswordHasher::hashPassword(std::string_view password) const
{
    const std::string salt = randomBytes(kSaltBytes);
    return std::string(kPbkdf2Prefix) + std::to_string(m_iterations) + '$' + common::base64Encode(salt) + '$' +
           common::base64Encode(pbkdf2(password, salt, m_iterations));
}

bool PasswordHasher::verify(std::string_view password, std::string_view stored)
{
    if (stored.starts_with(kSha256Prefix)) {
        return sameBytes(hashSecret(password), stored);
    }
    if (!stored.starts_with(kPbkdf2Prefix)) {
        return false;
    }
    int iterations = 0;
    std::string salt;
    std::string hash;
    if (!parsePbkdf2(stored.substr(kPbkdf2Prefix.size()), iterations, salt, hash)) {
        return false;
    }
    return sameBytes(pbkdf2(password, salt, iterations), hash);
}

std::string PasswordHasher::hashSecret(std::string_view secret)
{
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), digest);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string text(kSha256Prefix);
    for (unsigned char byte : digest) {
        text += kHex[byte >> 4];
        text += kHex[byte & 0x0F];
    }
    return text;
}

std::string PasswordHasher::randomToken(int bytes)
{
    std::string token = common::base64Encode(randomBytes(bytes));
    for (char& c : token) { // URL- and header-safe alphabet
        c = c == '+' ? '-' : c == '/' ? '_' : c;
    }
    while (!token.empty() && token.back() == '=') {
        token.pop_back();
    }
    return token;
}

} // namespace oqs::server::core
