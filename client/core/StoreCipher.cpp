// SPDX-License-Identifier: Apache-2.0
#include "core/StoreCipher.h"

#include "core/DurableFile.h"

#include <QFile>
#include <QFileInfo>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>
#include <stdexcept>

namespace oqs::client::core {
namespace {

constexpr QByteArrayView kMagic = "OQSS1";
constexpr int kNonceBytes = 12;
constexpr int kTagBytes = 16;

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherContext newContext()
{
    CipherContext context(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    if (!context) {
        throw std::bad_alloc();
    }
    return context;
}

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), count) != 1) {
        // Without a working CSPRNG nothing can be sealed safely; this is not a condition to continue from.
        throw std::runtime_error("OpenSSL RAND_bytes failed");
    }
    return bytes;
}

const unsigned char* bytesOf(const QByteArray& array)
{
    return reinterpret_cast<const unsigned char*>(array.constData());
}

} // namespace

StoreCipher::StoreCipher(QByteArray key) : m_key(std::move(key))
{
    Q_ASSERT(m_key.size() == kKeyBytes);
}

std::optional<StoreCipher> StoreCipher::fromKeyFile(const QString& keyFile, QString& problem)
{
    QFile file(keyFile);
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly)) {
            problem = file.errorString();
            return std::nullopt;
        }
        QByteArray key = file.readAll();
        if (key.size() != kKeyBytes) {
            problem = QStringLiteral("%1 is not a store key (%2 bytes)").arg(keyFile).arg(key.size());
            return std::nullopt;
        }
        return StoreCipher(std::move(key));
    }
    problem = DurableFile::prepareOwnerOnlyDirectory(QFileInfo(keyFile).absolutePath());
    if (problem.isEmpty()) {
        QByteArray key = randomBytes(kKeyBytes);
        problem = DurableFile::write(keyFile, key);
        if (problem.isEmpty()) {
            return StoreCipher(std::move(key));
        }
    }
    return std::nullopt;
}

QByteArray StoreCipher::seal(const QByteArray& plaintext, const QByteArray& associatedData) const
{
    const QByteArray nonce = randomBytes(kNonceBytes);
    QByteArray ciphertext(plaintext.size(), '\0');
    QByteArray tag(kTagBytes, '\0');
    CipherContext context = newContext();
    int length = 0;
    auto* out = reinterpret_cast<unsigned char*>(ciphertext.data());
    const bool sealed =
        EVP_EncryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, bytesOf(m_key), bytesOf(nonce)) == 1 &&
        EVP_EncryptUpdate(context.get(), nullptr, &length, bytesOf(associatedData), int(associatedData.size())) == 1 &&
        EVP_EncryptUpdate(context.get(), out, &length, bytesOf(plaintext), int(plaintext.size())) == 1 &&
        EVP_EncryptFinal_ex(context.get(), out + length, &length) == 1 &&
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes, tag.data()) == 1;
    if (!sealed) {
        throw std::runtime_error("OpenSSL AES-256-GCM encryption failed");
    }
    return kMagic.toByteArray() + nonce + ciphertext + tag;
}

std::optional<QByteArray> StoreCipher::open(const QByteArray& sealed, const QByteArray& associatedData) const
{
    const qsizetype overhead = kMagic.size() + kNonceBytes + kTagBytes;
    if (sealed.size() < overhead || !sealed.startsWith(kMagic)) {
        return std::nullopt;
    }
    const QByteArray nonce = sealed.mid(kMagic.size(), kNonceBytes);
    const QByteArray ciphertext = sealed.mid(kMagic.size() + kNonceBytes, sealed.size() - overhead);
    QByteArray tag = sealed.right(kTagBytes);
    QByteArray plaintext(ciphertext.size(), '\0');
    CipherContext context = newContext();
    int length = 0;
    auto* out = reinterpret_cast<unsigned char*>(plaintext.data());
    const bool opened =
        EVP_DecryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, bytesOf(m_key), bytesOf(nonce)) == 1 &&
        EVP_DecryptUpdate(context.get(), nullptr, &length, bytesOf(associatedData), int(associatedData.size())) == 1 &&
        EVP_DecryptUpdate(context.get(), out, &length, bytesOf(ciphertext), int(ciphertext.size())) == 1 &&
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, tag.data()) == 1 &&
        EVP_DecryptFinal_ex(context.get(), out + length, &length) == 1;
    if (!opened) {
        return std::nullopt;
    }
    return plaintext;
}

} // namespace oqs::client::core
