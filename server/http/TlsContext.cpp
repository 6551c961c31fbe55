// SPDX-License-Identifier: Apache-2.0
#include "http/TlsContext.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <filesystem>
#include <stdexcept>

namespace oqs::server::http {
namespace {

constexpr const char* kCiphers = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                                 "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                                 "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

void requireFile(const std::string& path, const char* what)
{
    if (path.empty() || !std::filesystem::is_regular_file(path)) {
        throw std::runtime_error(std::string(what) + " not found: '" + path + "'");
    }
}

void addCrl(SSL_CTX* context, const std::string& crlFile)
{
    BIO* in = BIO_new_file(crlFile.c_str(), "r");
    X509_CRL* crl = in ? PEM_read_bio_X509_CRL(in, nullptr, nullptr, nullptr) : nullptr;
    BIO_free(in);
    if (!crl) {
        ERR_clear_error();
        throw std::runtime_error("cannot read institution CRL '" + crlFile + "'");
    }
    X509_STORE* store = SSL_CTX_get_cert_store(context);
    X509_STORE_add_crl(store, crl);
    X509_CRL_free(crl); // the store holds its own reference
    X509_STORE_set_flags(store, X509_V_FLAG_CRL_CHECK);
}

} // namespace

Poco::Net::Context::Ptr makeServerContext(const TlsSettings& settings)
{
    requireFile(settings.certificateFile, "server certificate");
    requireFile(settings.privateKeyFile, "server private key");
    requireFile(settings.institutionCaFile, "institution CA certificate");

    Poco::Net::Context::Params params;
    params.certificateFile = settings.certificateFile;
    params.privateKeyFile = settings.privateKeyFile;
    params.caLocation = settings.institutionCaFile;
    params.verificationMode = Poco::Net::Context::VERIFY_STRICT; // no client certificate, no connection
    params.verificationDepth = 3;
    params.loadDefaultCAs = false;
    params.cipherList = kCiphers;
    Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params);
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    context->enableSessionCache(true, "oqs-server");
    // Poco's extended verification matches the peer certificate against the peer's host name: right for a client
    // checking a server, meaningless for institution certificates, which name an institution, not a host.
    context->enableExtendedCertificateVerification(false);
    if (!settings.institutionCrlFile.empty()) {
        addCrl(context->sslContext(), settings.institutionCrlFile);
    }
    return context;
}

} // namespace oqs::server::http
