// SPDX-License-Identifier: Apache-2.0
#include "VirtualJpkiCard.h"

#include "card/JpkiCard.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <algorithm>

namespace oqs::tests::support {

namespace jpki = client::card::jpki;

namespace {

using Bytes = std::vector<std::uint8_t>;

// Size of the certificate EF: real cards have a fixed EF larger than the certificate, padded after the DER value.
constexpr std::size_t kCertificateFileSize = 2048;
constexpr std::uint8_t kPadding = 0xFF;

Bytes statusOnly(std::uint16_t statusWord)
{
    return {static_cast<std::uint8_t>(statusWord >> 8), static_cast<std::uint8_t>(statusWord & 0xFF)};
}

Bytes withStatus(Bytes data, std::uint16_t statusWord)
{
    data.push_back(static_cast<std::uint8_t>(statusWord >> 8));
    data.push_back(static_cast<std::uint8_t>(statusWord & 0xFF));
    return data;
}

struct Sw {
    static constexpr std::uint16_t kSuccess = 0x9000;
    static constexpr std::uint16_t kNotFound = 0x6A82;
    static constexpr std::uint16_t kWrongP1P2 = 0x6A86;
    static constexpr std::uint16_t kWrongLength = 0x6700;
    static constexpr std::uint16_t kOffsetOutside = 0x6B00;
    static constexpr std::uint16_t kNoCurrentEf = 0x6986;
    static constexpr std::uint16_t kSecurityNotSatisfied = 0x6982;
    static constexpr std::uint16_t kPinBlocked = 0x6983;
    static constexpr std::uint16_t kWrongPinBase = 0x63C0;
    static constexpr std::uint16_t kInsNotSupported = 0x6D00;
    static constexpr std::uint16_t kClaNotSupported = 0x6E00;
    static constexpr std::uint16_t kMemoryFailure = 0x6581;
};

/// Command parts of a short APDU; nullopt when Lc disagrees with the length.
struct ParsedCommand {
    std::uint8_t cla, ins, p1, p2;
    std::span<const std::uint8_t> data;
    std::size_t le = 0; ///< 0 = none; 256 when sent as 00
};

std::optional<ParsedCommand> parseCommand(std::span<const std::uint8_t> apdu)
{
    if (apdu.size() < 4) {
        return std::nullopt;
    }
    ParsedCommand command{apdu[0], apdu[1], apdu[2], apdu[3], {}, 0};
    const auto body = apdu.subspan(4);
    if (body.size() == 1) {
        command.le = body[0] == 0 ? 256 : body[0];
    } else if (!body.empty()) {
        const std::size_t lc = body[0];
        if (body.size() < 1 + lc || body.size() > 2 + lc) {
            return std::nullopt;
        }
        command.data = body.subspan(1, lc);
        if (body.size() == 2 + lc) {
            command.le = body[1 + lc] == 0 ? 256 : body[1 + lc];
        }
    }
    return command;
}

} // namespace

VirtualJpkiCard::VirtualJpkiCard(VirtualCardProfile profile) : m_profile(std::move(profile))
{
    m_certificateFile = m_profile.certificateDer;
    m_certificateFile.resize(std::max(kCertificateFileSize, m_certificateFile.size()), kPadding);
}

VirtualJpkiCard::~VirtualJpkiCard() = default;

std::vector<std::uint8_t> VirtualJpkiCard::atr()
{
    // TS=3B, T0=8A (TD1, 10 historical bytes), TD1=80 (TD2, T=0), TD2=01 (T=1), historical bytes, TCK.
    return {0x3B, 0x8A, 0x80, 0x01, 0x00, 0x31, 0xC1, 0x73, 0xC8, 0x40, 0x00, 0x00, 0x90, 0x00, 0x90};
}

void VirtualJpkiCard::reset()
{
    m_applicationSelected = false;
    m_file = File::None;
    m_pinVerified = false;
}

std::optional<std::vector<std::uint8_t>> VirtualJpkiCard::respond(std::span<const std::uint8_t> apdu)
{
    const std::optional<ParsedCommand> command = parseCommand(apdu);
    if (!command) {
        return statusOnly(Sw::kWrongLength);
    }
    if (command->cla == jpki::kClaInterindustry) {
        switch (command->ins) {
        case jpki::ins::kSelect:
            return select(command->p1, command->data);
        case jpki::ins::kReadBinary:
            return readBinary((static_cast<std::size_t>(command->p1) << 8) | command->p2, command->le);
        case jpki::ins::kVerify:
            return verify(command->data);
        default:
            return statusOnly(Sw::kInsNotSupported);
        }
    }
    if (command->cla == jpki::kClaProprietary && command->ins == jpki::ins::kComputeDigitalSignature) {
        return sign(command->data);
    }
    return statusOnly(Sw::kClaNotSupported);
}

std::vector<std::uint8_t> VirtualJpkiCard::select(std::uint8_t p1, std::span<const std::uint8_t> data)
{
    if (m_profile.kind == VirtualCardProfile::Kind::NotJpki) {
        return statusOnly(Sw::kNotFound);
    }
    if (p1 == jpki::kSelectByDfName) {
        m_applicationSelected = std::equal(data.begin(), data.end(), jpki::kAid.begin(), jpki::kAid.end());
        m_file = File::None;
        return statusOnly(m_applicationSelected ? Sw::kSuccess : Sw::kNotFound);
    }
    if (p1 != jpki::kSelectEfUnderCurrentDf) {
        return statusOnly(Sw::kWrongP1P2);
    }
    const auto is = [data](const jpki::FileId& file) {
        return std::equal(data.begin(), data.end(), file.begin(), file.end());
    };
    if (!m_applicationSelected) {
        return statusOnly(Sw::kNotFound);
    }
    if (is(jpki::kAuthenticationCertificateEf)) {
        m_file = File::Certificate;
    } else if (is(jpki::kAuthenticationPinEf)) {
        m_file = File::Pin;
    } else if (is(jpki::kAuthenticationKeyEf)) {
        m_file = File::Key;
    } else {
        return statusOnly(Sw::kNotFound);
    }
    return statusOnly(Sw::kSuccess);
}

std::optional<std::vector<std::uint8_t>> VirtualJpkiCard::readBinary(std::size_t offset, std::size_t length)
{
    if (m_file != File::Certificate) {
        return statusOnly(Sw::kNoCurrentEf);
    }
    if (m_profile.pulledAfterReads && m_readsAnswered >= *m_profile.pulledAfterReads) {
        return std::nullopt;
    }
    if (offset >= m_certificateFile.size()) {
        return statusOnly(Sw::kOffsetOutside);
    }
    ++m_readsAnswered;
    const std::size_t count = std::min(length == 0 ? std::size_t{256} : length, m_certificateFile.size() - offset);
    const auto begin = m_certificateFile.begin() + static_cast<std::ptrdiff_t>(offset);
    return withStatus(Bytes(begin, begin + static_cast<std::ptrdiff_t>(count)), Sw::kSuccess);
}

std::vector<std::uint8_t> VirtualJpkiCard::verify(std::span<const std::uint8_t> pin)
{
    if (m_file != File::Pin) {
        return statusOnly(Sw::kNoCurrentEf);
    }
    if (m_profile.pinTriesLeft == 0) {
        return statusOnly(Sw::kPinBlocked);
    }
    if (pin.empty()) {
        return statusOnly(m_pinVerified ? Sw::kSuccess
                                        : static_cast<std::uint16_t>(Sw::kWrongPinBase | m_profile.pinTriesLeft));
    }
    if (std::equal(pin.begin(), pin.end(), m_profile.pin.begin(), m_profile.pin.end())) {
        m_pinVerified = true;
        m_profile.pinTriesLeft = jpki::kAuthenticationPinMaxTries;
        return statusOnly(Sw::kSuccess);
    }
    m_pinVerified = false;
    --m_profile.pinTriesLeft;
    return statusOnly(static_cast<std::uint16_t>(Sw::kWrongPinBase | m_profile.pinTriesLeft));
}

std::vector<std::uint8_t> VirtualJpkiCard::sign(std::span<const std::uint8_t> digestInfo)
{
    if (m_file != File::Key || !m_pinVerified) {
        return statusOnly(Sw::kSecurityNotSatisfied);
    }
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(
        BIO_new_mem_buf(m_profile.privateKeyPem.data(), static_cast<int>(m_profile.privateKeyPem.size())), BIO_free);
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
    if (!key) {
        return statusOnly(Sw::kMemoryFailure);
    }
    // The card pads the DigestInfo it is given (PKCS#1 v1.5, type 1) and applies the private key: no hashing.
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> context(EVP_PKEY_CTX_new(key.get(), nullptr),
                                                                        EVP_PKEY_CTX_free);
    std::size_t length = 0;
    if (!context || EVP_PKEY_sign_init(context.get()) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(context.get(), RSA_PKCS1_PADDING) != 1 ||
        EVP_PKEY_sign(context.get(), nullptr, &length, digestInfo.data(), digestInfo.size()) != 1) {
        return statusOnly(Sw::kMemoryFailure);
    }
    Bytes signature(length);
    if (EVP_PKEY_sign(context.get(), signature.data(), &length, digestInfo.data(), digestInfo.size()) != 1) {
        return statusOnly(Sw::kMemoryFailure);
    }
    signature.resize(length);
    return withStatus(std::move(signature), Sw::kSuccess);
}

} // namespace oqs::tests::support
