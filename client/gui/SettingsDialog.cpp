// SPDX-License-Identifier: Apache-2.0
#include "gui/SettingsDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace oqs::client::gui {
namespace {

/// A line edit with a "参照…" button that picks a file.
QWidget* withBrowse(QLineEdit* edit, const QString& filter, QWidget* parent)
{
    auto* row = new QWidget(parent);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* browse = new QPushButton(SettingsDialog::tr("参照…"), row);
    QObject::connect(browse, &QPushButton::clicked, row, [edit, filter, row] {
        const QString file = QFileDialog::getOpenFileName(row, QString(), edit->text(), filter);
        if (!file.isEmpty()) {
            edit->setText(file);
        }
    });
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    return row;
}

} // namespace

SettingsDialog::SettingsDialog(const core::ClientSettings& settings, const QString& pkcs12Password,
                               const core::CardReader* reader, QWidget* parent)
    : QDialog(parent), m_cardReader(reader), m_original(settings)
{
    setWindowTitle(tr("設定"));
    m_url = new QLineEdit(settings.server.baseUrl.toString(), this);
    m_url->setPlaceholderText(QStringLiteral("https://oqs.example.jp:8443"));
    m_pkcs12 = new QLineEdit(settings.server.pkcs12File, this);
    m_password = new QLineEdit(pkcs12Password, this);
    m_password->setEchoMode(QLineEdit::Password);
    m_ca = new QLineEdit(settings.server.serverCaFile, this);
    m_ca->setPlaceholderText(tr("空欄はOSの認証局を使用"));
    m_terminal = new QLineEdit(settings.server.terminalId, this);
    m_reader = new QComboBox(this);
    m_reader->addItem(tr("最初に見つかったリーダー"), QString());
    if (reader) {
        for (const QString& name : reader->readers()) {
            m_reader->addItem(name, name);
        }
    }
    m_reader->setCurrentIndex(std::max(0, m_reader->findData(settings.readerName)));
    m_pinMode = new QCheckBox(tr("マイナンバーカードの暗証番号で本人確認する（暗証番号モード）"), this);
    m_pinMode->setChecked(settings.pinMode);
    m_encoding = new QComboBox(this);
    m_encoding->addItem(tr("UTF-8（BOM付き）"), int(common::TextEncoding::Utf8Bom));
    m_encoding->addItem(tr("Shift_JIS（CP932）"), int(common::TextEncoding::Cp932));
    m_encoding->setCurrentIndex(m_encoding->findData(int(settings.csvEncoding)));
    m_language = new QComboBox(this);
    m_language->addItem(QStringLiteral("日本語"), QStringLiteral("ja"));
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->setCurrentIndex(std::max(0, m_language->findData(settings.language)));

    auto* form = new QFormLayout;
    form->addRow(tr("サーバーのURL"), m_url);
    form->addRow(tr("施設の証明書（PKCS#12）"), withBrowse(m_pkcs12, tr("PKCS#12 (*.p12 *.pfx)"), this));
    form->addRow(tr("証明書のパスワード"), m_password);
    form->addRow(tr("サーバーの認証局（PEM）"), withBrowse(m_ca, tr("PEM (*.pem *.crt)"), this));
    form->addRow(tr("端末ID"), m_terminal);
    form->addRow(tr("カードリーダー"), m_reader);
    form->addRow(QString(), m_pinMode);
    form->addRow(tr("CSVの文字コード"), m_encoding);
    form->addRow(tr("表示言語（次回起動時から）"), m_language);

    m_selfTestButton = new QPushButton(tr("接続テスト"), this);
    connect(m_selfTestButton, &QPushButton::clicked, this, &SettingsDialog::runSelfTest);
    m_report = new QLabel(this);
    m_report->setWordWrap(true);
    m_report->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setText(tr("保存"));
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("キャンセル"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_selfTestButton);
    layout->addWidget(m_report);
    layout->addWidget(buttons);
    resize(640, 0);
}

core::ClientSettings SettingsDialog::settings() const
{
    core::ClientSettings settings = m_original;
    settings.server.baseUrl = QUrl(m_url->text().trimmed());
    settings.server.pkcs12File = m_pkcs12->text().trimmed();
    settings.server.serverCaFile = m_ca->text().trimmed();
    settings.server.terminalId = m_terminal->text().trimmed();
    settings.readerName = m_reader->currentData().toString();
    settings.pinMode = m_pinMode->isChecked();
    settings.csvEncoding = common::TextEncoding(m_encoding->currentData().toInt());
    settings.language = m_language->currentData().toString();
    return settings;
}

QString SettingsDialog::pkcs12Password() const
{
    return m_password->text();
}

void SettingsDialog::runSelfTest()
{
    // A client of its own: the test must not disturb the counter's queue, and it tests what is typed, unsaved.
    m_testClient = std::make_unique<core::ServerClient>();
    core::ServerSettings server = settings().server;
    server.pkcs12Password = pkcs12Password();
    if (const QString problem = m_testClient->configure(server); !problem.isEmpty()) {
        showReport({{false, problem}});
        emit selfTestFinished();
        return;
    }
    m_selfTest = std::make_unique<core::ConnectionSelfTest>(*m_testClient, m_cardReader);
    connect(m_selfTest.get(), &core::ConnectionSelfTest::finished, this,
            [this](const QList<core::ConnectionSelfTest::Item>& items) {
                QList<std::pair<bool, QString>> lines;
                for (const auto& item : items) {
                    lines.append({item.ok, QStringLiteral("%1: %2").arg(item.check, item.detail)});
                }
                showReport(lines);
                m_selfTestButton->setEnabled(true);
                emit selfTestFinished();
            });
    m_selfTestButton->setEnabled(false);
    m_report->setText(tr("テスト中…"));
    m_selfTest->run();
}

void SettingsDialog::showReport(const QList<std::pair<bool, QString>>& lines)
{
    // Green ○ for what works, red × for what the clerk (or the support desk) has to fix: seen at a glance.
    QStringList html;
    for (const auto& [ok, text] : lines) {
        html << QStringLiteral("<span style=\"color:%1\">%2 %3</span>")
                    .arg(ok ? QStringLiteral("#1b5e20") : QStringLiteral("#b71c1c"), ok ? "○" : "×",
                         text.toHtmlEscaped());
    }
    m_report->setTextFormat(Qt::RichText);
    m_report->setText(html.join(QStringLiteral("<br>")));
}

QString SettingsDialog::selfTestReport() const
{
    return m_report->text();
}

} // namespace oqs::client::gui
