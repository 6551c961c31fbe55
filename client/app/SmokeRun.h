// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/ReceptionService.h"

namespace oqs::client::app {

/// Logs the clerk in for the scripted check and sets the session on `client`; empty string or what failed.
QString loginForSmoke(core::ServerClient& client, const QString& user, const QString& password, int timeoutMs);

/// The scripted check of OQS_SMOKE=1: one insurance-card query through the reception service against the real
/// server; prints the answer's status code and returns the exit code (0 when a final answer arrived).
int runSmoke(core::ReceptionService& service, const common::InsuranceCardVerificationRequest& request,
             int timeoutMs);

} // namespace oqs::client::app
