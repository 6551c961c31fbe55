// SPDX-License-Identifier: Apache-2.0
#include "core/CardFormValidator.h"

#include <oqs/common/QrPayload.h>
#include <oqs/common/Validation.h>

using namespace oqs::common;

namespace oqs::client::core {
namespace {

QString fromStd(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QString normalized(const QString& text)
{
    return fromStd(normalizeAscii(text.toStdString()));
}

} // namespace

std::optional<Date> CardFormValidator::parseDate(const QString& text)
{
    QString ascii = normalized(text);
    ascii.remove(QLatin1Char('/')).remove(QLatin1Char('-')).remove(QLatin1Char('.'));
    if (ascii.size() != 8) {
        return std::nullopt;
    }
    return Date::parse(ascii.toStdString());
}

CardFormCheck CardFormValidator::check(const CardFormInput& input, const Date& today, Language language)
{
    CardFormCheck result;
    InsuranceCardKey key{input.insurerNumber.toStdString(), input.symbol.toStdString(), input.number.toStdString(),
                         input.branch.toStdString()};
    for (const FieldError& error : normalizeAndCheck(key)) {
        const QString field = fromStd(error.field);
        if (!result.errors.contains(field)) {
            result.errors.insert(field, fromStd(messageOf(error.reason, language)));
        }
    }
    result.request.card = key;
    result.normalized = input;
    result.normalized.insurerNumber = fromStd(key.insurerNumber);
    result.normalized.symbol = fromStd(key.symbol);
    result.normalized.number = fromStd(key.number);
    result.normalized.branch = fromStd(key.branch);
    result.normalized.birthDate = normalized(input.birthDate);
    result.normalized.consultationDate = normalized(input.consultationDate);
    result.normalized.identifier = input.identifier.trimmed();

    if (result.normalized.birthDate.isEmpty()) {
        result.errors.insert("birthDate", fromStd(messageOf(FieldReason::Required, language)));
    } else if (const auto birthDate = parseDate(input.birthDate); !birthDate) {
        result.errors.insert("birthDate", fromStd(messageOf(FieldReason::InvalidDate, language)));
    } else if (const auto reason = checkBirthDate(*birthDate, today)) {
        result.errors.insert("birthDate", fromStd(messageOf(*reason, language)));
    } else {
        result.request.birthDate = *birthDate;
    }

    if (!result.normalized.consultationDate.isEmpty()) {
        if (const auto date = parseDate(input.consultationDate); !date) {
            result.errors.insert("consultationDate", fromStd(messageOf(FieldReason::InvalidDate, language)));
        } else if (const auto reason = checkConsultationDate(*date, today)) {
            result.errors.insert("consultationDate", fromStd(messageOf(*reason, language)));
        } else {
            result.request.consultationDate = *date;
        }
    }

    const QByteArray identifier = result.normalized.identifier.toUtf8();
    if (std::size_t(identifier.size()) > kMaxIdentifierBytes) {
        result.errors.insert("identifier", fromStd(messageOf(FieldReason::TooLong, language)));
    } else {
        result.request.identifier = identifier.toStdString();
    }
    return result;
}

bool CardFormValidator::isCardQr(const QString& text)
{
    return text.startsWith(fromStd(kInsuranceCardQrPrefix));
}

std::optional<CardFormInput> CardFormValidator::fromCardQr(const QString& text, QString& problem, Language language)
{
    const auto decoded = decodeInsuranceCardQr(text.toStdString());
    if (!decoded) {
        const Error& error = decoded.error();
        problem = error.fieldErrors.empty() ? fromStd(messageOf(error.status, language))
                                            : fromStd(messageOf(error.fieldErrors.front().reason, language));
        return std::nullopt;
    }
    CardFormInput input;
    input.insurerNumber = fromStd(decoded->card.insurerNumber);
    input.symbol = fromStd(decoded->card.symbol);
    input.number = fromStd(decoded->card.number);
    input.branch = fromStd(decoded->card.branch);
    if (decoded->birthDate) {
        input.birthDate = fromStd(decoded->birthDate->toIso());
    }
    return input;
}

} // namespace oqs::client::core
