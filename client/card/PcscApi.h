// SPDX-License-Identifier: Apache-2.0
#pragma once

// The one place that includes the PC/SC headers: pcsc-lite on Linux and macOS, WinSCard on Windows, same API.
// Widths differ: pcsc-lite's DWORD and LONG are `unsigned long` / `long` (64-bit on Linux x86-64) while WinSCard's
// are 32-bit, so code uses these types for every PC/SC argument and never assumes a fixed width.
#ifdef _WIN32
#include <windows.h>
#include <winscard.h>
#else
#include <winscard.h>
#endif

#include "core/CardReader.h"

#include <string>

namespace oqs::client::card::pcsc {

using Dword = DWORD;
using ReturnCode = LONG;

#ifdef _WIN32
// Reader names are narrow strings throughout OQS; choose the ANSI entry points whatever UNICODE says.
using ReaderState = SCARD_READERSTATEA;
inline constexpr auto listReaders = SCardListReadersA;
inline constexpr auto getStatusChange = SCardGetStatusChangeA;
inline constexpr auto connect = SCardConnectA;
inline constexpr auto status = SCardStatusA;
#else
using ReaderState = SCARD_READERSTATE;
inline constexpr auto listReaders = SCardListReaders;
inline constexpr auto getStatusChange = SCardGetStatusChange;
inline constexpr auto connect = SCardConnect;
inline constexpr auto status = SCardStatus;
#endif

/// The pseudo-reader whose state changes when a reader is plugged in or out.
inline constexpr const char* kPnpNotification = "\\\\?PnP?\\Notification";

/// "SCARD_E_NO_SERVICE (8010001D)": the code's name when known, always its hex value.
std::string describe(ReturnCode code);
/// What a PC/SC return code means for the reception screen: service gone, reader gone, card gone, or other.
core::CardReader::Problem problemOf(ReturnCode code);

} // namespace oqs::client::card::pcsc
