// SPDX-License-Identifier: Apache-2.0
#include "core/ServiceHours.h"

#include <QtTest>
#include <oqs/common/Date.h>

using oqs::server::core::ServiceHours;

namespace {

/// "YYYY-MM-DDTHH:MM" read as Japan time.
ServiceHours::TimePoint jst(const std::string& text)
{
    const auto date = oqs::common::Date::parse(text.substr(0, 10));
    const auto minutes = std::stoi(text.substr(11, 2)) * 60 + std::stoi(text.substr(14, 2));
    return ServiceHours::TimePoint(std::chrono::sys_days(std::chrono::days(date->daysSinceEpoch())) -
                                   std::chrono::hours(9) + std::chrono::minutes(minutes));
}

} // namespace

class TestServiceHours : public QObject
{
    Q_OBJECT

private slots:
    void closedUntil_data();
    void closedUntil();
    void rejectsBadSettings_data();
    void rejectsBadSettings();
};

void TestServiceHours::closedUntil_data()
{
    QTest::addColumn<QString>("open");
    QTest::addColumn<QString>("close");
    QTest::addColumn<QString>("maintenance");
    QTest::addColumn<QString>("now");
    QTest::addColumn<QString>("opening"); // empty: open

    QTest::newRow("open in the day") << "08:00"
                                     << "21:00"
                                     << ""
                                     << "2026-11-25T12:00"
                                     << "";
    QTest::newRow("opening minute is open") << "08:00"
                                            << "21:00"
                                            << ""
                                            << "2026-11-25T08:00"
                                            << "";
    QTest::newRow("closing minute is closed") << "08:00"
                                              << "21:00"
                                              << ""
                                              << "2026-11-25T21:00"
                                              << "2026-11-26T08:00";
    QTest::newRow("early morning") << "08:00"
                                   << "21:00"
                                   << ""
                                   << "2026-11-25T07:59"
                                   << "2026-11-25T08:00";
    QTest::newRow("around the clock") << "00:00"
                                      << "00:00"
                                      << ""
                                      << "2026-11-25T03:00"
                                      << "";
    QTest::newRow("overnight hours, open") << "20:00"
                                           << "06:00"
                                           << ""
                                           << "2026-11-25T02:00"
                                           << "";
    QTest::newRow("overnight hours, closed") << "20:00"
                                             << "06:00"
                                             << ""
                                             << "2026-11-25T12:00"
                                             << "2026-11-25T20:00";
    QTest::newRow("maintenance day") << "08:00"
                                     << "21:00"
                                     << "2026-11-25"
                                     << "2026-11-25T12:00"
                                     << "2026-11-26T08:00";
    QTest::newRow("maintenance window") << "08:00"
                                        << "21:00"
                                        << "2026-11-25T11:00/2026-11-25T13:30"
                                        << "2026-11-25T12:00"
                                        << "2026-11-25T13:30";
    QTest::newRow("window ending after hours") << "08:00"
                                               << "21:00"
                                               << "2026-11-25T20:00/2026-11-25T23:00"
                                               << "2026-11-25T20:30"
                                               << "2026-11-26T08:00";
    QTest::newRow("night, then a maintenance morning") << "08:00"
                                                       << "21:00"
                                                       << "2026-12-31, 2027-01-01T00:00/2027-01-01T10:00"
                                                       << "2026-12-30T22:00"
                                                       << "2027-01-01T10:00";
    QTest::newRow("window elsewhere") << "08:00"
                                      << "21:00"
                                      << "2026-12-31"
                                      << "2026-11-25T12:00"
                                      << "";
}

void TestServiceHours::closedUntil()
{
    QFETCH(QString, open);
    QFETCH(QString, close);
    QFETCH(QString, maintenance);
    QFETCH(QString, now);
    QFETCH(QString, opening);

    const ServiceHours hours(open.toStdString(), close.toStdString(), maintenance.toStdString());
    const auto closed = hours.closedUntil(jst(now.toStdString()));
    QCOMPARE(closed.has_value(), !opening.isEmpty());
    if (closed) {
        QCOMPARE(oqs::common::formatJstTimestamp(*closed), oqs::common::formatJstTimestamp(jst(opening.toStdString())));
    }
}

void TestServiceHours::rejectsBadSettings_data()
{
    QTest::addColumn<QString>("open");
    QTest::addColumn<QString>("maintenance");
    QTest::newRow("hour out of range") << "25:00"
                                       << "";
    QTest::newRow("not a time") << "8am"
                                << "";
    QTest::newRow("bad day") << "08:00"
                             << "2026-02-30";
    QTest::newRow("window backwards") << "08:00"
                                      << "2026-11-25T13:00/2026-11-25T11:00";
    QTest::newRow("window without time") << "08:00"
                                         << "2026-11-25T13/2026-11-25T14:00";
}

void TestServiceHours::rejectsBadSettings()
{
    QFETCH(QString, open);
    QFETCH(QString, maintenance);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             ServiceHours(open.toStdString(), "21:00", maintenance.toStdString()));
}

QTEST_GUILESS_MAIN(TestServiceHours)
#include "TestServiceHours.moc"
