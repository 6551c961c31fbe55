// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <oqs/common/Status.h>

#include <QString>
#include <QTranslator>

namespace oqs::client::core {

/// The language of the reception screens. Japanese is the source language of every tr() string; English comes
/// from resources/translations/oqs_en.ts, built into the client as :/i18n/oqs_en.qm. The choice also sets the
/// default QLocale, which is how the rest of the client (server messages, status texts of common/) learns it.
/// Install before the first window is built: widgets translate their texts once, when they are made.
class UiLanguage {
public:
    /// Installs the translators for "en" or "ja" (anything else counts as "ja") on the running application and
    /// removes those of an earlier call. Returns false if the English catalogue is missing from the build (the
    /// screens then stay Japanese); Qt's own texts (standard buttons) follow when the system has them.
    bool install(const QString& language);

    /// The language of common/'s status and field messages that matches the current default QLocale.
    static common::Language current();

private:
    QTranslator m_client;
    QTranslator m_qt;
};

} // namespace oqs::client::core
