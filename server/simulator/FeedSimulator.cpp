// SPDX-License-Identifier: Apache-2.0
#include "simulator/FeedSimulator.h"

#include <fstream>
#include <map>
#include <oqs/common/Csv.h>
#include <stdexcept>

namespace oqs::server::simulator {
namespace {

using Sequences = std::map<std::string, std::int64_t>;
using Row = std::vector<std::string>;

constexpr std::size_t kChunkRows = 10'000;
constexpr std::uint64_t kLossEvery = 10;

const Row kHeader = {
    "sequence",      "operation",           "insurer_number", "card_symbol",     "card_number",   "card_branch",
    "birth_date",    "linkage_number",      "name",           "name_kana",       "sex",           "relationship",
    "card_category", "acquisition_date",    "loss_date",      "card_valid_from", "card_valid_to", "copayment_percent",
    "address",       "insured_person_name", "office_name"};

std::string dateText(const std::optional<common::Date>& date)
{
    return date ? date->toIso() : std::string();
}

template <class T> std::string codeText(const std::optional<T>& value)
{
    return value ? std::to_string(int(*value)) : std::string();
}

Row rowOf(std::int64_t sequence, std::string_view operation, const std::string& linkage, const common::Qualification& q)
{
    return {std::to_string(sequence),
            std::string(operation),
            q.card.insurerNumber,
            q.card.symbol,
            q.card.number,
            q.card.branch,
            q.birthDate.toIso(),
            linkage,
            q.name,
            q.nameKana,
            std::to_string(int(q.sex)),
            codeText(q.relationship),
            q.cardCategory ? std::string(common::cardCategoryCode(*q.cardCategory)) : std::string(),
            dateText(q.acquisitionDate),
            dateText(q.lossDate),
            dateText(q.cardValidFrom),
            dateText(q.cardValidTo),
            codeText(q.copaymentPercent),
            q.address,
            q.insuredPersonName,
            q.officeName};
}

Sequences readSequences(const std::filesystem::path& file)
{
    Sequences sequences;
    std::ifstream in(file);
    std::string insurer;
    std::int64_t last = 0;
    while (std::getline(in, insurer, ',') && in >> last) {
        in.ignore(1);
        sequences[insurer] = last;
    }
    return sequences;
}

void writeSequences(const std::filesystem::path& file, const Sequences& sequences)
{
    std::ofstream out(file.string() + ".tmp", std::ios::trunc);
    for (const auto& [insurer, last] : sequences) {
        out << insurer << ',' << last << '\n';
    }
    out.close();
    std::filesystem::rename(file.string() + ".tmp", file);
}

/// Writes a feed file chunk by chunk (constant memory), header first, trailer last, then renames it into place.
class FeedFileWriter
{
public:
    explicit FeedFileWriter(std::filesystem::path path)
        : m_path(std::move(path)), m_out(m_path.string() + ".tmp", std::ios::binary | std::ios::trunc)
    {
        m_rows.push_back(kHeader);
    }
    void add(Row row)
    {
        m_rows.push_back(std::move(row));
        ++m_records;
        if (m_rows.size() >= kChunkRows) {
            flush();
        }
    }
    std::uint64_t close()
    {
        m_rows.push_back({"END", std::to_string(m_records)});
        flush();
        m_out.close();
        if (!m_out) {
            throw std::runtime_error(m_path.string() + ": cannot be written");
        }
        std::filesystem::rename(m_path.string() + ".tmp", m_path);
        return m_records;
    }

private:
    void flush()
    {
        const auto text = common::writeCsv(m_rows, common::TextEncoding::Utf8);
        if (!text) {
            throw std::runtime_error(m_path.string() + ": " + text.error().detail);
        }
        m_out << text.value();
        m_rows.clear();
    }

    std::filesystem::path m_path;
    std::ofstream m_out;
    std::vector<Row> m_rows;
    std::uint64_t m_records = 0;
};

} // namespace

FeedSimulationReport FeedSimulator::writeFeedFiles(const std::filesystem::path& directory, std::uint64_t first,
                                                   std::uint64_t count) const
{
    std::filesystem::create_directories(directory);
    const auto sequenceFile = directory / "sequences.state";
    Sequences sequences = readSequences(sequenceFile);
    const std::string prefix = "feed-" + std::to_string(first);
    FeedFileWriter registers(directory / (prefix + "-1-register.csv"));
    FeedFileWriter updates(directory / (prefix + "-2-update.csv"));
    const common::Date lossDate = m_dataset.referenceDate().addDays(-3);
    FeedSimulationReport report{2, 0, 0};
    std::vector<std::pair<std::string, common::Qualification>> losses;
    for (std::uint64_t index = first; index < first + count; ++index) {
        const dataset::Person person = m_dataset.person(index);
        for (const auto& qualification : person.qualifications) {
            registers.add(
                rowOf(++sequences[qualification.card.insurerNumber], "register", person.linkageNumber, qualification));
        }
        const auto current = person.qualifications.empty() ? nullptr : &person.qualifications.front();
        if (index % kLossEvery == 0 && current && !current->lossDate &&
            current->acquisitionDate.value_or(common::Date{}) < lossDate) {
            losses.emplace_back(person.linkageNumber, *current);
        }
    }
    report.records += registers.close();
    // Updates are numbered after all registrations of the same call, as the sender would number later events.
    for (auto& [linkage, qualification] : losses) {
        qualification.lossDate = lossDate;
        updates.add(rowOf(++sequences[qualification.card.insurerNumber], "update", linkage, qualification));
    }
    report.losses = updates.close();
    report.records += report.losses;
    writeSequences(sequenceFile, sequences);
    return report;
}

} // namespace oqs::server::simulator
