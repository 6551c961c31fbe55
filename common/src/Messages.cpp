// SPDX-License-Identifier: Apache-2.0
#include "oqs/common/Messages.h"

#include <algorithm>
#include <array>

namespace oqs::common {

namespace {

struct ModeName
{
    VerificationMode mode;
    std::string_view wire;
};

// One table for both directions, so the two can never disagree.
constexpr std::array kModeNames{
    ModeName{VerificationMode::InsuranceCard, "insurance-card"},
    ModeName{VerificationMode::MyNumberCard, "my-number-card"},
};

} // namespace

std::string_view toWire(VerificationMode mode)
{
    const auto found = std::ranges::find(kModeNames, mode, &ModeName::mode);
    return found == kModeNames.end() ? std::string_view{} : found->wire;
}

std::optional<VerificationMode> verificationModeFromWire(std::string_view text)
{
    const auto found = std::ranges::find(kModeNames, text, &ModeName::wire);
    if (found == kModeNames.end()) {
        return std::nullopt;
    }
    return found->mode;
}

std::string CheckReceipt::canonicalText() const
{
    // The key id is signed too, so a signature cannot be presented as made by another key.
    const std::array<std::string_view, 5> parts{receiptNumber, institutionCode, checkedAt, toWire(status), keyId};
    std::string text{parts.front()};
    for (std::size_t i = 1; i < parts.size(); ++i) {
        text += '\n';
        text += parts[i];
    }
    return text;
}

} // namespace oqs::common
