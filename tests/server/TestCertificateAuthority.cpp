// placeholder, being written
#include <QtTest>
class TestCertificateAuthority : public QObject { Q_OBJECT };
QTEST_GUILESS_MAIN(TestCertificateAuthority)
#include "TestCertificateAuthority.moc"
