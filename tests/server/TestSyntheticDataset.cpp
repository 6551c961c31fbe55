// SPDX-License-Identifier: Apache-2.0
#include "dataset/SyntheticDataset.h"
#include "oqs/common/CodeLists.h"
#include "oqs/common/Validation.h"

#include <QElapsedTimer>
#include <QMap>
#include <QtTest>
#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

using oqs::common::CardCategory;
using oqs::common::Date;
using oqs::common::InsurerScheme;
using oqs::common::Qualification;
using oqs::common::Relationship;
using oqs::server::dataset::Person;
using oqs::server::dataset::SyntheticDataset;

Q_DECLARE_METATYPE(oqs::common::Date)

namespace {

constexpr std::uint64_t kSeed = 20251125;
constexpr Date kToday{2025, 11, 25};
constexpr std::uint64_t kSampleSize = 20'000;

int ageOn(const Date& birth, const Date& day)
{
    const bool beforeBirthday = day.month < birth.month || (day.month == birth.month && day.day < birth.day);
    return day.year - birth.year - (beforeBirthday ? 1 : 0);
}

bool isAllDigits(const std::string& text, std::size_t length)
{
    return text.size() == length && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool isUpperHex16(const std::string& text)
{
    return text.size() == 16 && std::all_of(text.begin(), text.end(),
                                            [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'); });
}

/// Full-width katakana words separated by one ideographic space.
bool isKatakanaName(const std::string& utf8)
{
    const QString text = QString::fromStdString(utf8);
    if (text.count(QChar(0x3000)) != 1) {
        return false;
    }
    return std::all_of(text.begin(), text.end(), [](QChar c) {
        return c.unicode() == 0x3000 || (c.unicode() >= 0x30A1 && c.unicode() <= 0x30FC);
    });
}

bool isKanjiOrKanaName(const std::string& utf8)
{
    const QString text = QString::fromStdString(utf8);
    return text.count(QChar(0x3000)) == 1 &&
           std::none_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x80; });
}

std::string cardKeyText(const oqs::common::InsuranceCardKey& key)
{
    return key.insurerNumber + '|' + key.symbol + '|' + key.number + '|' + key.branch;
}

int validCount(const Person& person, const Date& day)
{
    return int(std::count_if(person.qualifications.begin(), person.qualifications.end(),
                             [&day](const Qualification& q) { return oqs::common::isValidOn(q, day); }));
}

bool hasLostQualification(const Person& person, const Date& day)
{
    return std::any_of(person.qualifications.begin(), person.qualifications.end(),
                       [&day](const Qualification& q) { return q.lossDate && *q.lossDate <= day; });
}

/// The features counted by `proportions`, per person.
QMap<QString, int> countFeatures(const std::vector<Person>& persons, const Date& today)
{
    QMap<QString, int> counts;
    const auto count = [&counts](const char* name, bool present) {
        counts[QString::fromLatin1(name)] += present ? 1 : 0;
    };
    for (const Person& person : persons) {
        const Qualification& newest = person.qualifications.front();
        const InsurerScheme scheme = oqs::common::schemeOfInsurer(newest.card.insurerNumber);
        const int valid = validCount(person, today);
        count("kyokai", scheme == InsurerScheme::KyokaiKenpo);
        count("kumiai", scheme == InsurerScheme::KumiaiKenpo);
        count("kyosai", scheme == InsurerScheme::Kyosai);
        count("nhi", scheme == InsurerScheme::NationalHealth);
        count("late-elderly", scheme == InsurerScheme::LateElderly);
        count("family-member", newest.relationship == Relationship::Family);
        count("elderly-certificate", newest.elderlyCopaymentPercent.has_value());
        count("child-copay-20", newest.copaymentPercent == 20 && ageOn(newest.birthDate, today) < 7);
        count("non-general-card", newest.cardCategory != CardCategory::General);
        count("card-period", newest.cardValidTo.has_value());
        count("kanji-symbol", !newest.card.symbol.empty() && static_cast<unsigned char>(newest.card.symbol[0]) >= 0x80);
        count("office-name", !newest.officeName.empty());
        count("lost-and-renewed", hasLostQualification(person, today) && valid >= 1);
        count("multiple-valid", valid >= 2);
        count("none-valid", valid == 0);
        const auto& certificate = person.certificate;
        count("certificate", certificate.has_value());
        count("revoked", certificate && certificate->revoked);
        count("expired", certificate && certificate->notAfter < today);
        count("unlinked", certificate && !certificate->linked);
        count("renewed-card", certificate && !certificate->previousSerialHex.empty());
    }
    return counts;
}

} // namespace

class TestSyntheticDataset : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void insurerMaster();
    void sameSeedSamePersons();
    void differentSeedDifferentPersons();
    void cardKeysAreValid();
    void recordsAreConsistent_data();
    void recordsAreConsistent();
    void householdsShareOneCard();
    void certificatesAreConsistent();
    void proportions_data();
    void proportions();
    void identifiersAreUnique();
    void findPerson();
    void generationRate();

private:
    SyntheticDataset m_dataset{kSeed, kToday};
    std::vector<Person> m_sample;
    QMap<QString, int> m_counts;
};

void TestSyntheticDataset::initTestCase()
{
    m_sample.reserve(kSampleSize);
    for (std::uint64_t index = 0; index < kSampleSize; ++index) {
        m_sample.push_back(m_dataset.person(index));
    }
    m_counts = countFeatures(m_sample, kToday);
    for (auto it = m_counts.cbegin(); it != m_counts.cend(); ++it) {
        qDebug().noquote()
            << QStringLiteral("%1: %2 per mille").arg(it.key(), -20).arg(it.value() * 1000.0 / kSampleSize, 0, 'f', 1);
    }
}

void TestSyntheticDataset::insurerMaster()
{
    const auto& insurers = m_dataset.insurers();
    QVERIFY2(insurers.size() >= 200 && insurers.size() <= 1000, qPrintable(QString::number(insurers.size())));
    std::unordered_set<std::string> numbers;
    std::map<InsurerScheme, int> perScheme;
    for (const auto& insurer : insurers) {
        QVERIFY2(!oqs::common::checkInsurerNumber(insurer.number), insurer.number.c_str());
        QCOMPARE(oqs::common::schemeOfInsurer(insurer.number), insurer.scheme);
        QCOMPARE(insurer.number.size(), std::size_t{insurer.scheme == InsurerScheme::NationalHealth ? 6u : 8u});
        QVERIFY2(numbers.insert(insurer.number).second, insurer.number.c_str());
        QVERIFY(!insurer.name.empty());
        QVERIFY(QString::fromStdString(insurer.prefecture).endsWith(QChar(u'都')) ||
                QString::fromStdString(insurer.prefecture).endsWith(QChar(u'道')) ||
                QString::fromStdString(insurer.prefecture).endsWith(QChar(u'府')) ||
                QString::fromStdString(insurer.prefecture).endsWith(QChar(u'県')));
        ++perScheme[insurer.scheme];
    }
    QCOMPARE(perScheme[InsurerScheme::KyokaiKenpo], 47);
    QCOMPARE(perScheme[InsurerScheme::LateElderly], 47);
    QVERIFY(perScheme[InsurerScheme::KumiaiKenpo] >= 50);
    QVERIFY(perScheme[InsurerScheme::Kyosai] >= 50);
    QVERIFY(perScheme[InsurerScheme::NationalHealth] >= 50);
    QVERIFY(!perScheme.contains(InsurerScheme::Other));

    // The master is the same whatever the seed: it is reference data, not a person.
    QCOMPARE(SyntheticDataset(kSeed + 1, Date{2030, 1, 1}).insurers(), insurers);
}

void TestSyntheticDataset::sameSeedSamePersons()
{
    const SyntheticDataset other(kSeed, kToday);
    for (std::uint64_t index = 0; index < 2'000; ++index) {
        QCOMPARE(other.person(index), m_sample[index]);
    }
    // Random access: a person far into the dataset, asked for twice out of order, is the same person.
    const Person far = other.person(9'876'543);
    QCOMPARE(m_dataset.person(9'876'543), far);
    for (std::uint64_t index = 1'999; index > 1'000; --index) {
        QCOMPARE(other.person(index), m_sample[index]);
    }
    // Any index works, up to the last one.
    const std::uint64_t last = std::numeric_limits<std::uint64_t>::max();
    QCOMPARE(other.person(last), m_dataset.person(last));
    QVERIFY(isAllDigits(other.person(last).linkageNumber, 15));
}

void TestSyntheticDataset::differentSeedDifferentPersons()
{
    const SyntheticDataset other(kSeed + 1, kToday);
    int sameLinkage = 0;
    int sameName = 0;
    for (std::uint64_t index = 0; index < 2'000; ++index) {
        const Person person = other.person(index);
        sameLinkage += person.linkageNumber == m_sample[index].linkageNumber ? 1 : 0;
        sameName += person.qualifications.front().name == m_sample[index].qualifications.front().name ? 1 : 0;
    }
    QCOMPARE(sameLinkage, 0);
    QVERIFY2(sameName < 20, qPrintable(QString::number(sameName))); // chance coincidences of common names only
}

void TestSyntheticDataset::cardKeysAreValid()
{
    std::unordered_set<std::string> masterNumbers;
    for (const auto& insurer : m_dataset.insurers()) {
        masterNumbers.insert(insurer.number);
    }
    for (const Person& person : m_sample) {
        for (const Qualification& q : person.qualifications) {
            auto key = q.card;
            QCOMPARE(oqs::common::normalizeAndCheck(key), oqs::common::FieldErrors{});
            QCOMPARE(key, q.card);
            QVERIFY2(masterNumbers.count(q.card.insurerNumber) == 1, q.card.insurerNumber.c_str());
            const InsurerScheme scheme = oqs::common::schemeOfInsurer(q.card.insurerNumber);
            QCOMPARE(q.card.symbol.empty(), scheme == InsurerScheme::LateElderly);
            QVERIFY(q.officeName.empty() || scheme == InsurerScheme::KyokaiKenpo ||
                    scheme == InsurerScheme::KumiaiKenpo || scheme == InsurerScheme::Kyosai);
        }
    }
}

void TestSyntheticDataset::recordsAreConsistent_data()
{
    QTest::addColumn<quint64>("seed");
    QTest::addColumn<Date>("today");
    QTest::newRow("sample") << quint64(kSeed) << kToday;
    QTest::newRow("leap day, other seed") << quint64(7) << Date{2028, 2, 29};
    QTest::newRow("start of card year") << quint64(99) << Date{2031, 8, 1};
}

void TestSyntheticDataset::recordsAreConsistent()
{
    QFETCH(quint64, seed);
    QFETCH(Date, today);
    const SyntheticDataset dataset(seed, today);
    QCOMPARE(dataset.referenceDate(), today);
    std::int64_t lastSequence = 0;
    for (std::uint64_t index = 0; index < 5'000; ++index) {
        const Person person = dataset.person(index);
        QVERIFY(isAllDigits(person.linkageNumber, 15));
        QVERIFY(!person.qualifications.empty() && person.qualifications.size() <= 2);
        for (std::size_t i = 0; i < person.qualifications.size(); ++i) {
            const Qualification& q = person.qualifications[i];
            const QByteArray whereText = QByteArray::number(quint64(index)) + " #" + QByteArray::number(quint64(i));
            const char* where = whereText.constData();
            QVERIFY2(q.insurerSequence > lastSequence, where); // increasing along indices, newest first
            if (i > 0) {
                QVERIFY2(q.insurerSequence < person.qualifications[i - 1].insurerSequence, where);
                QVERIFY2(*q.acquisitionDate <= *person.qualifications[i - 1].acquisitionDate, where);
            }
            QVERIFY2(q.birthDate <= today && !oqs::common::checkBirthDate(q.birthDate, today), where);
            QVERIFY2(q.acquisitionDate && q.birthDate <= *q.acquisitionDate && *q.acquisitionDate <= today, where);
            QVERIFY2(!q.lossDate || (*q.acquisitionDate < *q.lossDate && *q.lossDate <= today), where);
            QCOMPARE(q.cardValidFrom.has_value(), q.cardValidTo.has_value());
            QVERIFY2(!q.cardValidFrom || *q.cardValidFrom <= *q.cardValidTo, where);
            QVERIFY2(isKanjiOrKanaName(q.name) && isKatakanaName(q.nameKana), where);
            QVERIFY(q.sex == oqs::common::Sex::Male || q.sex == oqs::common::Sex::Female);
            QVERIFY(!q.address.empty() && !q.insuredPersonName.empty());
            QVERIFY(q.cardCategory && q.relationship);
            const auto updated = Date::parse(q.updatedAt.substr(0, 10));
            QVERIFY2(updated && *updated <= today && q.updatedAt.ends_with("+09:00"), q.updatedAt.c_str());

            // Rates as of the last day the record was in force.
            const Date asOf = q.lossDate ? q.lossDate->addDays(-1) : today;
            const int age = ageOn(q.birthDate, asOf);
            const InsurerScheme scheme = oqs::common::schemeOfInsurer(q.card.insurerNumber);
            QVERIFY(q.copaymentPercent);
            if (scheme == InsurerScheme::LateElderly) {
                QVERIFY2(age >= 75, where);
                QVERIFY(*q.copaymentPercent == 10 || *q.copaymentPercent == 20 || *q.copaymentPercent == 30);
                QVERIFY(!q.elderlyCopaymentPercent);
            } else {
                QVERIFY2(age < 75, where);
            }
            if (q.elderlyCopaymentPercent) {
                QVERIFY2(age >= 70 && age <= 74, where);
                QVERIFY(*q.elderlyCopaymentPercent == 20 || *q.elderlyCopaymentPercent == 30);
                QCOMPARE(q.copaymentPercent, q.elderlyCopaymentPercent);
                QVERIFY2(*q.elderlyValidFrom <= *q.elderlyValidTo && *q.elderlyValidFrom <= asOf, where);
                QVERIFY2(asOf <= *q.elderlyValidTo, where);
            } else if (age < 6) {
                QCOMPARE(*q.copaymentPercent, 20);
            } else if (age >= 7 && age < 70) {
                QCOMPARE(*q.copaymentPercent, 30);
            }
            QCOMPARE(q.householdHead.has_value(), scheme == InsurerScheme::NationalHealth);
        }
        lastSequence = person.qualifications.front().insurerSequence;
    }
}

void TestSyntheticDataset::householdsShareOneCard()
{
    // Group current records by card (insurer, symbol, number): a household is the people sharing one.
    std::unordered_map<std::string, std::vector<const Qualification*>> households;
    for (const Person& person : m_sample) {
        const Qualification& q = person.qualifications.front();
        households[q.card.insurerNumber + '|' + q.card.symbol + '|' + q.card.number].push_back(&q);
    }
    int multiMember = 0;
    for (const auto& [card, members] : households) {
        const Qualification& principal = *members.front();
        QCOMPARE(principal.card.branch, std::string("00"));
        QCOMPARE(principal.relationship, Relationship::Principal);
        std::set<std::string> branches;
        for (const Qualification* member : members) {
            QVERIFY2(branches.insert(member->card.branch).second, card.c_str());
            QCOMPARE(member->address, principal.address);
            QCOMPARE(member->cardCategory, principal.cardCategory);
            QCOMPARE(member->lossDate, principal.lossDate);
            const InsurerScheme scheme = oqs::common::schemeOfInsurer(member->card.insurerNumber);
            if (scheme == InsurerScheme::NationalHealth) {
                QCOMPARE(member->relationship, Relationship::Principal);
                QCOMPARE(member->insuredPersonName, member->name);
                QCOMPARE(member->householdHeadName, principal.name);
                QCOMPARE(*member->householdHead, member == &principal);
            } else {
                QCOMPARE(member->relationship, member == &principal ? Relationship::Principal : Relationship::Family);
                QCOMPARE(member->insuredPersonName, principal.name);
                QCOMPARE(member->officeName, principal.officeName);
            }
            // Same family name (the part before the ideographic space).
            QCOMPARE(QString::fromStdString(member->name).section(QChar(0x3000), 0, 0),
                     QString::fromStdString(principal.name).section(QChar(0x3000), 0, 0));
        }
        QCOMPARE(branches.size(), members.size());
        QCOMPARE(*branches.rbegin(), QString::number(members.size() - 1).rightJustified(2, '0').toStdString());
        multiMember += members.size() > 1 ? 1 : 0;
    }
    QVERIFY2(multiMember > int(households.size()) / 5, qPrintable(QString::number(multiMember)));
}

void TestSyntheticDataset::certificatesAreConsistent()
{
    for (const Person& person : m_sample) {
        if (!person.certificate) {
            continue;
        }
        const auto& c = *person.certificate;
        QVERIFY(isUpperHex16(c.serialHex) && c.serialHex[0] >= '8');
        QCOMPARE(c.notAfter, c.notBefore.addMonths(60).addDays(-1));
        QVERIFY(c.notBefore < kToday);
        QCOMPARE(c.revokedOn.has_value(), c.revoked);
        if (c.revoked) {
            QVERIFY(c.notBefore <= *c.revokedOn && *c.revokedOn < kToday);
            QVERIFY(kToday <= c.notAfter); // expired certificates are not on the CRL
        }
        if (!c.previousSerialHex.empty()) {
            QVERIFY(isUpperHex16(c.previousSerialHex) && c.previousSerialHex != c.serialHex);
            QVERIFY(c.notBefore >= kToday.addDays(-366)); // renewed recently
        }
    }
}

void TestSyntheticDataset::proportions_data()
{
    // Bounds are per mille of persons (certificate features: of all persons too); loose enough for any seed.
    QTest::addColumn<QString>("feature");
    QTest::addColumn<int>("atLeast");
    QTest::addColumn<int>("atMost");
    QTest::newRow("協会けんぽ") << "kyokai" << 200 << 400;
    QTest::newRow("組合健保") << "kumiai" << 130 << 300;
    QTest::newRow("共済") << "kyosai" << 40 << 120;
    QTest::newRow("国保") << "nhi" << 150 << 350;
    QTest::newRow("後期高齢") << "late-elderly" << 80 << 200;
    QTest::newRow("family members") << "family-member" << 200 << 450;
    QTest::newRow("elderly certificates") << "elderly-certificate" << 20 << 100;
    QTest::newRow("children paying 20 %") << "child-copay-20" << 20 << 120;
    QTest::newRow("non-general cards") << "non-general-card" << 5 << 40;
    QTest::newRow("card validity period") << "card-period" << 250 << 550;
    QTest::newRow("kanji symbols") << "kanji-symbol" << 30 << 150;
    QTest::newRow("office names") << "office-name" << 400 << 750;
    QTest::newRow("lost and renewed") << "lost-and-renewed" << 60 << 200;
    QTest::newRow("several valid") << "multiple-valid" << 8 << 40;
    QTest::newRow("none valid") << "none-valid" << 5 << 40;
    QTest::newRow("My Number card") << "certificate" << 770 << 830;
    QTest::newRow("revoked") << "revoked" << 4 << 20;
    QTest::newRow("expired") << "expired" << 15 << 45;
    QTest::newRow("linkage pending") << "unlinked" << 15 << 40;
    QTest::newRow("renewed card") << "renewed-card" << 12 << 30;
}

void TestSyntheticDataset::proportions()
{
    QFETCH(QString, feature);
    QFETCH(int, atLeast);
    QFETCH(int, atMost);
    QVERIFY2(m_counts.contains(feature), qPrintable(feature));
    const double perMille = m_counts.value(feature) * 1000.0 / kSampleSize;
    QVERIFY2(perMille >= atLeast && perMille <= atMost, qPrintable(QString::number(perMille)));
}

void TestSyntheticDataset::identifiersAreUnique()
{
    constexpr std::uint64_t kCount = 100'000;
    std::unordered_set<std::string> linkageNumbers;
    std::unordered_set<std::string> serials;
    std::unordered_map<std::string, std::uint64_t> cardOwners;
    linkageNumbers.reserve(kCount);
    serials.reserve(kCount);
    cardOwners.reserve(kCount * 5 / 4);
    for (std::uint64_t index = 0; index < kCount; ++index) {
        const Person person = index < kSampleSize ? m_sample[index] : m_dataset.person(index);
        QVERIFY2(linkageNumbers.insert(person.linkageNumber).second, person.linkageNumber.c_str());
        if (person.certificate) {
            QVERIFY2(serials.insert(person.certificate->serialHex).second, person.certificate->serialHex.c_str());
            if (!person.certificate->previousSerialHex.empty()) {
                QVERIFY(serials.insert(person.certificate->previousSerialHex).second);
            }
        }
        for (const Qualification& q : person.qualifications) {
            const auto [it, inserted] = cardOwners.emplace(cardKeyText(q.card), index);
            QVERIFY2(inserted || it->second == index, cardKeyText(q.card).c_str());
        }
    }
}

void TestSyntheticDataset::findPerson()
{
    const auto revoked = [](const Person& person) { return person.certificate && person.certificate->revoked; };
    const auto found = m_dataset.findPerson(revoked);
    QVERIFY(found);
    QVERIFY(revoked(m_dataset.person(*found)));
    for (std::uint64_t index = 0; index < *found; ++index) {
        QVERIFY(!revoked(m_sample[index]));
    }
    QVERIFY(!m_dataset.findPerson(revoked, *found + 1, 0));
    const auto next = m_dataset.findPerson(revoked, *found + 1);
    QVERIFY(next && *next > *found);
    QVERIFY(!m_dataset.findPerson([](const Person&) { return false; }, 0, 1'000));
}

void TestSyntheticDataset::generationRate()
{
    constexpr std::uint64_t kCount = 200'000;
    std::size_t qualifications = 0;
    QElapsedTimer timer;
    timer.start();
    for (std::uint64_t index = 0; index < kCount; ++index) {
        qualifications += m_dataset.person(index).qualifications.size();
    }
    const double seconds = std::max<qint64>(timer.nsecsElapsed(), 1) / 1e9;
    qDebug().noquote() << QStringLiteral("generated %1 persons (%2 qualifications) in %3 s: %4 persons/s")
                              .arg(kCount)
                              .arg(qualifications)
                              .arg(seconds, 0, 'f', 2)
                              .arg(kCount / seconds, 0, 'f', 0);
    QVERIFY(qualifications >= kCount);
}

QTEST_GUILESS_MAIN(TestSyntheticDataset)
#include "TestSyntheticDataset.moc"
