// placeholder, being written
#include <QtTest>
class TestSyntheticDataset : public QObject { Q_OBJECT };
QTEST_GUILESS_MAIN(TestSyntheticDataset)
#include "TestSyntheticDataset.moc"
