// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

/// Facts of the JPKI application (公的個人認証 AP) of the My Number card, and the ISO 7816-4 bytes used to reach it.
/// Only the user-authentication side (利用者証明用) is used: its certificate is public, its key needs the 4-digit PIN.
/// The individual number lives in another application that OQS never selects (D10).
namespace oqs::client::card::jpki {

using FileId = std::array<std::uint8_t, 2>;

/// Application identifier of the JPKI AP.
inline constexpr std::array<std::uint8_t, 10> kAid{0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01};
/// Elementary files inside the JPKI AP.
inline constexpr FileId kAuthenticationCertificateEf{0x00, 0x0A};
inline constexpr FileId kAuthenticationPinEf{0x00, 0x18};
inline constexpr FileId kAuthenticationKeyEf{0x00, 0x17};

/// The user-authentication PIN: 4 digits, blocked after 3 wrong tries (only the municipality can unblock it).
inline constexpr std::size_t kAuthenticationPinLength = 4;
inline constexpr int kAuthenticationPinMaxTries = 3;

/// READ BINARY chunk: the largest short-APDU Le that every reader accepts without extended-length support.
inline constexpr std::size_t kReadChunk = 0xFF;
/// Upper bound of a user-authentication certificate (about 1.5 KB on real cards); more means the EF is not one.
inline constexpr std::size_t kMaxCertificateLength = 8192;
/// Size of the input COMPUTE DIGITAL SIGNATURE accepts: a DigestInfo, padded to PKCS#1 v1.5 by the card (RSA 2048).
inline constexpr std::size_t kMaxSignatureInput = 0xF5;

/// Instruction bytes.
namespace ins {
inline constexpr std::uint8_t kSelect = 0xA4;
inline constexpr std::uint8_t kReadBinary = 0xB0;
inline constexpr std::uint8_t kVerify = 0x20;
inline constexpr std::uint8_t kGetResponse = 0xC0;
inline constexpr std::uint8_t kComputeDigitalSignature = 0x2A;
} // namespace ins

/// Class bytes: interindustry commands, and the proprietary class of JPKI's signature command.
inline constexpr std::uint8_t kClaInterindustry = 0x00;
inline constexpr std::uint8_t kClaProprietary = 0x80;

/// SELECT P1: by DF name (the AID), or an EF under the current DF; P2: return no FCI.
inline constexpr std::uint8_t kSelectByDfName = 0x04;
inline constexpr std::uint8_t kSelectEfUnderCurrentDf = 0x02;
inline constexpr std::uint8_t kSelectNoResponseData = 0x0C;
/// VERIFY P2: the PIN is the one of the currently selected EF.
inline constexpr std::uint8_t kVerifySelectedPin = 0x80;
/// COMPUTE DIGITAL SIGNATURE P1/P2 of the JPKI AP: sign with the selected key, PKCS#1 v1.5.
inline constexpr std::uint8_t kSignP1 = 0x00;
inline constexpr std::uint8_t kSignP2 = 0x80;

} // namespace oqs::client::card::jpki
