// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/OpenSslHandles.h"

#include <oqs/common/Messages.h>

#include <filesystem>
#include <string>

namespace oqs::server::core {

/// Signs and verifies check receipts (D5) with the server's receipt key (ECDSA P-256, SHA-256).
/// The key id is the first 16 hex digits of the SHA-256 of the public key (DER), so a HIS can tell keys apart.
class ReceiptSigner {
public:
    /// Loads a PEM private key; creates and saves a new P-256 key (mode 0600) if the file does not exist.
    explicit ReceiptSigner(const std::filesystem::path& keyFile);

    void sign(common::CheckReceipt& receipt) const;
    /// True if the signature is ours and covers exactly these fields.
    bool verify(const common::CheckReceipt& receipt) const;
    const std::string& keyId() const { return m_keyId; }

private:
    OpenSslPtr<EVP_PKEY> m_key;
    std::string m_keyId;
};

} // namespace oqs::server::core
