// SPDX-License-Identifier: Apache-2.0
#include "core/DatasetLoader.h"

#include "core/CertificateRepository.h"
#include "core/QualificationRepository.h"
#include "core/RevocationRepository.h"

#include <oqs/common/Date.h>

#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>

#include <string>

namespace oqs::server::core {
namespace {

constexpr std::uint64_t kBatchPersons = 20'000;
constexpr int kBulkLoadCacheKiB = 256 * 1024;
constexpr int kDefaultCacheKiB = 2000; // SQLite's own default

/// SQLite only: a larger page cache on one pooled session for the length of a bulk load, the default again after
/// (the session goes back to the pool).
class ScopedPageCache
{
public:
    ScopedPageCache(Database& database, Poco::Data::Session& session, int kibibytes)
        : m_session(database.dialect() == Dialect::SQLite ? &session : nullptr)
    {
        setCache(kibibytes);
    }
    ~ScopedPageCache()
    {
        try {
            setCache(kDefaultCacheKiB);
        } catch (const Poco::Exception&) {
            // The session then keeps the larger cache: more memory, nothing wrong.
        }
    }
    ScopedPageCache(const ScopedPageCache&) = delete;
    ScopedPageCache& operator=(const ScopedPageCache&) = delete;

private:
    void setCache(int kibibytes)
    {
        if (m_session) {
            *m_session << "PRAGMA cache_size = -" + std::to_string(kibibytes), Poco::Data::Keywords::now;
        }
    }

    Poco::Data::Session* m_session;
};

} // namespace

LoadReport loadSyntheticDataset(Database& database, const dataset::SyntheticDataset& dataset, std::uint64_t count,
                                const LoadProgress& progress)
{
    LoadReport report;
    QualificationRepository::BulkWriter writer(database);
    // The rows arrive in random key order for three indexes: once they outgrow SQLite's default 2 MiB page cache,
    // every insert reads pages back from disk and a 10 M-person load slows to a crawl. The cache grows only as used.
    const ScopedPageCache cache(database, writer.session(), kBulkLoadCacheKiB);
    const std::string loadedAt = common::formatJstTimestamp(std::chrono::system_clock::now());
    for (const auto& insurer : dataset.insurers()) {
        writer.addInsurer({insurer.number, insurer.name, std::string(common::schemeNameJa(insurer.scheme)),
                           insurer.prefecture, loadedAt});
    }
    // Links and revocations are written once per batch, with few statements.
    std::vector<CertificateRepository::NewLink> links;
    std::vector<RevocationRepository::Revocation> revocations;
    const auto writeLinksAndRevocations = [&] {
        CertificateRepository::insertLinks(database, writer.session(), links);
        RevocationRepository::insertIntoActive(database, writer.session(), revocations);
        links.clear();
        revocations.clear();
    };
    for (std::uint64_t index = 0; index < count; ++index) {
        const dataset::Person person = dataset.person(index);
        for (const auto& qualification : person.qualifications) {
            writer.addQualification({person.linkageNumber, qualification});
            ++report.qualifications;
        }
        if (const auto& certificate = person.certificate) {
            const std::string serial = canonicalSerial(certificate->serialHex);
            links.push_back({{serial, certificate->linked ? person.linkageNumber : std::string()},
                             certificate->previousSerialHex.empty() ? std::string()
                                                                    : canonicalSerial(certificate->previousSerialHex)});
            ++report.certificates;
            if (certificate->revoked) {
                revocations.push_back({serial, certificate->revokedOn.value_or(dataset.referenceDate()).toIso()});
                ++report.revocations;
            }
        }
        ++report.persons;
        if (report.persons % kBatchPersons == 0) {
            writeLinksAndRevocations();
            writer.commitAndContinue();
            if (progress) {
                progress(report.persons);
            }
        }
    }
    writeLinksAndRevocations();
    writer.commit();
    if (progress && report.persons % kBatchPersons != 0) { // a whole last batch was reported above
        progress(report.persons);
    }
    return report;
}

} // namespace oqs::server::core
