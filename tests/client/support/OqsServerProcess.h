// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/ServerClient.h"

#include <oqs/common/Messages.h>

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace oqs::tests {

/// The real oqs-server from the build tree, as the demo runs it: demo certificates from `ca init-demo`, a small
/// synthetic dataset from `dataset load` into SQLite, listening on loopback port 0 (the URL is read from its
/// "oqs-server: listening on …" line). Tests drive the client against it over mutual TLS.
class OqsServerProcess {
public:
    OqsServerProcess();
    ~OqsServerProcess();

    /// The demo institution's clerk that prepare() creates (no password change pending).
    static constexpr const char* kClerkUser = "clerk-1";
    static constexpr const char* kClerkPassword = "Oqs-Counter-2026";

    /// Makes the certificates, loads `persons` synthetic persons and creates the clerk; an empty string or what
    /// failed.
    QString prepare(int persons = 200);
    /// Starts the server and waits for its listening line; returns an empty string or what failed.
    QString start();
    /// Stops the server (SIGTERM, then kill) — the clients see "unreachable" from then on.
    void stop();

    QString baseUrl() const { return m_url; }
    /// Client settings for the demo institution (mutual TLS) against this server.
    client::core::ServerSettings clientSettings() const;
    /// Logs the demo clerk in on `client` (which must be configured with clientSettings()); empty string or why not.
    QString login(client::core::ServerClient& client) const;
    /// A request for a patient whose qualification is valid today, read from the loaded dataset.
    common::InsuranceCardVerificationRequest validCardRequest(const std::string& identifier) const;
    /// The directory holding everything (certificates, database, logs).
    QString directory() const { return m_dir.path(); }

private:
    QString runTool(const QStringList& arguments, int timeoutMs);

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_server;
    QString m_url;
};

} // namespace oqs::tests
