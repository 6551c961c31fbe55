// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "oqs/common/CodeLists.h"
#include "oqs/common/Date.h"

#include <cstdint>
#include <optional>
#include <string>

namespace oqs::common {

/// The four printed keys of a health-insurance card.
struct InsuranceCardKey {
    std::string insurerNumber; ///< 保険者番号: 6 or 8 digits, last is a check digit
    std::string symbol;        ///< 記号: may be empty, may hold kanji/kana
    std::string number;        ///< 番号
    std::string branch;        ///< 枝番: 2 digits

    bool operator==(const InsuranceCardKey&) const = default;
};

/// One qualification (資格確認用情報) as the answer carries it: person, insurer and validity period.
/// Items an insurer did not register are empty / nullopt ("未登録"), never errors.
/// The linkage number (紐付番号) is a server-side key and is deliberately not part of this type.
struct Qualification {
    InsuranceCardKey card;
    std::optional<CardCategory> cardCategory;
    std::optional<Relationship> relationship;
    std::string name;
    std::string nameKana;
    Sex sex = Sex::Unknown;
    Date birthDate;
    std::string address;
    std::string insuredPersonName; ///< 被保険者氏名 (the principal, for family members)
    std::optional<bool> householdHead;
    std::string householdHeadName;
    std::optional<Date> acquisitionDate;     ///< 資格取得日
    std::optional<Date> lossDate;            ///< 資格喪失日: first day without the qualification
    std::optional<Date> retireeSwitchDate;   ///< 一般・退職区分切替日
    std::optional<Date> benefitStartDate;    ///< 給付制限開始日
    std::optional<Date> benefitEndDate;      ///< 給付制限終了日
    std::optional<Date> cardValidFrom;       ///< 証の有効開始日
    std::optional<Date> cardValidTo;         ///< 証の有効終了日 (inclusive)
    std::optional<int> copaymentPercent;     ///< 一部負担金割合 (10, 20, 30)
    std::optional<Date> elderlyValidFrom;    ///< 高齢受給者証 有効開始日
    std::optional<Date> elderlyValidTo;      ///< 高齢受給者証 有効終了日
    std::optional<int> elderlyCopaymentPercent;
    std::string officeName;                  ///< 事業所名称
    std::int64_t insurerSequence = 0;        ///< 保険者の処理通番 of the record this came from
    std::string updatedAt;                   ///< when the insurer's data last changed (ISO 8601)

    bool operator==(const Qualification&) const = default;
};

/// Whether the qualification covers a consultation on the given date:
/// acquired on or before it, not lost by then, and the card (if it has a period) in force.
bool isValidOn(const Qualification& qualification, const Date& date);

} // namespace oqs::common
