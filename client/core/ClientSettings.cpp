// SPDX-License-Identifier: Apache-2.0
#include "core/ClientSettings.h"

namespace oqs::client::core {

ClientSettings ClientSettings::load(QSettings& store)
{
    ClientSettings settings;
    settings.server.baseUrl = QUrl(store.value("server/url").toString());
    settings.server.pkcs12File = store.value("server/pkcs12").toString();
    settings.server.serverCaFile = store.value("server/ca").toString();
    settings.server.terminalId = store.value("server/terminal").toString();
    settings.readerName = store.value("reader/name").toString();
    settings.pinMode = store.value("reader/pinMode", false).toBool();
    settings.csvEncoding = store.value("csv/encoding").toString() == QLatin1String("cp932")
                               ? common::TextEncoding::Cp932
                               : common::TextEncoding::Utf8Bom;
    if (store.contains("csv/columns")) {
        const QStringList keys = store.value("csv/columns").toStringList();
        settings.csvColumns.clear();
        for (ResultCsvExporter::Column column : ResultCsvExporter::allColumns()) {
            if (keys.contains(ResultCsvExporter::keyOf(column))) {
                settings.csvColumns.append(column);
            }
        }
    }
    settings.language = store.value("ui/language", settings.language).toString() == QLatin1String("en")
                            ? QStringLiteral("en")
                            : QStringLiteral("ja");
    return settings;
}

void ClientSettings::save(QSettings& store) const
{
    store.setValue("server/url", server.baseUrl.toString());
    store.setValue("server/pkcs12", server.pkcs12File);
    store.setValue("server/ca", server.serverCaFile);
    store.setValue("server/terminal", server.terminalId);
    store.setValue("reader/name", readerName);
    store.setValue("reader/pinMode", pinMode);
    store.setValue("csv/encoding", csvEncoding == common::TextEncoding::Cp932 ? "cp932" : "utf-8-bom");
    QStringList keys;
    for (ResultCsvExporter::Column column : csvColumns) {
        keys.append(ResultCsvExporter::keyOf(column));
    }
    store.setValue("csv/columns", keys);
    store.setValue("ui/language", language);
    store.sync();
}

} // namespace oqs::client::core
