// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "VirtualJpkiCard.h"
#include "card/CardTransport.h"

namespace oqs::tests::support {

/// A CardTransport straight onto a VirtualJpkiCard, without PC/SC: for the applet's unit tests. A card pulled by
/// its profile fails like PC/SC does for a removed card (Problem::RemovedMidRead).
class VirtualCardTransport final : public client::card::CardTransport {
public:
    explicit VirtualCardTransport(VirtualJpkiCard& card) : m_card(card) {}

    /// See CardTransport; every command is also counted.
    client::card::CardResult<client::card::ResponseApdu> transmit(const client::card::CommandApdu& command) override;
    int commandsSent() const { return m_commandsSent; }

private:
    VirtualJpkiCard& m_card;
    int m_commandsSent = 0;
};

} // namespace oqs::tests::support
