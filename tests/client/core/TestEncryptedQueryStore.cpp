// SPDX-License-Identifier: Apache-2.0
#include "core/EncryptedQueryStore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace oqs::client::core;
using namespace oqs::common;

namespace {

const QByteArray kKey(StoreCipher::kKeyBytes, '\x5a');
const Date kToday{2026, 11, 25};

Query pendingQuery(quint64 id)
{
    Query query;
    query.id = id;
    query.insuranceCard.card = {"01130012", "記号12", "7654321", "01"};
    query.insuranceCard.birthDate = {1980, 4, 1};
    query.insuranceCard.identifier = "P-" + std::to_string(id);
    query.createdAt = QDateTime::currentDateTimeUtc();
    query.state = Query::State::Waiting;
    query.attempts = 3;
    query.nextAttemptAt = query.createdAt.addSecs(8);
    return query;
}

Query answeredQuery(quint64 id)
{
    Query query = pendingQuery(id);
    query.state = Query::State::Answered;
    VerificationAnswer answer;
    answer.status = Status::Valid;
    answer.receiptNumber = "20261125-00000000000000" + std::to_string(id);
    answer.identifier = query.insuranceCard.identifier;
    answer.checkedAt = "2026-11-25T09:30:00.000+09:00";
    answer.consultationDate = kToday;
    Qualification qualification;
    qualification.name = "山田太郎";
    qualification.card = query.insuranceCard.card;
    answer.qualifications.push_back(qualification);
    query.answer = answer;
    return query;
}

} // namespace

class TestEncryptedQueryStore : public QObject {
    Q_OBJECT

private slots:
    void pendingQueryComesBackWhole();
    void answeredQueryKeepsOnlyItsSummary();
    void fileIsOwnerOnlyAndHoldsNoPlainText();
    void alteredFileIsRefusedNotMisread_data();
    void alteredFileIsRefusedNotMisread();
    void endOfDayPurgesYesterday();
    void keyFileIsCreatedOnceOwnerOnly();
    void keyFileOfWrongSizeIsRefused();
};

void TestEncryptedQueryStore::pendingQueryComesBackWhole()
{
    QTemporaryDir dir;
    EncryptedQueryStore store(dir.path(), StoreCipher(kKey), [] { return kToday; });
    QCOMPARE(store.save(pendingQuery(1)), QString());
    QCOMPARE(store.save(pendingQuery(2)), QString());

    EncryptedQueryStore reopened(dir.path(), StoreCipher(kKey), [] { return kToday; });
    const QList<Query> queries = reopened.loadToday();
    QCOMPARE(reopened.loadProblem(), QString());
    QCOMPARE(queries.size(), 2);
    QCOMPARE(queries[0].insuranceCard, pendingQuery(1).insuranceCard);
    QCOMPARE(queries[1].id, quint64(2));
    QCOMPARE(queries[1].state, Query::State::Waiting);
    QCOMPARE(queries[1].attempts, 3);
    QVERIFY(!queries[1].answer);
}

void TestEncryptedQueryStore::answeredQueryKeepsOnlyItsSummary()
{
    QTemporaryDir dir;
    EncryptedQueryStore store(dir.path(), StoreCipher(kKey), [] { return kToday; });
    QCOMPARE(store.save(pendingQuery(7)), QString());
    QCOMPARE(store.save(answeredQuery(7)), QString()); // same id: replaced, not added

    EncryptedQueryStore reopened(dir.path(), StoreCipher(kKey), [] { return kToday; });
    const QList<Query> queries = reopened.loadToday();
    QCOMPARE(queries.size(), 1);
    const Query& query = queries.front();
    QCOMPARE(query.state, Query::State::Answered);
    QVERIFY(query.answerIsSummary);
    QCOMPARE(query.answer->status, Status::Valid);
    QCOMPARE(query.answer->receiptNumber, answeredQuery(7).answer->receiptNumber);
    QCOMPARE(query.identifier(), std::string("P-7"));
    QVERIFY(query.answer->consultationDate == kToday);
    // Minimised: neither the patient's details nor the card keys outlive the answer on disk.
    QVERIFY(query.answer->qualifications.empty());
    QVERIFY(query.insuranceCard.card.number.empty());
    QFile file(store.fileOf(kToday));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto plaintext = StoreCipher(kKey).open(file.readAll(), "oqs-queries|20261125");
    QVERIFY(plaintext);
    QVERIFY(!plaintext->contains("7654321"));
    QVERIFY(!plaintext->contains(QString("山田").toUtf8()));
}

void TestEncryptedQueryStore::fileIsOwnerOnlyAndHoldsNoPlainText()
{
    QTemporaryDir dir;
    const QString storeDir = dir.filePath("store");
    EncryptedQueryStore store(storeDir, StoreCipher(kKey), [] { return kToday; });
    QCOMPARE(store.save(pendingQuery(1)), QString());
    QFile file(store.fileOf(kToday));
    QCOMPARE(file.permissions() & ~(QFile::ReadUser | QFile::WriteUser),
             QFile::ReadOwner | QFile::WriteOwner);
    QCOMPARE(QFile(storeDir).permissions() & 0x0FF, QFileDevice::Permissions()); // no group/other bits
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.startsWith("OQSS1"));
    QVERIFY(!bytes.contains("7654321"));
    QVERIFY(!bytes.contains("01130012"));
    QVERIFY(!bytes.contains("P-1"));
    QVERIFY(QDir(storeDir).entryList(QDir::Files).size() == 1); // no temporary file left behind
}

void TestEncryptedQueryStore::alteredFileIsRefusedNotMisread_data()
{
    QTest::addColumn<int>("flipAt"); // byte to flip; -1 = use another key
    QTest::newRow("nonce") << 6;
    QTest::newRow("ciphertext") << 40;
    QTest::newRow("tag") << -2;
    QTest::newRow("other key") << -1;
}

void TestEncryptedQueryStore::alteredFileIsRefusedNotMisread()
{
    QFETCH(int, flipAt);
    QTemporaryDir dir;
    EncryptedQueryStore store(dir.path(), StoreCipher(kKey), [] { return kToday; });
    QCOMPARE(store.save(pendingQuery(1)), QString());
    QByteArray key = kKey;
    if (flipAt == -1) {
        key[0] = 'x';
    } else {
        QFile file(store.fileOf(kToday));
        QVERIFY(file.open(QIODevice::ReadWrite));
        QByteArray bytes = file.readAll();
        const qsizetype at = flipAt >= 0 ? flipAt : bytes.size() + flipAt;
        bytes[at] = char(bytes[at] ^ 0x01);
        file.seek(0);
        file.write(bytes);
    }
    EncryptedQueryStore reopened(dir.path(), StoreCipher(key), [] { return kToday; });
    QVERIFY(reopened.loadToday().isEmpty());
    QVERIFY(!reopened.loadProblem().isEmpty());
}

void TestEncryptedQueryStore::endOfDayPurgesYesterday()
{
    QTemporaryDir dir;
    Date today = kToday;
    EncryptedQueryStore store(dir.path(), StoreCipher(kKey), [&today] { return today; });
    QCOMPARE(store.save(pendingQuery(1)), QString());
    QVERIFY(QFile::exists(store.fileOf(kToday)));

    today = kToday.addDays(1); // the counter stays open past midnight
    QCOMPARE(store.save(pendingQuery(2)), QString());
    QVERIFY(!QFile::exists(store.fileOf(kToday)));
    QCOMPARE(store.loadToday().size(), 1);

    today = kToday.addDays(3); // first start after a long weekend
    QVERIFY(store.loadToday().isEmpty());
    QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());
}

void TestEncryptedQueryStore::keyFileIsCreatedOnceOwnerOnly()
{
    QTemporaryDir dir;
    const QString keyFile = dir.filePath("config/store.key");
    QString problem;
    auto first = StoreCipher::fromKeyFile(keyFile, problem);
    QVERIFY2(first, qPrintable(problem));
    QCOMPARE(QFile(keyFile).size(), qint64(StoreCipher::kKeyBytes));
    QCOMPARE(QFile(keyFile).permissions() & ~(QFile::ReadUser | QFile::WriteUser),
             QFile::ReadOwner | QFile::WriteOwner);
    auto second = StoreCipher::fromKeyFile(keyFile, problem);
    QVERIFY(second);
    const QByteArray sealed = first->seal("text", "ad");
    QCOMPARE(second->open(sealed, "ad"), std::optional<QByteArray>("text"));
    QCOMPARE(second->open(sealed, "other day"), std::optional<QByteArray>());
}

void TestEncryptedQueryStore::keyFileOfWrongSizeIsRefused()
{
    QTemporaryDir dir;
    const QString keyFile = dir.filePath("store.key");
    QFile file(keyFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("short");
    file.close();
    QString problem;
    QVERIFY(!StoreCipher::fromKeyFile(keyFile, problem));
    QVERIFY(problem.contains("5 bytes"));
    QCOMPARE(QFile(keyFile).size(), qint64(5)); // never overwritten: the day's data would be lost with it
}

QTEST_GUILESS_MAIN(TestEncryptedQueryStore)
#include "TestEncryptedQueryStore.moc"
