// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "VirtualJpkiCard.h"

#include <atomic>
#include <cstdint>
#include <mutex>
#include <thread>

namespace oqs::tests::support {

/// Puts a VirtualJpkiCard into a vsmartcard virtual reader: connects to the vpcd driver inside pcscd (TCP, the
/// reader's port) and answers its messages (2-byte big-endian length, then a 1-byte control — 0 power off, 1 power
/// on, 2 reset, 4 ATR — or an APDU) on its own thread. Connected = card in the reader.
class VpcdCard {
public:
    /// The port of "Virtual PCD 00 00" in Debian's vsmartcard-vpcd configuration; "… 00 01" is the next one.
    static constexpr std::uint16_t kDefaultPort = 35963;

    explicit VpcdCard(VirtualCardProfile profile);
    ~VpcdCard();
    VpcdCard(const VpcdCard&) = delete;
    VpcdCard& operator=(const VpcdCard&) = delete;

    /// Connects to 127.0.0.1:`port` and starts answering. False (and nothing started) when pcscd's vpcd is not
    /// listening, or the card is already inserted.
    bool insert(std::uint16_t port = kDefaultPort);
    /// Closes the connection (the reader sees the card leave) and joins the thread. Harmless when not inserted.
    void remove();
    /// Still connected: false after remove(), after the profile's pull, or when vpcd closed the connection.
    bool isInserted() const { return m_connected; }
    /// READ BINARY commands answered since construction.
    int readsAnswered() const;

private:
    void serve();

    VirtualJpkiCard m_card;
    mutable std::mutex m_cardMutex;
    std::thread m_thread;
    int m_socket = -1;
    std::atomic<bool> m_connected{false};
};

} // namespace oqs::tests::support
