// SPDX-License-Identifier: Apache-2.0
#include "oqs/common/FieldError.h"

#include <array>

namespace oqs::common {
namespace {

struct ReasonInfo {
    FieldReason reason;
    std::string_view wire;
    std::string_view japanese;
    std::string_view english;
};

constexpr std::array kReasons = {
    ReasonInfo{FieldReason::Required, "required", "入力してください。", "Required."},
    ReasonInfo{FieldReason::NotDigits, "not-digits", "数字だけで入力してください。", "Digits only."},
    ReasonInfo{FieldReason::WrongLength, "wrong-length", "桁数が違います。", "Wrong number of digits."},
    ReasonInfo{FieldReason::CheckDigit, "check-digit", "番号が正しくありません（検証番号の不一致）。カードを見直してください。",
               "The number is wrong (check digit mismatch). Read it off the card again."},
    ReasonInfo{FieldReason::InvalidDate, "invalid-date", "日付が正しくありません（例: 1980-04-01）。",
               "Not a valid date (e.g. 1980-04-01)."},
    ReasonInfo{FieldReason::FutureDate, "future-date", "未来の日付は指定できません。", "The date cannot be in the future."},
    ReasonInfo{FieldReason::TooOld, "too-old", "日付が古すぎます。受診日は1か月前までです。",
               "The date is too far back. Consultation dates go back at most one month."},
    ReasonInfo{FieldReason::TooLong, "too-long", "長すぎます。", "Too long."},
    ReasonInfo{FieldReason::InvalidCharacters, "invalid-characters", "使えない文字が含まれています。",
               "Contains characters that are not allowed."},
    ReasonInfo{FieldReason::WrongType, "wrong-type", "値の型が違います。", "Wrong type of value."},
    ReasonInfo{FieldReason::UnknownField, "unknown-field", "不明な項目です。", "Unknown field."},
    ReasonInfo{FieldReason::InvalidValue, "invalid-value", "値が正しくありません。", "Invalid value."},
    ReasonInfo{FieldReason::Expired, "expired", "有効期限が切れました。もう一度カードを読み取ってください。",
               "Expired. Read the card again."},
    ReasonInfo{FieldReason::AlreadyUsed, "already-used", "使用済みです。もう一度カードを読み取ってください。",
               "Already used. Read the card again."},
    ReasonInfo{FieldReason::SignatureMismatch, "signature-mismatch",
               "カードの署名を確認できません。本人のカードか確かめて、もう一度読み取ってください。",
               "The card's signature does not match. Check it is the patient's own card and read it again."},
};

} // namespace

std::string_view toWire(FieldReason reason)
{
    return kReasons[std::size_t(reason)].wire;
}

std::optional<FieldReason> fieldReasonFromWire(std::string_view text)
{
    for (const auto& info : kReasons) {
        if (info.wire == text) {
            return info.reason;
        }
    }
    return std::nullopt;
}

std::string_view messageOf(FieldReason reason, Language language)
{
    const auto& info = kReasons[std::size_t(reason)];
    return language == Language::Japanese ? info.japanese : info.english;
}

} // namespace oqs::common
