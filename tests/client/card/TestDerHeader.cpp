// SPDX-License-Identifier: Apache-2.0
#include "card/DerHeader.h"

#include <QTest>

#include <vector>

using Bytes = std::vector<std::uint8_t>;

Q_DECLARE_METATYPE(Bytes)

class TestDerHeader : public QObject {
    Q_OBJECT

private slots:
    void parsesSequenceHeaders_data()
    {
        QTest::addColumn<Bytes>("prefix");
        QTest::addColumn<int>("total"); // -1: rejected
        QTest::newRow("short form") << Bytes{0x30, 0x7F} << 0x81;
        QTest::newRow("one length octet") << Bytes{0x30, 0x81, 0x80} << 3 + 0x80;
        QTest::newRow("two length octets") << Bytes{0x30, 0x82, 0x05, 0xC3, 0x30} << 4 + 0x5C3;
        QTest::newRow("three length octets") << Bytes{0x30, 0x83, 0x01, 0x00, 0x00} << 5 + 0x10000;
        QTest::newRow("not a SEQUENCE") << Bytes{0x31, 0x82, 0x05, 0xC3} << -1;
        QTest::newRow("erased EF") << Bytes{0xFF, 0xFF, 0xFF, 0xFF} << -1;
        QTest::newRow("indefinite length (BER)") << Bytes{0x30, 0x80, 0x00} << -1;
        QTest::newRow("leading zero octet") << Bytes{0x30, 0x82, 0x00, 0x90} << -1;
        QTest::newRow("long form for a short length") << Bytes{0x30, 0x81, 0x7F} << -1;
        QTest::newRow("five length octets") << Bytes{0x30, 0x85, 0x01, 0x00, 0x00, 0x00, 0x00} << -1;
        QTest::newRow("truncated") << Bytes{0x30, 0x82, 0x05} << -1;
        QTest::newRow("empty") << Bytes{} << -1;
    }
    void parsesSequenceHeaders()
    {
        QFETCH(Bytes, prefix);
        QFETCH(int, total);
        const auto header = oqs::client::card::DerHeader::parseSequence(prefix);
        QCOMPARE(header.has_value(), total >= 0);
        if (header) {
            QCOMPARE(static_cast<int>(header->totalLength()), total);
        }
    }
};

QTEST_GUILESS_MAIN(TestDerHeader)
#include "TestDerHeader.moc"
