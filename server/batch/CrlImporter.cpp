// SPDX-License-Identifier: Apache-2.0
#include "batch/CrlImporter.h"

#include "batch/BatchError.h"
#include "core/CertificateRepository.h"
#include "core/RevocationRepository.h"

#include <algorithm>
#include <ctime>
#include <fstream>
#include <iterator>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <oqs/common/Date.h>

namespace oqs::server::batch {
namespace {

template <auto FreeFunction> struct Free
{
    template <class T> void operator()(T* object) const { FreeFunction(object); }
};
using X509Ptr = std::unique_ptr<X509, Free<X509_free>>;
using CrlPtr = std::unique_ptr<X509_CRL, Free<X509_CRL_free>>;
using BioPtr = std::unique_ptr<BIO, Free<BIO_free>>;

constexpr auto kClockSkew = std::chrono::minutes(5);

std::string openSslErrors()
{
    std::string text;
    while (const unsigned long code = ERR_get_error()) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        text += text.empty() ? "" : "; ";
        text += buffer;
    }
    return text;
}

std::string readWholeFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw BatchError(path.string() + ": cannot be read");
    }
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// PEM when the text starts with a PEM header, DER otherwise; DER must be exactly one object (no trailing bytes),
/// so that a truncated or padded file is refused rather than half-read.
CrlPtr parseCrl(const std::string& bytes, const std::string& name)
{
    ERR_clear_error();
    if (bytes.starts_with("-----BEGIN")) {
        BioPtr bio(BIO_new_mem_buf(bytes.data(), int(bytes.size())));
        CrlPtr crl(PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr));
        if (!crl) {
            throw BatchError(name + ": not a PEM X.509 CRL (" + openSslErrors() + ")");
        }
        return crl;
    }
    const auto* cursor = reinterpret_cast<const unsigned char*>(bytes.data());
    CrlPtr crl(d2i_X509_CRL(nullptr, &cursor, long(bytes.size())));
    if (!crl) {
        throw BatchError(name + ": not a DER X.509 CRL, or truncated (" + openSslErrors() + ")");
    }
    if (cursor != reinterpret_cast<const unsigned char*>(bytes.data()) + bytes.size()) {
        throw BatchError(name + ": bytes after the end of the CRL");
    }
    return crl;
}

std::chrono::system_clock::time_point instantOf(const ASN1_TIME& time)
{
    std::tm parts{};
    if (ASN1_TIME_to_tm(&time, &parts) != 1) {
        throw BatchError("malformed time in CRL");
    }
    return std::chrono::system_clock::from_time_t(timegm(&parts));
}

std::string serialOf(const ASN1_INTEGER& serial)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    const unsigned char* bytes = ASN1_STRING_get0_data(&serial);
    const int length = ASN1_STRING_length(&serial);
    std::string hex;
    hex.reserve(std::size_t(length) * 2);
    for (int i = 0; i < length; ++i) {
        hex.push_back(kHex[bytes[i] >> 4]);
        hex.push_back(kHex[bytes[i] & 0x0F]);
    }
    return core::canonicalSerial(hex);
}

bool isHex(std::string_view text)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    });
}

} // namespace

struct CrlImporter::Trust
{
    std::vector<X509Ptr> authorities;

    /// The configured CA that issued and signed `crl`; throws BatchError naming `name` otherwise.
    const X509& issuerOf(X509_CRL& crl, const std::string& name) const
    {
        bool nameMatched = false;
        for (const auto& authority : authorities) {
            if (X509_NAME_cmp(X509_CRL_get_issuer(&crl), X509_get_subject_name(authority.get())) != 0) {
                continue;
            }
            nameMatched = true;
            if (X509_CRL_verify(&crl, X509_get0_pubkey(authority.get())) == 1) {
                return *authority;
            }
        }
        ERR_clear_error();
        throw BatchError(name + (nameMatched ? ": bad signature (not signed by the configured CA of that name)"
                                             : ": issuer is not a configured CA"));
    }
};

CrlImporter::CrlImporter(core::Database& database, const std::vector<std::string>& caCertificatesPem)
    : m_database(database), m_trust(std::make_unique<Trust>())
{
    for (const auto& pem : caCertificatesPem) {
        BioPtr bio(BIO_new_mem_buf(pem.data(), int(pem.size())));
        std::size_t found = 0;
        while (X509* certificate = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
            m_trust->authorities.emplace_back(certificate);
            ++found;
        }
        ERR_clear_error(); // the loop ends on "no start line"
        if (found == 0) {
            throw BatchError("a configured CA file holds no PEM certificate");
        }
    }
}

CrlImporter::~CrlImporter() = default;

void CrlImporter::checkShrink(std::uint64_t newCount)
{
    const std::uint64_t current = core::RevocationRepository(m_database).active().serialCount;
    if (m_maxShrink >= 0 && double(newCount) < double(current) * (1.0 - m_maxShrink)) {
        throw BatchError("the new list has " + std::to_string(newCount) + " serials, the one in service " +
                         std::to_string(current) + ": more than the allowed shrink (a distribution point missing?)");
    }
}

CrlImportReport CrlImporter::importCrlDirectory(const std::filesystem::path& directory, JobProgress& progress)
{
    std::vector<std::filesystem::path> files;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
        if (entry.is_regular_file() && !entry.path().filename().string().starts_with(".")) {
            files.push_back(entry.path());
        }
    }
    if (error) {
        throw BatchError(directory.string() + ": " + error.message());
    }
    if (files.empty()) {
        throw BatchError(directory.string() + ": no CRL file");
    }
    std::sort(files.begin(), files.end());
    const auto now = m_now == std::chrono::system_clock::time_point{} ? std::chrono::system_clock::now() : m_now;

    core::RevocationRepository::Staging staging(m_database);
    CrlImportReport report;
    for (const auto& file : files) {
        const std::string name = file.filename().string();
        CrlPtr crl = parseCrl(readWholeFile(file), name);
        m_trust->issuerOf(*crl, name);
        if (instantOf(*X509_CRL_get0_lastUpdate(crl.get())) > now + kClockSkew) {
            throw BatchError(name + ": thisUpdate is in the future");
        }
        const ASN1_TIME* nextUpdate = X509_CRL_get0_nextUpdate(crl.get());
        if (nextUpdate == nullptr || instantOf(*nextUpdate) < now - kClockSkew) {
            throw BatchError(name + ": stale CRL (nextUpdate missing or past)");
        }
        const STACK_OF(X509_REVOKED)* entries = X509_CRL_get_REVOKED(crl.get());
        const int count = sk_X509_REVOKED_num(entries); // -1 for a CRL without entries
        for (int i = 0; i < count; ++i) {
            const X509_REVOKED* entry = sk_X509_REVOKED_value(entries, i);
            staging.add(serialOf(*X509_REVOKED_get0_serialNumber(entry)),
                        common::Date::jstDateOf(instantOf(*X509_REVOKED_get0_revocationDate(entry))).toIso());
        }
        ++report.files;
        progress.update("crl-files", report.files, files.size());
    }
    progress.finish("crl-files", report.files);
    checkShrink(staging.count());
    report.serials = staging.count();
    report.source = "crl:" + std::to_string(report.files) + " files";
    staging.activate(report.source);
    return report;
}

CrlImportReport CrlImporter::importSerialList(const std::filesystem::path& file, JobProgress& progress)
{
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw BatchError(file.string() + ": cannot be read");
    }
    const std::string name = file.filename().string();
    const std::string today = common::Date::todayJst().toIso();
    core::RevocationRepository::Staging staging(m_database);
    std::string line;
    std::size_t lineNumber = 0;
    bool endedWithNewline = true;
    while (std::getline(in, line)) {
        ++lineNumber;
        endedWithNewline = !in.eof();
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.empty() || line.starts_with('#')) {
            continue;
        }
        const auto comma = line.find(',');
        const std::string serial = line.substr(0, comma);
        if (!isHex(serial) || serial.size() > 40) {
            throw BatchError(name + ": line " + std::to_string(lineNumber) + ": serial '" + serial +
                             "' is not hexadecimal (at most 40 digits)");
        }
        std::string revokedOn = today;
        if (comma != std::string::npos) {
            const auto date = common::Date::parse(std::string_view(line).substr(comma + 1));
            if (!date) {
                throw BatchError(name + ": line " + std::to_string(lineNumber) + ": revocation date '" +
                                 line.substr(comma + 1) + "' is not YYYY-MM-DD");
            }
            revokedOn = date->toIso();
        }
        staging.add(core::canonicalSerial(serial), std::move(revokedOn));
        if (staging.count() % 100'000 == 0) {
            progress.update("serials", staging.count(), 0);
        }
    }
    if (!endedWithNewline) {
        throw BatchError(name + ": line " + std::to_string(lineNumber) + ": no final newline (truncated file?)");
    }
    progress.finish("serials", staging.count());
    checkShrink(staging.count());
    CrlImportReport report{1, staging.count(), "serial-list:" + name};
    staging.activate(report.source);
    return report;
}

} // namespace oqs::server::batch
