// SPDX-License-Identifier: Apache-2.0
#include "oqs/common/Validation.h"

#include <QtTest>
#include <random>

using namespace oqs::common;

Q_DECLARE_METATYPE(std::optional<FieldReason>)

namespace {

std::string withCheckDigit(const std::string& body)
{
    return body + char('0' + checkDigitOf(body));
}

} // namespace

class TestValidation : public QObject {
    Q_OBJECT

private slots:
    void workedExampleFromProductBrief()
    {
        // PRODUCT.md D2: 3312001 → 6+3+2+2+0+0+2 = 15 → check digit 5.
        QCOMPARE(checkDigitOf("3312001"), 5);
        QCOMPARE(checkInsurerNumber("33120015"), std::optional<FieldReason>());
        QCOMPARE(checkInsurerNumber("33120014"), std::optional<FieldReason>(FieldReason::CheckDigit));
    }

    void checkDigitDetectsEverySingleDigitError()
    {
        // Property over many numbers: a correct check digit passes; any one changed digit fails.
        std::mt19937_64 random(20261125);
        std::uniform_int_distribution<int> digit(0, 9);
        for (int round = 0; round < 5000; ++round) {
            const std::size_t length = round % 2 ? 5 : 7; // 6- and 8-digit insurer numbers
            std::string body;
            for (std::size_t i = 0; i < length; ++i) {
                body.push_back(char('0' + digit(random)));
            }
            const std::string number = withCheckDigit(body);
            QCOMPARE(checkInsurerNumber(number), std::optional<FieldReason>());
            for (std::size_t position = 0; position < number.size(); ++position) {
                std::string altered = number;
                altered[position] = char('0' + (number[position] - '0' + 1 + digit(random) % 9) % 10);
                QCOMPARE(checkInsurerNumber(altered), std::optional<FieldReason>(FieldReason::CheckDigit));
            }
        }
    }

    void insurerNumber_data()
    {
        QTest::addColumn<QString>("number");
        QTest::addColumn<std::optional<FieldReason>>("reason");
        QTest::newRow("8 digits ok") << "01130012" << std::optional<FieldReason>();
        QTest::newRow("6 digits ok") << QString::fromStdString(withCheckDigit("13801")) << std::optional<FieldReason>();
        QTest::newRow("empty") << "" << std::optional(FieldReason::Required);
        QTest::newRow("letters") << "0113001A" << std::optional(FieldReason::NotDigits);
        QTest::newRow("7 digits") << "0113001" << std::optional(FieldReason::WrongLength);
        QTest::newRow("9 digits") << "011300120" << std::optional(FieldReason::WrongLength);
        QTest::newRow("bad check") << "01130013" << std::optional(FieldReason::CheckDigit);
    }
    void insurerNumber()
    {
        QFETCH(QString, number);
        QFETCH(std::optional<FieldReason>, reason);
        QCOMPARE(checkInsurerNumber(number.toStdString()), reason);
    }

    void medicalInstitutionCode_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<std::optional<FieldReason>>("reason");
        // prefecture 13 (Tokyo) + fee table 1 (medical) + institution 7 digits with its check digit
        QTest::newRow("ok") << QString::fromStdString("131" + withCheckDigit("234567")) << std::optional<FieldReason>();
        QTest::newRow("bad check") << "1312345670" << std::optional(FieldReason::CheckDigit);
        QTest::newRow("prefecture 48") << QString::fromStdString("481" + withCheckDigit("234567"))
                                       << std::optional(FieldReason::InvalidValue);
        QTest::newRow("short") << "131234567" << std::optional(FieldReason::WrongLength);
        QTest::newRow("empty") << "" << std::optional(FieldReason::Required);
        QTest::newRow("letters") << "13123456X8" << std::optional(FieldReason::NotDigits);
    }
    void medicalInstitutionCode()
    {
        QFETCH(QString, code);
        QFETCH(std::optional<FieldReason>, reason);
        QCOMPARE(checkMedicalInstitutionCode(code.toStdString()), reason);
    }

    void normalisation()
    {
        QCOMPARE(normalizeAscii("　０１１３００１２ "), std::string("01130012"));
        QCOMPARE(normalizeAscii("ＡＢｃ－１"), std::string("ABc-1"));
        QCOMPARE(normalizeSymbol(" 札幌 １２　３ "), std::string("札幌123"));
        QCOMPARE(normalizeSymbol("ｱｲｳ"), std::string("ｱｲｳ")); // half-width kana is text, not ASCII: kept
    }

    void cardKeyNormalisedAndChecked()
    {
        InsuranceCardKey key{"０１１３ ００１２", "　記号１", " １２３４５ ", "１"};
        const FieldErrors errors = normalizeAndCheck(key);
        QVERIFY(errors.empty());
        QCOMPARE(key, (InsuranceCardKey{"01130012", "記号1", "12345", "01"}));
    }

    void cardKeyFieldErrors_data()
    {
        QTest::addColumn<QString>("insurer");
        QTest::addColumn<QString>("symbol");
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("branch");
        QTest::addColumn<QString>("field");
        QTest::addColumn<int>("reason");
        QTest::newRow("insurer check digit") << "01130013" << "" << "1" << "00" << "insurerNumber" << int(FieldReason::CheckDigit);
        QTest::newRow("number missing") << "01130012" << "" << "  " << "00" << "number" << int(FieldReason::Required);
        QTest::newRow("number symbols") << "01130012" << "" << "12-3" << "00" << "number" << int(FieldReason::InvalidCharacters);
        QTest::newRow("number long") << "01130012" << "" << QString(21, '1') << "00" << "number" << int(FieldReason::TooLong);
        QTest::newRow("branch missing") << "01130012" << "" << "1" << "" << "branch" << int(FieldReason::Required);
        QTest::newRow("branch letters") << "01130012" << "" << "1" << "A1" << "branch" << int(FieldReason::NotDigits);
        QTest::newRow("branch long") << "01130012" << "" << "1" << "001" << "branch" << int(FieldReason::WrongLength);
        QTest::newRow("symbol control") << "01130012" << "a\tb\x01" << "1" << "00" << "symbol" << int(FieldReason::InvalidCharacters);
        QTest::newRow("symbol long") << "01130012" << QString(21, QChar(0x672D)) << "1" << "00" << "symbol" << int(FieldReason::TooLong);
    }
    void cardKeyFieldErrors()
    {
        QFETCH(QString, insurer);
        QFETCH(QString, symbol);
        QFETCH(QString, number);
        QFETCH(QString, branch);
        QFETCH(QString, field);
        QFETCH(int, reason);
        InsuranceCardKey key{insurer.toStdString(), symbol.toStdString(), number.toStdString(), branch.toStdString()};
        const FieldErrors errors = normalizeAndCheck(key);
        QCOMPARE(errors.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(errors.front().field), field);
        QCOMPARE(int(errors.front().reason), reason);
    }

    void consultationAndBirthDates()
    {
        const Date today{2026, 3, 31};
        QCOMPARE(checkConsultationDate(today, today), std::optional<FieldReason>());
        QCOMPARE(checkConsultationDate(Date{2026, 2, 28}, today), std::optional<FieldReason>());
        QCOMPARE(checkConsultationDate(Date{2026, 2, 27}, today), std::optional(FieldReason::TooOld));
        QCOMPARE(checkConsultationDate(Date{2026, 4, 1}, today), std::optional(FieldReason::FutureDate));
        QCOMPARE(checkBirthDate(Date{1950, 1, 1}, today), std::optional<FieldReason>());
        QCOMPARE(checkBirthDate(today, today), std::optional<FieldReason>());
        QCOMPARE(checkBirthDate(today.addDays(1), today), std::optional(FieldReason::FutureDate));
        QCOMPARE(checkBirthDate(Date{1870, 1, 1}, today), std::optional(FieldReason::InvalidDate));
    }

    void qualificationValidity()
    {
        Qualification q;
        q.acquisitionDate = Date{2020, 4, 1};
        q.lossDate = Date{2026, 4, 1};
        QVERIFY(!isValidOn(q, Date{2020, 3, 31}));
        QVERIFY(isValidOn(q, Date{2020, 4, 1}));
        QVERIFY(isValidOn(q, Date{2026, 3, 31}));
        QVERIFY(!isValidOn(q, Date{2026, 4, 1})); // the loss date is the first day without cover
        q.lossDate.reset();
        q.cardValidTo = Date{2025, 7, 31};
        QVERIFY(isValidOn(q, Date{2025, 7, 31}));
        QVERIFY(!isValidOn(q, Date{2025, 8, 1}));
    }
};

QTEST_GUILESS_MAIN(TestValidation)
#include "TestValidation.moc"
