// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "oqs/common/FieldError.h"
#include "oqs/common/Status.h"

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace oqs::common {

/// An error in the §7 taxonomy with an optional technical detail (never personal data) and field reasons.
struct Error {
    Status status = Status::Internal;
    std::string detail;
    FieldErrors fieldErrors;

    static Error badRequest(FieldErrors errors, std::string detail = {})
    {
        return Error{Status::BadRequest, std::move(detail), std::move(errors)};
    }
};

/// Either a value or an Error; used across layer boundaries instead of exceptions.
template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_state(std::move(value)) {}
    Result(Error error) : m_state(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T& value() const& { assert(ok()); return std::get<T>(m_state); }
    T& value() & { assert(ok()); return std::get<T>(m_state); }
    T&& value() && { assert(ok()); return std::get<T>(std::move(m_state)); }
    const Error& error() const { assert(!ok()); return std::get<Error>(m_state); }

    const T* operator->() const { return &value(); }
    const T& operator*() const { return value(); }

private:
    std::variant<T, Error> m_state;
};

} // namespace oqs::common
