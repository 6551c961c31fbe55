// SPDX-License-Identifier: Apache-2.0
#include "core/DatasetLoader.h"

#include "core/CertificateRepository.h"
#include "core/QualificationRepository.h"
#include "core/RevocationRepository.h"

#include <oqs/common/Date.h>
#include <string>

namespace oqs::server::core {
namespace {

constexpr std::uint64_t kBatchPersons = 20'000;

} // namespace

LoadReport loadSyntheticDataset(Database& database, const dataset::SyntheticDataset& dataset, std::uint64_t count,
                                const LoadProgress& progress)
{
    LoadReport report;
    QualificationRepository::BulkWriter writer(database);
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
