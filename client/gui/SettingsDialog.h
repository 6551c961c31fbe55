// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/CardReader.h"
#include "core/ClientSettings.h"
#include "core/ConnectionSelfTest.h"

#include <QDialog>
#include <QList>
#include <utility>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace oqs::client::gui {

/// Settings: server URL, institution certificate (PKCS#12 file and its password), server CA, terminal ID, card
/// reader, CSV defaults, language; and the connection self-test, run with what is typed before it is saved.
class SettingsDialog : public QDialog {
    Q_OBJECT

public:
    /// `reader` may be null (no reader implementation in this build).
    SettingsDialog(const core::ClientSettings& settings, const QString& pkcs12Password, const core::CardReader* reader,
                   QWidget* parent = nullptr);

    /// The settings as edited (password excluded).
    core::ClientSettings settings() const;
    QString pkcs12Password() const;
    /// Runs the self-test against the values in the dialog; the report appears under the button.
    void runSelfTest();
    QString selfTestReport() const;
    QLineEdit* urlField() const { return m_url; }

signals:
    void selfTestFinished();

private:
    /// Shows one line per check, ○ in green when it passed, × in red when not.
    void showReport(const QList<std::pair<bool, QString>>& lines);

    QLineEdit* m_url;
    QLineEdit* m_pkcs12;
    QLineEdit* m_password;
    QLineEdit* m_ca;
    QLineEdit* m_terminal;
    QComboBox* m_reader;
    QCheckBox* m_pinMode; ///< PIN mode of My Number card checks
    QComboBox* m_encoding;
    QComboBox* m_language;
    QPushButton* m_selfTestButton;
    QLabel* m_report;
    const core::CardReader* m_cardReader;
    core::ClientSettings m_original;
    std::unique_ptr<core::ServerClient> m_testClient;
    std::unique_ptr<core::ConnectionSelfTest> m_selfTest;
};

} // namespace oqs::client::gui
