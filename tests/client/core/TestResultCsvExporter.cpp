// SPDX-License-Identifier: Apache-2.0
#include "core/ResultCsvExporter.h"

#include <oqs/common/Csv.h>

#include <QtTest>

using namespace oqs::client::core;
using namespace oqs::common;

namespace {

Query answered(quint64 id, Status status, const std::string& name)
{
    Query query;
    query.id = id;
    query.state = Query::State::Answered;
    VerificationAnswer answer;
    answer.status = status;
    answer.receiptNumber = "R-" + std::to_string(id);
    answer.identifier = "P,\"" + std::to_string(id) + "\""; // comma and quotes must survive
    answer.consultationDate = Date{2026, 11, 25};
    if (!name.empty()) {
        Qualification qualification;
        qualification.card = {"01130012", "記号", "1234", "01"};
        qualification.name = name;
        qualification.birthDate = Date{1980, 4, 1};
        qualification.copaymentPercent = 30;
        answer.qualifications.push_back(qualification);
    }
    query.answer = answer;
    return query;
}

} // namespace

Q_DECLARE_METATYPE(oqs::common::TextEncoding)

class TestResultCsvExporter : public QObject {
    Q_OBJECT

private slots:
    void writesSelectedColumnsInEveryEncoding_data();
    void writesSelectedColumnsInEveryEncoding();
    void unrepresentableInCp932IsAnError();
};

void TestResultCsvExporter::writesSelectedColumnsInEveryEncoding_data()
{
    QTest::addColumn<TextEncoding>("encoding");
    QTest::newRow("utf-8 bom") << TextEncoding::Utf8Bom;
    QTest::newRow("cp932") << TextEncoding::Cp932;
}

void TestResultCsvExporter::writesSelectedColumnsInEveryEncoding()
{
    QFETCH(TextEncoding, encoding);
    using C = ResultCsvExporter::Column;
    Query pending;
    pending.id = 3;
    const QList<Query> queries{answered(1, Status::Valid, "山田太郎"), pending, answered(2, Status::NotFound, "")};
    QString error;
    const QByteArray bytes = ResultCsvExporter::write(
        queries, {C::ReceiptNumber, C::Identifier, C::StatusCode, C::Name, C::BirthDate, C::CopaymentPercent},
        encoding, error);
    QCOMPARE(error, QString());
    QCOMPARE(bytes.startsWith("\xEF\xBB\xBF"), encoding == TextEncoding::Utf8Bom);
    const auto records = readCsv(bytes.toStdString(), encoding);
    QVERIFY(records);
    QCOMPARE(records->size(), std::size_t(3)); // header + the two answered queries
    QCOMPARE(records->at(0).fields,
             (CsvRow{"受付番号", "患者ID", "結果コード", "氏名", "生年月日", "負担割合"}));
    QCOMPARE(records->at(1).fields, (CsvRow{"R-1", "P,\"1\"", "valid", "山田太郎", "19800401", "30"}));
    QCOMPARE(records->at(2).fields, (CsvRow{"R-2", "P,\"2\"", "not-found", "", "", ""}));
}

void TestResultCsvExporter::unrepresentableInCp932IsAnError()
{
    QString error;
    const QByteArray bytes = ResultCsvExporter::write({answered(1, Status::Valid, "𠮷田")},
                                                      {ResultCsvExporter::Column::Name}, TextEncoding::Cp932, error);
    QVERIFY(bytes.isEmpty());
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestResultCsvExporter)
#include "TestResultCsvExporter.moc"
