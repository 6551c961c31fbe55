// placeholder, being written
#include <QtTest>
class TestJsonCodec : public QObject { Q_OBJECT };
QTEST_GUILESS_MAIN(TestJsonCodec)
#include "TestJsonCodec.moc"
