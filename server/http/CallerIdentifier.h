// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/TlsContext.h"

#include <Poco/Net/X509Certificate.h>
#include <string>

namespace oqs::server::http {

/// Whom a client certificate that passed the TLS handshake speaks for.
struct Caller
{
    enum class Role {
        Unknown,     ///< neither: only public endpoints
        Institution, ///< a medical institution; `name` is the certificate's CN (checked as a code by the handler)
        Feed,        ///< the insurers' intermediate server feed; `name` is <name> of CN=feed:<name>
    };
    Role role = Role::Unknown;
    std::string name;
};

/// Tells institution certificates from feed machine certificates by their issuer: the TLS handshake accepts both
/// CAs, so the issuer, not the CN alone, must decide; otherwise the feed CA could mint institution identities.
/// When the same CA issues both, the CN prefix "feed:" tells them apart. Immutable, so thread-safe.
class CallerIdentifier
{
public:
    /// Reads the subject names of the institution CA and, when configured, the feed CA. Throws std::exception when
    /// a file cannot be read.
    explicit CallerIdentifier(const TlsSettings& settings);

    /// The role and name of a verified peer certificate.
    Caller identify(const Poco::Net::X509Certificate& peer) const;

private:
    std::string m_institutionIssuer;
    std::string m_feedIssuer; ///< empty: no feed CA configured, no certificate is a feed
};

} // namespace oqs::server::http
