// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "card/Apdu.h"
#include "card/CardError.h"

namespace oqs::client::card {

/// A connected card that exchanges APDUs. Implementations complete 61xx answers with GET RESPONSE and resend once
/// with the right Le after 6Cxx, so callers see one final status word per command. Not thread-safe: one thread.
class CardTransport {
public:
    virtual ~CardTransport() = default;

    /// Sends one command. Fails with an Origin::Transport error when the card cannot be reached (removed, reset,
    /// service stopped); any status word, success or not, is an ok() result for the caller to judge.
    virtual CardResult<ResponseApdu> transmit(const CommandApdu& command) = 0;
};

} // namespace oqs::client::card
