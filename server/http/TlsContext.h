// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <Poco/Net/Context.h>

#include <string>

namespace oqs::server::http {

struct TlsSettings {
    std::string certificateFile;   ///< server certificate (PEM)
    std::string privateKeyFile;    ///< its key (PEM)
    std::string institutionCaFile; ///< CA that issues institution (client) certificates
    std::string institutionCrlFile;///< that CA's CRL (PEM); empty = no revocation check (demo only)
    std::string feedCaFile;        ///< CA that issues feed machine certificates (CN=feed:<name>); empty = no HTTP feed
    std::string feedCrlFile;       ///< that CA's CRL (PEM); required when the institution CRL is set
};

/// A server context for mutual TLS: TLS 1.2+ with forward-secret AEAD ciphers, a client certificate required and
/// verified against the institution CA or, when configured, the feed CA, and their CRLs. Which of them issued a
/// certificate decides what it may call (CallerIdentifier). Throws with a clear message on bad files.
Poco::Net::Context::Ptr makeServerContext(const TlsSettings& settings);

} // namespace oqs::server::http
