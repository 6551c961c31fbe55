// SPDX-License-Identifier: Apache-2.0
#include "ca/CaSupport.h"

#include <openssl/err.h>
#include <openssl/pem.h>

#include <climits>
#include <fstream>
#include <iterator>
#include <system_error>

namespace oqs::server::ca {

namespace {

std::string drainErrorQueue()
{
    std::string text;
    const char* data = nullptr;
    int flags = 0;
    while (const unsigned long code = ERR_get_error_all(nullptr, nullptr, nullptr, &data, &flags)) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        text += text.empty() ? "" : "; ";
        text += buffer;
        if ((flags & ERR_TXT_STRING) != 0 && data != nullptr && *data != '\0') {
            text += " (";
            text += data;
            text += ")";
        }
    }
    return text;
}

int bioLength(std::string_view data)
{
    if (data.size() > static_cast<std::size_t>(INT_MAX)) {
        throw CaError("input larger than OpenSSL can read at once");
    }
    return static_cast<int>(data.size());
}

// PEM readers prompt on the terminal for encrypted keys unless given a callback; this one refuses instead.
int noPassword(char*, int, int, void*)
{
    return 0;
}

} // namespace

void throwOpenSslError(std::string_view what)
{
    const std::string queue = drainErrorQueue();
    throw CaError(queue.empty() ? std::string(what) : std::string(what) + ": " + queue);
}

void requireOk(int result, std::string_view what)
{
    if (result != 1) {
        throwOpenSslError(what);
    }
}

void X509StackFree::operator()(STACK_OF(X509) * stack) const
{
    sk_X509_pop_free(stack, X509_free);
}

BioPtr memoryBioOver(std::string_view data)
{
    return BioPtr(requireNonNull(BIO_new_mem_buf(data.data(), bioLength(data)), "BIO_new_mem_buf"));
}

BioPtr newMemoryBio()
{
    return BioPtr(requireNonNull(BIO_new(BIO_s_mem()), "BIO_new"));
}

std::string contentsOf(BIO& memoryBio)
{
    char* data = nullptr;
    const long length = BIO_get_mem_data(&memoryBio, &data);
    return length > 0 ? std::string(data, static_cast<std::size_t>(length)) : std::string();
}

X509Ptr certificateFromPem(std::string_view pem, std::string_view source)
{
    const BioPtr bio = memoryBioOver(pem);
    return X509Ptr(
        requireNonNull(PEM_read_bio_X509(bio.get(), nullptr, noPassword, nullptr), "reading " + std::string(source)));
}

EvpPkeyPtr privateKeyFromPem(std::string_view pem, std::string_view source)
{
    const BioPtr bio = memoryBioOver(pem);
    return EvpPkeyPtr(requireNonNull(PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassword, nullptr),
                                     "reading " + std::string(source)));
}

X509CrlPtr crlFromPemOrDer(std::string_view bytes)
{
    const BioPtr bio = memoryBioOver(bytes);
    X509_CRL* crl = bytes.starts_with("-----BEGIN") ? PEM_read_bio_X509_CRL(bio.get(), nullptr, noPassword, nullptr)
                                                    : d2i_X509_CRL_bio(bio.get(), nullptr);
    return X509CrlPtr(requireNonNull(crl, "reading a CRL"));
}

std::string certificateToPem(X509& certificate)
{
    const BioPtr bio = newMemoryBio();
    requireOk(PEM_write_bio_X509(bio.get(), &certificate), "PEM_write_bio_X509");
    return contentsOf(*bio);
}

std::string privateKeyToPem(EVP_PKEY& key)
{
    const BioPtr bio = newMemoryBio();
    requireOk(PEM_write_bio_PrivateKey(bio.get(), &key, nullptr, nullptr, 0, nullptr, nullptr),
              "PEM_write_bio_PrivateKey");
    return contentsOf(*bio);
}

std::filesystem::path certificateFileOf(const std::filesystem::path& directory, std::string_view baseName)
{
    return directory / (std::string(baseName) + ".pem");
}

std::filesystem::path privateKeyFileOf(const std::filesystem::path& directory, std::string_view baseName)
{
    return directory / (std::string(baseName) + ".key.pem");
}

std::string readFileBytes(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw CaError("cannot open " + path.string());
    }
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) {
        throw CaError("cannot read " + path.string());
    }
    return bytes;
}

void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes, bool ownerOnly)
{
    std::filesystem::path temporary = path;
    temporary += ".tmp";
    const auto fail = [&temporary](const std::string& message) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw CaError(message);
    };
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) {
            fail("cannot create " + temporary.string());
        }
        std::error_code error;
        if (ownerOnly) {
            // Restricted before the key bytes are written, so they are never readable by others.
            std::filesystem::permissions(temporary,
                                         std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                         std::filesystem::perm_options::replace, error);
        }
        if (error) {
            fail("cannot restrict permissions of " + temporary.string() + ": " + error.message());
        }
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) {
            fail("cannot write " + temporary.string());
        }
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error) {
        fail("cannot replace " + path.string() + ": " + error.message());
    }
}

} // namespace oqs::server::ca
