// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/Database.h"

namespace oqs::server::core {

/// The schema version the session's database is at; 0 when no migration ran yet.
int currentSchemaVersion(Poco::Data::Session& session, Dialect dialect);
/// Brings the schema to the latest version, each migration in its own transaction, under a lock that makes
/// concurrent callers (several server instances starting together) wait and then find nothing left to do.
void applyMigrations(Poco::Data::Session& session, Dialect dialect);
/// The latest schema version this build knows.
int latestSchemaVersion();

} // namespace oqs::server::core
