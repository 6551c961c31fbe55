// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace oqs::server::ca {

/// The one error type of the CA library: what failed, followed by OpenSSL's error queue text when there was any.
class CaError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Throws CaError with `what` and the text of OpenSSL's error queue, which it empties.
[[noreturn]] void throwOpenSslError(std::string_view what);

/// Throws (as throwOpenSslError) unless `result` is OpenSSL's success value 1.
void requireOk(int result, std::string_view what);

/// Returns `object`, or throws (as throwOpenSslError) when an OpenSSL constructor returned null.
template <class T>
T* requireNonNull(T* object, std::string_view what)
{
    if (object == nullptr) {
        throwOpenSslError(what);
    }
    return object;
}

/// Calls OpenSSL's free function for the type, so std::unique_ptr can own OpenSSL objects.
template <auto FreeFunction>
struct OpenSslFree {
    template <class T>
    void operator()(T* object) const
    {
        FreeFunction(object);
    }
};

/// Frees a certificate stack together with the certificates it holds.
struct X509StackFree {
    void operator()(STACK_OF(X509) * stack) const;
};

using Asn1IntegerPtr = std::unique_ptr<ASN1_INTEGER, OpenSslFree<ASN1_INTEGER_free>>;
using Asn1StringPtr = std::unique_ptr<ASN1_STRING, OpenSslFree<ASN1_STRING_free>>;
using Asn1TimePtr = std::unique_ptr<ASN1_TIME, OpenSslFree<ASN1_TIME_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslFree<BIO_free_all>>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslFree<EVP_PKEY_free>>;
using GeneralNamePtr = std::unique_ptr<GENERAL_NAME, OpenSslFree<GENERAL_NAME_free>>;
using GeneralNamesPtr = std::unique_ptr<GENERAL_NAMES, OpenSslFree<GENERAL_NAMES_free>>;
using Pkcs12Ptr = std::unique_ptr<PKCS12, OpenSslFree<PKCS12_free>>;
using X509CrlPtr = std::unique_ptr<X509_CRL, OpenSslFree<X509_CRL_free>>;
using X509ExtensionPtr = std::unique_ptr<X509_EXTENSION, OpenSslFree<X509_EXTENSION_free>>;
using X509Ptr = std::unique_ptr<X509, OpenSslFree<X509_free>>;
using X509RevokedPtr = std::unique_ptr<X509_REVOKED, OpenSslFree<X509_REVOKED_free>>;
using X509StackPtr = std::unique_ptr<STACK_OF(X509), X509StackFree>;
using X509StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, OpenSslFree<X509_STORE_CTX_free>>;
using X509StorePtr = std::unique_ptr<X509_STORE, OpenSslFree<X509_STORE_free>>;

/// A read-only memory BIO over `data`, which must outlive it.
BioPtr memoryBioOver(std::string_view data);
/// A growable, writable memory BIO.
BioPtr newMemoryBio();
/// Everything written so far into a memory BIO.
std::string contentsOf(BIO& memoryBio);

/// Parses the first certificate of a PEM text; throws CaError naming `source` when there is none.
X509Ptr certificateFromPem(std::string_view pem, std::string_view source = "PEM certificate");
/// Parses an unencrypted private key (PKCS#8 or traditional PEM) and never prompts for a password; throws CaError
/// naming `source` on failure.
EvpPkeyPtr privateKeyFromPem(std::string_view pem, std::string_view source = "PEM private key");
/// Parses a CRL, PEM when it starts with a PEM header, DER otherwise; throws CaError on failure.
X509CrlPtr crlFromPemOrDer(std::string_view bytes);

/// The certificate as PEM text; throws CaError when encoding fails.
std::string certificateToPem(X509& certificate);
/// Unencrypted PKCS#8 PEM, as the demo files and the tests use it.
std::string privateKeyToPem(EVP_PKEY& key);

/// DER encoding of any OpenSSL ASN.1 object through its i2d function; throws CaError when encoding fails.
template <class T>
std::vector<std::uint8_t> encodeDer(const T& object, int (*i2d)(const T*, unsigned char**), std::string_view what)
{
    const int length = i2d(&object, nullptr);
    if (length <= 0) {
        throwOpenSslError(what);
    }
    std::vector<std::uint8_t> der(static_cast<std::size_t>(length));
    unsigned char* cursor = der.data();
    if (i2d(&object, &cursor) != length) {
        throwOpenSslError(what);
    }
    return der;
}

/// Where a certificate and its key are kept: <directory>/<baseName>.pem and <directory>/<baseName>.key.pem.
std::filesystem::path certificateFileOf(const std::filesystem::path& directory, std::string_view baseName);
std::filesystem::path privateKeyFileOf(const std::filesystem::path& directory, std::string_view baseName);

/// The whole file; throws CaError when it cannot be read.
std::string readFileBytes(const std::filesystem::path& path);
/// Replaces `path` atomically (temporary file + rename) so a crash never leaves half a key or certificate;
/// `ownerOnly` restricts the file to its owner (private keys). Throws CaError on failure.
void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes, bool ownerOnly);

} // namespace oqs::server::ca
