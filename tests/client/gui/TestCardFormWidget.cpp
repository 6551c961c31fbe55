// SPDX-License-Identifier: Apache-2.0
#include "gui/CardFormWidget.h"

#include <oqs/common/QrPayload.h>

#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

using namespace oqs::client::gui;
using namespace oqs::common;

Q_DECLARE_METATYPE(oqs::common::InsuranceCardVerificationRequest)

class TestCardFormWidget : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void typedCardIsSubmittedAndFormCleared();
    void fullWidthDigitsAreAccepted();
    void badInputShowsFieldMessagesAndKeepsText_data();
    void badInputShowsFieldMessagesAndKeepsText();
    void scannerTypingQrFillsEveryField();
    void damagedScanIsReportedNotSent();

private:
    void type(const QString& field, const QString& text);

    CardFormWidget* m_form = nullptr;
};

void TestCardFormWidget::init()
{
    qRegisterMetaType<InsuranceCardVerificationRequest>();
    m_form = new CardFormWidget;
    m_form->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_form));
}

void TestCardFormWidget::cleanup()
{
    delete m_form;
}

void TestCardFormWidget::type(const QString& field, const QString& text)
{
    QLineEdit* edit = m_form->field(field);
    edit->setFocus();
    bool ascii = true;
    for (const QChar c : text) {
        ascii = ascii && c.unicode() < 0x80;
    }
    if (ascii) {
        QTest::keyClicks(edit, text);
        return;
    }
    // Kanji and full-width digits arrive from the Japanese input method as committed text, not as key presses.
    QInputMethodEvent commit;
    commit.setCommitString(text);
    QCoreApplication::sendEvent(edit, &commit);
}

void TestCardFormWidget::typedCardIsSubmittedAndFormCleared()
{
    QSignalSpy submitted(m_form, &CardFormWidget::submitted);
    type("insurerNumber", "01130012");
    type("number", "1234");
    type("branch", "01");
    type("birthDate", "19800401");
    type("identifier", "P-77");
    QTest::keyClick(m_form->field("identifier"), Qt::Key_Return);
    QCOMPARE(submitted.size(), 1);
    const auto request = submitted.front().front().value<InsuranceCardVerificationRequest>();
    QCOMPARE(request.card, (InsuranceCardKey{"01130012", "", "1234", "01"}));
    QCOMPARE(request.identifier, std::string("P-77"));
    QVERIFY(m_form->field("number")->text().isEmpty()); // ready for the next patient
}

void TestCardFormWidget::fullWidthDigitsAreAccepted()
{
    QSignalSpy submitted(m_form, &CardFormWidget::submitted);
    type("insurerNumber", QStringLiteral("０１１３００１２"));
    QCOMPARE(m_form->errorOf("insurerNumber"), QString());
    type("number", QStringLiteral("１２３４"));
    type("branch", QStringLiteral("０１"));
    type("birthDate", QStringLiteral("１９８０－０４－０１"));
    m_form->submitButton()->click();
    QCOMPARE(submitted.size(), 1);
    QCOMPARE(submitted.front().front().value<InsuranceCardVerificationRequest>().card.insurerNumber,
             std::string("01130012"));
}

void TestCardFormWidget::badInputShowsFieldMessagesAndKeepsText_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("text");
    QTest::newRow("check digit") << "insurerNumber" << "01130013";
    QTest::newRow("letters in insurer") << "insurerNumber" << "0113A012";
    QTest::newRow("impossible birth date") << "birthDate" << "19800230";
    QTest::newRow("future consultation") << "consultationDate" << "20991231";
    QTest::newRow("branch letters") << "branch" << "ab";
}

void TestCardFormWidget::badInputShowsFieldMessagesAndKeepsText()
{
    QFETCH(QString, field);
    QFETCH(QString, text);
    QSignalSpy submitted(m_form, &CardFormWidget::submitted);
    type(field, text);
    QVERIFY2(!m_form->errorOf(field).isEmpty(), "live message under the field");
    QCOMPARE(m_form->errorOf(field == "insurerNumber" ? "number" : "insurerNumber"), QString()); // untouched: quiet
    m_form->submitButton()->click();
    QCOMPARE(submitted.size(), 0);
    QVERIFY(!m_form->errorOf(field).isEmpty());
    QVERIFY(!m_form->errorOf("number").isEmpty() || field == "number"); // on send, every missing field says so
    QCOMPARE(m_form->field(field)->text(), text); // nothing lost
}

void TestCardFormWidget::scannerTypingQrFillsEveryField()
{
    QSignalSpy submitted(m_form, &CardFormWidget::submitted);
    type("identifier", "P-9");
    const QString payload =
        QString::fromStdString(encodeQr(InsuranceCardQr{{"01130012", "東京", "5678", "02"}, Date{1975, 12, 31}}));
    type("number", payload);
    QCOMPARE(m_form->field("insurerNumber")->text(), QStringLiteral("01130012"));
    QCOMPARE(m_form->field("symbol")->text(), QStringLiteral("東京"));
    QCOMPARE(m_form->field("number")->text(), QStringLiteral("5678"));
    QCOMPARE(m_form->field("branch")->text(), QStringLiteral("02"));
    QCOMPARE(m_form->field("birthDate")->text(), QStringLiteral("1975-12-31"));
    QCOMPARE(m_form->field("identifier")->text(), QStringLiteral("P-9"));
    QCOMPARE(m_form->errorOf("number"), QString());
    QTest::keyClick(m_form->field("number"), Qt::Key_Return); // the scanner's closing Enter
    QCOMPARE(submitted.size(), 1);
    QCOMPARE(submitted.front().front().value<InsuranceCardVerificationRequest>().card.symbol, std::string("東京"));
}

void TestCardFormWidget::damagedScanIsReportedNotSent()
{
    QSignalSpy submitted(m_form, &CardFormWidget::submitted);
    type("number", "OQSC1|0113|x");
    QCOMPARE(m_form->errorOf("number"), QString()); // no shouting while the scanner types
    QTest::keyClick(m_form->field("number"), Qt::Key_Return);
    QCOMPARE(submitted.size(), 0);
    QCOMPARE(m_form->field("number")->text(), QStringLiteral("OQSC1|0113|x"));
}

QTEST_MAIN(TestCardFormWidget)
#include "TestCardFormWidget.moc"
