// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

namespace oqs::common {

/// Answer of POST /v1/receipts/verify, whose body is a CheckReceipt exactly as an answer carried it: whether this
/// server's key signed exactly these fields (D5: the HIS keeps receipts as proof that a check was made).
struct ReceiptVerificationAnswer {
    bool valid = false;
    std::string keyId; ///< the key the receipt names

    bool operator==(const ReceiptVerificationAnswer&) const = default;
};

} // namespace oqs::common
