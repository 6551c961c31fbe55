// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string_view>

namespace oqs::common {

/// 証区分 (card category). 01 and 02 are the codes of the insurers' subscriber files (seed 資格(J)_02);
/// the others extend that list in the same two-digit form (documented in resources/docs/code-lists.md).
enum class CardCategory {
    General = 1,                  ///< 01 一般証
    Retiree = 2,                  ///< 02 退職証
    ShortTermGeneral = 3,         ///< 03 短期証（一般）
    ShortTermRetiree = 4,         ///< 04 短期証（退職）
    QualificationCertificate = 5, ///< 05 資格証明書
    DayLabourerSlip = 6,          ///< 06 被保険者受給資格者票
    SpecialMedicalExpenseSlip = 7 ///< 07 特別療養費受給票
};

/// 本人・家族の別
enum class Relationship {
    Principal = 1, ///< 本人
    Family = 2,    ///< 家族
};

/// 性別, ISO/IEC 5218 codes as used in Japanese public-sector data.
enum class Sex {
    Unknown = 0,
    Male = 1,
    Female = 2,
    NotApplicable = 9,
};

/// Insurance scheme, derived from the insurer number's legal-category prefix (法別番号).
enum class InsurerScheme {
    KyokaiKenpo,     ///< 協会けんぽ (法別 01)
    KumiaiKenpo,     ///< 組合健保 (法別 06)
    Kyosai,          ///< 共済組合 (法別 31–34)
    NationalHealth,  ///< 国民健康保険 (6-digit municipal numbers, 国保組合)
    LateElderly,     ///< 後期高齢者医療 (法別 39)
    Other,
};

std::string_view cardCategoryCode(CardCategory category);                 ///< "01"…"07"
std::optional<CardCategory> cardCategoryFromCode(std::string_view code);
std::string_view cardCategoryNameJa(CardCategory category);
std::optional<Relationship> relationshipFromCode(int code);
std::string_view relationshipNameJa(Relationship relationship);
std::optional<Sex> sexFromCode(int code);
std::string_view sexNameJa(Sex sex);
/// The scheme an (already validated) insurer number belongs to.
InsurerScheme schemeOfInsurer(std::string_view insurerNumber);
std::string_view schemeNameJa(InsurerScheme scheme);

} // namespace oqs::common
