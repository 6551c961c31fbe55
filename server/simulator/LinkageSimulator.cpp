// SPDX-License-Identifier: Apache-2.0
#include "simulator/LinkageSimulator.h"

#include <fstream>
#include <oqs/common/Csv.h>
#include <stdexcept>

namespace oqs::server::simulator {
namespace {

constexpr int kCertificateMonths = 60; ///< a JPKI user-authentication certificate runs five years

using Rows = std::vector<common::CsvRow>;

/// Header, rows, trailer; written beside the target and renamed into place so an importer never sees half a file.
void writeFile(const std::filesystem::path& path, common::CsvRow header, const Rows& data)
{
    Rows rows;
    rows.reserve(data.size() + 2);
    rows.push_back(std::move(header));
    rows.insert(rows.end(), data.begin(), data.end());
    rows.push_back({"END", std::to_string(data.size())});
    const auto text = common::writeCsv(rows, common::TextEncoding::Utf8);
    if (!text) {
        throw std::runtime_error(path.string() + ": " + text.error().detail);
    }
    const std::string partial = path.string() + ".tmp";
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out << text.value();
    out.close();
    if (!out) {
        throw std::runtime_error(path.string() + ": cannot be written");
    }
    std::filesystem::rename(partial, path);
}

bool validToday(const dataset::Person& person, const common::Date& today)
{
    return !person.qualifications.empty() && common::isValidOn(person.qualifications.front(), today);
}

} // namespace

std::string LinkageSimulator::renewedSerial(const std::string& old)
{
    return "1" + old;
}

LinkageSimulationReport LinkageSimulator::writeLinkageFiles(const std::filesystem::path& directory,
                                                            const LinkageSimulationOptions& options) const
{
    std::filesystem::create_directories(directory);
    const common::Date today = m_dataset.referenceDate();
    LinkageSimulationReport report;
    Rows links;
    Rows renewals;
    std::uint64_t unlinkedLeft = options.unlinked;
    std::uint64_t renewalsLeft = options.renewals;
    for (std::uint64_t index = options.first; index < options.first + options.count; ++index) {
        const dataset::Person person = m_dataset.person(index);
        if (!person.certificate) {
            continue;
        }
        const dataset::CardCertificate& card = *person.certificate;
        const bool usable = !card.revoked && card.notAfter >= today;
        const bool renewedInDataset = !card.previousSerialHex.empty();
        if (!card.linked || (unlinkedLeft > 0 && !renewedInDataset)) {
            unlinkedLeft -= card.linked ? 1 : 0;
            ++report.pending;
            if (usable && !report.unlinked) {
                report.unlinked = CardSample{index, card.serialHex, card.notBefore, card.notAfter, {}};
            }
            continue;
        }
        if (renewedInDataset) {
            links.push_back({card.previousSerialHex, person.linkageNumber});
            renewals.push_back({card.previousSerialHex, card.serialHex});
            if (usable && validToday(person, today) && !report.renewed) {
                report.renewed =
                    CardSample{index, card.serialHex, card.notBefore, card.notAfter, card.previousSerialHex};
            }
            continue;
        }
        links.push_back({card.serialHex, person.linkageNumber});
        if (usable && renewalsLeft > 0) {
            --renewalsLeft;
            const std::string serial = renewedSerial(card.serialHex);
            renewals.push_back({card.serialHex, serial});
            if (validToday(person, today) && !report.renewed) {
                report.renewed =
                    CardSample{index, serial, today, today.addMonths(kCertificateMonths).addDays(-1), card.serialHex};
            }
        } else if (usable && validToday(person, today) && !report.linked) {
            report.linked = CardSample{index, card.serialHex, card.notBefore, card.notAfter, {}};
        }
    }
    const std::string prefix = "linkage-" + std::to_string(options.first);
    writeFile(directory / (prefix + "-1-serial.csv"), {"serial", "linkage_number"}, links);
    writeFile(directory / (prefix + "-2-renewal.csv"), {"old_serial", "new_serial"}, renewals);
    report.links = links.size();
    report.renewals = renewals.size();
    return report;
}

} // namespace oqs::server::simulator
