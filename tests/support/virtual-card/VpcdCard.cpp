// SPDX-License-Identifier: Apache-2.0
#include "VpcdCard.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <optional>
#include <vector>

namespace oqs::tests::support {

namespace {

enum Control : std::uint8_t { kPowerOff = 0, kPowerOn = 1, kReset = 2, kGetAtr = 4 };

bool readExactly(int socket, std::uint8_t* buffer, std::size_t length)
{
    std::size_t done = 0;
    while (done < length) {
        const ssize_t got = ::recv(socket, buffer + done, length - done, 0);
        if (got <= 0) {
            return false;
        }
        // vpcd writes the length and the payload separately; without an immediate ACK, Nagle holds its second
        // write for our delayed ACK (~40 ms per APDU), a delay of the emulator's TCP link that no reader has.
        const int quickAck = 1;
        ::setsockopt(socket, IPPROTO_TCP, TCP_QUICKACK, &quickAck, sizeof quickAck);
        done += static_cast<std::size_t>(got);
    }
    return true;
}

bool sendMessage(int socket, const std::vector<std::uint8_t>& payload)
{
    std::vector<std::uint8_t> message{static_cast<std::uint8_t>(payload.size() >> 8),
                                      static_cast<std::uint8_t>(payload.size() & 0xFF)};
    message.insert(message.end(), payload.begin(), payload.end());
    return ::send(socket, message.data(), message.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(message.size());
}

} // namespace

VpcdCard::VpcdCard(VirtualCardProfile profile) : m_card(std::move(profile)) {}

VpcdCard::~VpcdCard()
{
    remove();
}

bool VpcdCard::insert(std::uint16_t port)
{
    if (m_thread.joinable()) {
        return false;
    }
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        return false;
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return false;
    }
    const int noDelay = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &noDelay, sizeof noDelay);
    m_socket = fd;
    m_connected = true;
    m_thread = std::thread(&VpcdCard::serve, this);
    return true;
}

void VpcdCard::remove()
{
    if (!m_thread.joinable()) {
        return;
    }
    // Wakes the blocked recv(); the thread ends, then the descriptor can be closed without racing it.
    ::shutdown(m_socket, SHUT_RDWR);
    m_thread.join();
    ::close(m_socket);
    m_socket = -1;
}

int VpcdCard::readsAnswered() const
{
    const std::lock_guard lock(m_cardMutex);
    return m_card.readsAnswered();
}

void VpcdCard::serve()
{
    for (;;) {
        std::uint8_t header[2];
        if (!readExactly(m_socket, header, sizeof header)) {
            break;
        }
        std::vector<std::uint8_t> payload((static_cast<std::size_t>(header[0]) << 8) | header[1]);
        if (!readExactly(m_socket, payload.data(), payload.size())) {
            break;
        }
        std::optional<std::vector<std::uint8_t>> answer;
        {
            const std::lock_guard lock(m_cardMutex);
            if (payload.size() == 1) {
                if (payload[0] == kGetAtr) {
                    answer = VirtualJpkiCard::atr();
                } else if (payload[0] == kPowerOff || payload[0] == kPowerOn || payload[0] == kReset) {
                    m_card.reset();
                }
            } else {
                answer = m_card.respond(payload);
                if (!answer) {
                    break; // pulled off the reader in the middle of the exchange
                }
            }
        }
        if (answer && !sendMessage(m_socket, *answer)) {
            break;
        }
    }
    // The reader sees the card leave as soon as the connection shuts; remove() closes the descriptor.
    ::shutdown(m_socket, SHUT_RDWR);
    m_connected = false;
}

} // namespace oqs::tests::support
