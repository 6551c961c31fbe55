// SPDX-License-Identifier: Apache-2.0
#include "http/SessionApi.h"

#include <oqs/common/JsonCodec.h>

using namespace oqs::common;

namespace oqs::server::http {

ApiResponse SessionApi::login(const ApiRequest& request)
{
    const auto decoded = decode<LoginRequest>(request.body);
    if (!decoded) {
        return errorResponse(decoded.error());
    }
    const auto session = m_accounts.login(request.context.institutionCode, decoded.value());
    if (!session) {
        return errorResponse(session.error());
    }
    return ApiResponse{201, encode(session.value())};
}

ApiResponse SessionApi::logout(const ApiRequest& request)
{
    m_accounts.logout(request.principal, request.token);
    return ApiResponse{204, {}};
}

ApiResponse SessionApi::changePassword(const ApiRequest& request)
{
    const auto decoded = decode<PasswordChangeRequest>(request.body);
    if (!decoded) {
        return errorResponse(decoded.error());
    }
    const auto session = m_accounts.changePassword(request.principal, request.token, decoded.value());
    if (!session) {
        return errorResponse(session.error());
    }
    return ApiResponse{200, encode(session.value())};
}

} // namespace oqs::server::http
