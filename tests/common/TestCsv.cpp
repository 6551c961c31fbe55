// SPDX-License-Identifier: Apache-2.0
#include "oqs/common/Csv.h"

#include <QFile>
#include <QtTest>

using namespace oqs::common;

using CsvRows = std::vector<CsvRow>;
using LineNumbers = std::vector<std::size_t>;

Q_DECLARE_METATYPE(oqs::common::TextEncoding)
Q_DECLARE_METATYPE(oqs::common::FieldReason)
Q_DECLARE_METATYPE(CsvRows)
Q_DECLARE_METATYPE(LineNumbers)

namespace {

const QByteArray kBom("\xEF\xBB\xBF");

/// Synthetic people; the fields exercise quoting (comma, quotes, CRLF and LF inside), an empty field, half-width
/// kana, full-width digits, ～ and the NEC/IBM extensions of CP932.
const CsvRows kTable = {
    {"番号", "氏名", "氏名カナ", "住所", "備考"},
    {"0001", "山田 太郎", "ﾔﾏﾀﾞ ﾀﾛｳ", "東京都千代田区霞が関１丁目２番３号", ""},
    {"0002", "髙橋 花子", "タカハシ ハナコ", "大阪市北区梅田, 第２ビル", "\"至急\"と連絡あり"},
    {"0003", "佐藤 一郎", "サトウ イチロウ", "札幌市中央区\r\n北一条西", "受付 9:00～17:00\n①番窓口"},
};

std::string_view view(const QByteArray& bytes)
{
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
}

QByteArray readDataFile(const QString& name)
{
    QFile file(QStringLiteral(OQS_TEST_DATA_DIR "/csv/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

CsvRows fieldsOf(const std::vector<CsvRecord>& records)
{
    CsvRows rows;
    for (const CsvRecord& record : records) {
        rows.push_back(record.fields);
    }
    return rows;
}

LineNumbers linesOf(const std::vector<CsvRecord>& records)
{
    LineNumbers lines;
    for (const CsvRecord& record : records) {
        lines.push_back(record.line);
    }
    return lines;
}

void addEncodingRows()
{
    QTest::addColumn<TextEncoding>("encoding");
    QTest::newRow("utf8") << TextEncoding::Utf8;
    QTest::newRow("utf8-bom") << TextEncoding::Utf8Bom;
    QTest::newRow("cp932") << TextEncoding::Cp932;
}

} // namespace

class TestCsv : public QObject
{
    Q_OBJECT

private slots:
    void goldenFiles_data()
    {
        QTest::addColumn<TextEncoding>("encoding");
        QTest::addColumn<QString>("file");
        QTest::newRow("utf8-bom") << TextEncoding::Utf8Bom << "table-utf8bom.csv";
        QTest::newRow("cp932") << TextEncoding::Cp932 << "table-cp932.csv";
    }
    void goldenFiles()
    {
        QFETCH(TextEncoding, encoding);
        QFETCH(QString, file);
        const QByteArray golden = readDataFile(file);
        QVERIFY2(!golden.isEmpty(), qPrintable(file));

        const auto written = writeCsv(kTable, encoding);
        QVERIFY(written.ok());
        QCOMPARE(QByteArray::fromStdString(*written), golden);

        const auto read = readCsv(view(golden), encoding);
        QVERIFY(read.ok());
        QCOMPARE(fieldsOf(*read), kTable);
        QCOMPARE(linesOf(*read), LineNumbers({1, 2, 3, 4}));
    }

    void writerQuotesOnlyWhenNeeded_data()
    {
        QTest::addColumn<CsvRows>("rows");
        QTest::addColumn<QByteArray>("csv");
        QTest::newRow("no rows") << CsvRows{} << QByteArray();
        QTest::newRow("plain") << CsvRows{{"a", "b"}, {"c", "d"}} << QByteArray("a,b\r\nc,d\r\n");
        QTest::newRow("spaces kept unquoted") << CsvRows{{" a ", "b c"}} << QByteArray(" a ,b c\r\n");
        QTest::newRow("comma") << CsvRows{{"a,b", "c"}} << QByteArray("\"a,b\",c\r\n");
        QTest::newRow("quotes doubled") << CsvRows{{"say \"hi\""}} << QByteArray("\"say \"\"hi\"\"\"\r\n");
        QTest::newRow("line feed") << CsvRows{{"a\nb"}} << QByteArray("\"a\nb\"\r\n");
        QTest::newRow("carriage return") << CsvRows{{"a\rb"}} << QByteArray("\"a\rb\"\r\n");
        QTest::newRow("empty fields") << CsvRows{{"", "x", ""}} << QByteArray(",x,\r\n");
        QTest::newRow("lone empty field") << CsvRows{{""}} << QByteArray("\"\"\r\n");
        QTest::newRow("row without fields") << CsvRows{{}, {"a"}} << QByteArray("\r\na\r\n");
    }
    void writerQuotesOnlyWhenNeeded()
    {
        QFETCH(CsvRows, rows);
        QFETCH(QByteArray, csv);
        const auto written = writeCsv(rows, TextEncoding::Utf8);
        QVERIFY(written.ok());
        QCOMPARE(QByteArray::fromStdString(*written), csv);
    }

    void roundTrip_data() { addEncodingRows(); }
    void roundTrip()
    {
        QFETCH(TextEncoding, encoding);
        const CsvRows rows = {
            {"髙橋", "a,b", "\"", "\"\"", "x\r\ny", "x\ny", "x\ry"}, {}, {""}, {"", ""},
            {"ﾊﾝｶｸ", "１－２－３", "～", "①", " lead and trail "},
        };
        const auto written = writeCsv(rows, encoding);
        QVERIFY(written.ok());
        const auto read = readCsv(*written, encoding);
        QVERIFY(read.ok());
        QCOMPARE(fieldsOf(*read), rows);
        QCOMPARE(linesOf(*read), LineNumbers({1, 4, 5, 6, 7})); // the first record spans lines 1-3
    }

    void readerAccepts_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<TextEncoding>("encoding");
        QTest::addColumn<CsvRows>("rows");
        QTest::newRow("empty file") << QByteArray() << TextEncoding::Utf8 << CsvRows{};
        QTest::newRow("LF line ends") << QByteArray("a,b\nc,d\n") << TextEncoding::Utf8
                                      << CsvRows{{"a", "b"}, {"c", "d"}};
        QTest::newRow("no trailing newline")
            << QByteArray("a,b\r\nc,d") << TextEncoding::Utf8 << CsvRows{{"a", "b"}, {"c", "d"}};
        QTest::newRow("mixed line ends") << QByteArray("a\r\nb\nc") << TextEncoding::Utf8
                                         << CsvRows{{"a"}, {"b"}, {"c"}};
        QTest::newRow("empty fields") << QByteArray(",,\r\n,x") << TextEncoding::Utf8
                                      << CsvRows{{"", "", ""}, {"", "x"}};
        QTest::newRow("comma at end of file") << QByteArray("a,") << TextEncoding::Utf8 << CsvRows{{"a", ""}};
        QTest::newRow("blank line") << QByteArray("a\r\n\r\nb\r\n") << TextEncoding::Utf8 << CsvRows{{"a"}, {}, {"b"}};
        QTest::newRow("quoted empty") << QByteArray("\"\",\"\"") << TextEncoding::Utf8 << CsvRows{{"", ""}};
        QTest::newRow("quoted comma and quotes")
            << QByteArray("\"a,b\",\"say \"\"hi\"\"\"") << TextEncoding::Utf8 << CsvRows{{"a,b", "say \"hi\""}};
        QTest::newRow("quoted line ends kept as written")
            << QByteArray("\"a\r\nb\",\"c\nd\",\"e\rf\"") << TextEncoding::Utf8 << CsvRows{{"a\r\nb", "c\nd", "e\rf"}};
        QTest::newRow("BOM when reading plain UTF-8") << kBom + "a,b" << TextEncoding::Utf8 << CsvRows{{"a", "b"}};
        QTest::newRow("BOM is optional for utf8-bom")
            << QByteArray("a,b") << TextEncoding::Utf8Bom << CsvRows{{"a", "b"}};
        QTest::newRow("cp932") << QByteArray("\x8E\x52\x93\x63,\xB1\r\n") << TextEncoding::Cp932
                               << CsvRows{{"山田", "ｱ"}};
        QTest::newRow("cp932 behind a UTF-8 BOM")
            << kBom + "\x8E\x52\x93\x63" << TextEncoding::Cp932 << CsvRows{{"山田"}};
        QTest::newRow("cp932 trail byte 0x5C is not an escape")
            << QByteArray("\"\x95\x5C\",\x83\x5C") << TextEncoding::Cp932 << CsvRows{{"表", "ソ"}};
    }
    void readerAccepts()
    {
        QFETCH(QByteArray, csv);
        QFETCH(TextEncoding, encoding);
        QFETCH(CsvRows, rows);
        const auto read = readCsv(view(csv), encoding);
        QVERIFY2(read.ok(), read.ok() ? "" : read.error().detail.c_str());
        QCOMPARE(fieldsOf(*read), rows);
    }

    void recordLines_data()
    {
        QTest::addColumn<QByteArray>("utf8");
        QTest::addColumn<LineNumbers>("lines");
        QTest::newRow("single-line records") << QByteArray("a\r\nb\r\nc") << LineNumbers{1, 2, 3};
        QTest::newRow("CRLF inside a field") << QByteArray("\"a\r\nb\",c\r\nd\r\n") << LineNumbers{1, 3};
        QTest::newRow("several line feeds in several fields")
            << QByteArray("x\n\"1\n2\n3\",\"4\n5\"\ny\n") << LineNumbers{1, 2, 6};
        QTest::newRow("quoted field that is only a line feed") << QByteArray("\"\n\"\n\"\n\"\n") << LineNumbers{1, 3};
        QTest::newRow("blank lines count") << QByteArray("\n\"a\nb\"\n\nc") << LineNumbers{1, 2, 4, 5};
    }
    void recordLines()
    {
        QFETCH(QByteArray, utf8);
        QFETCH(LineNumbers, lines);
        // Conversion keeps line feeds one-to-one, so CP932 files number their lines the same way.
        for (TextEncoding encoding : {TextEncoding::Utf8, TextEncoding::Cp932}) {
            const auto read = readCsv(view(utf8), encoding);
            QVERIFY(read.ok());
            QCOMPARE(linesOf(*read), lines);
        }
    }

    void streamingReaderComesBackToARecord_data() { recordLines_data(); }
    void streamingReaderComesBackToARecord()
    {
        // The feed import reads a file twice: once to check it and note where each record starts, once per group of
        // records it applies. A reader made at a noted place reads the same record with the same line.
        QFETCH(QByteArray, utf8);
        const auto whole = readCsv(view(utf8), TextEncoding::Utf8);
        QVERIFY(whole.ok());
        CsvReader reader(view(utf8));
        std::vector<std::pair<std::size_t, std::size_t>> places;
        CsvRecord record;
        for (std::size_t index = 0;; ++index) {
            places.emplace_back(reader.offset(), reader.line());
            const auto read = reader.next(record);
            QVERIFY(read.ok());
            if (!*read) {
                QCOMPARE(index, whole->size());
                break;
            }
            QCOMPARE(record.line, (*whole)[index].line);
            QCOMPARE(record.fields, (*whole)[index].fields);
        }
        for (std::size_t index = whole->size(); index-- > 0;) {
            CsvReader again(view(utf8), places[index].first, places[index].second);
            QVERIFY(*again.next(record));
            QCOMPARE(record.line, (*whole)[index].line);
            QCOMPARE(record.fields, (*whole)[index].fields);
        }
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<TextEncoding>("encoding");
        QTest::addColumn<std::size_t>("line");
        QTest::addColumn<FieldReason>("reason");
        const auto syntax = [](const char* name, const QByteArray& csv, std::size_t line) {
            QTest::newRow(name) << csv << TextEncoding::Utf8 << line << FieldReason::InvalidValue;
        };
        // An unclosed quote is reported where it opened: that is where the mistake is.
        syntax("unterminated quote at end of file", "a\r\n\"b,c\r\nd", 2);
        syntax("unterminated quote after a multi-line record", "\"x\ny\",z\n\"open", 3);
        syntax("unterminated quote with doubled quote at end", "a,\"b\"\"", 1);
        syntax("unterminated quote with a doubled quote on a later line", "x\n\"a\n\"\"b\nc", 2);
        syntax("text after closing quote", "a\n\"b\"c\n", 2);
        syntax("space after closing quote", "\"b\" ,c", 1);
        syntax("text after a closing quote that spans lines", "\"a\nb\"x", 2);
        syntax("quote inside unquoted field", "a\nb\"c\n", 2);
        syntax("quote after leading space", "a, \"b\"", 1);
        syntax("carriage return alone", "a\rb", 1);
        syntax("carriage return at end of file", "a\r\nb\r", 2);
        syntax("carriage return alone on a blank line", "a\n\rb", 2);
        const auto encoding = [](const char* name, const QByteArray& csv, TextEncoding encoding, std::size_t line) {
            QTest::newRow(name) << csv << encoding << line << FieldReason::InvalidCharacters;
        };
        // Encoding errors name the physical line of the bad byte, also inside a multi-line field.
        encoding("invalid UTF-8 on line 3", "a\nb\n\xC0\xAF\n", TextEncoding::Utf8, 3);
        encoding("invalid UTF-8 inside a multi-line field", "\"a\r\n\xFF\"", TextEncoding::Utf8Bom, 2);
        encoding("surrogate on line 1", "\xED\xA0\x80", TextEncoding::Utf8, 1);
        encoding("truncated CP932 at end of file", "ok\r\nbad\x81", TextEncoding::Cp932, 2);
        encoding("CP932 lead byte before line feed", "a\r\n\x88\nb", TextEncoding::Cp932, 2);
        encoding("UTF-8 BOM in the middle of a CP932 file", "a\n" + kBom + "b\nc", TextEncoding::Cp932, 2);
        encoding("UTF-8 read as CP932", "a\n\"b\nc\"\n髙", TextEncoding::Cp932, 4);
    }
    void malformed()
    {
        QFETCH(QByteArray, csv);
        QFETCH(TextEncoding, encoding);
        QFETCH(std::size_t, line);
        QFETCH(FieldReason, reason);
        const auto read = readCsv(view(csv), encoding);
        QVERIFY(!read.ok());
        const Error& error = read.error();
        QCOMPARE(error.status, Status::BadRequest);
        const std::string where = "line " + std::to_string(line);
        QCOMPARE(error.fieldErrors, FieldErrors({FieldError{where, reason}}));
        QVERIFY2(error.detail.starts_with(where + ": "), error.detail.c_str());
    }

    void unwritableField_data()
    {
        QTest::addColumn<QByteArray>("bad");
        QTest::addColumn<TextEncoding>("encoding");
        QTest::addColumn<QByteArray>("why");
        QTest::newRow("tsuchi-yoshi U+20BB7")
            << QByteArray("\xF0\xA0\xAE\xB7田 二郎") << TextEncoding::Cp932 << QByteArray("CP932");
        QTest::newRow("emoji") << QByteArray("\xF0\x9F\x98\x80") << TextEncoding::Cp932 << QByteArray("CP932");
        QTest::newRow("yen sign") << QByteArray("¥500") << TextEncoding::Cp932 << QByteArray("CP932");
        QTest::newRow("invalid UTF-8 for cp932")
            << QByteArray("\xC0\xAF") << TextEncoding::Cp932 << QByteArray("UTF-8");
        QTest::newRow("invalid UTF-8 for utf8-bom")
            << QByteArray("x\xFF") << TextEncoding::Utf8Bom << QByteArray("UTF-8");
    }
    void unwritableField()
    {
        QFETCH(QByteArray, bad);
        QFETCH(TextEncoding, encoding);
        QFETCH(QByteArray, why);
        // The first bad field in reading order is named, 1-based; the later one is not.
        const CsvRows rows = {{"番号", "氏名"}, {"0001", "山田"}, {"0002", bad.toStdString()}, {bad.toStdString()}};
        const auto written = writeCsv(rows, encoding);
        QVERIFY(!written.ok());
        const Error& error = written.error();
        QCOMPARE(error.status, Status::BadRequest);
        QCOMPARE(error.fieldErrors, FieldErrors({FieldError{"row 3 column 2", FieldReason::InvalidCharacters}}));
        QVERIFY2(error.detail.starts_with("row 3 column 2: "), error.detail.c_str());
        QVERIFY2(error.detail.find(why.toStdString()) != std::string::npos, error.detail.c_str());
        // The detail may be logged, so it must not carry the (personal) field content.
        QVERIFY(error.detail.find(bad.toStdString()) == std::string::npos);
    }

    void unmappableFitsInUtf8()
    {
        const CsvRows rows = {{"\xF0\xA0\xAE\xB7田", "\xF0\x9F\x98\x80", "¥"}};
        for (TextEncoding encoding : {TextEncoding::Utf8, TextEncoding::Utf8Bom}) {
            const auto written = writeCsv(rows, encoding);
            QVERIFY(written.ok());
            const auto read = readCsv(*written, encoding);
            QVERIFY(read.ok());
            QCOMPARE(fieldsOf(*read), rows);
        }
    }
};

QTEST_GUILESS_MAIN(TestCsv)
#include "TestCsv.moc"
