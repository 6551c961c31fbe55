// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/CardReader.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace oqs::client::card {

/// Why a card operation failed, typed by where it failed. Transport errors keep their PC/SC code and card errors
/// their status word, never folded into one another; `problem` is what the reception screen is told.
struct CardError {
    enum class Origin {
        Transport, ///< PC/SC: service, reader, card presence, sharing
        Card,      ///< the card answered with a status word other than success
        Decode,    ///< the card's data are not what the JPKI AP holds (DER header, certificate)
    };

    core::CardReader::Problem problem = core::CardReader::Problem::ReadFailed;
    Origin origin = Origin::Transport;
    std::string detail;             ///< technical, for the log; never certificate bodies or personal data
    long pcscCode = 0;              ///< Transport: the PC/SC return code
    std::uint16_t statusWord = 0;   ///< Card: the status word
    bool cardWasReset = false;      ///< Transport: another application reset the card; the caller may start again
};

/// A value or the CardError that prevented it.
template <class T>
class [[nodiscard]] CardResult {
public:
    CardResult(T value) : m_value(std::move(value)) {}
    CardResult(CardError error) : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    const T& value() const { return *m_value; }
    T& value() { return *m_value; }
    /// Meaningful only when !ok().
    const CardError& error() const { return m_error; }

private:
    std::optional<T> m_value;
    CardError m_error;
};

/// Success without a value.
struct Done {};

} // namespace oqs::client::card
