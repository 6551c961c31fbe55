// SPDX-License-Identifier: Apache-2.0
#include "app/ServerApplication.h"

#include "app/ServerConfig.h"
#include "app/ScheduledBatches.h"
#include "app/ServerRuntime.h"

#include <Poco/ErrorHandler.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Path.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/IntValidator.h>
#include <iostream>
#include <optional>

namespace oqs::server::app {
namespace {

/// Logs exceptions that escape Poco's worker threads instead of letting them end the process silently.
/// A refused TLS handshake (no or untrusted client certificate) is routine, not an error.
class LoggingErrorHandler : public Poco::ErrorHandler
{
public:
    void exception(const Poco::Exception& error) override
    {
        if (dynamic_cast<const Poco::Net::SSLException*>(&error)) {
            Poco::Logger::get("oqs.tls").warning("event=tls-refused reason=\"%s\"", error.message());
            return;
        }
        log(error.displayText());
    }
    void exception(const std::exception& error) override { log(error.what()); }
    void exception() override { log("unknown exception"); }

private:
    static void log(const std::string& what)
    {
        Poco::Logger::get("oqs.server").error("event=uncaught reason=\"%s\"", what);
    }
};

} // namespace

void ServerApplication::initialize(Poco::Util::Application& self)
{
    if (!m_configFile.empty()) {
        loadConfiguration(m_configFile);
    }
    Poco::Util::ServerApplication::initialize(self);
}

void ServerApplication::defineOptions(Poco::Util::OptionSet& options)
{
    Poco::Util::ServerApplication::defineOptions(options);
    options.addOption(
        Poco::Util::Option("help", "h", "show the options and exit")
            .required(false)
            .repeatable(false)
            .callback(Poco::Util::OptionCallback<ServerApplication>(this, &ServerApplication::handleHelp)));
    options.addOption(
        Poco::Util::Option("config-file", "c", "read the configuration from FILE (.properties)")
            .required(false)
            .repeatable(false)
            .argument("FILE")
            .callback(Poco::Util::OptionCallback<ServerApplication>(this, &ServerApplication::handleConfigFile)));
    options.addOption(
        Poco::Util::Option("port", "p", "listen on port N (overrides server.port; 0 = any free port)")
            .required(false)
            .repeatable(false)
            .argument("N")
            .validator(new Poco::Util::IntValidator(0, 65535))
            .callback(Poco::Util::OptionCallback<ServerApplication>(this, &ServerApplication::handlePort)));
}

void ServerApplication::handleHelp(const std::string&, const std::string&)
{
    m_helpRequested = true;
    Poco::Util::HelpFormatter help(options());
    help.setCommand(commandName());
    help.setUsage("[OPTIONS] | ca … | dataset … | migrate …");
    help.setHeader("OQS central server: online health-insurance qualification verification over mutual TLS.");
    help.format(std::cout);
    stopOptionsProcessing();
}

void ServerApplication::handleConfigFile(const std::string&, const std::string& value)
{
    m_configFile = value;
}

void ServerApplication::handlePort(const std::string&, const std::string& value)
{
    config().setString("server.port", value);
}

int ServerApplication::main(const std::vector<std::string>&)
{
    if (m_helpRequested) {
        return EXIT_OK;
    }
    LoggingErrorHandler errorHandler;
    Poco::ErrorHandler::set(&errorHandler);
    auto& log = logger();
    try {
        const std::string base =
            m_configFile.empty() ? std::string(".") : Poco::Path(m_configFile).makeParent().toString();
        const ServerConfig settings = ServerConfig::from(config(), base);
        Poco::Net::initializeSSL();

        ServerRuntime runtime(settings, [] { return std::chrono::system_clock::now(); });
        runtime.start();
        // Declared after the runtime: stopped before the database it uses goes away.
        std::optional<ScheduledBatches> batches;
        if (settings.batch.enabled) {
            batches.emplace(runtime.database(), settings.batch);
            log.information("event=batch-schedule-started crl=%s feed=%s", settings.batch.crlDirectory,
                            settings.batch.feedInbox);
        }
        log.information("event=listening host=%s port=%hu database=%s schema=%d receiptKey=%s", settings.https.host,
                        runtime.port(), std::string(core::toString(settings.database.dialect)),
                        runtime.database().schemaVersion(), runtime.receiptSigner().keyId());
        // A line on stdout that scripts wait for, independent of the logging configuration.
        std::cout << "oqs-server: listening on https://" << settings.https.host << ":" << runtime.port() << std::endl;
        waitForTerminationRequest();
        log.information("event=stopping");
        batches.reset();
        runtime.stop();
        log.information("event=stopped");
    } catch (const std::exception& error) {
        log.fatal("event=startup-failed reason=\"%s\"", std::string(error.what()));
        std::cerr << "oqs-server: " << error.what() << std::endl;
        return EXIT_CONFIG;
    }
    Poco::Net::uninitializeSSL();
    return EXIT_OK;
}

} // namespace oqs::server::app
