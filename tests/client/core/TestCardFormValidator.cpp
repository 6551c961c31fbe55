// SPDX-License-Identifier: Apache-2.0
#include "core/CardFormValidator.h"

#include <oqs/common/QrPayload.h>

#include <QtTest>

using namespace oqs::client::core;
using namespace oqs::common;

namespace {

const Date kToday{2026, 11, 25};

CardFormInput goodInput()
{
    return {"01130012", "記号", "1234", "01", "1980-04-01", "", "P-1"};
}

} // namespace

Q_DECLARE_METATYPE(oqs::common::FieldReason)

class TestCardFormValidator : public QObject {
    Q_OBJECT

private slots:
    void goodInputBuildsTheRequest();
    void fullWidthIsNormalised();
    void badFieldGetsItsOwnMessage_data();
    void badFieldGetsItsOwnMessage();
    void scannedQrFillsEveryField();
    void damagedQrIsReported();
};

void TestCardFormValidator::goodInputBuildsTheRequest()
{
    const CardFormCheck check = CardFormValidator::check(goodInput(), kToday);
    QVERIFY2(check.ok(), qPrintable(check.errors.values().join('\n')));
    QCOMPARE(check.request.card, (InsuranceCardKey{"01130012", "記号", "1234", "01"}));
    QVERIFY(check.request.birthDate == (Date{1980, 4, 1}));
    QVERIFY(!check.request.consultationDate);
    QCOMPARE(check.request.identifier, std::string("P-1"));
}

void TestCardFormValidator::fullWidthIsNormalised()
{
    CardFormInput input = goodInput();
    input.insurerNumber = QStringLiteral("０１１３００１２");
    input.number = QStringLiteral(" １２３４ ");
    input.birthDate = QStringLiteral("１９８０／０４／０１");
    input.consultationDate = QStringLiteral("20261120");
    const CardFormCheck check = CardFormValidator::check(input, kToday);
    QVERIFY2(check.ok(), qPrintable(check.errors.values().join('\n')));
    QCOMPARE(check.normalized.insurerNumber, QStringLiteral("01130012"));
    QCOMPARE(check.normalized.number, QStringLiteral("1234"));
    QVERIFY(check.request.birthDate == (Date{1980, 4, 1}));
    QVERIFY(check.request.consultationDate == (Date{2026, 11, 20}));
}

void TestCardFormValidator::badFieldGetsItsOwnMessage_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<FieldReason>("reason");
    QTest::newRow("insurer check digit") << "insurerNumber" << "01130013" << FieldReason::CheckDigit;
    QTest::newRow("insurer letters") << "insurerNumber" << "0113A012" << FieldReason::NotDigits;
    QTest::newRow("insurer empty") << "insurerNumber" << "" << FieldReason::Required;
    QTest::newRow("number empty") << "number" << "" << FieldReason::Required;
    QTest::newRow("branch letters") << "branch" << "0a" << FieldReason::NotDigits;
    QTest::newRow("birth date empty") << "birthDate" << "" << FieldReason::Required;
    QTest::newRow("birth date impossible") << "birthDate" << "1980-02-30" << FieldReason::InvalidDate;
    QTest::newRow("birth date future") << "birthDate" << "2030-01-01" << FieldReason::FutureDate;
    QTest::newRow("consultation too old") << "consultationDate" << "2026-09-01" << FieldReason::TooOld;
    QTest::newRow("consultation future") << "consultationDate" << "2026-11-26" << FieldReason::FutureDate;
    QTest::newRow("identifier too long") << "identifier" << QString(65, 'x') << FieldReason::TooLong;
}

void TestCardFormValidator::badFieldGetsItsOwnMessage()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(FieldReason, reason);
    CardFormInput input = goodInput();
    QString* target = field == "insurerNumber" ? &input.insurerNumber
                      : field == "number"      ? &input.number
                      : field == "branch"      ? &input.branch
                      : field == "birthDate"   ? &input.birthDate
                      : field == "identifier"  ? &input.identifier
                                               : &input.consultationDate;
    *target = value;
    const CardFormCheck check = CardFormValidator::check(input, kToday);
    QCOMPARE(check.errors.keys(), QStringList{field});
    QCOMPARE(check.errors.value(field), QString::fromUtf8(messageOf(reason, Language::Japanese).data()));
    QCOMPARE(check.normalized.identifier, input.identifier.trimmed()); // nothing the clerk typed is lost
}

void TestCardFormValidator::scannedQrFillsEveryField()
{
    const InsuranceCardQr qr{{"01130012", "記号", "1234", "01"}, Date{1980, 4, 1}};
    const QString scanned = QString::fromStdString(encodeQr(qr)) + "\r\n";
    QVERIFY(CardFormValidator::isCardQr(scanned));
    QVERIFY(!CardFormValidator::isCardQr("01130012"));
    QString problem;
    const auto input = CardFormValidator::fromCardQr(scanned, problem);
    QVERIFY2(input, qPrintable(problem));
    QCOMPARE(input->insurerNumber, QStringLiteral("01130012"));
    QCOMPARE(input->symbol, QStringLiteral("記号"));
    QCOMPARE(input->number, QStringLiteral("1234"));
    QCOMPARE(input->branch, QStringLiteral("01"));
    QCOMPARE(input->birthDate, QStringLiteral("1980-04-01"));
}

void TestCardFormValidator::damagedQrIsReported()
{
    QString problem;
    QVERIFY(!CardFormValidator::fromCardQr("OQSC1|0113|x", problem));
    QVERIFY(!problem.isEmpty());
}

QTEST_GUILESS_MAIN(TestCardFormValidator)
#include "TestCardFormValidator.moc"
