// SPDX-License-Identifier: Apache-2.0
#include "card/JpkiApplet.h"

#include "card/CardTransport.h"
#include "card/DerHeader.h"
#include "card/StatusWord.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cstdio>

namespace oqs::client::card {

namespace {

using Problem = core::CardReader::Problem;

std::string hex4(std::uint16_t value)
{
    char text[5];
    std::snprintf(text, sizeof text, "%04X", value);
    return text;
}

CardError statusError(std::string_view step, std::uint16_t statusWord, Problem problem = Problem::ReadFailed)
{
    return CardError{problem, CardError::Origin::Card,
                     std::string(step) + ": " + hex4(statusWord) + " " +
                         std::string(describeStatusWord(statusWord).text),
                     0, statusWord, false};
}

CardError decodeError(std::string detail)
{
    return CardError{Problem::ReadFailed, CardError::Origin::Decode, std::move(detail), 0, 0, false};
}

CommandApdu readBinary(std::size_t offset, std::size_t length)
{
    return CommandApdu{jpki::kClaInterindustry, jpki::ins::kReadBinary, static_cast<std::uint8_t>(offset >> 8),
                       static_cast<std::uint8_t>(offset & 0xFF), {}, length};
}

CommandApdu verify(Bytes pin)
{
    return CommandApdu{jpki::kClaInterindustry, jpki::ins::kVerify, 0x00, jpki::kVerifySelectedPin, std::move(pin),
                       std::nullopt};
}

/// DER prefix of a DigestInfo for SHA-256 (RFC 8017, section 9.2, note 1); the 32-byte digest follows.
constexpr std::array<std::uint8_t, 19> kSha256DigestInfoPrefix{0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60,
                                                               0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                                                               0x01, 0x05, 0x00, 0x04, 0x20};

bool isPinFormat(std::string_view pin)
{
    return pin.size() == jpki::kAuthenticationPinLength &&
           std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

JpkiApplet::JpkiApplet(CardTransport& transport) : m_transport(transport) {}

CardResult<ResponseApdu> JpkiApplet::exchange(const CommandApdu& command, std::string_view step)
{
    CardResult<ResponseApdu> response = m_transport.transmit(command);
    if (!response.ok()) {
        CardError error = response.error();
        error.detail = std::string(step) + ": " + error.detail;
        return error;
    }
    return response;
}

CardResult<Done> JpkiApplet::selectApplication()
{
    const CommandApdu select{jpki::kClaInterindustry, jpki::ins::kSelect, jpki::kSelectByDfName,
                             jpki::kSelectNoResponseData, Bytes(jpki::kAid.begin(), jpki::kAid.end()), std::nullopt};
    const CardResult<ResponseApdu> response = exchange(select, "SELECT JPKI AP");
    if (!response.ok()) {
        return response.error();
    }
    const std::uint16_t statusWord = response.value().statusWord;
    switch (describeStatusWord(statusWord).meaning) {
    case StatusMeaning::Success:
        return Done{};
    case StatusMeaning::FileNotFound:
    case StatusMeaning::WrongParameters:
    case StatusMeaning::NotSupported:
        // Any card without the JPKI AP: another IC card (a bank card, a transit card), not a My Number card.
        return statusError("SELECT JPKI AP", statusWord, Problem::NotJpki);
    default:
        return statusError("SELECT JPKI AP", statusWord);
    }
}

CardResult<Done> JpkiApplet::selectFile(const jpki::FileId& file, std::string_view step)
{
    const CommandApdu select{jpki::kClaInterindustry, jpki::ins::kSelect, jpki::kSelectEfUnderCurrentDf,
                             jpki::kSelectNoResponseData, Bytes(file.begin(), file.end()), std::nullopt};
    const CardResult<ResponseApdu> response = exchange(select, step);
    if (!response.ok()) {
        return response.error();
    }
    if (response.value().statusWord != kStatusSuccess) {
        return statusError(step, response.value().statusWord);
    }
    return Done{};
}

CardResult<Bytes> JpkiApplet::readAuthenticationCertificate()
{
    CardResult<Bytes> certificate = readCertificateOnce();
    if (!certificate.ok() && certificate.error().cardWasReset) {
        // A reset leaves no application selected; the transport has reconnected, so start over once.
        certificate = readCertificateOnce();
    }
    return certificate;
}

CardResult<Bytes> JpkiApplet::readCertificateOnce()
{
    if (const auto selected = selectApplication(); !selected.ok()) {
        return selected.error();
    }
    if (const auto selected = selectFile(jpki::kAuthenticationCertificateEf, "SELECT certificate EF");
        !selected.ok()) {
        return selected.error();
    }
    Bytes certificate;
    std::size_t total = jpki::kReadChunk; // until the DER header of the first chunk says otherwise
    while (certificate.size() < total) {
        const std::size_t wanted = std::min(jpki::kReadChunk, total - certificate.size());
        const CardResult<ResponseApdu> response = exchange(readBinary(certificate.size(), wanted), "READ BINARY");
        if (!response.ok()) {
            return response.error();
        }
        const ResponseApdu& chunk = response.value();
        if (chunk.statusWord != kStatusSuccess || chunk.data.empty()) {
            return statusError("READ BINARY", chunk.statusWord);
        }
        const bool first = certificate.empty();
        certificate.insert(certificate.end(), chunk.data.begin(), chunk.data.end());
        if (first) {
            const std::optional<DerHeader> header = DerHeader::parseSequence(certificate);
            if (!header) {
                return decodeError("certificate EF does not start with a DER SEQUENCE header");
            }
            if (header->totalLength() > jpki::kMaxCertificateLength) {
                return decodeError("certificate EF announces " + std::to_string(header->totalLength()) + " bytes");
            }
            total = header->totalLength();
        }
    }
    // The EF is larger than the certificate: what follows the DER value is padding.
    certificate.resize(total);
    return certificate;
}

CardResult<int> JpkiApplet::authenticationPinTriesLeft()
{
    if (const auto selected = selectApplication(); !selected.ok()) {
        return selected.error();
    }
    if (const auto selected = selectFile(jpki::kAuthenticationPinEf, "SELECT PIN EF"); !selected.ok()) {
        return selected.error();
    }
    const CardResult<ResponseApdu> response = exchange(verify({}), "VERIFY (tries)");
    if (!response.ok()) {
        return response.error();
    }
    const std::uint16_t statusWord = response.value().statusWord;
    if (const std::optional<int> tries = pinTriesLeft(statusWord)) {
        return *tries;
    }
    if (describeStatusWord(statusWord).meaning == StatusMeaning::PinBlocked) {
        return 0;
    }
    if (statusWord == kStatusSuccess) {
        // Already verified in this session: the card does not say how many tries remain, and none was spent.
        return jpki::kAuthenticationPinMaxTries;
    }
    return statusError("VERIFY (tries)", statusWord);
}

CardResult<PinVerdict> JpkiApplet::verifyAuthenticationPin(std::string_view pin, LastTry lastTry)
{
    if (!isPinFormat(pin)) {
        return PinVerdict{PinVerdict::Outcome::BadFormat, 0};
    }
    const CardResult<int> tries = authenticationPinTriesLeft();
    if (!tries.ok()) {
        return tries.error();
    }
    if (tries.value() == 0) {
        return PinVerdict{PinVerdict::Outcome::Blocked, 0};
    }
    if (tries.value() == 1 && lastTry != LastTry::Confirmed) {
        return PinVerdict{PinVerdict::Outcome::LastTryNeedsConfirmation, 1};
    }
    const CardResult<ResponseApdu> response = exchange(verify(Bytes(pin.begin(), pin.end())), "VERIFY");
    if (!response.ok()) {
        return response.error();
    }
    const std::uint16_t statusWord = response.value().statusWord;
    if (statusWord == kStatusSuccess) {
        return PinVerdict{PinVerdict::Outcome::Verified, jpki::kAuthenticationPinMaxTries};
    }
    if (const std::optional<int> left = pinTriesLeft(statusWord)) {
        return PinVerdict{*left == 0 ? PinVerdict::Outcome::Blocked : PinVerdict::Outcome::Wrong, *left};
    }
    if (describeStatusWord(statusWord).meaning == StatusMeaning::PinBlocked) {
        return PinVerdict{PinVerdict::Outcome::Blocked, 0};
    }
    return statusError("VERIFY", statusWord);
}

CardResult<Bytes> JpkiApplet::signWithAuthenticationKey(std::span<const std::uint8_t> digestInfo)
{
    if (digestInfo.empty() || digestInfo.size() > jpki::kMaxSignatureInput) {
        return decodeError("signature input of " + std::to_string(digestInfo.size()) + " bytes");
    }
    // The PIN EF verified before stays verified when another EF of the same AP is selected.
    if (const auto selected = selectFile(jpki::kAuthenticationKeyEf, "SELECT key EF"); !selected.ok()) {
        return selected.error();
    }
    const CommandApdu sign{jpki::kClaProprietary, jpki::ins::kComputeDigitalSignature, jpki::kSignP1, jpki::kSignP2,
                           Bytes(digestInfo.begin(), digestInfo.end()), 256};
    const CardResult<ResponseApdu> response = exchange(sign, "COMPUTE DIGITAL SIGNATURE");
    if (!response.ok()) {
        return response.error();
    }
    if (response.value().statusWord != kStatusSuccess) {
        return statusError("COMPUTE DIGITAL SIGNATURE", response.value().statusWord);
    }
    return response.value().data;
}

CardResult<Bytes> JpkiApplet::signSha256(std::span<const std::uint8_t> message)
{
    Bytes digestInfo(kSha256DigestInfoPrefix.begin(), kSha256DigestInfoPrefix.end());
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (EVP_Digest(message.data(), message.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
        return decodeError("SHA-256 of the signature input failed");
    }
    digestInfo.insert(digestInfo.end(), digest.begin(), digest.begin() + length);
    return signWithAuthenticationKey(digestInfo);
}

} // namespace oqs::client::card
