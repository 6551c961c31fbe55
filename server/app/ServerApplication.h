// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <Poco/Util/ServerApplication.h>

namespace oqs::server::app {

/// `oqs-server [--config-file=FILE] [--port=N]`: reads the configuration once, migrates the database, wires
/// repositories → services → HTTPS server, serves until SIGTERM/SIGINT, then stops accepting and lets in-flight
/// requests finish. Runs in the foreground or, with Poco's --daemon, in the background.
class ServerApplication : public Poco::Util::ServerApplication {
protected:
    void initialize(Poco::Util::Application& self) override;
    void defineOptions(Poco::Util::OptionSet& options) override;
    int main(const std::vector<std::string>& args) override;

private:
    void handleHelp(const std::string& name, const std::string& value);
    void handleConfigFile(const std::string& name, const std::string& value);
    void handlePort(const std::string& name, const std::string& value);

    bool m_helpRequested = false;
    std::string m_configFile;
};

} // namespace oqs::server::app
