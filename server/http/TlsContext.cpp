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

void addCrl(SSL_CTX* context, const std::string& crlFile, const char* what)
{
    BIO* in = BIO_new_file(crlFile.c_str(), "r");
    X509_CRL* crl = in ? PEM_read_bio_X509_CRL(in, nullptr, nullptr, nullptr) : nullptr;
    BIO_free(in);
    if (!crl) {
        ERR_clear_error();
        throw std::runtime_error(std::string("cannot read ") + what + " '" + crlFile + "'");
    }
    X509_STORE* store = SSL_CTX_get_cert_store(context);
    X509_STORE_add_crl(store, crl);
    X509_CRL_free(crl); // the store holds its own reference
    X509_STORE_set_flags(store, X509_V_FLAG_CRL_CHECK);
}

/// Trusts a second client CA beside the institution CA, and names it to clients among the acceptable issuers.
void addClientCa(SSL_CTX* context, const std::string& caFile)
{
    requireFile(caFile, "feed CA certificate");
    BIO* in = BIO_new_file(caFile.c_str(), "r");
    X509* certificate = in ? PEM_read_bio_X509(in, nullptr, nullptr, nullptr) : nullptr;
    BIO_free(in);
    if (!certificate) {
        ERR_clear_error();
        throw std::runtime_error("cannot read feed CA certificate '" + caFile + "'");
    }
    const bool added = X509_STORE_add_cert(SSL_CTX_get_cert_store(context), certificate) == 1 &&
                       SSL_CTX_add_client_CA(context, certificate) == 1;
    X509_free(certificate); // the store and the list hold their own references
    if (!added) {
        ERR_clear_error();
        throw std::runtime_error("cannot use feed CA certificate '" + caFile + "'");
    }
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
    // The feed CA may be the institution CA itself (the CN prefix then tells feed certificates apart); a separate one
    // is trusted beside it. OpenSSL's CRL check applies to every client certificate, so with one CA's CRL the other's
    // certificates would all fail the handshake: for a separate feed CA, both CRLs or neither.
    const bool separateFeedCa = !settings.feedCaFile.empty() && settings.feedCaFile != settings.institutionCaFile;
    if (separateFeedCa && settings.institutionCrlFile.empty() != settings.feedCrlFile.empty()) {
        throw std::runtime_error("tls.institutionCrl and tls.feedCrl must be set together");
    }
    if (separateFeedCa) {
        addClientCa(context->sslContext(), settings.feedCaFile);
    }
    if (!settings.institutionCrlFile.empty()) {
        addCrl(context->sslContext(), settings.institutionCrlFile, "institution CRL");
    }
    if (separateFeedCa && !settings.feedCrlFile.empty()) {
        addCrl(context->sslContext(), settings.feedCrlFile, "feed CRL");
    }
    return context;
}

} // namespace oqs::server::http
