// SPDX-License-Identifier: Apache-2.0
#include "card/Apdu.h"
#include "card/StatusWord.h"

#include <QTest>

using oqs::client::card::Bytes;
using oqs::client::card::CommandApdu;
using oqs::client::card::ResponseApdu;
using oqs::client::card::StatusMeaning;

Q_DECLARE_METATYPE(CommandApdu)
Q_DECLARE_METATYPE(Bytes)
Q_DECLARE_METATYPE(StatusMeaning)
Q_DECLARE_METATYPE(std::optional<int>)

class TestApdu : public QObject {
    Q_OBJECT

private slots:
    void encodesShortCases_data()
    {
        QTest::addColumn<CommandApdu>("command");
        QTest::addColumn<Bytes>("wire");
        QTest::newRow("case 1") << CommandApdu{0x00, 0xA4, 0x04, 0x0C, {}, std::nullopt}
                                << Bytes{0x00, 0xA4, 0x04, 0x0C};
        QTest::newRow("case 2") << CommandApdu{0x00, 0xB0, 0x01, 0x02, {}, 0xFF}
                                << Bytes{0x00, 0xB0, 0x01, 0x02, 0xFF};
        QTest::newRow("case 2, Le 256 as 00") << CommandApdu{0x00, 0xC0, 0x00, 0x00, {}, 256}
                                              << Bytes{0x00, 0xC0, 0x00, 0x00, 0x00};
        QTest::newRow("case 3") << CommandApdu{0x00, 0xA4, 0x02, 0x0C, {0x00, 0x0A}, std::nullopt}
                                << Bytes{0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x0A};
        QTest::newRow("case 4") << CommandApdu{0x80, 0x2A, 0x00, 0x80, {0x01, 0x02, 0x03}, 256}
                                << Bytes{0x80, 0x2A, 0x00, 0x80, 0x03, 0x01, 0x02, 0x03, 0x00};
    }
    void encodesShortCases()
    {
        QFETCH(CommandApdu, command);
        QFETCH(Bytes, wire);
        QCOMPARE(command.encode(), wire);
    }

    void parsesResponses()
    {
        const auto response = ResponseApdu::parse(Bytes{0x30, 0x82, 0x90, 0x00});
        QVERIFY(response.has_value());
        QCOMPARE(response->data, (Bytes{0x30, 0x82}));
        QCOMPARE(response->statusWord, std::uint16_t{0x9000});
        QCOMPARE(response->sw1(), std::uint8_t{0x90});
        QCOMPARE(ResponseApdu::parse(Bytes{0x63, 0xC2})->sw2(), std::uint8_t{0xC2});
        QVERIFY(!ResponseApdu::parse(Bytes{0x90}).has_value());
        QVERIFY(!ResponseApdu::parse(Bytes{}).has_value());
    }

    void mapsStatusWords_data()
    {
        QTest::addColumn<int>("statusWord");
        QTest::addColumn<StatusMeaning>("meaning");
        QTest::addColumn<std::optional<int>>("triesLeft");
        QTest::newRow("9000") << 0x9000 << StatusMeaning::Success << std::optional<int>{};
        QTest::newRow("6110") << 0x6110 << StatusMeaning::MoreData << std::optional<int>{};
        QTest::newRow("6C20") << 0x6C20 << StatusMeaning::WrongLe << std::optional<int>{};
        QTest::newRow("63C2") << 0x63C2 << StatusMeaning::WrongPin << std::optional<int>{2};
        QTest::newRow("63C0") << 0x63C0 << StatusMeaning::WrongPin << std::optional<int>{0};
        QTest::newRow("6983") << 0x6983 << StatusMeaning::PinBlocked << std::optional<int>{};
        QTest::newRow("6982") << 0x6982 << StatusMeaning::SecurityNotSatisfied << std::optional<int>{};
        QTest::newRow("6A82") << 0x6A82 << StatusMeaning::FileNotFound << std::optional<int>{};
        QTest::newRow("6A86") << 0x6A86 << StatusMeaning::WrongParameters << std::optional<int>{};
        QTest::newRow("6D00") << 0x6D00 << StatusMeaning::NotSupported << std::optional<int>{};
        QTest::newRow("6E00") << 0x6E00 << StatusMeaning::NotSupported << std::optional<int>{};
        QTest::newRow("6986") << 0x6986 << StatusMeaning::CommandNotAllowed << std::optional<int>{};
        QTest::newRow("6282") << 0x6282 << StatusMeaning::EndOfFile << std::optional<int>{};
        QTest::newRow("6F00 unknown") << 0x6F00 << StatusMeaning::Unknown << std::optional<int>{};
        QTest::newRow("63C2 is not 6300") << 0x6300 << StatusMeaning::Unknown << std::optional<int>{};
    }
    void mapsStatusWords()
    {
        QFETCH(int, statusWord);
        QFETCH(StatusMeaning, meaning);
        QFETCH(std::optional<int>, triesLeft);
        const auto sw = static_cast<std::uint16_t>(statusWord);
        QCOMPARE(oqs::client::card::describeStatusWord(sw).meaning, meaning);
        QVERIFY(!oqs::client::card::describeStatusWord(sw).text.empty());
        QCOMPARE(oqs::client::card::pinTriesLeft(sw), triesLeft);
    }
};

QTEST_GUILESS_MAIN(TestApdu)
#include "TestApdu.moc"
