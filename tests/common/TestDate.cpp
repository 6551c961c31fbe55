// SPDX-License-Identifier: Apache-2.0
#include "oqs/common/Date.h"

#include <QtTest>

using oqs::common::Date;

class TestDate : public QObject {
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("iso");
        QTest::newRow("iso") << "2026-11-25" << true << "2026-11-25";
        QTest::newRow("compact") << "19800401" << true << "1980-04-01";
        QTest::newRow("leap day") << "2024-02-29" << true << "2024-02-29";
        QTest::newRow("not a leap year") << "2023-02-29" << false << "";
        QTest::newRow("century not leap") << "1900-02-29" << false << "";
        QTest::newRow("400 leap") << "2000-02-29" << true << "2000-02-29";
        QTest::newRow("month 13") << "2026-13-01" << false << "";
        QTest::newRow("day 0") << "2026-01-00" << false << "";
        QTest::newRow("april 31") << "2026-04-31" << false << "";
        QTest::newRow("slashes") << "2026/11/25" << false << "";
        QTest::newRow("signs") << "+026-11-25" << false << "";
        QTest::newRow("short") << "2026-1-25" << false << "";
        QTest::newRow("empty") << "" << false << "";
        QTest::newRow("letters") << "2026-ab-01" << false << "";
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(QString, iso);
        const auto date = Date::parse(text.toStdString());
        QCOMPARE(date.has_value(), valid);
        if (valid) {
            QCOMPARE(QString::fromStdString(date->toIso()), iso);
        }
    }

    void arithmetic()
    {
        const Date date{2026, 3, 31};
        QCOMPARE(date.addMonths(-1), (Date{2026, 2, 28}));
        QCOMPARE(date.addMonths(-13), (Date{2025, 2, 28}));
        QCOMPARE((Date{2024, 3, 31}).addMonths(-1), (Date{2024, 2, 29}));
        QCOMPARE(date.addMonths(10), (Date{2027, 1, 31}));
        QCOMPARE(date.addDays(1), (Date{2026, 4, 1}));
        QCOMPARE((Date{1970, 1, 1}).daysSinceEpoch(), 0L);
        QCOMPARE(Date::fromDaysSinceEpoch(date.daysSinceEpoch()), date);
        QCOMPARE(date.toCompact(), std::string("20260331"));
        QVERIFY((Date{2026, 1, 2} > Date{2025, 12, 31}));
    }

    void formatsPadded()
    {
        QCOMPARE((Date{987, 1, 2}).toIso(), std::string("0987-01-02"));
        QCOMPARE((Date{1800, 12, 31}).toCompact(), std::string("18001231"));
        QCOMPARE((Date{9999, 10, 9}).toIso(), std::string("9999-10-09"));
        // Out of the four-digit range the text still says what the value is.
        QCOMPARE((Date{12026, 1, 1}).toIso(), std::string("12026-01-01"));
        QCOMPARE((Date{-1, 1, 1}).toCompact(), std::string("-0010101"));
    }

    void jstDayBoundary()
    {
        using namespace std::chrono;
        // 2026-11-24T15:00:00Z is midnight in Japan: the JST date flips exactly there.
        const sys_seconds utcMidnightJst = sys_days{year{2026} / 11 / 24} + hours(15);
        QCOMPARE(Date::jstDateOf(utcMidnightJst - seconds(1)), (Date{2026, 11, 24}));
        QCOMPARE(Date::jstDateOf(utcMidnightJst), (Date{2026, 11, 25}));
        QCOMPARE(oqs::common::formatJstTimestamp(utcMidnightJst + milliseconds(5)),
                 std::string("2026-11-25T00:00:00.005+09:00"));
        QCOMPARE(Date::jstTimeOfDay(utcMidnightJst + milliseconds(5)), milliseconds(5));
        QCOMPARE(Date::jstTimeOfDay(utcMidnightJst - milliseconds(1)), hours(24) - milliseconds(1));
    }
};

QTEST_GUILESS_MAIN(TestDate)
#include "TestDate.moc"
