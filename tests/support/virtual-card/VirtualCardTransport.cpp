// SPDX-License-Identifier: Apache-2.0
#include "VirtualCardTransport.h"

namespace oqs::tests::support {

client::card::CardResult<client::card::ResponseApdu>
VirtualCardTransport::transmit(const client::card::CommandApdu& command)
{
    using client::card::CardError;
    ++m_commandsSent;
    const std::optional<std::vector<std::uint8_t>> raw = m_card.respond(command.encode());
    if (!raw) {
        return CardError{client::core::CardReader::Problem::RemovedMidRead, CardError::Origin::Transport,
                         "card pulled", 0, 0, false};
    }
    const auto response = client::card::ResponseApdu::parse(*raw);
    if (!response) {
        return CardError{client::core::CardReader::Problem::ReadFailed, CardError::Origin::Transport,
                         "short response", 0, 0, false};
    }
    return *response;
}

} // namespace oqs::tests::support
