// placeholder, being written
#include <QtTest>
class TestQrPayload : public QObject { Q_OBJECT };
QTEST_GUILESS_MAIN(TestQrPayload)
#include "TestQrPayload.moc"
