// SPDX-License-Identifier: Apache-2.0
#include "oqs/common/CodeLists.h"

#include <array>

namespace oqs::common {
namespace {

struct CardCategoryInfo {
    CardCategory category;
    std::string_view code;
    std::string_view nameJa;
};

constexpr std::array kCardCategories = {
    CardCategoryInfo{CardCategory::General, "01", "一般証"},
    CardCategoryInfo{CardCategory::Retiree, "02", "退職証"},
    CardCategoryInfo{CardCategory::ShortTermGeneral, "03", "短期証（一般）"},
    CardCategoryInfo{CardCategory::ShortTermRetiree, "04", "短期証（退職）"},
    CardCategoryInfo{CardCategory::QualificationCertificate, "05", "資格証明書"},
    CardCategoryInfo{CardCategory::DayLabourerSlip, "06", "被保険者受給資格者票"},
    CardCategoryInfo{CardCategory::SpecialMedicalExpenseSlip, "07", "特別療養費受給票"},
};

const CardCategoryInfo* findCategory(CardCategory category)
{
    for (const auto& info : kCardCategories) {
        if (info.category == category) {
            return &info;
        }
    }
    return nullptr;
}

} // namespace

std::string_view cardCategoryCode(CardCategory category)
{
    const auto* info = findCategory(category);
    return info ? info->code : std::string_view{};
}

std::optional<CardCategory> cardCategoryFromCode(std::string_view code)
{
    for (const auto& info : kCardCategories) {
        if (info.code == code) {
            return info.category;
        }
    }
    return std::nullopt;
}

std::string_view cardCategoryNameJa(CardCategory category)
{
    const auto* info = findCategory(category);
    return info ? info->nameJa : std::string_view{};
}

std::optional<Relationship> relationshipFromCode(int code)
{
    if (code == int(Relationship::Principal) || code == int(Relationship::Family)) {
        return Relationship(code);
    }
    return std::nullopt;
}

std::string_view relationshipNameJa(Relationship relationship)
{
    return relationship == Relationship::Principal ? "本人" : "家族";
}

std::optional<Sex> sexFromCode(int code)
{
    switch (code) {
    case int(Sex::Unknown):
    case int(Sex::Male):
    case int(Sex::Female):
    case int(Sex::NotApplicable):
        return Sex(code);
    default:
        return std::nullopt;
    }
}

std::string_view sexNameJa(Sex sex)
{
    switch (sex) {
    case Sex::Male:
        return "男";
    case Sex::Female:
        return "女";
    case Sex::Unknown:
    case Sex::NotApplicable:
        break;
    }
    return "未登録";
}

InsurerScheme schemeOfInsurer(std::string_view insurerNumber)
{
    if (insurerNumber.size() == 6) {
        return InsurerScheme::NationalHealth; // municipal NHI and NHI associations
    }
    if (insurerNumber.size() != 8) {
        return InsurerScheme::Other;
    }
    const std::string_view law = insurerNumber.substr(0, 2); // 法別番号
    if (law == "01") {
        return InsurerScheme::KyokaiKenpo;
    }
    if (law == "06") {
        return InsurerScheme::KumiaiKenpo;
    }
    if (law == "31" || law == "32" || law == "33" || law == "34") {
        return InsurerScheme::Kyosai;
    }
    if (law == "39") {
        return InsurerScheme::LateElderly;
    }
    if (law == "67") {
        return InsurerScheme::NationalHealth; // 退職者医療
    }
    return InsurerScheme::Other;
}

std::string_view schemeNameJa(InsurerScheme scheme)
{
    switch (scheme) {
    case InsurerScheme::KyokaiKenpo:
        return "協会けんぽ";
    case InsurerScheme::KumiaiKenpo:
        return "組合健保";
    case InsurerScheme::Kyosai:
        return "共済組合";
    case InsurerScheme::NationalHealth:
        return "国民健康保険";
    case InsurerScheme::LateElderly:
        return "後期高齢者医療";
    case InsurerScheme::Other:
        break;
    }
    return "その他";
}

} // namespace oqs::common
