// SPDX-License-Identifier: Apache-2.0
#include "oqs/common/QrPayload.h"

#include <QtTest>
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <ZXing/ReadBarcode.h>
#include <algorithm>
#include <string>
#include <vector>

using namespace oqs::common;

namespace oqs::common {

// Failure messages show the payload, which names every field.
char* toString(const InsuranceCardQr& payload)
{
    return qstrdup(encodeQr(payload).c_str());
}

char* toString(const ResultQr& payload)
{
    return qstrdup(encodeQr(payload).c_str());
}

} // namespace oqs::common

Q_DECLARE_METATYPE(oqs::common::InsuranceCardQr)
Q_DECLARE_METATYPE(oqs::common::ResultQr)
Q_DECLARE_METATYPE(oqs::common::FieldReason)

namespace {

/// The documented field order (resources/docs/qr-payload.md), to corrupt one field by name.
const std::vector<std::string> kCardFields = {"insurerNumber", "symbol", "number", "branch", "birthDate"};
const std::vector<std::string> kResultFields = {
    "receiptNumber", "status",        "consultationDate", "checkedAt",
    "identifier",    "insurerNumber", "symbol",           "number",
    "branch",        "cardCategory",  "relationship",     "nameKana",
    "birthDate",     "sex",           "copaymentPercent", "elderlyCopaymentPercent",
    "cardValidTo"};

/// MultiFormatWriter's 0–8 scale: 3 and 4 are QR level M.
constexpr int kEccLevelM = 4;
/// The size target of resources/docs/qr-payload.md §3.
constexpr int kMaxQrVersion = 10;

InsuranceCardKey asciiCard()
{
    return {"06050116", "12", "3456", "01"};
}

InsuranceCardKey kanjiCard()
{
    return {"138057", "東京", "1234", ""};
}

ResultQr asciiResult()
{
    ResultQr qr;
    qr.receiptNumber = "R20261125-000042";
    qr.status = Status::Valid;
    qr.consultationDate = {2026, 11, 25};
    qr.checkedAt = "2026-11-25T09:30:00.123+09:00";
    qr.identifier = "P-0042";
    qr.card = asciiCard();
    qr.cardCategory = CardCategory::General;
    qr.relationship = Relationship::Principal;
    qr.nameKana = "YAMADA TARO";
    qr.birthDate = {1980, 4, 1};
    qr.sex = Sex::Male;
    qr.copaymentPercent = 30;
    qr.cardValidTo = Date{2027, 3, 31};
    return qr;
}

/// The size budget's reference (resources/docs/qr-payload.md): a receipt number as the server makes it, a
/// two-kanji symbol, a seven-character kana name with a full-width space.
ResultQr typicalKanaResult()
{
    ResultQr qr = asciiResult();
    qr.receiptNumber = "20261125-3f9a0c1d2e4b5a69";
    qr.identifier = "P-0012345";
    qr.card = {"06132013", "東京", "12345678", "01"};
    qr.cardCategory = CardCategory::General;
    qr.relationship = Relationship::Family;
    qr.nameKana = "ヤマダ　ハナコ";
    qr.sex = Sex::Female;
    qr.elderlyCopaymentPercent = 20;
    return qr;
}

/// Only what a keyboard wedge types alike on US and JIS layouts, plus the separator and escapes.
bool isWedgeSafe(const std::string& payload)
{
    return std::all_of(payload.begin(), payload.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '.' ||
               c == '|' || c == '%';
    });
}

/// `payload` with the field called `name` (in `order`) replaced by `value`.
std::string withField(const std::string& payload, const std::vector<std::string>& order, const std::string& name,
                      const std::string& value)
{
    const auto index = std::find(order.begin(), order.end(), name) - order.begin() + 1;
    std::vector<std::string> parts;
    std::string rest = payload;
    for (std::size_t end = rest.find('|'); end != std::string::npos; end = rest.find('|')) {
        parts.push_back(rest.substr(0, end));
        rest.erase(0, end + 1);
    }
    parts.push_back(rest);
    parts.at(index) = value;
    std::string out = parts.front();
    for (std::size_t i = 1; i < parts.size(); ++i) {
        out += '|' + parts[i];
    }
    return out;
}

std::string cardPayload()
{
    return encodeQr(InsuranceCardQr{asciiCard(), Date{1980, 4, 1}});
}

std::string resultPayload()
{
    return encodeQr(asciiResult());
}

/// The error the decoder of `kind` ("card" or "result") reports, or nullopt if it accepts the text.
std::optional<Error> decodeError(const QString& kind, const std::string& text)
{
    if (kind == QLatin1String("card")) {
        const auto decoded = decodeInsuranceCardQr(text);
        return decoded ? std::nullopt : std::optional(decoded.error());
    }
    const auto decoded = decodeResultQr(text);
    return decoded ? std::nullopt : std::optional(decoded.error());
}

/// A QR symbol of `payload` at level M, as the reception client prints it, and its version.
struct QrSymbol
{
    ZXing::BitMatrix image;
    int version = 0;
};

QrSymbol renderQr(const std::string& payload)
{
    const auto writer = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode)
                            .setEncoding(ZXing::CharacterSet::UTF8)
                            .setEccLevel(kEccLevelM);
    // Without margin and at size 0 the matrix is one pixel per module: side = 17 + 4 × version.
    const ZXing::BitMatrix modules = ZXing::MultiFormatWriter(writer).setMargin(0).encode(payload, 0, 0);
    return {writer.encode(payload, 4 * modules.width(), 4 * modules.width()), (modules.width() - 17) / 4};
}

ZXing::Result scan(const ZXing::BitMatrix& image)
{
    const auto pixels = ZXing::ToMatrix<uint8_t>(image);
    const ZXing::ImageView view(pixels.data(), pixels.width(), pixels.height(), ZXing::ImageFormat::Lum);
    return ZXing::ReadBarcode(view, ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode));
}

} // namespace

class TestQrPayload : public QObject
{
    Q_OBJECT

private slots:
    void cardRoundTrip_data();
    void cardRoundTrip();
    void resultRoundTrip_data();
    void resultRoundTrip();
    void rejects_data();
    void rejects();
    void reportsEveryBadField();
    void namesUnsupportedVersion();
    void checkedAtMustBeTimestamp_data();
    void checkedAtMustBeTimestamp();
    void toleratesScannerLineEnd();
    void looksLikeQrPayload_data();
    void looksLikeQrPayload();
    void resultQrOfUsesFirstValidQualification();
    void resultQrOfFallsBackToLostRecord();
    void resultQrOfNeedsQualificationAndDate();
    void resultQrOfTakesDateFromCheckedAt();
    void qrCodeRoundTrip_data();
    void qrCodeRoundTrip();
};

void TestQrPayload::cardRoundTrip_data()
{
    QTest::addColumn<InsuranceCardQr>("payload");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("ascii") << InsuranceCardQr{asciiCard(), Date{1980, 4, 1}}
                           << QByteArray("OQSC1|06050116|12|3456|01|19800401");
    QTest::newRow("kanji symbol, no branch") << InsuranceCardQr{kanjiCard(), Date{2001, 12, 31}}
                                             << QByteArray("OQSC1|138057|%E6%9D%B1%E4%BA%AC|1234||20011231");
    QTest::newRow("optionals empty") << InsuranceCardQr{{"06050116", "", "3456", ""}, std::nullopt}
                                     << QByteArray("OQSC1|06050116||3456||");
}

void TestQrPayload::cardRoundTrip()
{
    QFETCH(InsuranceCardQr, payload);
    QFETCH(QByteArray, expected);

    const std::string text = encodeQr(payload);
    QCOMPARE(QByteArray::fromStdString(text), expected);
    QVERIFY(isWedgeSafe(text));
    const auto decoded = decodeInsuranceCardQr(text);
    QVERIFY2(decoded.ok(), decoded.ok() ? "" : decoded.error().detail.c_str());
    QCOMPARE(*decoded, payload);
}

void TestQrPayload::resultRoundTrip_data()
{
    QTest::addColumn<ResultQr>("payload");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("ascii") << asciiResult()
                           << QByteArray("OQSR1|R20261125-000042|valid|20261125|20261125T093000.123|P-0042|"
                                         "06050116|12|3456|01|01|1|YAMADA%20TARO|19800401|1|30||20270331");

    ResultQr kana = asciiResult();
    kana.status = Status::ValidMultiple;
    kana.checkedAt = "2026-11-25T00:30:00Z";
    kana.card = kanjiCard();
    kana.relationship = Relationship::Family;
    kana.nameKana = "ヤマダ|タロウ%";
    kana.sex = Sex::NotApplicable;
    kana.elderlyCopaymentPercent = 20;
    QTest::newRow("kanji symbol, kana name with '|' and '%'")
        << kana
        << QByteArray("OQSR1|R20261125-000042|valid-multiple|20261125|20261125T003000Z|P-0042|138057|"
                      "%E6%9D%B1%E4%BA%AC|1234||01|2|%E3%83%A4%E3%83%9E%E3%83%80%7C%E3%82%BF%E3%83%AD%E3%82%A6%25|"
                      "19800401|9|30|20|20270331");

    ResultQr negativeOffset = asciiResult();
    negativeOffset.checkedAt = "2026-11-24T19:30:00.5-05:00";
    QTest::newRow("other offset")
        << negativeOffset
        << QByteArray("OQSR1|R20261125-000042|valid|20261125|20261124T193000.5-0500|P-0042|06050116|12|3456|01|01|1|"
                      "YAMADA%20TARO|19800401|1|30||20270331");

    ResultQr empty;
    empty.status = Status::NotFound;
    empty.consultationDate = {2026, 11, 25};
    empty.card = {"06050116", "", "3456", ""};
    empty.birthDate = {1980, 4, 1};
    empty.sex = Sex::Unknown;
    QTest::newRow("optionals empty") << empty
                                     << QByteArray("OQSR1||not-found|20261125|||06050116||3456|||||19800401|0|||");
}

void TestQrPayload::resultRoundTrip()
{
    QFETCH(ResultQr, payload);
    QFETCH(QByteArray, expected);

    const std::string text = encodeQr(payload);
    QCOMPARE(QByteArray::fromStdString(text), expected);
    QVERIFY(isWedgeSafe(text));
    const auto decoded = decodeResultQr(text);
    QVERIFY2(decoded.ok(), decoded.ok() ? "" : decoded.error().detail.c_str());
    QCOMPARE(*decoded, payload);
}

void TestQrPayload::rejects_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("field");
    QTest::addColumn<FieldReason>("reason");

    const std::string card = cardPayload();
    const std::string result = resultPayload();
    const auto cardRow = [&](const char* name, const std::string& text, const char* field, FieldReason reason) {
        QTest::newRow(name) << "card" << QByteArray::fromStdString(text) << field << reason;
    };
    const auto resultRow = [&](const char* name, const std::string& text, const char* field, FieldReason reason) {
        QTest::newRow(name) << "result" << QByteArray::fromStdString(text) << field << reason;
    };
    const auto cardField = [&](const char* name, const char* field, const std::string& value, FieldReason reason) {
        cardRow(name, withField(card, kCardFields, field, value), field, reason);
    };
    const auto resultField = [&](const char* name, const char* field, const std::string& value, FieldReason reason) {
        resultRow(name, withField(result, kResultFields, field, value), field, reason);
    };

    cardRow("empty text", "", "payload", FieldReason::InvalidValue);
    cardRow("foreign prefix", "XQSC1" + card.substr(5), "payload", FieldReason::InvalidValue);
    cardRow("Caps Lock swapped case", "oqsc1" + card.substr(5), "payload", FieldReason::InvalidValue);
    cardRow("result payload", result, "payload", FieldReason::InvalidValue);
    cardRow("newer version", "OQSC2" + card.substr(5), "version", FieldReason::InvalidValue);
    cardRow("field missing", card.substr(0, card.rfind('|')), "payload", FieldReason::WrongLength);
    cardRow("field extra", card + "|", "payload", FieldReason::WrongLength);
    cardField("insurer empty", "insurerNumber", "", FieldReason::Required);
    cardField("insurer letters", "insurerNumber", "0605011A", FieldReason::NotDigits);
    cardField("insurer 7 digits", "insurerNumber", "0605011", FieldReason::WrongLength);
    cardField("number empty", "number", "", FieldReason::Required);
    cardField("branch 1 digit", "branch", "1", FieldReason::WrongLength);
    cardField("branch letter O", "branch", "O1", FieldReason::NotDigits);
    cardField("birth date 30 Feb", "birthDate", "19800230", FieldReason::InvalidDate);
    cardField("birth date ISO", "birthDate", "1980-04-01", FieldReason::InvalidDate);
    cardField("birth date 6 digits", "birthDate", "800401", FieldReason::InvalidDate);
    cardField("escape truncated", "symbol", "%E6%9D%B", FieldReason::InvalidCharacters);
    cardField("escape not hex", "symbol", "%G0", FieldReason::InvalidCharacters);
    cardField("escape lower-case hex", "symbol", "%e6%9d%b1", FieldReason::InvalidCharacters);
    cardField("escape of a safe character", "symbol", "%31", FieldReason::InvalidCharacters);
    cardField("escape of half a character", "symbol", "%E6%9D", FieldReason::InvalidCharacters);
    cardField("raw space", "symbol", "1 2", FieldReason::InvalidCharacters);
    cardField("US '|' on a JIS layout", "symbol", "1}2", FieldReason::InvalidCharacters);
    cardField("raw kanji", "symbol", "東京", FieldReason::InvalidCharacters);

    resultRow("card payload", card, "payload", FieldReason::InvalidValue);
    resultRow("newer version", "OQSR12" + result.substr(5), "version", FieldReason::InvalidValue);
    resultRow("field missing", result.substr(0, result.rfind('|')), "payload", FieldReason::WrongLength);
    resultField("status unknown", "status", "valid-ish", FieldReason::InvalidValue);
    resultField("status upper-case", "status", "VALID", FieldReason::InvalidValue);
    resultField("status empty", "status", "", FieldReason::Required);
    resultField("consultation date empty", "consultationDate", "", FieldReason::Required);
    resultField("consultation month 13", "consultationDate", "20261301", FieldReason::InvalidDate);
    resultField("checkedAt extended form", "checkedAt", "2026-11-25T09%3A30%3A00.123%2B09%3A00",
                FieldReason::InvalidValue);
    resultField("checkedAt hour 24", "checkedAt", "20261125T240000", FieldReason::InvalidValue);
    resultField("checkedAt empty fraction", "checkedAt", "20261125T093000.%2B0900", FieldReason::InvalidValue);
    resultField("checkedAt short offset", "checkedAt", "20261125T093000-09", FieldReason::InvalidValue);
    resultField("checkedAt JST spelt out", "checkedAt", "20261125T093000%2B0900", FieldReason::InvalidValue);
    resultField("checkedAt without T", "checkedAt", "20261125093000", FieldReason::InvalidValue);
    resultField("checkedAt bad day", "checkedAt", "20261131T093000Z", FieldReason::InvalidValue);
    resultField("card category one digit", "cardCategory", "1", FieldReason::InvalidValue);
    resultField("card category unknown", "cardCategory", "08", FieldReason::InvalidValue);
    resultField("relationship 3", "relationship", "3", FieldReason::InvalidValue);
    resultField("relationship leading zero", "relationship", "01", FieldReason::InvalidValue);
    resultField("name half a character", "nameKana", "%E3%83", FieldReason::InvalidCharacters);
    resultField("birth date empty", "birthDate", "", FieldReason::Required);
    resultField("sex empty", "sex", "", FieldReason::Required);
    resultField("sex 3", "sex", "3", FieldReason::InvalidValue);
    resultField("copayment leading zero", "copaymentPercent", "030", FieldReason::InvalidValue);
    resultField("copayment over 100", "copaymentPercent", "101", FieldReason::InvalidValue);
    resultField("copayment negative", "copaymentPercent", "-10", FieldReason::InvalidValue);
    resultField("elderly copayment letters", "elderlyCopaymentPercent", "2O", FieldReason::InvalidValue);
    resultField("card valid to 29 Feb 2027", "cardValidTo", "20270229", FieldReason::InvalidDate);
    resultField("insurer number 7 digits", "insurerNumber", "0605011", FieldReason::WrongLength);
}

void TestQrPayload::rejects()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, text);
    QFETCH(QString, field);
    QFETCH(FieldReason, reason);

    const auto error = decodeError(kind, text.toStdString());
    QVERIFY(error);
    QCOMPARE(error->status, Status::BadRequest);
    QVERIFY(!error->detail.empty());
    QCOMPARE(error->fieldErrors.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(error->fieldErrors.front().field), field);
    QCOMPARE(error->fieldErrors.front().reason, reason);
}

void TestQrPayload::reportsEveryBadField()
{
    std::string text = withField(resultPayload(), kResultFields, "status", "maybe");
    text = withField(text, kResultFields, "sex", "7");
    text = withField(text, kResultFields, "symbol", "%ZZ");

    const auto decoded = decodeResultQr(text);
    QVERIFY(!decoded.ok());
    const FieldErrors expected = {{"status", FieldReason::InvalidValue},
                                  {"symbol", FieldReason::InvalidCharacters},
                                  {"sex", FieldReason::InvalidValue}};
    QCOMPARE(decoded.error().fieldErrors.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        QCOMPARE(QString::fromStdString(decoded.error().fieldErrors[i].field),
                 QString::fromStdString(expected[i].field));
        QCOMPARE(decoded.error().fieldErrors[i].reason, expected[i].reason);
    }
}

void TestQrPayload::namesUnsupportedVersion()
{
    const auto decoded = decodeInsuranceCardQr("OQSC2" + cardPayload().substr(5));
    QVERIFY(!decoded.ok());
    const QString detail = QString::fromStdString(decoded.error().detail);
    QVERIFY2(detail.contains("version 2") && detail.contains("OQSC1"), qPrintable(detail));
}

void TestQrPayload::checkedAtMustBeTimestamp_data()
{
    QTest::addColumn<QByteArray>("checkedAt");
    QTest::addColumn<QByteArray>("field");

    QTest::newRow("free text") << QByteArray("yesterday") << QByteArray("yesterday");
    QTest::newRow("no offset") << QByteArray("2026-11-25T09:30:00") << QByteArray("2026-11-25T09%3A30%3A00");
}

void TestQrPayload::checkedAtMustBeTimestamp()
{
    QFETCH(QByteArray, checkedAt);
    QFETCH(QByteArray, field);

    // Text no server writes stays visible in the payload rather than being dropped, and is refused on reading.
    ResultQr qr = asciiResult();
    qr.checkedAt = checkedAt.toStdString();
    const std::string text = encodeQr(qr);
    QCOMPARE(QByteArray::fromStdString(text),
             QByteArray::fromStdString(withField(resultPayload(), kResultFields, "checkedAt", field.toStdString())));
    const auto error = decodeError("result", text);
    QVERIFY(error);
    QCOMPARE(error->fieldErrors.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(error->fieldErrors.front().field), QString("checkedAt"));
}

void TestQrPayload::toleratesScannerLineEnd()
{
    for (const char* lineEnd : {"\r", "\n", "\r\n"}) {
        const auto card = decodeInsuranceCardQr(cardPayload() + lineEnd);
        QVERIFY(card.ok());
        QCOMPARE(*card, (InsuranceCardQr{asciiCard(), Date{1980, 4, 1}}));
        const auto result = decodeResultQr(resultPayload() + lineEnd);
        QVERIFY(result.ok());
        QCOMPARE(*result, asciiResult());
    }
}

void TestQrPayload::looksLikeQrPayload_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("expected");

    QTest::newRow("card") << QByteArray::fromStdString(cardPayload()) << true;
    QTest::newRow("result") << QByteArray::fromStdString(resultPayload()) << true;
    QTest::newRow("card + CR LF") << QByteArray::fromStdString(cardPayload() + "\r\n") << true;
    QTest::newRow("result + LF") << QByteArray::fromStdString(resultPayload() + "\n") << true;
    QTest::newRow("prefix alone + CR") << QByteArray("OQSR1|\r") << true;
    QTest::newRow("prefix without separator") << QByteArray("OQSR1\r\n") << false;
    QTest::newRow("typed insurer number") << QByteArray("06050116") << false;
    QTest::newRow("Caps Lock") << QByteArray("oqsc1|06050116") << false;
    QTest::newRow("other version") << QByteArray("OQSC2|06050116") << false;
    QTest::newRow("leading space") << QByteArray(" OQSC1|06050116") << false;
    QTest::newRow("empty") << QByteArray() << false;
}

void TestQrPayload::looksLikeQrPayload()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, expected);

    QCOMPARE(oqs::common::looksLikeQrPayload(text.toStdString()), expected);
}

namespace {

Qualification qualificationWith(const InsuranceCardKey& card, const std::string& nameKana)
{
    Qualification qualification;
    qualification.card = card;
    qualification.cardCategory = CardCategory::ShortTermGeneral;
    qualification.relationship = Relationship::Family;
    qualification.name = "山田 花子";
    qualification.nameKana = nameKana;
    qualification.sex = Sex::Female;
    qualification.birthDate = {1990, 6, 15};
    qualification.address = "東京都千代田区";
    qualification.copaymentPercent = 30;
    qualification.elderlyCopaymentPercent = 20;
    qualification.cardValidTo = Date{2027, 3, 31};
    return qualification;
}

VerificationAnswer answerWith(std::vector<Qualification> qualifications, std::optional<Qualification> lostRecord)
{
    VerificationAnswer answer;
    answer.status = qualifications.empty() ? Status::Invalid : Status::ValidMultiple;
    answer.message = "message";
    answer.receiptNumber = "R20261125-000042";
    answer.identifier = "P-0042";
    answer.consultationDate = Date{2026, 11, 20};
    answer.checkedAt = "2026-11-25T09:30:00.123+09:00";
    answer.qualifications = std::move(qualifications);
    answer.lostRecord = std::move(lostRecord);
    return answer;
}

/// The result QR `answer` should give for `qualification`.
ResultQr expectedQr(const VerificationAnswer& answer, const Qualification& qualification)
{
    ResultQr qr;
    qr.receiptNumber = answer.receiptNumber;
    qr.status = answer.status;
    qr.consultationDate = *answer.consultationDate;
    qr.checkedAt = answer.checkedAt;
    qr.identifier = answer.identifier;
    qr.card = qualification.card;
    qr.cardCategory = CardCategory::ShortTermGeneral;
    qr.relationship = Relationship::Family;
    qr.nameKana = qualification.nameKana;
    qr.birthDate = {1990, 6, 15};
    qr.sex = Sex::Female;
    qr.copaymentPercent = 30;
    qr.elderlyCopaymentPercent = 20;
    qr.cardValidTo = Date{2027, 3, 31};
    return qr;
}

} // namespace

void TestQrPayload::resultQrOfUsesFirstValidQualification()
{
    const Qualification newest = qualificationWith(asciiCard(), "ヤマダ ハナコ");
    const Qualification older = qualificationWith(kanjiCard(), "ヤマダ ハナコ");
    const Qualification lost = qualificationWith({"39131015", "", "99", ""}, "ヤマダ ハナコ");
    const VerificationAnswer answer = answerWith({newest, older}, lost);

    const auto qr = resultQrOf(answer);
    QVERIFY(qr);
    QCOMPARE(*qr, expectedQr(answer, newest));
}

void TestQrPayload::resultQrOfFallsBackToLostRecord()
{
    const Qualification lost = qualificationWith(kanjiCard(), "ﾔﾏﾀﾞ ﾊﾅｺ");
    const VerificationAnswer answer = answerWith({}, lost);

    const auto qr = resultQrOf(answer);
    QVERIFY(qr);
    QCOMPARE(qr->status, Status::Invalid);
    QCOMPARE(*qr, expectedQr(answer, lost));
}

void TestQrPayload::resultQrOfNeedsQualificationAndDate()
{
    QVERIFY(!resultQrOf(answerWith({}, std::nullopt)));

    VerificationAnswer undated = answerWith({qualificationWith(asciiCard(), "")}, std::nullopt);
    undated.consultationDate.reset();
    undated.checkedAt.clear();
    QVERIFY(!resultQrOf(undated));
}

void TestQrPayload::resultQrOfTakesDateFromCheckedAt()
{
    VerificationAnswer answer = answerWith({qualificationWith(asciiCard(), "")}, std::nullopt);
    answer.consultationDate.reset();
    answer.checkedAt = "2026-11-25T23:59:59.999+09:00";

    const auto qr = resultQrOf(answer);
    QVERIFY(qr);
    QCOMPARE(qr->consultationDate, (Date{2026, 11, 25}));
    QCOMPARE(qr->checkedAt, answer.checkedAt);
}

void TestQrPayload::qrCodeRoundTrip_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("payload");

    QTest::newRow("insurance card, kanji symbol")
        << "card" << QByteArray::fromStdString(encodeQr(InsuranceCardQr{kanjiCard(), Date{1980, 4, 1}}));
    QTest::newRow("result, kana name") << "result" << QByteArray::fromStdString(encodeQr(typicalKanaResult()));
}

void TestQrPayload::qrCodeRoundTrip()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, payload);

    const std::string text = payload.toStdString();
    const QrSymbol symbol = renderQr(text);
    qInfo("%s: %zu bytes, QR version %d at level M", qPrintable(kind), text.size(), symbol.version);
    QVERIFY2(symbol.version <= kMaxQrVersion, qPrintable(QString::number(symbol.version)));

    const ZXing::Result scanned = scan(symbol.image);
    QVERIFY(scanned.isValid());
    QCOMPARE(QString::fromStdString(scanned.ecLevel()), QString("M"));
    QCOMPARE(QByteArray::fromStdString(scanned.text()), payload);
    QVERIFY(!decodeError(kind, scanned.text()));
    if (kind == QLatin1String("card")) {
        QCOMPARE(*decodeInsuranceCardQr(scanned.text()), (InsuranceCardQr{kanjiCard(), Date{1980, 4, 1}}));
    } else {
        QCOMPARE(*decodeResultQr(scanned.text()), typicalKanaResult());
    }
}

QTEST_GUILESS_MAIN(TestQrPayload)
#include "TestQrPayload.moc"
