// SPDX-License-Identifier: Apache-2.0
#include "core/QualificationRepository.h"

#include "core/RowBatch.h"

#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

#include <algorithm>
#include <array>
#include <tuple>

using namespace Poco::Data::Keywords;
using oqs::common::Date;
using oqs::common::Qualification;

namespace oqs::server::core {
namespace {

/// What names the person (the linkage number) and identifies the qualification (the card key and birth date): the
/// columns an update or correction from the feed leaves alone, but for a rare change of the linkage number.
constexpr std::array<std::string_view, 6> kIdentityColumns = {"linkage_number", "insurer_number", "card_symbol",
                                                              "card_number",    "card_branch",    "birth_date"};

/// A column a feed update may change, with the type its parameter needs in a VALUES list on PostgreSQL (which
/// takes an untyped parameter there as text).
struct ContentColumn
{
    std::string_view name;
    std::string_view type = {};
};

/// The rest of a qualification's columns, in the order of ContentValues.
constexpr std::array<ContentColumn, 23> kContentColumns = {{{"card_category"},
                                                            {"relationship", "INTEGER"},
                                                            {"name"},
                                                            {"name_kana"},
                                                            {"sex", "INTEGER"},
                                                            {"address"},
                                                            {"insured_person_name"},
                                                            {"household_head", "INTEGER"},
                                                            {"household_head_name"},
                                                            {"acquisition_date"},
                                                            {"loss_date"},
                                                            {"retiree_switch_date"},
                                                            {"benefit_start_date"},
                                                            {"benefit_end_date"},
                                                            {"card_valid_from"},
                                                            {"card_valid_to"},
                                                            {"copayment_percent", "INTEGER"},
                                                            {"elderly_valid_from"},
                                                            {"elderly_valid_to"},
                                                            {"elderly_copayment_percent", "INTEGER"},
                                                            {"office_name"},
                                                            {"insurer_sequence", "BIGINT"},
                                                            {"updated_at"}}};
constexpr int kColumnCount = int(kIdentityColumns.size() + kContentColumns.size());

/// Every column of a qualification row, identity first: "linkage_number, insurer_number, …, updated_at".
const std::string& columnList()
{
    static const std::string kList = [] {
        std::string list;
        for (const auto column : kIdentityColumns) {
            list.append(list.empty() ? "" : ", ").append(column);
        }
        for (const auto& column : kContentColumns) {
            list.append(", ").append(column.name);
        }
        return list;
    }();
    return kList;
}

using NullableText = Poco::Nullable<std::string>;
using NullableInt = Poco::Nullable<int>;

NullableText toNullable(const std::optional<Date>& date)
{
    return date ? NullableText(date->toIso()) : NullableText();
}

NullableInt toNullable(const std::optional<int>& value)
{
    return value ? NullableInt(*value) : NullableInt();
}

using IdentityValues = std::tuple<std::string, std::string, std::string, std::string, std::string, std::string>;
using ContentValues =
    std::tuple<NullableText, NullableInt, std::string, std::string, int, std::string, std::string, NullableInt,
               std::string, NullableText, NullableText, NullableText, NullableText, NullableText, NullableText,
               NullableText, NullableInt, NullableText, NullableText, NullableInt, std::string, Poco::Int64,
               std::string>;
static_assert(std::tuple_size_v<ContentValues> == kContentColumns.size());

/// The content columns of `q`, its strings moved out.
ContentValues takeContent(Qualification& q)
{
    return {q.cardCategory ? NullableText(std::string(common::cardCategoryCode(*q.cardCategory))) : NullableText(),
            q.relationship ? NullableInt(int(*q.relationship)) : NullableInt(),
            std::move(q.name),
            std::move(q.nameKana),
            int(q.sex),
            std::move(q.address),
            std::move(q.insuredPersonName),
            q.householdHead ? NullableInt(*q.householdHead ? 1 : 0) : NullableInt(),
            std::move(q.householdHeadName),
            toNullable(q.acquisitionDate),
            toNullable(q.lossDate),
            toNullable(q.retireeSwitchDate),
            toNullable(q.benefitStartDate),
            toNullable(q.benefitEndDate),
            toNullable(q.cardValidFrom),
            toNullable(q.cardValidTo),
            toNullable(q.copaymentPercent),
            toNullable(q.elderlyValidFrom),
            toNullable(q.elderlyValidTo),
            toNullable(q.elderlyCopaymentPercent),
            std::move(q.officeName),
            Poco::Int64(q.insurerSequence),
            std::move(q.updatedAt)};
}

/// RowBatch<Prefix…, ContentValues…>: rows of some leading columns and then a qualification's content.
template <class Prefix> struct WithContent;
template <class... Prefix> struct WithContent<std::tuple<Prefix...>>
{
    template <class... Content> static RowBatch<Prefix..., Content...> of(std::tuple<Content...>*);
    using Rows = decltype(of(static_cast<ContentValues*>(nullptr)));
};

/// Rows of the qualification table in columnList() order, for multi-row INSERTs.
using QualificationRows = WithContent<IdentityValues>::Rows;
/// Rows that replace a stored row's content in place: its id, then the content.
using ReplacementRows = WithContent<std::tuple<Poco::Int64>>::Rows;
static_assert(QualificationRows::kColumnCount == std::size_t(kColumnCount));

void addRow(QualificationRows& rows, StoredQualification&& stored)
{
    Qualification& q = stored.qualification;
    std::apply(
        [&](auto&&... content) {
            rows.add(std::move(stored.linkageNumber), std::move(q.card.insurerNumber), std::move(q.card.symbol),
                     std::move(q.card.number), std::move(q.card.branch), q.birthDate.toIso(), std::move(content)...);
        },
        takeContent(q));
}

void addReplacement(ReplacementRows& rows, Poco::Int64 id, Qualification& q)
{
    std::apply([&](auto&&... content) { rows.add(id, std::move(content)...); }, takeContent(q));
}

/// UPDATE qualification from `rows` rows of (id, content…): the statement of ReplacementRows.
std::string replacementSql(std::size_t rows)
{
    std::string assignments;
    std::string row = "(CAST(? AS BIGINT)";
    for (std::size_t index = 0; index < kContentColumns.size(); ++index) {
        const ContentColumn& column = kContentColumns[index];
        assignments.append(index == 0 ? "" : ", ")
            .append(column.name)
            .append(" = v.column")
            .append(std::to_string(index + 2));
        row.append(column.type.empty() ? ", ?" : ", CAST(? AS " + std::string(column.type) + ")");
    }
    row += ')';
    return withValues("UPDATE qualification SET " + assignments + " FROM", row, rows,
                      "WHERE qualification.id = v.column1");
}

std::optional<Date> date(const QueryRows& rows, std::size_t row, std::size_t column)
{
    return rows.isNull(row, column) ? std::nullopt : Date::parse(rows.text(row, column));
}

std::optional<int> integer(const QueryRows& rows, std::size_t row, std::size_t column)
{
    const auto value = rows.integer(row, column);
    return value ? std::optional<int>(int(*value)) : std::nullopt;
}

StoredQualification readRow(const QueryRows& rows, std::size_t row)
{
    const auto text = [&](std::size_t column) { return rows.text(row, column); };
    StoredQualification stored;
    Qualification& q = stored.qualification;
    std::size_t c = 0;
    stored.linkageNumber = text(c++);
    q.card = {text(c), text(c + 1), text(c + 2), text(c + 3)};
    c += 4;
    q.birthDate = date(rows, row, c++).value_or(Date{});
    if (const auto category = text(c++); !category.empty()) {
        q.cardCategory = common::cardCategoryFromCode(category);
    }
    if (const auto relationship = integer(rows, row, c++)) {
        q.relationship = common::relationshipFromCode(*relationship);
    }
    q.name = text(c++);
    q.nameKana = text(c++);
    q.sex = common::sexFromCode(integer(rows, row, c++).value_or(0)).value_or(common::Sex::Unknown);
    q.address = text(c++);
    q.insuredPersonName = text(c++);
    if (const auto head = integer(rows, row, c++)) {
        q.householdHead = *head != 0;
    }
    q.householdHeadName = text(c++);
    q.acquisitionDate = date(rows, row, c++);
    q.lossDate = date(rows, row, c++);
    q.retireeSwitchDate = date(rows, row, c++);
    q.benefitStartDate = date(rows, row, c++);
    q.benefitEndDate = date(rows, row, c++);
    q.cardValidFrom = date(rows, row, c++);
    q.cardValidTo = date(rows, row, c++);
    q.copaymentPercent = integer(rows, row, c++);
    q.elderlyValidFrom = date(rows, row, c++);
    q.elderlyValidTo = date(rows, row, c++);
    q.elderlyCopaymentPercent = integer(rows, row, c++);
    q.officeName = text(c++);
    q.insurerSequence = rows.integer(row, c++).value_or(0);
    q.updatedAt = text(c++);
    stored.insurerDataUpdatedAt = text(c++);
    return stored;
}

bool newerFirst(const StoredQualification& a, const StoredQualification& b)
{
    return a.qualification.acquisitionDate.value_or(Date{}) > b.qualification.acquisitionDate.value_or(Date{});
}

} // namespace

std::vector<StoredQualification> QualificationRepository::select(const std::string& where,
                                                                 const std::vector<std::string>& values)
{
    auto session = m_database.session();
    const QueryRows rows = m_database.query(*session,
                                            "SELECT " + columnList() +
                                                ", (SELECT data_updated_at FROM insurer i WHERE i.insurer_number = "
                                                "qualification.insurer_number) FROM qualification WHERE " +
                                                where,
                                            std::vector<QueryValue>(values.begin(), values.end()));
    std::vector<StoredQualification> result;
    result.reserve(rows.size());
    for (std::size_t row = 0; row < rows.size(); ++row) {
        result.push_back(readRow(rows, row));
    }
    std::stable_sort(result.begin(), result.end(), newerFirst);
    return result;
}

std::vector<StoredQualification> QualificationRepository::findByCard(const common::InsuranceCardKey& card)
{
    return select("insurer_number = ? AND card_number = ? AND card_branch = ? AND card_symbol = ?",
                  {card.insurerNumber, card.number, card.branch, card.symbol});
}

std::vector<StoredQualification> QualificationRepository::findByLinkage(const std::string& linkageNumber)
{
    return select("linkage_number = ?", {linkageNumber});
}

std::string QualificationRepository::dataUpdatedAt(const std::string& insurerNumber)
{
    auto session = m_database.session();
    std::string number = insurerNumber;
    Poco::Nullable<std::string> updatedAt;
    *session << m_database.sql("SELECT data_updated_at FROM insurer WHERE insurer_number = ?"), use(number),
        into(updatedAt), now;
    return updatedAt.isNull() ? std::string() : updatedAt.value();
}

/// Rows wait in memory until this many are added, a commit or flush(): few large statements instead of one per row.
constexpr std::size_t kBufferedRows = 10'000;

struct QualificationRepository::BulkWriter::Impl {
    Impl(Database& database, Durability durability)
        : database(database), durability(durability), session(database.bulkSession())
    {
        qualifications.reserve(kBufferedRows);
        database.begin(*session, durability);
    }

    void flush()
    {
        replacements.execute(database, *session, replacementSql);
        // Rewriting a linkage number that did not change would still rewrite its index entry.
        linkageChanges.execute(database, *session, [](std::size_t rows) {
            return withValues("UPDATE qualification SET linkage_number = v.column2 FROM", "(CAST(? AS BIGINT), ?)",
                              rows,
                              "WHERE qualification.id = v.column1 AND qualification.linkage_number <> v.column2");
        });
        flushNewRows();
    }

    void flushNewRows()
    {
        insurers.execute(database, *session, [](std::size_t rows) {
            return "INSERT INTO insurer (insurer_number, name, scheme, prefecture, data_updated_at) VALUES " +
                   placeholderRows(5, rows);
        });
        qualifications.execute(database, *session, [](std::size_t rows) {
            return "INSERT INTO qualification (" + columnList() + ") VALUES " + placeholderRows(kColumnCount, rows);
        });
    }

    Database& database;
    Durability durability;
    Database::Lease session;
    QualificationRows qualifications;
    ReplacementRows replacements;
    RowBatch<Poco::Int64, std::string> linkageChanges;
    RowBatch<std::string, std::string, std::string, std::string, std::string> insurers;
};

QualificationRepository::BulkWriter::BulkWriter(Database& database, Durability durability)
    : m_impl(std::make_unique<Impl>(database, durability))
{
}

// The lease rolls back a transaction left uncommitted and restores the session's sync level.
QualificationRepository::BulkWriter::~BulkWriter() = default;

void QualificationRepository::BulkWriter::addQualification(StoredQualification row)
{
    addRow(m_impl->qualifications, std::move(row));
    if (m_impl->qualifications.size() >= kBufferedRows) {
        m_impl->flushNewRows();
    }
}

void QualificationRepository::BulkWriter::replaceQualification(std::int64_t id, StoredQualification row)
{
    addReplacement(m_impl->replacements, id, row.qualification);
    m_impl->linkageChanges.add(id, std::move(row.linkageNumber));
}

void QualificationRepository::BulkWriter::addInsurer(const InsurerRecord& insurer)
{
    m_impl->insurers.add(insurer.insurerNumber, insurer.name, insurer.scheme, insurer.prefecture,
                         insurer.dataUpdatedAt);
}

Poco::Data::Session& QualificationRepository::BulkWriter::session()
{
    return *m_impl->session;
}

void QualificationRepository::BulkWriter::flush()
{
    m_impl->flush();
}

void QualificationRepository::BulkWriter::commitAndContinue()
{
    m_impl->flush();
    m_impl->database.commit(*m_impl->session);
    m_impl->database.begin(*m_impl->session, m_impl->durability);
}

void QualificationRepository::BulkWriter::commit()
{
    m_impl->flush();
    m_impl->database.commit(*m_impl->session);
}

} // namespace oqs::server::core
