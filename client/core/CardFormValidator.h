// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <oqs/common/Messages.h>

#include <QMap>
#include <QString>

#include <optional>

namespace oqs::client::core {

/// What the clerk typed (or a scanner typed) into the verify-by-insurance-card form, as text.
struct CardFormInput {
    QString insurerNumber;
    QString symbol;
    QString number;
    QString branch;
    QString birthDate;        ///< YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD, half- or full-width digits
    QString consultationDate; ///< same forms; empty = today
    QString identifier;       ///< patient ID / HIS key, optional

    bool operator==(const CardFormInput&) const = default;
};

/// The form's verdict: the request to send when `errors` is empty, else one message per field name
/// ("insurerNumber", "symbol", "number", "branch", "birthDate", "consultationDate", "identifier").
struct CardFormCheck {
    common::InsuranceCardVerificationRequest request;
    CardFormInput normalized; ///< the input with full-width digits and spaces normalised, for the fields
    QMap<QString, QString> errors;

    bool ok() const { return errors.isEmpty(); }
};

/// The live validation behind the form (D1, D2, D4): the same rules as the server, so a bad card never leaves
/// the counter, with a message per field in the clerk's language. Pure functions; no GUI.
class CardFormValidator {
public:
    /// Normalises and checks every field; `today` is the JST date the consultation date is checked against.
    static CardFormCheck check(const CardFormInput& input, const common::Date& today,
                               common::Language language = common::Language::Japanese);
    /// True if the text a scanner typed is an insurance-card QR payload (prefix OQSC1|), even with its CR/LF.
    static bool isCardQr(const QString& text);
    /// The fields an insurance-card QR payload fills in; nullopt with `problem` set if the payload is damaged.
    static std::optional<CardFormInput> fromCardQr(const QString& text, QString& problem,
                                                   common::Language language = common::Language::Japanese);
    /// Parses a date as the form accepts it (full-width digits, '-', '/' or none as separators).
    static std::optional<common::Date> parseDate(const QString& text);
};

} // namespace oqs::client::core
