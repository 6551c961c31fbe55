// SPDX-License-Identifier: Apache-2.0
#include "http/CallerIdentifier.h"

#include <string_view>

namespace oqs::server::http {
namespace {

constexpr std::string_view kFeedPrefix = "feed:";

std::string subjectOf(const std::string& caFile)
{
    return Poco::Net::X509Certificate(caFile).subjectName();
}

} // namespace

CallerIdentifier::CallerIdentifier(const TlsSettings& settings)
    : m_institutionIssuer(subjectOf(settings.institutionCaFile)),
      m_feedIssuer(settings.feedCaFile.empty() ? std::string() : subjectOf(settings.feedCaFile))
{
}

Caller CallerIdentifier::identify(const Poco::Net::X509Certificate& peer) const
{
    const std::string commonName = peer.commonName();
    const std::string issuer = peer.issuerName();
    const bool feedName = commonName.starts_with(kFeedPrefix);
    if (feedName && !m_feedIssuer.empty() && issuer == m_feedIssuer && commonName.size() > kFeedPrefix.size()) {
        return {Caller::Role::Feed, commonName.substr(kFeedPrefix.size())};
    }
    if (!feedName && issuer == m_institutionIssuer) {
        return {Caller::Role::Institution, commonName};
    }
    return {};
}

} // namespace oqs::server::http
