// SPDX-License-Identifier: Apache-2.0
#include "core/ReceiptSigner.h"

#include <oqs/common/JsonCodec.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/sha.h>

#include <cstdio>
#include <sys/stat.h>
#include <vector>

namespace oqs::server::core {

std::string takeOpenSslErrors()
{
    std::string text;
    char buffer[256];
    while (unsigned long code = ERR_get_error()) {
        ERR_error_string_n(code, buffer, sizeof buffer);
        if (!text.empty()) {
            text += "; ";
        }
        text += buffer;
    }
    return text;
}

namespace {

OpenSslPtr<EVP_PKEY> generateKey(const std::filesystem::path& keyFile)
{
    OpenSslPtr<EVP_PKEY> key(EVP_EC_gen("P-256"));
    if (!key) {
        throw std::runtime_error("cannot generate receipt key: " + takeOpenSslErrors());
    }
    if (keyFile.has_parent_path()) {
        std::filesystem::create_directories(keyFile.parent_path());
    }
    OpenSslPtr<BIO> out(BIO_new_file(keyFile.c_str(), "w"));
    if (!out || !PEM_write_bio_PrivateKey(out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr)) {
        throw std::runtime_error("cannot write receipt key " + keyFile.string() + ": " + takeOpenSslErrors());
    }
    ::chmod(keyFile.c_str(), 0600);
    return key;
}

OpenSslPtr<EVP_PKEY> loadKey(const std::filesystem::path& keyFile)
{
    OpenSslPtr<BIO> in(BIO_new_file(keyFile.c_str(), "r"));
    OpenSslPtr<EVP_PKEY> key(in ? PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!key) {
        throw std::runtime_error("cannot read receipt key " + keyFile.string() + ": " + takeOpenSslErrors());
    }
    return key;
}

std::string keyIdOf(EVP_PKEY* key)
{
    unsigned char* der = nullptr;
    const int length = i2d_PUBKEY(key, &der);
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(der, std::size_t(length), digest);
    OPENSSL_free(der);
    char hex[17];
    for (int i = 0; i < 8; ++i) {
        std::snprintf(hex + 2 * i, 3, "%02x", digest[i]);
    }
    return hex;
}

} // namespace

ReceiptSigner::ReceiptSigner(const std::filesystem::path& keyFile)
    : m_key(std::filesystem::exists(keyFile) ? loadKey(keyFile) : generateKey(keyFile)), m_keyId(keyIdOf(m_key.get()))
{
}

void ReceiptSigner::sign(common::CheckReceipt& receipt) const
{
    receipt.keyId = m_keyId;
    const std::string text = receipt.canonicalText();
    OpenSslPtr<EVP_MD_CTX> context(EVP_MD_CTX_new());
    std::size_t length = 0;
    if (!context || EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, m_key.get()) != 1 ||
        EVP_DigestSign(context.get(), nullptr, &length, reinterpret_cast<const unsigned char*>(text.data()),
                       text.size()) != 1) {
        throw std::runtime_error("cannot sign receipt: " + takeOpenSslErrors());
    }
    std::vector<unsigned char> signature(length);
    if (EVP_DigestSign(context.get(), signature.data(), &length, reinterpret_cast<const unsigned char*>(text.data()),
                       text.size()) != 1) {
        throw std::runtime_error("cannot sign receipt: " + takeOpenSslErrors());
    }
    receipt.signature =
        common::base64Encode(std::string_view(reinterpret_cast<const char*>(signature.data()), length));
}

bool ReceiptSigner::verify(const common::CheckReceipt& receipt) const
{
    if (receipt.keyId != m_keyId) {
        return false;
    }
    const auto signature = common::base64Decode(receipt.signature);
    if (!signature) {
        return false;
    }
    const std::string text = receipt.canonicalText();
    OpenSslPtr<EVP_MD_CTX> context(EVP_MD_CTX_new());
    const bool valid =
        context && EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, m_key.get()) == 1 &&
        EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(signature->data()), signature->size(),
                         reinterpret_cast<const unsigned char*>(text.data()), text.size()) == 1;
    ERR_clear_error();
    return valid;
}

} // namespace oqs::server::core
