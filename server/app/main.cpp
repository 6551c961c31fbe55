// SPDX-License-Identifier: Apache-2.0
#include "app/ServerApplication.h"
#include "app/ToolCommands.h"
#include "ca/CertificateAuthority.h"

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
    if (!args.empty() && args[0] == "migrate") {
        return oqs::server::app::runMigrateCommand(args, std::cout, std::cerr);
    }
    oqs::server::app::ServerApplication application;
    return application.run(argc, argv);
}
