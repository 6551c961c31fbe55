// SPDX-License-Identifier: Apache-2.0
// oqs-load-generator: keep-alive HTTPS load over mutual TLS. Each of N connections posts requests (one per line of a
// file, taken round-robin) for a fixed time; prints requests/s and latency percentiles. A line is a JSON body sent to
// PATH, or "/other/path {json}" to mix endpoints in one run.
//   oqs-load-generator HOST PORT PATH REQUESTS_FILE CONNECTIONS SECONDS CA CERT KEY [AUTHORIZATION]
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/NullStream.h>
#include <Poco/StreamCopier.h>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

namespace {

/// One line of the requests file.
struct Request
{
    std::string path;
    std::string body;
};

struct Options
{
    std::string host;
    unsigned short port = 0;
    std::vector<Request> requests;
    int connections = 1;
    int seconds = 10;
    std::string ca;
    std::string certificate;
    std::string key;
    std::string authorization;
};

/// One connection's loop; appends each request's latency (microseconds) to `latencies`.
void drive(const Options& options, int index, std::chrono::steady_clock::time_point end,
           std::vector<std::uint32_t>& latencies, std::atomic<long>& failures)
{
    Poco::Net::Context::Params params;
    params.certificateFile = options.certificate;
    params.privateKeyFile = options.key;
    params.caLocation = options.ca;
    params.verificationMode = Poco::Net::Context::VERIFY_RELAXED;
    params.loadDefaultCAs = false;
    Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
    context->enableExtendedCertificateVerification(false);
    Poco::Net::HTTPSClientSession session(options.host, options.port, context);
    session.setKeepAlive(true);
    std::size_t next = std::size_t(index);
    while (std::chrono::steady_clock::now() < end) {
        const Request& line = options.requests[next++ % options.requests.size()];
        const auto started = std::chrono::steady_clock::now();
        try {
            Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, line.path,
                                           Poco::Net::HTTPMessage::HTTP_1_1);
            request.setContentType("application/json");
            request.setContentLength(std::streamsize(line.body.size()));
            request.setKeepAlive(true);
            if (!options.authorization.empty()) {
                request.set("Authorization", options.authorization);
            }
            session.sendRequest(request) << line.body;
            Poco::Net::HTTPResponse response;
            Poco::NullOutputStream sink;
            Poco::StreamCopier::copyStream(session.receiveResponse(response), sink);
            if (response.getStatus() != Poco::Net::HTTPResponse::HTTP_OK) {
                ++failures;
            }
        } catch (const Poco::Exception&) {
            ++failures;
            session.reset();
        }
        latencies.push_back(std::uint32_t(
            std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count()));
    }
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 10) {
        std::cerr << "usage: oqs-load-generator HOST PORT PATH REQUESTS_FILE CONNECTIONS SECONDS CA CERT KEY "
                     "[AUTHORIZATION]\n";
        return 2;
    }
    Options options;
    options.host = argv[1];
    options.port = static_cast<unsigned short>(std::stoi(argv[2]));
    const std::string defaultPath = argv[3];
    std::ifstream in(argv[4]);
    for (std::string line; std::getline(in, line);) {
        if (line.starts_with('/') && line.find(' ') != std::string::npos) {
            const auto space = line.find(' ');
            options.requests.push_back({line.substr(0, space), line.substr(space + 1)});
        } else if (!line.empty()) {
            options.requests.push_back({defaultPath, line});
        }
    }
    options.connections = std::stoi(argv[5]);
    options.seconds = std::stoi(argv[6]);
    options.ca = argv[7];
    options.certificate = argv[8];
    options.key = argv[9];
    options.authorization = argc > 10 ? argv[10] : "";
    if (options.requests.empty()) {
        std::cerr << "no requests in " << argv[4] << "\n";
        return 2;
    }
    Poco::Net::initializeSSL();
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(options.seconds);
    std::vector<std::vector<std::uint32_t>> latencies(std::size_t(options.connections));
    std::atomic<long> failures = 0;
    std::vector<std::thread> threads;
    for (int i = 0; i < options.connections; ++i) {
        threads.emplace_back(drive, std::cref(options), i, end, std::ref(latencies[std::size_t(i)]),
                             std::ref(failures));
    }
    for (auto& thread : threads) {
        thread.join();
    }
    std::vector<std::uint32_t> all;
    for (const auto& part : latencies) {
        all.insert(all.end(), part.begin(), part.end());
    }
    std::sort(all.begin(), all.end());
    const auto percentile = [&](double p) {
        return all.empty() ? 0.0 : all[std::size_t(p * double(all.size() - 1))] / 1000.0;
    };
    std::printf("requests=%zu failures=%ld rate=%.0f/s p50=%.2fms p99=%.2fms\n", all.size(), failures.load(),
                double(all.size()) / options.seconds, percentile(0.50), percentile(0.99));
    Poco::Net::uninitializeSSL();
    return failures.load() == 0 ? 0 : 1;
}
