// SPDX-License-Identifier: Apache-2.0
#include "core/CertificateVerifier.h"

#include "core/CertificateRepository.h"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include <stdexcept>

namespace oqs::server::core {
namespace {

std::string serialHexOf(X509* certificate)
{
    const ASN1_INTEGER* serial = X509_get0_serialNumber(certificate);
    std::unique_ptr<BIGNUM, decltype(&BN_free)> number(ASN1_INTEGER_to_BN(serial, nullptr), BN_free);
    if (!number) {
        return {};
    }
    char* hex = BN_bn2hex(number.get());
    std::string text = hex ? hex : "";
    OPENSSL_free(hex);
    return canonicalSerial(text);
}

} // namespace

CertificateVerifier::CertificateVerifier(const std::vector<std::filesystem::path>& trustAnchorFiles)
    : m_store(X509_STORE_new())
{
    int loaded = 0;
    for (const auto& file : trustAnchorFiles) {
        OpenSslPtr<BIO> in(BIO_new_file(file.c_str(), "r"));
        if (!in) {
            throw std::runtime_error("cannot open JPKI trust anchor " + file.string());
        }
        while (OpenSslPtr<X509> certificate{PEM_read_bio_X509(in.get(), nullptr, nullptr, nullptr)}) {
            X509_STORE_add_cert(m_store.get(), certificate.get());
            ++loaded;
        }
        ERR_clear_error(); // the loop ends on the expected "no start line" at end of file
    }
    if (loaded == 0) {
        throw std::runtime_error("no JPKI trust anchors loaded");
    }
}

std::optional<CardCertificate> CardCertificate::parse(std::string_view der)
{
    const auto* bytes = reinterpret_cast<const unsigned char*>(der.data());
    OpenSslPtr<X509> certificate(d2i_X509(nullptr, &bytes, long(der.size())));
    if (!certificate || bytes != reinterpret_cast<const unsigned char*>(der.data()) + der.size()) {
        ERR_clear_error();
        return std::nullopt;
    }
    return CardCertificate(std::move(certificate));
}

CertificateVerdict CertificateVerifier::verify(const std::optional<CardCertificate>& parsed,
                                               std::chrono::system_clock::time_point at) const
{
    CertificateVerdict verdict;
    if (!parsed) {
        return verdict; // Malformed: not exactly one DER certificate
    }
    X509* certificate = parsed->get();
    verdict.serial = serialHexOf(certificate);

    OpenSslPtr<X509_STORE_CTX> context(X509_STORE_CTX_new());
    X509_STORE_CTX_init(context.get(), m_store.get(), certificate, nullptr);
    X509_STORE_CTX_set_flags(context.get(), X509_V_FLAG_NO_CHECK_TIME);
    const bool chained = X509_verify_cert(context.get()) == 1;
    ERR_clear_error();
    if (!chained) {
        verdict.outcome = CertificateVerdict::Outcome::Untrusted;
        return verdict;
    }
    time_t now = std::chrono::system_clock::to_time_t(at);
    if (X509_cmp_time(X509_get0_notBefore(certificate), &now) > 0) {
        verdict.outcome = CertificateVerdict::Outcome::NotYetValid;
    } else if (X509_cmp_time(X509_get0_notAfter(certificate), &now) < 0) {
        verdict.outcome = CertificateVerdict::Outcome::Expired;
    } else {
        verdict.outcome = CertificateVerdict::Outcome::Trusted;
    }
    return verdict;
}

} // namespace oqs::server::core
