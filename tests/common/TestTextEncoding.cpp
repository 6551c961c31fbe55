// SPDX-License-Identifier: Apache-2.0
#include "oqs/common/TextEncoding.h"

#include <QtTest>

using namespace oqs::common;

Q_DECLARE_METATYPE(oqs::common::TextEncoding)

namespace {

const QByteArray kBom("\xEF\xBB\xBF");

std::string_view view(const QByteArray& bytes)
{
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
}

QByteArray toBytes(const std::optional<std::string>& text)
{
    return text ? QByteArray::fromStdString(*text) : QByteArray();
}

} // namespace

class TestTextEncoding : public QObject
{
    Q_OBJECT

private slots:
    void utf8Validity_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("valid");
        QTest::newRow("empty") << QByteArray() << true;
        QTest::newRow("ascii") << QByteArray("abc,\r\n") << true;
        QTest::newRow("2-byte") << QByteArray("\xC3\xA9") << true;
        QTest::newRow("3-byte kanji") << QByteArray("漢字") << true;
        QTest::newRow("4-byte") << QByteArray("\xF0\xA0\xAE\xB7") << true;
        QTest::newRow("U+D7FF below surrogates") << QByteArray("\xED\x9F\xBF") << true;
        QTest::newRow("U+E000 above surrogates") << QByteArray("\xEE\x80\x80") << true;
        QTest::newRow("U+10FFFF") << QByteArray("\xF4\x8F\xBF\xBF") << true;
        QTest::newRow("overlong 2-byte C0") << QByteArray("\xC0\xAF") << false;
        QTest::newRow("overlong 2-byte C1") << QByteArray("\xC1\xBF") << false;
        QTest::newRow("overlong 3-byte") << QByteArray("\xE0\x9F\xBF") << false;
        QTest::newRow("overlong 4-byte") << QByteArray("\xF0\x8F\xBF\xBF") << false;
        QTest::newRow("surrogate U+D800") << QByteArray("\xED\xA0\x80") << false;
        QTest::newRow("surrogate U+DFFF") << QByteArray("\xED\xBF\xBF") << false;
        QTest::newRow("beyond U+10FFFF") << QByteArray("\xF4\x90\x80\x80") << false;
        QTest::newRow("lead F5") << QByteArray("\xF5\x80\x80\x80") << false;
        QTest::newRow("FE") << QByteArray("\xFE") << false;
        QTest::newRow("lone continuation") << QByteArray("a\x80") << false;
        QTest::newRow("truncated at end") << QByteArray("a\xE6\xBC") << false;
        QTest::newRow("ascii in place of continuation") << QByteArray("\xE6\x41\xA2") << false;
        QTest::newRow("CP932 bytes") << QByteArray("\x8A\xBF\x8E\x9A") << false;
    }
    void utf8Validity()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, valid);
        QCOMPARE(isValidUtf8(view(bytes)), valid);
    }

    void cp932Mapping_data()
    {
        QTest::addColumn<QByteArray>("utf8");
        QTest::addColumn<QByteArray>("cp932");
        QTest::addColumn<QByteArray>("readBack");
        const auto exact = [](const char* name, const QByteArray& utf8, const char* hex) {
            QTest::newRow(name) << utf8 << QByteArray::fromHex(hex) << utf8;
        };
        exact("empty", QByteArray(), "");
        exact("ascii with backslash and tilde", "a\\~", "615c7e");
        exact("kanji", "漢字", "8abf8e9a");
        exact("hiragana and katakana", "あア", "82a08341");
        exact("half-width kana", "ｱﾞ", "b1de");
        exact("full-width digits", "１２３", "825082518252");
        exact("fullwidth tilde U+FF5E", "～", "8160");
        exact("fullwidth hyphen-minus U+FF0D", "－", "817c");
        exact("NEC special", "①Ⅰ", "87408754");
        exact("IBM extension", "髙", "fbfc");
        exact("user-defined area", "\xEE\x80\x80", "f040");
        // The JIS-table code points typed on macOS/Linux are written as the same CP932 character; they read
        // back as Microsoft's code point.
        const auto folded = [](const char* name, const QByteArray& utf8, const char* hex, const QByteArray& back) {
            QTest::newRow(name) << utf8 << QByteArray::fromHex(hex) << back;
        };
        folded("wave dash U+301C", "〜", "8160", "～");
        folded("minus sign U+2212", "1−2", "31817c32", "1－2");
        folded("double vertical line U+2016", "‖", "8161", "∥");
        folded("em dash U+2014", "—", "815c", "―");
        folded("cent, pound, not", "\xC2\xA2\xC2\xA3\xC2\xAC", "8191819281ca", "￠￡￢");
    }
    void cp932Mapping()
    {
        QFETCH(QByteArray, utf8);
        QFETCH(QByteArray, cp932);
        QFETCH(QByteArray, readBack);
        const auto encoded = encodeText(view(utf8), TextEncoding::Cp932);
        QVERIFY(encoded.has_value());
        QCOMPARE(toBytes(encoded), cp932);
        QCOMPARE(toBytes(decodeText(*encoded, TextEncoding::Cp932)), readBack);
    }

    void unmappableInCp932_data()
    {
        QTest::addColumn<QByteArray>("utf8");
        QTest::newRow("emoji") << QByteArray("受付\xF0\x9F\x98\x80");
        QTest::newRow("tsuchi-yoshi U+20BB7") << QByteArray("\xF0\xA0\xAE\xB7野");
        QTest::newRow("yen sign is not backslash") << QByteArray("¥100");
        QTest::newRow("overline is not tilde") << QByteArray("‾");
        QTest::newRow("hangul") << QByteArray("한");
        QTest::newRow("BOM character") << kBom + "a";
        QTest::newRow("invalid UTF-8") << QByteArray("\xC0\xAF");
    }
    void unmappableInCp932()
    {
        QFETCH(QByteArray, utf8);
        QCOMPARE(encodeText(view(utf8), TextEncoding::Cp932), std::optional<std::string>());
    }

    void invalidCp932_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("lead byte at end") << QByteArray("abc\x82");
        QTest::newRow("lead byte before line feed") << QByteArray("\x81\nx");
        QTest::newRow("lead byte before space") << QByteArray("\x88 x");
    }
    void invalidCp932()
    {
        QFETCH(QByteArray, bytes);
        QCOMPARE(decodeText(view(bytes), TextEncoding::Cp932), std::optional<std::string>());
    }

    void invalidUtf8IsRefused_data()
    {
        QTest::addColumn<TextEncoding>("encoding");
        QTest::newRow("utf8") << TextEncoding::Utf8;
        QTest::newRow("utf8-bom") << TextEncoding::Utf8Bom;
    }
    void invalidUtf8IsRefused()
    {
        QFETCH(TextEncoding, encoding);
        const std::string_view surrogate = "a\xED\xA0\x80";
        QCOMPARE(encodeText(surrogate, encoding), std::optional<std::string>());
        QCOMPARE(decodeText(surrogate, encoding), std::optional<std::string>());
    }

    void byteOrderMark()
    {
        QCOMPARE(toBytes(encodeText("a", TextEncoding::Utf8Bom)), kBom + "a");
        QCOMPARE(toBytes(encodeText("a", TextEncoding::Utf8)), QByteArray("a"));
        QCOMPARE(toBytes(encodeText("", TextEncoding::Utf8Bom)), kBom);
        // Reading accepts one leading BOM whatever the declared encoding; a second one is content.
        const QByteArray withBom = kBom + "a";
        QCOMPARE(toBytes(decodeText(view(withBom), TextEncoding::Utf8)), QByteArray("a"));
        QCOMPARE(toBytes(decodeText(view(withBom), TextEncoding::Utf8Bom)), QByteArray("a"));
        QCOMPARE(toBytes(decodeText("a", TextEncoding::Utf8Bom)), QByteArray("a"));
        QCOMPARE(toBytes(decodeText(view(kBom + "\x8E\x52"), TextEncoding::Cp932)), QByteArray("山"));
        QCOMPARE(toBytes(decodeText(view(kBom + withBom), TextEncoding::Utf8)), withBom);
        QCOMPARE(toBytes(decodeText(view("a" + kBom), TextEncoding::Utf8)), "a" + kBom);
    }

    void roundTrip_data()
    {
        QTest::addColumn<TextEncoding>("encoding");
        QTest::newRow("utf8") << TextEncoding::Utf8;
        QTest::newRow("utf8-bom") << TextEncoding::Utf8Bom;
        QTest::newRow("cp932") << TextEncoding::Cp932;
    }
    void roundTrip()
    {
        QFETCH(TextEncoding, encoding);
        const std::string text = "髙橋 花子, ﾀｶﾊｼ ﾊﾅｺ\r\n〒１００－０００１ 9:00～17:00 ①\\";
        const auto encoded = encodeText(text, encoding);
        QVERIFY(encoded.has_value());
        QCOMPARE(toBytes(decodeText(*encoded, encoding)), QByteArray::fromStdString(text));
    }
};

QTEST_GUILESS_MAIN(TestTextEncoding)
#include "TestTextEncoding.moc"
