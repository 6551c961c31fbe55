// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace oqs::server::core {

struct OpenSslFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
    void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
    void operator()(X509* certificate) const { X509_free(certificate); }
    void operator()(X509_STORE* store) const { X509_STORE_free(store); }
    void operator()(X509_STORE_CTX* context) const { X509_STORE_CTX_free(context); }
    void operator()(BIO* bio) const { BIO_free(bio); }
};

template <class T>
using OpenSslPtr = std::unique_ptr<T, OpenSslFree>;

/// The OpenSSL error queue as one line (and cleared), for exceptions and logs.
std::string takeOpenSslErrors();

} // namespace oqs::server::core
