// SPDX-License-Identifier: Apache-2.0
#include "core/QualificationRepository.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

#include <algorithm>

using namespace Poco::Data::Keywords;
using oqs::common::Date;
using oqs::common::Qualification;

namespace oqs::server::core {
namespace {

constexpr std::string_view kColumns =
    "linkage_number, insurer_number, card_symbol, card_number, card_branch, birth_date, card_category, relationship, "
    "name, name_kana, sex, address, insured_person_name, household_head, household_head_name, acquisition_date, "
    "loss_date, retiree_switch_date, benefit_start_date, benefit_end_date, card_valid_from, card_valid_to, "
    "copayment_percent, elderly_valid_from, elderly_valid_to, elderly_copayment_percent, office_name, "
    "insurer_sequence, updated_at";
constexpr int kColumnCount = 29;

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

/// One row in bindable form; the statement binds references to these members and re-reads them per execute.
struct QualificationRow {
    std::string linkageNumber, insurerNumber, symbol, number, branch, birthDate;
    NullableText cardCategory;
    NullableInt relationship;
    std::string name, nameKana;
    int sex = 0;
    std::string address, insuredPersonName;
    NullableInt householdHead;
    std::string householdHeadName;
    NullableText acquisition, loss, retireeSwitch, benefitStart, benefitEnd, cardValidFrom, cardValidTo;
    NullableInt copayment;
    NullableText elderlyValidFrom, elderlyValidTo;
    NullableInt elderlyCopayment;
    std::string officeName;
    Poco::Int64 sequence = 0;
    std::string updatedAt;

    void assign(const StoredQualification& stored)
    {
        const Qualification& q = stored.qualification;
        linkageNumber = stored.linkageNumber;
        insurerNumber = q.card.insurerNumber;
        symbol = q.card.symbol;
        number = q.card.number;
        branch = q.card.branch;
        birthDate = q.birthDate.toIso();
        cardCategory = q.cardCategory ? NullableText(std::string(common::cardCategoryCode(*q.cardCategory)))
                                      : NullableText();
        relationship = q.relationship ? NullableInt(int(*q.relationship)) : NullableInt();
        name = q.name;
        nameKana = q.nameKana;
        sex = int(q.sex);
        address = q.address;
        insuredPersonName = q.insuredPersonName;
        householdHead = q.householdHead ? NullableInt(*q.householdHead ? 1 : 0) : NullableInt();
        householdHeadName = q.householdHeadName;
        acquisition = toNullable(q.acquisitionDate);
        loss = toNullable(q.lossDate);
        retireeSwitch = toNullable(q.retireeSwitchDate);
        benefitStart = toNullable(q.benefitStartDate);
        benefitEnd = toNullable(q.benefitEndDate);
        cardValidFrom = toNullable(q.cardValidFrom);
        cardValidTo = toNullable(q.cardValidTo);
        copayment = toNullable(q.copaymentPercent);
        elderlyValidFrom = toNullable(q.elderlyValidFrom);
        elderlyValidTo = toNullable(q.elderlyValidTo);
        elderlyCopayment = toNullable(q.elderlyCopaymentPercent);
        officeName = q.officeName;
        sequence = q.insurerSequence;
        updatedAt = q.updatedAt;
    }

    void bindTo(Poco::Data::Statement& statement)
    {
        statement, use(linkageNumber), use(insurerNumber), use(symbol), use(number), use(branch), use(birthDate),
            use(cardCategory), use(relationship), use(name), use(nameKana), use(sex), use(address),
            use(insuredPersonName), use(householdHead), use(householdHeadName), use(acquisition), use(loss),
            use(retireeSwitch), use(benefitStart), use(benefitEnd), use(cardValidFrom), use(cardValidTo),
            use(copayment), use(elderlyValidFrom), use(elderlyValidTo), use(elderlyCopayment), use(officeName),
            use(sequence), use(updatedAt);
    }
};

std::string text(Poco::Data::RecordSet& rows, std::size_t column)
{
    const auto value = rows.value(column);
    return value.isEmpty() ? std::string() : value.convert<std::string>();
}

std::optional<Date> date(Poco::Data::RecordSet& rows, std::size_t column)
{
    const auto value = rows.value(column);
    return value.isEmpty() ? std::nullopt : Date::parse(value.convert<std::string>());
}

std::optional<int> integer(Poco::Data::RecordSet& rows, std::size_t column)
{
    const auto value = rows.value(column);
    return value.isEmpty() ? std::nullopt : std::optional<int>(value.convert<int>());
}

StoredQualification readRow(Poco::Data::RecordSet& rows)
{
    StoredQualification stored;
    Qualification& q = stored.qualification;
    std::size_t c = 0;
    stored.linkageNumber = text(rows, c++);
    q.card = {text(rows, c), text(rows, c + 1), text(rows, c + 2), text(rows, c + 3)};
    c += 4;
    q.birthDate = date(rows, c++).value_or(Date{});
    if (const auto category = text(rows, c++); !category.empty()) {
        q.cardCategory = common::cardCategoryFromCode(category);
    }
    if (const auto relationship = integer(rows, c++)) {
        q.relationship = common::relationshipFromCode(*relationship);
    }
    q.name = text(rows, c++);
    q.nameKana = text(rows, c++);
    q.sex = common::sexFromCode(integer(rows, c++).value_or(0)).value_or(common::Sex::Unknown);
    q.address = text(rows, c++);
    q.insuredPersonName = text(rows, c++);
    if (const auto head = integer(rows, c++)) {
        q.householdHead = *head != 0;
    }
    q.householdHeadName = text(rows, c++);
    q.acquisitionDate = date(rows, c++);
    q.lossDate = date(rows, c++);
    q.retireeSwitchDate = date(rows, c++);
    q.benefitStartDate = date(rows, c++);
    q.benefitEndDate = date(rows, c++);
    q.cardValidFrom = date(rows, c++);
    q.cardValidTo = date(rows, c++);
    q.copaymentPercent = integer(rows, c++);
    q.elderlyValidFrom = date(rows, c++);
    q.elderlyValidTo = date(rows, c++);
    q.elderlyCopaymentPercent = integer(rows, c++);
    q.officeName = text(rows, c++);
    q.insurerSequence = rows.value(c++).convert<Poco::Int64>();
    q.updatedAt = text(rows, c++);
    stored.insurerDataUpdatedAt = text(rows, c++);
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
    Poco::Data::Statement statement(*session);
    statement << m_database.sql("SELECT " + std::string(kColumns) +
                                ", (SELECT data_updated_at FROM insurer i WHERE i.insurer_number = "
                                "qualification.insurer_number) FROM qualification WHERE " +
                                where);
    std::vector<std::string> bound = values;
    for (auto& value : bound) {
        statement, use(value);
    }
    statement.execute();
    Poco::Data::RecordSet rows(statement);
    std::vector<StoredQualification> result;
    for (bool more = rows.moveFirst(); more; more = rows.moveNext()) {
        result.push_back(readRow(rows));
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

struct QualificationRepository::BulkWriter::Impl {
    Impl(Database& database, Durability durability)
        : database(database), durability(durability), session(database.session()), qualificationInsert(*session),
          insurerInsert(*session)
    {
        std::string placeholders = "?";
        for (int i = 1; i < kColumnCount; ++i) {
            placeholders += ", ?";
        }
        database.begin(*session, durability);
        qualificationInsert << database.sql("INSERT INTO qualification (" + std::string(kColumns) + ") VALUES (" +
                                            placeholders + ")");
        row.bindTo(qualificationInsert);
        insurerInsert << database.sql("INSERT INTO insurer (insurer_number, name, scheme, prefecture, "
                                      "data_updated_at) VALUES (?, ?, ?, ?, ?)"),
            use(insurer.insurerNumber), use(insurer.name), use(insurer.scheme), use(insurer.prefecture),
            use(insurer.dataUpdatedAt);
    }

    Database& database;
    Durability durability;
    Database::Lease session;
    QualificationRow row;
    InsurerRecord insurer;
    Poco::Data::Statement qualificationInsert;
    Poco::Data::Statement insurerInsert;
};

QualificationRepository::BulkWriter::BulkWriter(Database& database, Durability durability)
    : m_impl(std::make_unique<Impl>(database, durability))
{
}

// The lease rolls back a transaction left uncommitted and restores the session's sync level.
QualificationRepository::BulkWriter::~BulkWriter() = default;

void QualificationRepository::BulkWriter::addQualification(const StoredQualification& row)
{
    m_impl->row.assign(row);
    m_impl->qualificationInsert.execute();
}

void QualificationRepository::BulkWriter::addInsurer(const InsurerRecord& insurer)
{
    m_impl->insurer = insurer;
    m_impl->insurerInsert.execute();
}

Poco::Data::Session& QualificationRepository::BulkWriter::session()
{
    return *m_impl->session;
}

void QualificationRepository::BulkWriter::commitAndContinue()
{
    m_impl->database.commit(*m_impl->session);
    m_impl->database.begin(*m_impl->session, m_impl->durability);
}

void QualificationRepository::BulkWriter::commit()
{
    m_impl->database.commit(*m_impl->session);
}

} // namespace oqs::server::core
