// SPDX-License-Identifier: Apache-2.0
#include "simulator/CrlSimulator.h"

#include <cstdio>
#include <fstream>
#include <oqs/common/Date.h>

namespace oqs::server::simulator {
namespace {

constexpr auto kCrlLifetime = std::chrono::hours(48);
constexpr auto kJst = std::chrono::hours(9);

std::chrono::system_clock::time_point jstMidnightOf(const common::Date& date)
{
    return std::chrono::system_clock::time_point(std::chrono::days(date.daysSinceEpoch())) - kJst;
}

std::string extraSerial(std::uint64_t index)
{
    char text[19];
    std::snprintf(text, sizeof text, "7E%016llX", static_cast<unsigned long long>(index));
    return text;
}

void writeAtomically(const std::filesystem::path& file, const char* data, std::size_t size)
{
    const std::filesystem::path temporary = file.string() + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(data, std::streamsize(size));
        if (!out.flush()) {
            throw std::filesystem::filesystem_error("cannot write", temporary,
                                                    std::make_error_code(std::errc::io_error));
        }
    }
    std::filesystem::rename(temporary, file);
}

} // namespace

template <class Sink> void CrlSimulator::forEachChunk(const CrlSimulationOptions& options, Sink&& sink) const
{
    std::vector<ca::RevokedCertificate> chunk;
    chunk.reserve(std::size_t(std::min<std::uint64_t>(options.perFile, 1'000'000)));
    const auto flushIfFull = [&] {
        if (chunk.size() >= options.perFile) {
            sink(chunk);
            chunk.clear();
        }
    };
    for (std::uint64_t index = 0; index < options.persons; ++index) {
        const dataset::Person person = m_dataset.person(index);
        if (person.certificate && person.certificate->revoked) {
            const common::Date on = person.certificate->revokedOn.value_or(m_dataset.referenceDate());
            chunk.push_back({person.certificate->serialHex, jstMidnightOf(on)});
            flushIfFull();
        }
    }
    const auto extraRevokedAt = jstMidnightOf(m_dataset.referenceDate().addDays(-1));
    for (std::uint64_t index = 0; index < options.extraSerials; ++index) {
        chunk.push_back({extraSerial(index), extraRevokedAt});
        flushIfFull();
    }
    if (!chunk.empty()) {
        sink(chunk);
    }
}

CrlSimulationReport CrlSimulator::writeCrlFiles(const std::filesystem::path& directory,
                                                const CrlSimulationOptions& options) const
{
    std::filesystem::create_directories(directory);
    for (const auto& entry : std::filesystem::directory_iterator(directory)) {
        if (entry.path().filename().string().starts_with("crl-")) {
            std::filesystem::remove(entry.path());
        }
    }
    const ca::CrlOptions crlOptions = ca::CrlOptions::issuedNow(kCrlLifetime, options.crlNumber);
    CrlSimulationReport report;
    const auto writeOne = [&](const std::vector<ca::RevokedCertificate>& entries) {
        char name[32];
        std::snprintf(name, sizeof name, "crl-%04llu.%s", static_cast<unsigned long long>(report.files + 1),
                      options.pem ? "pem" : "der");
        if (options.pem) {
            const std::string pem = m_authority.signCrlPem(entries, crlOptions);
            writeAtomically(directory / name, pem.data(), pem.size());
        } else {
            const auto der = m_authority.signCrlDer(entries, crlOptions);
            writeAtomically(directory / name, reinterpret_cast<const char*>(der.data()), der.size());
        }
        ++report.files;
        report.serials += entries.size();
    };
    forEachChunk(options, writeOne);
    if (report.files == 0) {
        writeOne({}); // an empty list is still a signed statement that nothing is revoked
    }
    return report;
}

CrlSimulationReport CrlSimulator::writeSerialList(const std::filesystem::path& file,
                                                  const CrlSimulationOptions& options) const
{
    const std::filesystem::path temporary = file.string() + ".tmp";
    CrlSimulationReport report{1, 0};
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << "# revoked JPKI user-authentication certificate serials: SERIALHEX,YYYY-MM-DD (JST)\n";
        forEachChunk(options, [&](const std::vector<ca::RevokedCertificate>& entries) {
            for (const auto& entry : entries) {
                out << entry.serialHex << ',' << common::Date::jstDateOf(entry.revokedAt).toIso() << '\n';
            }
            report.serials += entries.size();
        });
        if (!out.flush()) {
            throw std::filesystem::filesystem_error("cannot write", temporary,
                                                    std::make_error_code(std::errc::io_error));
        }
    }
    std::filesystem::rename(temporary, file);
    return report;
}

} // namespace oqs::server::simulator
