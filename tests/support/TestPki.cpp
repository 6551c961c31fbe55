// SPDX-License-Identifier: Apache-2.0
#include "TestPki.h"

#include <chrono>

using namespace oqs::server::ca;

namespace oqs::tests {
namespace {

std::string derText(const IssuedCertificate& certificate)
{
    return std::string(certificate.der.begin(), certificate.der.end());
}

} // namespace

TestPki::TestPki(std::filesystem::path directory)
    : m_directory(std::move(directory)), m_jpki(CertificateAuthority::create("OQS Test JPKI CA", KeyType::EcP256)),
      m_untrusted(CertificateAuthority::create("Untrusted Test CA", KeyType::EcP256))
{
    std::filesystem::create_directories(m_directory);
    const auto authority = CertificateAuthority::create("OQS Test Institution CA");
    authority.save(m_directory, "ca");
    m_jpki.save(m_directory, "jpki-ca");
    authority.issueServerCertificate().save(m_directory, "server");
    authority.issueInstitutionCertificate(kInstitutionCode, "テスト診療所").save(m_directory, "institution-a");
    const auto revoked = authority.issueInstitutionCertificate(kRevokedInstitutionCode, "失効テスト薬局");
    revoked.save(m_directory, "institution-b");
    authority.issueFeedCertificate("intermediate").save(m_directory, "feed");
    m_untrusted.issueInstitutionCertificate(kInstitutionCode, "なりすまし").save(m_directory, "stranger");
    const auto feedAuthority = CertificateAuthority::create("OQS Test Feed CA");
    feedAuthority.save(m_directory, "feed-ca");
    feedAuthority.issueFeedCertificate(kFeedName).save(m_directory, "feed-intermediate");
    feedAuthority.issueInstitutionCertificate(kInstitutionCode, "フィードCAの診療所")
        .save(m_directory, "feed-ca-institution");

    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const CrlOptions crlOptions{now - std::chrono::hours(1), now + std::chrono::days(7), 1};
    writeFileAtomically(feedCrlFile(), feedAuthority.signCrlPem({}, crlOptions), false);
    const RevokedCertificate entry{revoked.serialHex, now - std::chrono::hours(1)};
    writeFileAtomically(institutionCrlFile(), authority.signCrlPem({&entry, 1}, crlOptions), false);
}

std::string TestPki::cardCertificateDer(const std::string& serialHex, const Validity& validity, bool trusted) const
{
    const IssueOptions options{serialHex, validity};
    return derText((trusted ? m_jpki : m_untrusted).issueJpkiUserCertificate("TEST CARD HOLDER", options));
}

ClientIdentity TestPki::identity(const std::string& baseName) const
{
    return ClientIdentity{certificateFileOf(m_directory, baseName), privateKeyFileOf(m_directory, baseName)};
}

} // namespace oqs::tests
