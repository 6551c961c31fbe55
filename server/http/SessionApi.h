// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/ApiHandlers.h"

namespace oqs::server::http {

/// The session endpoints of Web-API v1 over the account service (D7): login, logout, password change.
class SessionApi
{
public:
    explicit SessionApi(core::AccountService& accounts) : m_accounts(accounts) {}

    /// POST /v1/sessions → 201 SessionAnswer.
    ApiResponse login(const ApiRequest& request);
    /// DELETE /v1/sessions/current → 204.
    ApiResponse logout(const ApiRequest& request);
    /// POST /v1/sessions/current/password → 200 SessionAnswer.
    ApiResponse changePassword(const ApiRequest& request);

private:
    core::AccountService& m_accounts;
};

} // namespace oqs::server::http
