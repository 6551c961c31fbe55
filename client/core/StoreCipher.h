// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace oqs::client::core {

/// AES-256-GCM sealing of the counter's local files (D9). A sealed blob is
/// magic "OQSS1" | 12-byte random nonce | ciphertext | 16-byte tag; the associated data (e.g. the file's day)
/// is authenticated but not stored, so a file renamed to another day does not open.
class StoreCipher {
public:
    static constexpr int kKeyBytes = 32;

    /// Reads the 32-byte key from `keyFile`, or creates it (random, owner-only, durable) if the file does not exist.
    /// nullopt with `problem` set if the file exists but is not a key, or cannot be read or written.
    static std::optional<StoreCipher> fromKeyFile(const QString& keyFile, QString& problem);
    /// A cipher over a given key (tests); `key` must be kKeyBytes long.
    explicit StoreCipher(QByteArray key);

    QByteArray seal(const QByteArray& plaintext, const QByteArray& associatedData) const;
    /// nullopt if the blob was not sealed with this key and associated data, or was altered.
    std::optional<QByteArray> open(const QByteArray& sealed, const QByteArray& associatedData) const;

private:
    QByteArray m_key;
};

} // namespace oqs::client::core
