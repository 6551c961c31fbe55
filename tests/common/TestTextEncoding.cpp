// placeholder, being written
#include <QtTest>
class TestTextEncoding : public QObject { Q_OBJECT };
QTEST_GUILESS_MAIN(TestTextEncoding)
#include "TestTextEncoding.moc"
