// SPDX-License-Identifier: Apache-2.0
#include "core/ResultCsvExporter.h"

#include <oqs/common/Csv.h>

#include <algorithm>

using namespace oqs::common;

namespace oqs::client::core {
namespace {

struct ColumnInfo {
    ResultCsvExporter::Column column;
    const char* key;
    const char* header;
};

using C = ResultCsvExporter::Column;
constexpr ColumnInfo kColumns[] = {
    {C::ReceiptNumber, "receiptNumber", "受付番号"},
    {C::CheckedAt, "checkedAt", "確認日時"},
    {C::Identifier, "identifier", "患者ID"},
    {C::StatusCode, "statusCode", "結果コード"},
    {C::StatusText, "statusText", "結果"},
    {C::ConsultationDate, "consultationDate", "受診日"},
    {C::InsurerNumber, "insurerNumber", "保険者番号"},
    {C::Symbol, "symbol", "記号"},
    {C::Number, "number", "番号"},
    {C::Branch, "branch", "枝番"},
    {C::Name, "name", "氏名"},
    {C::NameKana, "nameKana", "氏名カナ"},
    {C::BirthDate, "birthDate", "生年月日"},
    {C::Sex, "sex", "性別"},
    {C::CardCategory, "cardCategory", "証区分"},
    {C::Relationship, "relationship", "本人家族区分"},
    {C::CopaymentPercent, "copaymentPercent", "負担割合"},
    {C::ElderlyCopaymentPercent, "elderlyCopaymentPercent", "高齢受給者負担割合"},
    {C::CardValidTo, "cardValidTo", "証有効終了日"},
};

const ColumnInfo& infoOf(C column)
{
    return *std::find_if(std::begin(kColumns), std::end(kColumns),
                         [column](const ColumnInfo& info) { return info.column == column; });
}

std::string dateText(const std::optional<Date>& date)
{
    return date ? date->toCompact() : std::string();
}

std::string percentText(const std::optional<int>& percent)
{
    return percent ? std::to_string(*percent) : std::string();
}

std::string cellOf(C column, const VerificationAnswer& answer, const Qualification* q)
{
    switch (column) {
    case C::ReceiptNumber:
        return answer.receiptNumber;
    case C::CheckedAt:
        return answer.checkedAt;
    case C::Identifier:
        return answer.identifier;
    case C::StatusCode:
        return std::string(toWire(answer.status));
    case C::StatusText:
        return std::string(messageOf(answer.status, Language::Japanese));
    case C::ConsultationDate:
        return dateText(answer.consultationDate);
    default:
        break;
    }
    if (!q) {
        return {};
    }
    switch (column) {
    case C::InsurerNumber:
        return q->card.insurerNumber;
    case C::Symbol:
        return q->card.symbol;
    case C::Number:
        return q->card.number;
    case C::Branch:
        return q->card.branch;
    case C::Name:
        return q->name;
    case C::NameKana:
        return q->nameKana;
    case C::BirthDate:
        return q->birthDate.toCompact();
    case C::Sex:
        return std::string(sexNameJa(q->sex));
    case C::CardCategory:
        return q->cardCategory ? std::string(cardCategoryNameJa(*q->cardCategory)) : std::string();
    case C::Relationship:
        return q->relationship ? std::string(relationshipNameJa(*q->relationship)) : std::string();
    case C::CopaymentPercent:
        return percentText(q->copaymentPercent);
    case C::ElderlyCopaymentPercent:
        return percentText(q->elderlyCopaymentPercent);
    case C::CardValidTo:
        return dateText(q->cardValidTo);
    default:
        return {};
    }
}

} // namespace

QList<ResultCsvExporter::Column> ResultCsvExporter::allColumns()
{
    QList<Column> columns;
    for (const ColumnInfo& info : kColumns) {
        columns.append(info.column);
    }
    return columns;
}

QString ResultCsvExporter::headerOf(Column column)
{
    return QString::fromUtf8(infoOf(column).header);
}

QString ResultCsvExporter::keyOf(Column column)
{
    return QString::fromLatin1(infoOf(column).key);
}

QByteArray ResultCsvExporter::write(const QList<Query>& queries, const QList<Column>& columns, TextEncoding encoding,
                                    QString& error)
{
    std::vector<CsvRow> rows;
    CsvRow header;
    for (Column column : columns) {
        header.push_back(infoOf(column).header);
    }
    rows.push_back(std::move(header));
    for (const Query& query : queries) {
        if (!query.answer) {
            continue;
        }
        const VerificationAnswer& answer = *query.answer;
        const Qualification* qualification = !answer.qualifications.empty() ? &answer.qualifications.front()
                                              : answer.lostRecord               ? &*answer.lostRecord
                                                                                : nullptr;
        CsvRow row;
        for (Column column : columns) {
            row.push_back(cellOf(column, answer, qualification));
        }
        rows.push_back(std::move(row));
    }
    auto bytes = writeCsv(rows, encoding);
    if (!bytes) {
        error = QString::fromStdString(bytes.error().detail);
        return {};
    }
    return QByteArray::fromStdString(bytes.value());
}

} // namespace oqs::client::core
