// SPDX-License-Identifier: Apache-2.0
#include "core/UiLanguage.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>

namespace oqs::client::core {

bool UiLanguage::install(const QString& language)
{
    QCoreApplication::removeTranslator(&m_client);
    QCoreApplication::removeTranslator(&m_qt);
    const bool english = language == QLatin1String("en");
    const QLocale locale(english ? QLocale::English : QLocale::Japanese,
                         english ? QLocale::UnitedStates : QLocale::Japan);
    QLocale::setDefault(locale);
    // Qt's stock texts (OK / Cancel of the standard buttons) are English in the library itself.
    if (!english && m_qt.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                              QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(&m_qt);
    }
    if (!english) {
        return true;
    }
    if (!m_client.load(QStringLiteral(":/i18n/oqs_en.qm"))) {
        QLocale::setDefault(QLocale(QLocale::Japanese, QLocale::Japan));
        return false;
    }
    QCoreApplication::installTranslator(&m_client);
    return true;
}

common::Language UiLanguage::current()
{
    return QLocale().language() == QLocale::English ? common::Language::English : common::Language::Japanese;
}

} // namespace oqs::client::core
