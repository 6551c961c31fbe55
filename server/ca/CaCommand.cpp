// SPDX-License-Identifier: Apache-2.0
#include "ca/CertificateAuthority.h"

#include <algorithm>
#include <functional>
#include <ostream>
#include <stdexcept>

namespace oqs::server::ca {

namespace {

constexpr std::string_view kUsage =
    "usage:\n"
    "  ca init-demo <dir>\n"
    "  ca issue-jpki <dir> <serialHex> <notBefore YYYY-MM-DD> <notAfter YYYY-MM-DD> <out-prefix>\n"
    "  ca revoke-institution <dir> <cert.pem>\n";

constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

// Tokyo (13), fee table 1 (medical), institution 234567 followed by its D2 check digit 6.
constexpr std::string_view kDemoInstitutionCode = "1312345676";
constexpr std::string_view kDemoInstitutionName = "OQSデモ診療所";
constexpr std::string_view kDemoFeedName = "intermediate";
constexpr std::string_view kDemoPkcs12Password = "demo";
constexpr std::string_view kInstitutionCaName = "OQS Demo Institution CA";
constexpr std::string_view kJpkiCaName = "OQS Test JPKI CA";
constexpr std::string_view kInstitutionCaBase = "ca";
constexpr std::string_view kJpkiCaBase = "jpki-ca";
constexpr std::string_view kCrlFileName = "ca.crl.pem";
constexpr std::string_view kPkcs12FileName = "institution.p12";
// Demo CRLs outlive a demo session comfortably; production CRLs come from the real CAs.
constexpr std::chrono::days kDemoCrlLifetime{365};

/// A command line that cannot be run as given: reported together with the usage text.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

CrlOptions demoCrlOptions(std::uint64_t crlNumber)
{
    return CrlOptions::issuedNow(kDemoCrlLifetime, crlNumber);
}

/// True when both files of a certificate/key pair exist, false when neither does. A lone file is an error, not
/// something to overwrite: it may be the only copy of a key.
bool pairExists(const std::filesystem::path& directory, std::string_view baseName)
{
    const std::filesystem::path certificateFile = certificateFileOf(directory, baseName);
    const std::filesystem::path keyFile = privateKeyFileOf(directory, baseName);
    const bool hasCertificate = std::filesystem::exists(certificateFile);
    if (hasCertificate != std::filesystem::exists(keyFile)) {
        throw CaError("only one of " + certificateFile.string() + " and " + keyFile.string() +
                      " exists; restore or remove it");
    }
    return hasCertificate;
}

void report(std::ostream& out, bool created, const std::string& what)
{
    out << (created ? "created " : "kept ") << what << '\n';
}

std::string pairDescription(std::string_view baseName)
{
    return std::string(baseName) + ".pem, " + std::string(baseName) + ".key.pem";
}

CertificateAuthority loadOrCreateCa(const std::filesystem::path& directory, std::string_view baseName,
                                    std::string_view commonName, KeyType keyType, std::ostream& out)
{
    if (pairExists(directory, baseName)) {
        CertificateAuthority ca = CertificateAuthority::load(directory, baseName);
        report(out, false, pairDescription(baseName));
        return ca;
    }
    CertificateAuthority ca = CertificateAuthority::create(commonName, keyType);
    ca.save(directory, baseName);
    report(out, true, pairDescription(baseName));
    return ca;
}

void ensurePair(const std::filesystem::path& directory, std::string_view baseName, std::ostream& out,
                const std::function<IssuedCertificate()>& issue)
{
    const bool exists = pairExists(directory, baseName);
    if (!exists) {
        issue().save(directory, baseName);
    }
    report(out, !exists, pairDescription(baseName));
}

void ensureFile(const std::filesystem::path& directory, std::string_view fileName, bool ownerOnly, std::ostream& out,
                const std::function<std::string()>& contents)
{
    const std::filesystem::path file = directory / fileName;
    const bool exists = std::filesystem::exists(file);
    if (!exists) {
        writeFileAtomically(file, contents(), ownerOnly);
    }
    report(out, !exists, std::string(fileName));
}

int initDemo(const std::filesystem::path& directory, std::ostream& out)
{
    std::filesystem::create_directories(directory);
    const CertificateAuthority ca =
        loadOrCreateCa(directory, kInstitutionCaBase, kInstitutionCaName, KeyType::EcP256, out);
    ensurePair(directory, "server", out, [&ca] { return ca.issueServerCertificate(); });
    ensurePair(directory, "institution", out,
               [&ca] { return ca.issueInstitutionCertificate(kDemoInstitutionCode, kDemoInstitutionName); });
    ensureFile(directory, kPkcs12FileName, true, out, [&ca, &directory] {
        const std::vector<std::uint8_t> pkcs12 = ca.exportPkcs12(
            readFileBytes(certificateFileOf(directory, "institution")),
            readFileBytes(privateKeyFileOf(directory, "institution")), kDemoPkcs12Password, kDemoInstitutionCode);
        return std::string(pkcs12.begin(), pkcs12.end());
    });
    ensurePair(directory, "feed", out, [&ca] { return ca.issueFeedCertificate(kDemoFeedName); });
    loadOrCreateCa(directory, kJpkiCaBase, kJpkiCaName, KeyType::Rsa2048, out);
    ensureFile(directory, kCrlFileName, false, out, [&ca] { return ca.signCrlPem({}, demoCrlOptions(1)); });
    out << "institution code " << kDemoInstitutionCode << ", PKCS#12 password \"" << kDemoPkcs12Password << "\"\n";
    return 0;
}

common::Date parseDateArgument(const std::string& text, std::string_view name)
{
    const std::optional<common::Date> date = common::Date::parse(text);
    if (!date) {
        throw UsageError(std::string(name) + " '" + text + "' is not a date (YYYY-MM-DD)");
    }
    return *date;
}

int issueJpki(const std::filesystem::path& directory, const std::string& serialArgument,
              const std::string& notBeforeArgument, const std::string& notAfterArgument,
              const std::filesystem::path& outPrefix, std::ostream& out)
{
    std::string serialHex;
    try {
        serialHex = normalizeSerialHex(serialArgument);
    } catch (const CaError& error) {
        throw UsageError(error.what());
    }
    const common::Date notBefore = parseDateArgument(notBeforeArgument, "notBefore");
    const common::Date notAfter = parseDateArgument(notAfterArgument, "notAfter");
    if (notAfter < notBefore) {
        throw UsageError("notAfter is before notBefore");
    }
    if (outPrefix.filename().empty()) {
        throw UsageError("out-prefix '" + outPrefix.string() + "' names no file");
    }
    const CertificateAuthority jpkiCa = CertificateAuthority::load(directory, kJpkiCaBase);
    const IssuedCertificate issued = jpkiCa.issueJpkiUserCertificate(
        "OQS TEST USER " + serialHex, IssueOptions{serialHex, Validity::fromDates(notBefore, notAfter)});
    const std::filesystem::path outDirectory = outPrefix.has_parent_path() ? outPrefix.parent_path() : ".";
    issued.save(outDirectory, outPrefix.filename().string());
    out << "issued JPKI user certificate, serial " << issued.serialHex << ", valid " << notBefore.toIso() << " to "
        << notAfter.toIso() << " (JST): " << certificateFileOf(outDirectory, outPrefix.filename().string()).string()
        << '\n';
    return 0;
}

int revokeInstitution(const std::filesystem::path& directory, const std::filesystem::path& certificateFile,
                      std::ostream& out)
{
    const CertificateAuthority ca = CertificateAuthority::load(directory, kInstitutionCaBase);
    const std::string serialHex = ca.issuedSerialOf(readFileBytes(certificateFile));
    const std::filesystem::path crlFile = directory / kCrlFileName;
    CrlContents contents = std::filesystem::exists(crlFile) ? ca.readCrl(readFileBytes(crlFile)) : CrlContents{};
    const bool listed =
        std::any_of(contents.revoked.begin(), contents.revoked.end(),
                    [&serialHex](const RevokedCertificate& entry) { return entry.serialHex == serialHex; });
    if (listed) {
        out << "serial " << serialHex << " is already in " << crlFile.string() << '\n';
        return 0;
    }
    const CrlOptions options = demoCrlOptions(contents.options.crlNumber + 1);
    contents.revoked.push_back(RevokedCertificate{serialHex, options.thisUpdate});
    writeFileAtomically(crlFile, ca.signCrlPem(contents.revoked, options), false);
    out << "revoked serial " << serialHex << " in " << crlFile.string() << " (CRL number " << options.crlNumber
        << ")\n";
    return 0;
}

int dispatch(const std::vector<std::string>& args, std::ostream& out)
{
    if (args.size() < 2 || args[0] != "ca") {
        throw UsageError("expected 'ca <command> …'");
    }
    const std::string& command = args[1];
    if (command == "init-demo" && args.size() == 3) {
        return initDemo(args[2], out);
    }
    if (command == "issue-jpki" && args.size() == 7) {
        return issueJpki(args[2], args[3], args[4], args[5], args[6], out);
    }
    if (command == "revoke-institution" && args.size() == 4) {
        return revokeInstitution(args[2], args[3], out);
    }
    throw UsageError("unknown command or wrong number of arguments: ca " + command);
}

} // namespace

int runCaCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)
{
    try {
        return dispatch(args, out);
    } catch (const UsageError& error) {
        err << "ca: " << error.what() << '\n' << kUsage;
        return kExitUsage;
    } catch (const std::exception& error) {
        // CaError, and std::filesystem::filesystem_error from directory handling.
        err << "ca: " << error.what() << '\n';
        return kExitFailure;
    }
}

} // namespace oqs::server::ca
