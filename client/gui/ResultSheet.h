// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/ReceptionService.h"

#include <QCoreApplication>
#include <QImage>
#include <QString>

class QPrinter;

namespace oqs::client::gui {

/// The printable result sheet (結果票) of one answered query: the verdict in words, the patient's insurance
/// details, the data freshness, the receipt number and the result QR code for the HIS (resources/docs/qr-payload.md).
class ResultSheet {
    // Qualified, so that the context lupdate writes into the .ts is the one looked up at run time.
    Q_DECLARE_TR_FUNCTIONS(oqs::client::gui::ResultSheet)

public:
    explicit ResultSheet(const core::Query& query);

    /// The result QR payload (ASCII); empty if the answer has no qualification to hand over.
    QString qrPayload() const { return m_qrPayload; }
    /// The sheet as HTML (what is printed), for tests and the print preview.
    QString html() const;
    /// Prints on `printer` (a real printer or QPrinter::PdfFormat). The QR code is drawn at ≥ 30 mm.
    void print(QPrinter& printer) const;
    /// Writes the sheet as a PDF file; returns an empty string on success, else what failed.
    QString writePdf(const QString& path) const;

private:
    core::Query m_query;
    QString m_qrPayload;
};

} // namespace oqs::client::gui
