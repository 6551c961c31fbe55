// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace oqs::common {

/// The stable answer and error codes of PRODUCT.md §7. The wire form is the kebab-case name.
enum class Status {
    Valid,
    ValidMultiple,
    Invalid,
    InvalidNewerExists,
    NotFound,
    LinkagePending,
    CertificateExpired,
    CertificateRevoked,
    CertificateUntrusted,
    CardError,
    Closed,
    Busy,
    BadRequest,
    Unauthenticated,
    Forbidden,
    Internal,
};

enum class Language { Japanese, English };

/// Whether the check reached a verdict on the qualification (as opposed to failing to run).
enum class StatusKind { Verdict, CardProblem, ServiceUnavailable, RequestError };

std::string_view toWire(Status status);
std::optional<Status> statusFromWire(std::string_view text);
StatusKind kindOf(Status status);
/// HTTP status an answer with this code travels with: verdicts are 200, errors their own.
int httpStatusOf(Status status);
/// What the clerk sees, including what to do next.
std::string_view messageOf(Status status, Language language);
/// All codes, in declaration order, for tables and tests.
const Status* allStatuses(std::size_t& count);

} // namespace oqs::common
