// SPDX-License-Identifier: Apache-2.0
#include "app/ServerApplication.h"
#include "app/ServerConfig.h"
#include "app/ToolCommands.h"
#include "batch/BatchCommand.h"
#include "ca/CertificateAuthority.h"

#include <Poco/AutoPtr.h>
#include <Poco/Path.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <iostream>

int main(int argc, char** argv)
{
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (!args.empty() && args[0] == "ca") {
        return oqs::server::ca::runCaCommand(args, std::cout, std::cerr);
    }
    if (!args.empty() && args[0] == "dataset") {
        return oqs::server::app::runDatasetCommand(args, std::cout, std::cerr);
    }
    if (!args.empty() && args[0] == "account") {
        return oqs::server::app::runAccountCommand(args, std::cout, std::cerr);
    }
    if (!args.empty() && args[0] == "batch") {
        return oqs::server::batch::runBatchCommand(args, std::cout, std::cerr, [](const std::string& file) {
            Poco::AutoPtr configuration(new Poco::Util::PropertyFileConfiguration(file));
            return oqs::server::app::databaseConfigFrom(*configuration, Poco::Path(file).makeParent().toString());
        });
    }
    if (!args.empty() && args[0] == "audit") {
        return oqs::server::app::runAuditCommand(args, std::cout, std::cerr);
    }
    if (!args.empty() && args[0] == "migrate") {
        return oqs::server::app::runMigrateCommand(args, std::cout, std::cerr);
    }
    oqs::server::app::ServerApplication application;
    return application.run(argc, argv);
}
