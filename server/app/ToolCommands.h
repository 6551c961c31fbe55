// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace oqs::server::app {

/// `oqs-server dataset load --config FILE --persons N [--seed S]`: loads N synthetic persons into the configured,
/// empty database. `oqs-server migrate --config FILE`: brings the schema up to date. `args` start with the
/// sub-command's name. Returns the process exit code (0 ok, 1 failure, 2 bad arguments).
int runDatasetCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
/// `oqs-server account add --config FILE --institution CODE --user ID [--name NAME] [--kind clerk|machine]
/// [--password P] [--temporary yes|no]`: creates a clerk account (password given or generated and printed; must be
/// changed at first login unless --temporary no) or a HIS machine account (secret generated and printed once).
int runAccountCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
/// `oqs-server audit verify --config FILE [--archive DIR]`: recomputes the audit log's hash chain across the archive
/// files (DIR, by default retention.audit.archive.dir) and the database as one chain; exit 0 when intact, 1 when
/// broken (the file and line, or the database record, of the first bad record is printed) or on failure.
int runAuditCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runMigrateCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace oqs::server::app
