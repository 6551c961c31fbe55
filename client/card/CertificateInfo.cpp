// SPDX-License-Identifier: Apache-2.0
#include "card/CertificateInfo.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/x509.h>

#include <ctime>
#include <memory>

namespace oqs::client::card {

namespace {

template <class T, void (*Free)(T*)>
struct OpenSslDeleter {
    void operator()(T* pointer) const { Free(pointer); }
};
using X509Handle = std::unique_ptr<X509, OpenSslDeleter<X509, X509_free>>;
using BignumHandle = std::unique_ptr<BIGNUM, OpenSslDeleter<BIGNUM, BN_free>>;
using BioHandle = std::unique_ptr<BIO, OpenSslDeleter<BIO, BIO_free_all>>;

std::optional<std::chrono::system_clock::time_point> timeOf(const ASN1_TIME* time)
{
    std::tm parts{};
    if (ASN1_TIME_to_tm(time, &parts) != 1) {
        return std::nullopt;
    }
    // ASN1_TIME_to_tm yields UTC; seconds since the epoch from a UTC calendar date, without the local time zone.
    const auto days = std::chrono::sys_days{std::chrono::year{parts.tm_year + 1900} /
                                            std::chrono::month{static_cast<unsigned>(parts.tm_mon + 1)} /
                                            std::chrono::day{static_cast<unsigned>(parts.tm_mday)}};
    return days + std::chrono::hours{parts.tm_hour} + std::chrono::minutes{parts.tm_min} +
           std::chrono::seconds{parts.tm_sec};
}

std::optional<std::string> serialHexOf(const X509* certificate)
{
    const BignumHandle number(ASN1_INTEGER_to_BN(X509_get0_serialNumber(certificate), nullptr));
    if (!number) {
        return std::nullopt;
    }
    char* hex = BN_bn2hex(number.get());
    if (hex == nullptr) {
        return std::nullopt;
    }
    std::string text(hex);
    OPENSSL_free(hex);
    if (text.size() % 2 != 0) {
        text.insert(text.begin(), '0');
    }
    return text;
}

std::string issuerOf(const X509* certificate)
{
    const BioHandle bio(BIO_new(BIO_s_mem()));
    X509_NAME_print_ex(bio.get(), X509_get_issuer_name(certificate), 0, XN_FLAG_RFC2253);
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(length));
}

} // namespace

std::optional<CertificateInfo> CertificateInfo::parse(std::span<const std::uint8_t> der)
{
    const unsigned char* cursor = der.data();
    const X509Handle certificate(d2i_X509(nullptr, &cursor, static_cast<long>(der.size())));
    if (!certificate || cursor != der.data() + der.size()) {
        return std::nullopt;
    }
    const auto serial = serialHexOf(certificate.get());
    const auto notBefore = timeOf(X509_get0_notBefore(certificate.get()));
    const auto notAfter = timeOf(X509_get0_notAfter(certificate.get()));
    if (!serial || !notBefore || !notAfter) {
        return std::nullopt;
    }
    return CertificateInfo{*serial, *notBefore, *notAfter, issuerOf(certificate.get())};
}

} // namespace oqs::client::card
