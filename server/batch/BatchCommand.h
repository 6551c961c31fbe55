// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/Database.h"

#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace oqs::server::batch {

/// Reads the database settings of a server configuration file (the application owns the file's format).
using DatabaseConfigReader = std::function<core::DatabaseConfig(const std::string& configFile)>;

/// The `batch` command line, `args` being the words after the program name and starting with "batch":
///   batch crl-import --config FILE --ca PEM[,PEM…] (--dir DIR | --serial-list FILE) [--max-shrink F]
///   batch simulate-crl --ca-dir DIR --persons N (--out DIR | --serial-list FILE) [--extra N] [--per-file N]
///                      [--seed S] [--pem yes]
///   batch feed-import --config FILE (--file FILE | --dir DIR) [--archive DIR]
///   batch simulate-feed --persons N --out DIR [--first N] [--seed S]
///   batch purge --config FILE [--today YYYY-MM-DD] [--dry-run]
///   batch statistics --config FILE [--day YYYY-MM-DD]
///   batch statistics-report --config FILE --from YYYY-MM-DD --to YYYY-MM-DD [--institution CODE]
///   batch runs --config FILE [--job NAME]
/// Progress goes to `out` (a bar when `out` is a terminal), outcome and alarms to `err`. Returns a RunStatus code:
/// 0 succeeded, 1 failed (alarm), 2 bad arguments, 3 the job is running on another instance.
int runBatchCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                    const DatabaseConfigReader& readDatabaseConfig);

} // namespace oqs::server::batch
