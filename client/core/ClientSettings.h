// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/ResultCsvExporter.h"
#include "core/ServerClient.h"

#include <QSettings>

namespace oqs::client::core {

/// What the settings screen changes, kept in QSettings (the OS's per-user settings store). The PKCS#12 password
/// is not among them: it comes from OQS_PKCS12_PASSWORD or is typed in and stays in memory.
struct ClientSettings {
    ServerSettings server;  ///< URL, PKCS#12 file, server CA, terminal (password left empty)
    QString readerName;     ///< empty = the first reader
    bool pinMode = false;   ///< My Number card checks with the patient's PIN and a signed server challenge (D3)
    common::TextEncoding csvEncoding = common::TextEncoding::Utf8Bom;
    QList<ResultCsvExporter::Column> csvColumns = ResultCsvExporter::allColumns();
    QString language = QStringLiteral("ja"); ///< "ja" or "en"

    /// Reads the stored settings; missing keys keep the defaults above.
    static ClientSettings load(QSettings& store);
    /// Writes every setting (not the password).
    void save(QSettings& store) const;
};

} // namespace oqs::client::core
