// SPDX-License-Identifier: Apache-2.0
#include "oqs/common/FieldError.h"
#include "oqs/common/Status.h"

#include <QtTest>
#include <set>

using namespace oqs::common;

class TestStatus : public QObject {
    Q_OBJECT

private slots:
    void everyCodeRoundTripsAndHasMessages()
    {
        std::size_t count = 0;
        const Status* all = allStatuses(count);
        QCOMPARE(count, std::size_t(16)); // PRODUCT.md §7 lists sixteen codes
        std::set<std::string_view> wires;
        for (std::size_t i = 0; i < count; ++i) {
            const Status status = all[i];
            QCOMPARE(int(status), int(i));
            QCOMPARE(statusFromWire(toWire(status)), std::optional<Status>(status));
            QVERIFY2(!messageOf(status, Language::Japanese).empty(), toWire(status).data());
            QVERIFY2(!messageOf(status, Language::English).empty(), toWire(status).data());
            QVERIFY(messageOf(status, Language::Japanese) != messageOf(status, Language::English));
            wires.insert(toWire(status));
        }
        QCOMPARE(wires.size(), count);
        QCOMPARE(statusFromWire("VALID"), std::optional<Status>());
    }

    void httpStatuses_data()
    {
        QTest::addColumn<QString>("wire");
        QTest::addColumn<int>("http");
        QTest::newRow("valid") << "valid" << 200;
        QTest::newRow("not-found") << "not-found" << 200;
        QTest::newRow("revoked") << "certificate-revoked" << 200;
        QTest::newRow("busy") << "busy" << 503;
        QTest::newRow("closed") << "closed" << 503;
        QTest::newRow("bad-request") << "bad-request" << 400;
        QTest::newRow("unauthenticated") << "unauthenticated" << 401;
        QTest::newRow("forbidden") << "forbidden" << 403;
        QTest::newRow("internal") << "internal" << 500;
    }
    void httpStatuses()
    {
        QFETCH(QString, wire);
        QFETCH(int, http);
        const auto status = statusFromWire(wire.toStdString());
        QVERIFY(status.has_value());
        QCOMPARE(httpStatusOf(*status), http);
    }

    void fieldReasonsRoundTrip()
    {
        for (int i = 0; i <= int(FieldReason::InvalidValue); ++i) {
            const auto reason = FieldReason(i);
            QCOMPARE(fieldReasonFromWire(toWire(reason)), std::optional<FieldReason>(reason));
            QVERIFY(!messageOf(reason, Language::Japanese).empty());
        }
    }
};

QTEST_GUILESS_MAIN(TestStatus)
#include "TestStatus.moc"
