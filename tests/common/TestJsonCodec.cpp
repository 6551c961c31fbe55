// SPDX-License-Identifier: Apache-2.0
#include "oqs/common/JsonCodec.h"
#include "oqs/common/Validation.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace oqs::common;

namespace oqs::common {

// Readable QCOMPARE failures: field errors as "path:reason", messages as their JSON.
char* toString(const FieldErrors& errors)
{
    QStringList parts;
    for (const FieldError& error : errors) {
        parts << QString::fromStdString(error.field) + ':' + QString::fromUtf8(toWire(error.reason));
    }
    return QTest::toString(parts.join(QStringLiteral(", ")));
}

template <class Message> char* encodedForDisplay(const Message& message)
{
    return QTest::toString(QString::fromStdString(encode(message)));
}

char* toString(const InsuranceCardVerificationRequest& m)
{
    return encodedForDisplay(m);
}
char* toString(const CertificateVerificationRequest& m)
{
    return encodedForDisplay(m);
}
char* toString(const VerificationAnswer& m)
{
    return encodedForDisplay(m);
}
char* toString(const HistoryQuery& m)
{
    return encodedForDisplay(m);
}
char* toString(const HistoryPage& m)
{
    return encodedForDisplay(m);
}
char* toString(const ErrorAnswer& m)
{
    return encodedForDisplay(m);
}
char* toString(const Qualification& m)
{
    return encodedForDisplay(m);
}

} // namespace oqs::common

namespace {

/// Decodes a body as one message type; nullopt when it was accepted.
using Decoder = std::optional<Error> (*)(const QByteArray&);
/// Checks a golden fixture's bytes against the message it must mean.
using GoldenCheck = void (*)(const QByteArray&);

template <class Message> std::optional<Error> refusalOf(const QByteArray& body)
{
    const Result<Message> result = decode<Message>(body.toStdString());
    if (result) {
        return std::nullopt;
    }
    return result.error();
}

InsuranceCardKey filledCard()
{
    return InsuranceCardKey{"33120015", "東京あ１２", "１２３４５", "01"};
}

Qualification filledQualification()
{
    Qualification q;
    q.card = filledCard();
    q.cardCategory = CardCategory::ShortTermRetiree;
    q.relationship = Relationship::Family;
    q.name = "山田 花子";
    q.nameKana = "ヤマダ ハナコ";
    q.sex = Sex::Female;
    q.birthDate = Date{1985, 2, 28};
    q.address = "東京都千代田区霞が関一丁目2番2号";
    q.insuredPersonName = "山田 太郎";
    q.householdHead = false;
    q.householdHeadName = "山田 太郎";
    q.acquisitionDate = Date{2019, 4, 1};
    q.lossDate = Date{2027, 4, 1};
    q.retireeSwitchDate = Date{2020, 10, 1};
    q.benefitStartDate = Date{2024, 1, 1};
    q.benefitEndDate = Date{2024, 3, 31};
    q.cardValidFrom = Date{2024, 4, 1};
    q.cardValidTo = Date{2026, 3, 31};
    q.copaymentPercent = 30;
    q.elderlyValidFrom = Date{2025, 8, 1};
    q.elderlyValidTo = Date{2026, 7, 31};
    q.elderlyCopaymentPercent = 20;
    q.officeName = "株式会社オーキューエス";
    q.insurerSequence = 9007199254740993; // 2^53 + 1: must survive without passing through a double
    q.updatedAt = "2026-11-20T06:00:00.000+09:00";
    return q;
}

CheckReceipt filledReceipt()
{
    return CheckReceipt{"R-20261125-000123",   "1312345676",  "2026-11-25T09:30:00.123+09:00",
                        Status::ValidMultiple, "server-2026", "MEUCIQDx+/AbCw=="};
}

FieldErrors filledFieldErrors()
{
    return {{"card.insurerNumber", FieldReason::CheckDigit}, {"birthDate", FieldReason::FutureDate}};
}

InsuranceCardVerificationRequest filledCardRequest()
{
    return InsuranceCardVerificationRequest{filledCard(), Date{1985, 2, 28}, Date{2026, 11, 25}, "患者-0042"};
}

CertificateVerificationRequest filledCertificateRequest()
{
    // Arbitrary bytes, including NUL and 0xFF, stand in for a DER certificate.
    const std::string der = QByteArray::fromHex("3082010a02010100ff7f8081fefd").toStdString();
    return CertificateVerificationRequest{der, Date{2026, 11, 25}, "患者-0042", {}, {}};
}

VerificationAnswer filledAnswer()
{
    Qualification principal = filledQualification();
    principal.relationship = Relationship::Principal;
    principal.cardCategory = CardCategory::General;
    principal.insurerSequence = 1;
    Qualification lost = filledQualification();
    lost.lossDate = Date{2026, 10, 1};

    VerificationAnswer answer;
    answer.status = Status::ValidMultiple;
    answer.message = "有効な資格が複数あります。";
    answer.receiptNumber = "R-20261125-000123";
    answer.identifier = "患者-0042";
    answer.mode = VerificationMode::MyNumberCard;
    answer.consultationDate = Date{2026, 11, 25};
    answer.checkedAt = "2026-11-25T09:30:00.123+09:00";
    answer.dataUpdatedAt = "2026-11-25T06:00:00.000+09:00";
    answer.qualifications = {filledQualification(), principal};
    answer.lostRecord = lost;
    answer.receipt = filledReceipt();
    answer.fieldErrors = filledFieldErrors();
    answer.retryAfterSeconds = 30;
    answer.nextOpening = "2026-11-26T08:00:00.000+09:00";
    return answer;
}

HistoryQuery filledHistoryQuery()
{
    return HistoryQuery{Date{2026, 11, 1}, Date{2026, 11, 25}, "患者-0042", Status::Invalid, 50, 150};
}

HistoryPage filledHistoryPage()
{
    return HistoryPage{
        {HistoryEntry{"R-20261125-000123", "2026-11-25T09:30:00.123+09:00", VerificationMode::MyNumberCard,
                      Status::Valid, "患者-0042", "受付 佐藤", Date{2026, 11, 25}},
         HistoryEntry{"R-20261125-000124", "2026-11-25T09:31:00.000+09:00", VerificationMode::InsuranceCard,
                      Status::NotFound, "", "clerk-7", std::nullopt}},
        152};
}

ErrorAnswer filledErrorAnswer()
{
    return ErrorAnswer{Status::BadRequest,
                       "入力内容を確認してください。",
                       "患者-0042",
                       filledFieldErrors(),
                       5,
                       "2026-11-26T08:00:00.000+09:00"};
}

template <class Message> void checkRoundTrip(const Message& message)
{
    const Result<Message> decoded = decode<Message>(encode(message));
    QVERIFY2(decoded.ok(), decoded.ok() ? "" : decoded.error().detail.c_str());
    QCOMPARE(decoded.value(), message);
}

/// A JSON object for comparison, with the derived fieldErrors[].message left out (tested on its own).
QJsonObject shapeOf(const QByteArray& json)
{
    QJsonObject object = QJsonDocument::fromJson(json).object();
    QJsonArray errors = object.value(QStringLiteral("fieldErrors")).toArray();
    for (qsizetype i = 0; i < errors.size(); ++i) {
        QJsonObject withoutMessage = errors.at(i).toObject();
        withoutMessage.remove(QStringLiteral("message"));
        errors.replace(i, withoutMessage);
    }
    if (!errors.isEmpty()) {
        object.insert(QStringLiteral("fieldErrors"), errors);
    }
    return object;
}

template <class Message> void checkGolden(const QByteArray& fixture, const Message& expected)
{
    const Result<Message> decoded = decode<Message>(fixture.toStdString());
    QVERIFY2(decoded.ok(), decoded.ok() ? "" : toString(decoded.error().fieldErrors));
    QCOMPARE(decoded.value(), expected);
    QCOMPARE(shapeOf(QByteArray::fromStdString(encode(expected))), shapeOf(fixture));
}

QByteArray repeated(char c, int count)
{
    return QByteArray(count, c);
}

/// JSON written with single quotes, which keeps the tables readable (and out of moc's way).
QByteArray json(const char* singleQuoted)
{
    return QByteArray(singleQuoted).replace('\'', '"');
}

/// One string member, for values built at run time.
QByteArray stringMember(const char* name, const QByteArray& value)
{
    return '"' + QByteArray(name) + "\":\"" + value + '"';
}

const QByteArray kCardOk =
    json("'card':{'insurerNumber':'33120015','number':'1','branch':'01'},'birthDate':'1980-04-01'");

/// A card request body: the valid members above plus `extra` (which may repeat none of them).
QByteArray cardBody(const QByteArray& extra)
{
    return json("{'v':1,") + kCardOk + (extra.isEmpty() ? "" : "," + extra) + "}";
}

/// A verification answer whose only qualification holds the given members next to a valid birth date.
QByteArray answerWithQualification(const QByteArray& members)
{
    return json("{'v':1,'status':'valid','qualifications':[{'birthDate':'1980-04-01',") + members + "}]}";
}

} // namespace

Q_DECLARE_METATYPE(Decoder)
Q_DECLARE_METATYPE(GoldenCheck)
Q_DECLARE_METATYPE(FieldErrors)
Q_DECLARE_METATYPE(FieldReason)

class TestJsonCodec : public QObject
{
    Q_OBJECT

private:
    static void addFilledAndEmptyRows()
    {
        QTest::addColumn<bool>("filled");
        QTest::newRow("everything filled") << true;
        QTest::newRow("everything empty") << false;
    }

private slots:
    void base64Vectors_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("text");
        // RFC 4648 §10
        QTest::newRow("empty") << QByteArray() << QByteArray();
        QTest::newRow("f") << QByteArray("f") << QByteArray("Zg==");
        QTest::newRow("fo") << QByteArray("fo") << QByteArray("Zm8=");
        QTest::newRow("foo") << QByteArray("foo") << QByteArray("Zm9v");
        QTest::newRow("foob") << QByteArray("foob") << QByteArray("Zm9vYg==");
        QTest::newRow("fooba") << QByteArray("fooba") << QByteArray("Zm9vYmE=");
        QTest::newRow("foobar") << QByteArray("foobar") << QByteArray("Zm9vYmFy");
        // the two non-alphanumeric symbols and bytes with the high bit set
        QTest::newRow("+ and /") << QByteArray::fromHex("fbff") << QByteArray("+/8=");
        QTest::newRow("NUL and 0xFF") << QByteArray::fromHex("00ff00") << QByteArray("AP8A");
    }
    void base64Vectors()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, text);
        QCOMPARE(QByteArray::fromStdString(base64Encode(bytes.toStdString())), text);
        const std::optional<std::string> decoded = base64Decode(text.toStdString());
        QVERIFY(decoded.has_value());
        QCOMPARE(QByteArray::fromStdString(*decoded), bytes);
    }

    void base64Rejects_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("length not a multiple of 4") << QByteArray("Zg=");
        QTest::newRow("missing padding") << QByteArray("Zg");
        QTest::newRow("three pads") << QByteArray("Z===");
        QTest::newRow("only padding") << QByteArray("====");
        QTest::newRow("pad in the middle") << QByteArray("Zg==Zg==");
        QTest::newRow("pad first") << QByteArray("=Zm8");
        QTest::newRow("non-zero bits under one pad") << QByteArray("Zm9=");
        QTest::newRow("non-zero bits under two pads") << QByteArray("Zh==");
        QTest::newRow("URL-safe alphabet") << QByteArray("Zm-_");
        QTest::newRow("space") << QByteArray("Zm 9");
        QTest::newRow("line break") << QByteArray("Zm9v\nYmFy");
        QTest::newRow("punctuation") << QByteArray("Zm9!");
        QTest::newRow("NUL") << QByteArray("Zm9\0", 4);
        QTest::newRow("non-ASCII") << QByteArray("Zm9vあ");
    }
    void base64Rejects()
    {
        QFETCH(QByteArray, text);
        QCOMPARE(base64Decode(text.toStdString()), std::optional<std::string>());
    }

    void cardRequestRoundTrip_data() { addFilledAndEmptyRows(); }
    void cardRequestRoundTrip()
    {
        QFETCH(bool, filled);
        checkRoundTrip(filled ? filledCardRequest() : InsuranceCardVerificationRequest{});
    }

    void certificateRequestRoundTrip_data() { addFilledAndEmptyRows(); }
    void certificateRequestRoundTrip()
    {
        QFETCH(bool, filled);
        checkRoundTrip(filled ? filledCertificateRequest() : CertificateVerificationRequest{});
    }

    void answerRoundTrip_data() { addFilledAndEmptyRows(); }
    void answerRoundTrip()
    {
        QFETCH(bool, filled);
        checkRoundTrip(filled ? filledAnswer() : VerificationAnswer{});
    }

    void cardChallengeRoundTrip()
    {
        // PIN mode: a 32-byte challenge and an RSA-2048-sized signature, arbitrary bytes like the certificate.
        CertificateVerificationRequest pinMode = filledCertificateRequest();
        pinMode.challenge = std::string(32, '\xA5');
        pinMode.signature = std::string(256, '\0');
        checkRoundTrip(pinMode);
        checkRoundTrip(CardChallenge{std::string(32, '\x5A'), "2026-11-25T09:02:00+09:00", 120});
        checkRoundTrip(CardChallengeRequest{});
    }

    void historyQueryRoundTrip_data() { addFilledAndEmptyRows(); }
    void historyQueryRoundTrip()
    {
        QFETCH(bool, filled);
        checkRoundTrip(filled ? filledHistoryQuery() : HistoryQuery{});
    }

    void historyPageRoundTrip_data() { addFilledAndEmptyRows(); }
    void historyPageRoundTrip()
    {
        QFETCH(bool, filled);
        checkRoundTrip(filled ? filledHistoryPage() : HistoryPage{});
    }

    void errorAnswerRoundTrip_data() { addFilledAndEmptyRows(); }
    void errorAnswerRoundTrip()
    {
        QFETCH(bool, filled);
        checkRoundTrip(filled ? filledErrorAnswer() : ErrorAnswer{});
    }

    void qualificationRoundTrip_data() { addFilledAndEmptyRows(); }
    void qualificationRoundTrip()
    {
        QFETCH(bool, filled);
        checkRoundTrip(filled ? filledQualification() : Qualification{});
    }

    void goldenFixtures_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<GoldenCheck>("check");
        QTest::newRow("insurance-card request")
            << "insurance-card-request.json"
            << GoldenCheck([](const QByteArray& json) { checkGolden(json, filledCardRequest()); });
        QTest::newRow("my-number-card request")
            << "certificate-request.json"
            << GoldenCheck([](const QByteArray& json) { checkGolden(json, filledCertificateRequest()); });
        QTest::newRow("verification answer")
            << "verification-answer.json"
            << GoldenCheck([](const QByteArray& json) { checkGolden(json, filledAnswer()); });
        QTest::newRow("history query") << "history-query.json" << GoldenCheck([](const QByteArray& json) {
            checkGolden(json, filledHistoryQuery());
        });
        QTest::newRow("history page") << "history-page.json" << GoldenCheck([](const QByteArray& json) {
            checkGolden(json, filledHistoryPage());
        });
        QTest::newRow("error answer") << "error-answer.json" << GoldenCheck([](const QByteArray& json) {
            checkGolden(json, filledErrorAnswer());
        });
        QTest::newRow("qualification") << "qualification.json" << GoldenCheck([](const QByteArray& json) {
            checkGolden(json, filledQualification());
        });
    }
    void goldenFixtures()
    {
        QFETCH(QString, file);
        QFETCH(GoldenCheck, check);
        QFile fixture(QStringLiteral(OQS_TEST_DATA_DIR "/json/") + file);
        QVERIFY2(fixture.open(QIODevice::ReadOnly), qPrintable(fixture.fileName()));
        check(fixture.readAll());
    }

    void emptyMembersAreOmitted_data()
    {
        QTest::addColumn<QByteArray>("encoded");
        QTest::addColumn<QByteArray>("expected");
        const auto row = [](const char* name, const std::string& encoded, const char* expected) {
            QTest::newRow(name) << QByteArray::fromStdString(encoded) << QByteArray(expected);
        };
        // Required and non-optional members stay, everything else goes.
        row("insurance-card request", encode(InsuranceCardVerificationRequest{}),
            json("{'v':1,'card':{'insurerNumber':'','number':'','branch':''},'birthDate':'1970-01-01'}"));
        row("my-number-card request", encode(CertificateVerificationRequest{}), json("{'v':1,'certificate':''}"));
        row("verification answer", encode(VerificationAnswer{}),
            json("{'v':1,'status':'internal','mode':'insurance-card'}"));
        row("history query", encode(HistoryQuery{}), json("{'v':1,'limit':100,'offset':0}"));
        row("history page", encode(HistoryPage{}), json("{'v':1,'total':0}"));
        row("error answer", encode(ErrorAnswer{}), json("{'v':1,'status':'internal'}"));
        row("qualification", encode(Qualification{}),
            json("{'v':1,'sex':0,'birthDate':'1970-01-01','insurerSequence':0}"));
        VerificationAnswer withEmptyReceipt;
        withEmptyReceipt.receipt.emplace();
        row("empty receipt", encode(withEmptyReceipt),
            json("{'v':1,'status':'internal','mode':'insurance-card','receipt':{'status':'internal'}}"));
    }
    void emptyMembersAreOmitted()
    {
        QFETCH(QByteArray, encoded);
        QFETCH(QByteArray, expected);
        QCOMPARE(encoded, expected);
    }

    void fieldErrorsCarryJapaneseMessage()
    {
        ErrorAnswer answer;
        answer.status = Status::BadRequest;
        answer.fieldErrors = {{"card.branch", FieldReason::WrongLength}};
        const QJsonObject object = QJsonDocument::fromJson(QByteArray::fromStdString(encode(answer))).object();
        const QJsonObject error = object.value(QStringLiteral("fieldErrors")).toArray().at(0).toObject();
        QCOMPARE(error.value(QStringLiteral("field")).toString(), QStringLiteral("card.branch"));
        QCOMPARE(error.value(QStringLiteral("reason")).toString(), QStringLiteral("wrong-length"));
        QCOMPARE(error.value(QStringLiteral("message")).toString(),
                 QString::fromUtf8(messageOf(FieldReason::WrongLength, Language::Japanese)));
        QCOMPARE(error.size(), 3);

        // The message is derived, so any text is accepted back and none is stored.
        const Result<ErrorAnswer> decoded = decode<ErrorAnswer>(
            json("{'v':1,'status':'bad-request','fieldErrors':[{'field':'x','reason':'required','message':'何でも'}]}")
                .toStdString());
        QVERIFY(decoded.ok());
        QCOMPARE(decoded->fieldErrors, (FieldErrors{{"x", FieldReason::Required}}));
    }

    void fieldErrors_data()
    {
        QTest::addColumn<Decoder>("decoder");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<FieldErrors>("expected");
        const Decoder card = refusalOf<InsuranceCardVerificationRequest>;
        const Decoder certificate = refusalOf<CertificateVerificationRequest>;
        const Decoder answer = refusalOf<VerificationAnswer>;
        const Decoder query = refusalOf<HistoryQuery>;
        const Decoder page = refusalOf<HistoryPage>;
        const Decoder error = refusalOf<ErrorAnswer>;
        const Decoder qualification = refusalOf<Qualification>;
        using R = FieldReason;

        QTest::newRow("minimal card request") << card << cardBody({}) << FieldErrors{};
        QTest::newRow("minimal answer") << answer << json("{'v':1,'status':'valid'}") << FieldErrors{};

        // version
        QTest::newRow("v missing") << answer << json("{'status':'valid'}") << FieldErrors{{"v", R::InvalidValue}};
        QTest::newRow("v 2") << answer << json("{'v':2,'status':'valid'}") << FieldErrors{{"v", R::InvalidValue}};
        QTest::newRow("v as string") << answer << json("{'v':'1','status':'valid'}")
                                     << FieldErrors{{"v", R::InvalidValue}};
        QTest::newRow("v as float") << answer << json("{'v':1.0,'status':'valid'}")
                                    << FieldErrors{{"v", R::InvalidValue}};

        // required
        QTest::newRow("card missing") << card << json("{'v':1,'birthDate':'1980-04-01'}")
                                      << FieldErrors{{"card", R::Required}};
        QTest::newRow("card keys missing")
            << card << json("{'v':1,'card':{'symbol':'あ'},'birthDate':'1980-04-01'}")
            << FieldErrors{
                   {"card.insurerNumber", R::Required}, {"card.number", R::Required}, {"card.branch", R::Required}};
        QTest::newRow("birthDate missing")
            << card << json("{'v':1,'card':{'insurerNumber':'1','number':'1','branch':'1'}}")
            << FieldErrors{{"birthDate", R::Required}};
        QTest::newRow("certificate missing")
            << certificate << json("{'v':1}") << FieldErrors{{"certificate", R::Required}};
        QTest::newRow("challenge over 64 bytes")
            << certificate
            << json(("{'v':1,'certificate':'','challenge':'" + base64Encode(std::string(65, 'c')) + "'}").c_str())
            << FieldErrors{{"challenge", R::TooLong}};
        QTest::newRow("signature not base64")
            << certificate << json("{'v':1,'certificate':'','signature':'%%'}")
            << FieldErrors{{"signature", R::InvalidValue}};
        QTest::newRow("answer status missing") << answer << json("{'v':1}") << FieldErrors{{"status", R::Required}};
        QTest::newRow("error status missing")
            << error << json("{'v':1,'message':'x'}") << FieldErrors{{"status", R::Required}};
        QTest::newRow("receipt status missing")
            << answer << json("{'v':1,'status':'valid','receipt':{}}") << FieldErrors{{"receipt.status", R::Required}};
        QTest::newRow("history entry status missing")
            << page << json("{'v':1,'entries':[{'status':'valid'},{'receiptNumber':'R'}]}")
            << FieldErrors{{"entries[1].status", R::Required}};
        QTest::newRow("field error parts missing")
            << answer << json("{'v':1,'status':'bad-request','fieldErrors':[{}]}")
            << FieldErrors{{"fieldErrors[0].field", R::Required}, {"fieldErrors[0].reason", R::Required}};
        QTest::newRow("qualification birthDate missing")
            << qualification << json("{'v':1}") << FieldErrors{{"birthDate", R::Required}};
        QTest::newRow("empty strings are present")
            << card << json("{'v':1,'card':{'insurerNumber':'','number':'','branch':''},'birthDate':'1980-04-01'}")
            << FieldErrors{};

        // wrong type
        QTest::newRow("card not an object") << card << json("{'v':1,'card':'33120015','birthDate':'1980-04-01'}")
                                            << FieldErrors{{"card", R::WrongType}};
        QTest::newRow("insurerNumber a number")
            << card
            << json("{'v':1,'card':{'insurerNumber':33120015,'number':'1','branch':'01'},'birthDate':'1980-04-01'}")
            << FieldErrors{{"card.insurerNumber", R::WrongType}};
        QTest::newRow("null is not absent")
            << card << cardBody(json("'consultationDate':null")) << FieldErrors{{"consultationDate", R::WrongType}};
        QTest::newRow("identifier an array")
            << card << cardBody(json("'identifier':['a']")) << FieldErrors{{"identifier", R::WrongType}};
        QTest::newRow("certificate a number")
            << certificate << json("{'v':1,'certificate':12}") << FieldErrors{{"certificate", R::WrongType}};
        QTest::newRow("qualifications an object") << answer << json("{'v':1,'status':'valid','qualifications':{}}")
                                                  << FieldErrors{{"qualifications", R::WrongType}};
        QTest::newRow("qualification not an object")
            << answer << json("{'v':1,'status':'valid','qualifications':[{'birthDate':'1980-04-01'},7]}")
            << FieldErrors{{"qualifications[1]", R::WrongType}};
        QTest::newRow("nested card member") << answer << answerWithQualification(json("'card':{'insurerNumber':true}"))
                                            << FieldErrors{{"qualifications[0].card.insurerNumber", R::WrongType}};
        QTest::newRow("retryAfterSeconds fractional")
            << answer << json("{'v':1,'status':'busy','retryAfterSeconds':1.5}")
            << FieldErrors{{"retryAfterSeconds", R::WrongType}};
        QTest::newRow("householdHead a string") << answer << answerWithQualification(json("'householdHead':'yes'"))
                                                << FieldErrors{{"qualifications[0].householdHead", R::WrongType}};
        QTest::newRow("cardCategory a number") << answer << answerWithQualification(json("'cardCategory':1"))
                                               << FieldErrors{{"qualifications[0].cardCategory", R::WrongType}};
        QTest::newRow("sex a string") << answer << answerWithQualification(json("'sex':'1'"))
                                      << FieldErrors{{"qualifications[0].sex", R::WrongType}};
        QTest::newRow("total a string") << page << json("{'v':1,'total':'3'}") << FieldErrors{{"total", R::WrongType}};

        // unknown fields
        QTest::newRow("unknown top-level")
            << card << cardBody(json("'patientName':'x'")) << FieldErrors{{"patientName", R::UnknownField}};
        QTest::newRow("unknown in card")
            << card
            << json("{'v':1,'card':{'insurerNumber':'1','number':'1','branch':'1','colour':'blue'},"
                    "'birthDate':'1980-04-01'}")
            << FieldErrors{{"card.colour", R::UnknownField}};
        QTest::newRow("unknown in lostRecord")
            << answer << json("{'v':1,'status':'invalid','lostRecord':{'birthDate':'1980-04-01','x':1}}")
            << FieldErrors{{"lostRecord.x", R::UnknownField}};
        QTest::newRow("v inside a nested object") << answer << answerWithQualification(json("'v':1"))
                                                  << FieldErrors{{"qualifications[0].v", R::UnknownField}};
        QTest::newRow("member name case matters")
            << card << cardBody(json("'Identifier':'x'")) << FieldErrors{{"Identifier", R::UnknownField}};

        // dates
        QTest::newRow("29 February in a common year")
            << card << json("{'v':1,'card':{'insurerNumber':'1','number':'1','branch':'1'},'birthDate':'2023-02-29'}")
            << FieldErrors{{"birthDate", R::InvalidDate}};
        QTest::newRow("compact date") << card << cardBody(json("'consultationDate':'20261125'"))
                                      << FieldErrors{{"consultationDate", R::InvalidDate}};
        QTest::newRow("slashes") << card << cardBody(json("'consultationDate':'2026/11/25'"))
                                 << FieldErrors{{"consultationDate", R::InvalidDate}};
        QTest::newRow("date with time") << card << cardBody(json("'consultationDate':'2026-11-25T00:00:00'"))
                                        << FieldErrors{{"consultationDate", R::InvalidDate}};
        QTest::newRow("nested date") << answer << answerWithQualification(json("'cardValidTo':'2026-13-01'"))
                                     << FieldErrors{{"qualifications[0].cardValidTo", R::InvalidDate}};
        QTest::newRow("history bound") << query << json("{'v':1,'from':'yesterday'}")
                                       << FieldErrors{{"from", R::InvalidDate}};

        // enums and codes
        QTest::newRow("unknown status") << answer << json("{'v':1,'status':'VALID'}")
                                        << FieldErrors{{"status", R::InvalidValue}};
        QTest::newRow("unknown mode") << answer << json("{'v':1,'status':'valid','mode':'fax'}")
                                      << FieldErrors{{"mode", R::InvalidValue}};
        QTest::newRow("unknown card category") << answer << answerWithQualification(json("'cardCategory':'08'"))
                                               << FieldErrors{{"qualifications[0].cardCategory", R::InvalidValue}};
        QTest::newRow("unknown relationship") << answer << answerWithQualification(json("'relationship':3"))
                                              << FieldErrors{{"qualifications[0].relationship", R::InvalidValue}};
        QTest::newRow("unknown sex") << answer << answerWithQualification(json("'sex':5"))
                                     << FieldErrors{{"qualifications[0].sex", R::InvalidValue}};
        QTest::newRow("sex beyond int") << answer << answerWithQualification(json("'sex':4294967296"))
                                        << FieldErrors{{"qualifications[0].sex", R::InvalidValue}};
        QTest::newRow("unknown field reason")
            << error << json("{'v':1,'status':'bad-request','fieldErrors':[{'field':'a','reason':'bad'}]}")
            << FieldErrors{{"fieldErrors[0].reason", R::InvalidValue}};
        QTest::newRow("unknown history status")
            << query << json("{'v':1,'status':'ok'}") << FieldErrors{{"status", R::InvalidValue}};
        QTest::newRow("certificate not base64")
            << certificate << json("{'v':1,'certificate':'MII*'}") << FieldErrors{{"certificate", R::InvalidValue}};
        QTest::newRow("certificate without padding")
            << certificate << json("{'v':1,'certificate':'Zg'}") << FieldErrors{{"certificate", R::InvalidValue}};

        // integer ranges
        QTest::newRow("negative retry") << answer << json("{'v':1,'status':'busy','retryAfterSeconds':-1}")
                                        << FieldErrors{{"retryAfterSeconds", R::InvalidValue}};
        QTest::newRow("retry beyond int") << error << json("{'v':1,'status':'busy','retryAfterSeconds':2147483648}")
                                          << FieldErrors{{"retryAfterSeconds", R::InvalidValue}};
        QTest::newRow("retry at int max")
            << error << json("{'v':1,'status':'busy','retryAfterSeconds':2147483647}") << FieldErrors{};
        QTest::newRow("negative limit") << query << json("{'v':1,'limit':-5}")
                                        << FieldErrors{{"limit", R::InvalidValue}};
        QTest::newRow("copayment over 100") << answer << answerWithQualification(json("'copaymentPercent':101"))
                                            << FieldErrors{{"qualifications[0].copaymentPercent", R::InvalidValue}};
        QTest::newRow("sequence beyond int64")
            << qualification << json("{'v':1,'birthDate':'1980-04-01','insurerSequence':9223372036854775808}")
            << FieldErrors{{"insurerSequence", R::InvalidValue}};

        // lengths, in bytes
        QTest::newRow("identifier at the limit")
            << card << cardBody(stringMember("identifier", repeated('x', 64))) << FieldErrors{};
        QTest::newRow("identifier over the limit") << card << cardBody(stringMember("identifier", repeated('x', 65)))
                                                   << FieldErrors{{"identifier", R::TooLong}};
        QTest::newRow("identifier of 22 kanji")
            << card << cardBody(stringMember("identifier", QString(22, QChar(0x60a3)).toUtf8()))
            << FieldErrors{{"identifier", R::TooLong}};
        QTest::newRow("answer identifier over the limit")
            << answer << json("{'v':1,'status':'valid',") + stringMember("identifier", repeated('x', 65)) + '}'
            << FieldErrors{{"identifier", R::TooLong}};
        QTest::newRow("text at the limit")
            << card
            << json("{'v':1,'card':{'insurerNumber':'1','number':'1','branch':'1',") +
                   stringMember("symbol", repeated('s', 256)) + json("},'birthDate':'1980-04-01'}")
            << FieldErrors{};
        QTest::newRow("text over the limit")
            << card
            << json("{'v':1,'card':{'insurerNumber':'1','number':'1','branch':'1',") +
                   stringMember("symbol", repeated('s', 257)) + json("},'birthDate':'1980-04-01'}")
            << FieldErrors{{"card.symbol", R::TooLong}};
        QTest::newRow("nested text over the limit")
            << answer << answerWithQualification(stringMember("address", repeated('a', 257)))
            << FieldErrors{{"qualifications[0].address", R::TooLong}};
        QTest::newRow("certificate of 8 KiB")
            << certificate
            << json("{'v':1,") +
                   stringMember("certificate", QByteArray::fromStdString(base64Encode(std::string(8192, 'c')))) + '}'
            << FieldErrors{};
        QTest::newRow("certificate over 8 KiB")
            << certificate
            << json("{'v':1,") +
                   stringMember("certificate", QByteArray::fromStdString(base64Encode(std::string(8193, 'c')))) + '}'
            << FieldErrors{{"certificate", R::TooLong}};
        QTest::newRow("certificate far over 8 KiB")
            << certificate << json("{'v':1,") + stringMember("certificate", repeated('A', 100000)) + '}'
            << FieldErrors{{"certificate", R::TooLong}};

        // all of them at once, in schema order, then unknown members alphabetically
        QTest::newRow("every error collected")
            << card
            << json("{'v':2,'zzz':null,'card':{'insurerNumber':1,'number':'1','extra':true},"
                    "'birthDate':'1980-02-30','consultationDate':'x','identifier':5,'aaa':0}")
            << FieldErrors{{"v", R::InvalidValue},        {"card.insurerNumber", R::WrongType},
                           {"card.branch", R::Required},  {"card.extra", R::UnknownField},
                           {"birthDate", R::InvalidDate}, {"consultationDate", R::InvalidDate},
                           {"identifier", R::WrongType},  {"aaa", R::UnknownField},
                           {"zzz", R::UnknownField}};
        QTest::newRow("errors in several array elements")
            << answer
            << json("{'v':1,'status':'valid','qualifications':[{'birthDate':'x'},{'birthDate':'1980-04-01'},{'sex':3}],"
                    "'fieldErrors':[{'field':'a','reason':'required','extra':1}]}")
            << FieldErrors{{"fieldErrors[0].extra", R::UnknownField},
                           {"qualifications[0].birthDate", R::InvalidDate},
                           {"qualifications[2].sex", R::InvalidValue},
                           {"qualifications[2].birthDate", R::Required}};
    }
    void fieldErrors()
    {
        QFETCH(Decoder, decoder);
        QFETCH(QByteArray, body);
        QFETCH(FieldErrors, expected);
        const std::optional<Error> error = decoder(body);
        if (expected.empty()) {
            QVERIFY2(!error, error ? toString(error->fieldErrors) : "");
            return;
        }
        QVERIFY(error.has_value());
        QCOMPARE(error->status, Status::BadRequest);
        QCOMPARE(error->fieldErrors, expected);
    }

    void bodyErrors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<FieldReason>("reason");
        QTest::addColumn<QString>("detail");
        const auto invalid = FieldReason::InvalidValue;
        QTest::newRow("empty") << QByteArray() << invalid << "malformed JSON at byte 1";
        QTest::newRow("unterminated") << json("{'v':1") << invalid << "malformed JSON at byte 7";
        QTest::newRow("trailing comma") << json("{'v':1,}") << invalid << "malformed JSON at byte 8";
        QTest::newRow("single quotes") << QByteArray("{'v':1}") << invalid << "malformed JSON at byte 2";
        QTest::newRow("comment") << json("{'v':1 /* one */}") << invalid << "malformed JSON at byte 8";
        QTest::newRow("trailing garbage") << json("{'v':1} x") << invalid << "malformed JSON at byte 9";
        QTest::newRow("two documents") << json("{'v':1}{'v':1}") << invalid << "malformed JSON at byte 8";
        QTest::newRow("invalid UTF-8") << QByteArray("{\"identifier\":\"\xff\"}") << invalid
                                       << "malformed JSON at byte 16";
        QTest::newRow("raw control character")
            << QByteArray("{\"identifier\":\"a\tb\"}") << invalid << "malformed JSON at byte 17";
        QTest::newRow("duplicate member")
            << json("{'v':1,'status':'valid','status':'busy'}") << invalid << "duplicate member \"status\"";
        QTest::newRow("duplicate in nested object")
            << json("{'v':1,'status':'valid','receipt':{'keyId':'a','keyId':'b'}}") << invalid
            << "duplicate member \"keyId\"";
        QTest::newRow("too deep") << json("{'v':1,'status':'valid','lostRecord':{'x':[[[[[[[1]]]]]]]}}") << invalid
                                  << "JSON nested deeper than 8 levels";
        QTest::newRow("very deep") << QByteArray(100000, '[') << invalid << "JSON nested deeper than 8 levels";
        QTest::newRow("array") << QByteArray("[]") << FieldReason::WrongType << "body is not a JSON object";
        QTest::newRow("string") << json("'valid'") << FieldReason::WrongType << "body is not a JSON object";
        QTest::newRow("null") << QByteArray("null") << FieldReason::WrongType << "body is not a JSON object";
    }
    void bodyErrors()
    {
        QFETCH(QByteArray, body);
        QFETCH(FieldReason, reason);
        QFETCH(QString, detail);
        const Result<VerificationAnswer> result = decode<VerificationAnswer>(body.toStdString());
        QVERIFY(!result.ok());
        QCOMPARE(result.error().status, Status::BadRequest);
        QCOMPARE(QString::fromStdString(result.error().detail), detail);
        QCOMPARE(result.error().fieldErrors, (FieldErrors{{"body", reason}}));
    }

    void nestingWithinTheLimitIsAccepted()
    {
        // Seven levels of arrays under the root object: malformed only as a message (unknown member), not as JSON.
        const Result<VerificationAnswer> result =
            decode<VerificationAnswer>(json("{'v':1,'status':'valid','x':[[[[[[[1]]]]]]]}").toStdString());
        QVERIFY(!result.ok());
        QCOMPARE(result.error().fieldErrors, (FieldErrors{{"x", FieldReason::UnknownField}}));
    }

    void everyTruncationIsRefused()
    {
        const std::string whole = encode(filledAnswer());
        for (std::size_t length = 0; length < whole.size(); ++length) {
            const Result<VerificationAnswer> result =
                decode<VerificationAnswer>(std::string_view(whole).substr(0, length));
            QVERIFY2(!result.ok(), qPrintable(QString::number(length)));
            QCOMPARE(result.error().fieldErrors, (FieldErrors{{"body", FieldReason::InvalidValue}}));
        }
    }

    void invalidUtf8IsReplacedWhenEncoding()
    {
        ErrorAnswer answer;
        answer.message = "ok\xff";
        const Result<ErrorAnswer> decoded = decode<ErrorAnswer>(encode(answer));
        QVERIFY(decoded.ok());
        QCOMPARE(decoded->message, std::string("ok\xEF\xBF\xBD")); // U+FFFD
    }

    void escapesDecode()
    {
        const Result<ErrorAnswer> decoded = decode<ErrorAnswer>(
            "{\"v\":1,\"status\":\"busy\",\"message\":\"\\u5c71\\u7530 \\\"A\\\"\\n\\ud83d\\ude00\"}");
        QVERIFY(decoded.ok());
        QCOMPARE(decoded->message, std::string("山田 \"A\"\n😀"));
    }

    void verificationModeWireNames()
    {
        QCOMPARE(toWire(VerificationMode::InsuranceCard), std::string_view("insurance-card"));
        QCOMPARE(toWire(VerificationMode::MyNumberCard), std::string_view("my-number-card"));
        QCOMPARE(verificationModeFromWire("insurance-card"), std::optional(VerificationMode::InsuranceCard));
        QCOMPARE(verificationModeFromWire("my-number-card"), std::optional(VerificationMode::MyNumberCard));
        QCOMPARE(verificationModeFromWire("Insurance-Card"), std::optional<VerificationMode>());
        QCOMPARE(verificationModeFromWire(""), std::optional<VerificationMode>());
    }

    void canonicalTextJoinsFieldsByNewline()
    {
        const CheckReceipt receipt = filledReceipt();
        QCOMPARE(receipt.canonicalText(), std::string("R-20261125-000123\n1312345676\n2026-11-25T09:30:00.123+09:00\n"
                                                      "valid-multiple\nserver-2026"));
        // Empty fields keep their place, so the field order cannot shift.
        QCOMPARE(CheckReceipt{}.canonicalText(), std::string("\n\n\ninternal\n"));
        CheckReceipt other = receipt;
        other.status = Status::Invalid;
        QVERIFY(other.canonicalText() != receipt.canonicalText());
        other = receipt;
        other.signature = "different";
        QCOMPARE(other.canonicalText(), receipt.canonicalText());
    }
};

QTEST_GUILESS_MAIN(TestJsonCodec)
#include "TestJsonCodec.moc"
