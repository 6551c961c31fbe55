// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/CardReader.h"

namespace oqs::tests {

/// A CardReader the GUI tests drive by hand: the test emits the signals a PC/SC reader would.
class FakeCardReader : public client::core::CardReader {
    Q_OBJECT

public:
    using CardReader::CardReader;

    QStringList readers() const override { return m_readers; }
    void start(const QString& readerName) override { m_started = readerName.isEmpty() ? "*" : readerName; }
    void stop() override { m_started.clear(); }

    QStringList m_readers{QStringLiteral("Test Reader 00 00")};
    QString m_started;
};

} // namespace oqs::tests
