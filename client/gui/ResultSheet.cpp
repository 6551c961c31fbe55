// SPDX-License-Identifier: Apache-2.0
#include "gui/ResultSheet.h"

#include "gui/QrImage.h"
#include "gui/QualificationText.h"
#include "gui/ResultLook.h"

#include <QCoreApplication>
#include <QFile>
#include <QPainter>
#include <QPrinter>
#include <QTextDocument>
#include <QUrl>
#include <oqs/common/QrPayload.h>

namespace oqs::client::gui {
namespace {

constexpr int kQrPixels = 600;
const QUrl kQrResource(QStringLiteral("oqs://result-qr.png"));

} // namespace

ResultSheet::ResultSheet(const core::Query& query) : m_query(query)
{
    if (query.answer) {
        if (const auto qr = common::resultQrOf(*query.answer)) {
            m_qrPayload = QString::fromStdString(common::encodeQr(*qr));
        }
    }
}

QString ResultSheet::html() const
{
    const ResultLook look = ResultLook::of(m_query);
    QString html = QStringLiteral("<h1>%1</h1>").arg(ResultSheet::tr("オンライン資格確認 結果票"));
    html += QStringLiteral("<h2>%1 %2</h2><p>%3</p>")
                .arg(look.symbol, look.headline.toHtmlEscaped(), look.nextStep.toHtmlEscaped());
    html += QStringLiteral("<table cellpadding='4'>");
    for (const auto& [label, value] : QualificationText::answerRows(m_query)) {
        html += QStringLiteral("<tr><th align='left'>%1</th><td>%2</td></tr>")
                    .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    }
    html += QStringLiteral("</table>");
    if (!m_qrPayload.isEmpty()) {
        html += QStringLiteral("<p>%1</p><img src='%2' width='160' height='160'>")
                    .arg(ResultSheet::tr("医療機関システム取込用QRコード"), kQrResource.toString());
    }
    return html;
}

void ResultSheet::print(QPrinter& printer) const
{
    QTextDocument document;
    if (!m_qrPayload.isEmpty()) {
        document.addResource(QTextDocument::ImageResource, kQrResource, QrImage::render(m_qrPayload, kQrPixels));
    }
    document.setHtml(html());
    document.print(&printer);
}

QString ResultSheet::writePdf(const QString& path) const
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(path);
    printer.setPageSize(QPageSize(QPageSize::A4));
    print(printer);
    if (!QFile::exists(path) || QFile(path).size() == 0) {
        return ResultSheet::tr("PDFを書き込めません: %1").arg(path);
    }
    return {};
}

} // namespace oqs::client::gui
