// SPDX-License-Identifier: Apache-2.0
// oqs-virtual-card: puts an emulated My Number card into pcscd's vsmartcard reader until interrupted
// (resources/docs/card.md shows how to run it by hand).
#include "VpcdCard.h"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <openssl/pem.h>
#include <openssl/x509.h>

namespace {

volatile std::sig_atomic_t g_stop = 0;

void onSignal(int)
{
    g_stop = 1;
}

constexpr const char* kUsage =
    "usage: oqs-virtual-card [--port N] [--not-jpki] [--pin NNNN] [--pin-tries N] [--pull-after-reads N]\n"
    "                        [CERT.pem [KEY.pem]]\n"
    "  Inserts an emulated My Number card (JPKI AP holding CERT as the user-authentication certificate) into the\n"
    "  vsmartcard reader of a running pcscd (default port 35963 = \"Virtual PCD 00 00\"); Ctrl-C removes it.\n"
    "  PIN mode needs KEY (the card signs with it); --pin-tries 0 is a blocked card (default PIN 1234, 3 tries).\n";

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path);
    }
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::uint8_t> derOfPem(const std::string& pem)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())),
                                                  BIO_free);
    std::unique_ptr<X509, decltype(&X509_free)> certificate(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr),
                                                            X509_free);
    if (!certificate) {
        throw std::runtime_error("not a PEM certificate");
    }
    const int length = i2d_X509(certificate.get(), nullptr);
    std::vector<std::uint8_t> der(static_cast<std::size_t>(length));
    unsigned char* cursor = der.data();
    i2d_X509(certificate.get(), &cursor);
    return der;
}

} // namespace

int main(int argc, char** argv)
{
    using oqs::tests::support::VirtualCardProfile;
    VirtualCardProfile profile;
    std::uint16_t port = oqs::tests::support::VpcdCard::kDefaultPort;
    std::vector<std::string> files;
    try {
        for (int i = 1; i < argc; ++i) {
            const std::string argument = argv[i];
            const bool hasValue = i + 1 < argc;
            if (argument == "--port" && hasValue) {
                port = static_cast<std::uint16_t>(std::stoi(argv[++i]));
            } else if (argument == "--not-jpki") {
                profile.kind = VirtualCardProfile::Kind::NotJpki;
            } else if (argument == "--pin" && hasValue) {
                profile.pin = argv[++i];
            } else if (argument == "--pin-tries" && hasValue) {
                profile.pinTriesLeft = std::stoi(argv[++i]);
            } else if (argument == "--pull-after-reads" && hasValue) {
                profile.pulledAfterReads = std::stoi(argv[++i]);
            } else if (!argument.empty() && argument[0] != '-') {
                files.push_back(argument);
            } else {
                std::cerr << kUsage;
                return 2;
            }
        }
        if (profile.kind == VirtualCardProfile::Kind::Jpki && files.empty()) {
            std::cerr << "a JPKI card needs a certificate\n" << kUsage;
            return 2;
        }
        if (!files.empty()) {
            profile.certificateDer = derOfPem(readFile(files[0]));
        }
        if (files.size() > 1) {
            profile.privateKeyPem = readFile(files[1]);
        }
    } catch (const std::exception& error) {
        std::cerr << "oqs-virtual-card: " << error.what() << '\n';
        return 1;
    }
    oqs::tests::support::VpcdCard card(std::move(profile));
    if (!card.insert(port)) {
        std::cerr << "oqs-virtual-card: nothing listens on 127.0.0.1:" << port << " (is pcscd with vsmartcard-vpcd "
                  << "running?)\n";
        return 1;
    }
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    std::cout << "card inserted (port " << port << "); Ctrl-C removes it" << std::endl;
    while (g_stop == 0 && card.isInserted()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    card.remove();
    std::cout << "card removed" << std::endl;
    return 0;
}
