// SPDX-License-Identifier: Apache-2.0
#include "gui/QualificationText.h"

#include "core/UiLanguage.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimeZone>

using namespace oqs::common;

namespace oqs::client::gui {
namespace {

QString text(std::string_view value)
{
    return value.empty() ? QualificationText::tr("未登録") : QString::fromUtf8(value.data(), qsizetype(value.size()));
}

/// Japan has no daylight saving time: a fixed offset needs no time-zone database on the counter PC.
QTimeZone japan()
{
    return QTimeZone(9 * 3600);
}

QString percent(const std::optional<int>& value)
{
    if (!value) {
        return QualificationText::tr("未登録");
    }
    // Japanese counts the co-payment in tenths (3割); other languages in percent, which no translation can compute.
    return core::UiLanguage::current() == Language::Japanese ? QualificationText::tr("%1割").arg(*value / 10)
                                                             : QStringLiteral("%1%").arg(*value);
}

QString cardKey(const InsuranceCardKey& card)
{
    return QStringLiteral("%1 ・ %2 ・ %3").arg(text(card.symbol), text(card.number), text(card.branch));
}

} // namespace

QString QualificationText::date(const std::optional<Date>& value)
{
    return value ? QualificationText::tr("%1年%2月%3日").arg(value->year).arg(value->month).arg(value->day)
                 : QualificationText::tr("未登録");
}

QString QualificationText::timestamp(const std::string& iso)
{
    const QDateTime instant = QDateTime::fromString(QString::fromStdString(iso), Qt::ISODateWithMs);
    if (!instant.isValid()) {
        return text(iso);
    }
    return instant.toTimeZone(japan()).toString(QualificationText::tr("yyyy年M月d日 HH:mm:ss"));
}

QString QualificationText::clock(const QDateTime& instant)
{
    return instant.toTimeZone(japan()).toString(QStringLiteral("HH:mm:ss"));
}

QualificationText::Rows QualificationText::rows(const Qualification& q)
{
    return {
        {QualificationText::tr("氏名"), text(q.name)},
        {QualificationText::tr("氏名（カナ）"), text(q.nameKana)},
        {QualificationText::tr("生年月日"), date(q.birthDate)},
        {QualificationText::tr("性別"), text(sexNameJa(q.sex))},
        {QualificationText::tr("保険者番号"), text(q.card.insurerNumber)},
        {QualificationText::tr("記号・番号・枝番"), cardKey(q.card)},
        {QualificationText::tr("証区分"),
         q.cardCategory ? text(cardCategoryNameJa(*q.cardCategory)) : QualificationText::tr("未登録")},
        {QualificationText::tr("本人・家族"),
         q.relationship ? text(relationshipNameJa(*q.relationship)) : QualificationText::tr("未登録")},
        {QualificationText::tr("負担割合"), percent(q.copaymentPercent)},
        {QualificationText::tr("高齢受給者 負担割合"), percent(q.elderlyCopaymentPercent)},
        {QualificationText::tr("資格取得日"), date(q.acquisitionDate)},
        {QualificationText::tr("資格喪失日"), q.lossDate ? date(q.lossDate) : QualificationText::tr("なし")},
        {QualificationText::tr("保険証の有効期限"),
         q.cardValidTo ? date(q.cardValidTo) : QualificationText::tr("期限なし")},
    };
}

QualificationText::Rows QualificationText::answerRows(const core::Query& query)
{
    Rows rows{{QualificationText::tr("患者ID"), text(query.identifier())}};
    if (!query.answer) {
        return rows;
    }
    const VerificationAnswer& answer = *query.answer;
    rows.append({QualificationText::tr("受診日"), date(answer.consultationDate)});
    rows.append({QualificationText::tr("受付番号"), text(answer.receiptNumber)});
    rows.append({QualificationText::tr("確認日時"), timestamp(answer.checkedAt)});
    if (!answer.dataUpdatedAt.empty()) {
        rows.append({QualificationText::tr("保険者データ更新日時"), timestamp(answer.dataUpdatedAt)});
    }
    if (!answer.qualifications.empty()) {
        rows.append(QualificationText::rows(answer.qualifications.front()));
    } else if (answer.lostRecord) {
        rows.append({QualificationText::tr("直近の資格（喪失済み）"), QString()});
        rows.append(QualificationText::rows(*answer.lostRecord));
    }
    return rows;
}

QString QualificationText::summaryLine(const Qualification& q)
{
    return QualificationText::tr("保険者 %1 ／ %2 ／ %3 ／ 負担 %4 ／ 有効期限 %5")
        .arg(text(q.card.insurerNumber), cardKey(q.card),
             q.cardCategory ? text(cardCategoryNameJa(*q.cardCategory)) : QualificationText::tr("未登録"),
             percent(q.copaymentPercent), q.cardValidTo ? date(q.cardValidTo) : QualificationText::tr("期限なし"));
}

} // namespace oqs::client::gui
