// SPDX-License-Identifier: Apache-2.0
#include "core/ServerClient.h"

#include <oqs/common/JsonCodec.h>

#include <QFile>
#include <QNetworkReply>
#include <QSslKey>

using namespace oqs::common;

namespace oqs::client::core {

bool ServerReply::isFinal() const
{
    if (transport != Transport::Answered) {
        return false;
    }
    const std::optional<Status> status = answer ? std::optional(answer->status)
                                                : error ? std::optional(error->status) : std::nullopt;
    return status && kindOf(*status) != StatusKind::ServiceUnavailable;
}

ServerClient::ServerClient(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<ServerReply>();
}

QString ServerClient::configure(const ServerSettings& settings)
{
    m_configured = false;
    m_settings = settings;
    if (!settings.baseUrl.isValid() || settings.baseUrl.scheme() != QLatin1String("https")) {
        return tr("サーバーのURLは https:// で始めてください。");
    }
    QFile pkcs12(settings.pkcs12File);
    if (!pkcs12.open(QIODevice::ReadOnly)) {
        return tr("施設の証明書ファイル（PKCS#12）を開けません: %1").arg(settings.pkcs12File);
    }
    QSslKey key;
    QSslCertificate certificate;
    QList<QSslCertificate> chain;
    if (!QSslCertificate::importPkcs12(&pkcs12, &key, &certificate, &chain, settings.pkcs12Password.toUtf8())) {
        return tr("施設の証明書を読み込めません。パスワードが正しいか確認してください。");
    }
    m_ssl = QSslConfiguration::defaultConfiguration();
    m_ssl.setProtocol(QSsl::TlsV1_2OrLater);
    m_ssl.setPrivateKey(key);
    m_ssl.setLocalCertificate(certificate);
    m_ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!settings.serverCaFile.isEmpty()) {
        const auto authorities = QSslCertificate::fromPath(settings.serverCaFile);
        if (authorities.isEmpty()) {
            return tr("サーバーの認証局証明書を読み込めません: %1").arg(settings.serverCaFile);
        }
        m_ssl.setCaCertificates(authorities);
    }
    m_configured = true;
    return {};
}

quint64 ServerClient::verifyInsuranceCard(const InsuranceCardVerificationRequest& request)
{
    return send("POST", "/v1/verifications/insurance-card", QByteArray::fromStdString(encode(request)), true);
}

quint64 ServerClient::verifyMyNumberCard(const CertificateVerificationRequest& request)
{
    return send("POST", "/v1/verifications/my-number-card", QByteArray::fromStdString(encode(request)), true);
}

quint64 ServerClient::fetchByReceipt(const QString& receiptNumber)
{
    return send("GET", "/v1/verifications/" + QString::fromLatin1(QUrl::toPercentEncoding(receiptNumber)), {}, true);
}

quint64 ServerClient::checkHealth()
{
    return send("GET", "/healthz", {}, false);
}

quint64 ServerClient::send(const QString& method, const QString& path, const QByteArray& body, bool expectsAnswer)
{
    const quint64 callId = m_nextCallId++;
    QUrl url = m_settings.baseUrl;
    url.setPath(path);
    QNetworkRequest request(url);
    request.setSslConfiguration(m_ssl);
    request.setTransferTimeout(m_settings.timeoutMs);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    request.setRawHeader("Accept-Language", "ja");
    request.setRawHeader("X-OQS-Terminal", m_settings.terminalId.toUtf8());
    request.setRawHeader("X-OQS-Clerk", m_settings.clerkId.toUtf8());
    QNetworkReply* reply = m_network.sendCustomRequest(request, method.toLatin1(), body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, callId, expectsAnswer] {
        reply->deleteLater();
        ServerReply result;
        result.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.retryAfterSeconds = reply->rawHeader("Retry-After").toInt();
        result.serverTime = QDateTime::fromString(QString::fromLatin1(reply->rawHeader("Date")), Qt::RFC2822Date);
        const QByteArray payload = reply->readAll();
        if (result.httpStatus == 0) {
            switch (reply->error()) {
            case QNetworkReply::OperationCanceledError:
            case QNetworkReply::TimeoutError:
                result.transport = ServerReply::Transport::Timeout;
                break;
            case QNetworkReply::SslHandshakeFailedError:
                result.transport = ServerReply::Transport::TlsFailure;
                break;
            default:
                result.transport = ServerReply::Transport::Unreachable;
            }
            result.detail = reply->errorString();
            emit replied(callId, result);
            return;
        }
        result.transport = ServerReply::Transport::Answered;
        const std::string text = payload.toStdString();
        if (expectsAnswer) {
            if (auto answer = decode<VerificationAnswer>(text)) {
                result.answer = std::move(answer).value();
            }
        }
        if (!result.answer) {
            if (auto error = decode<ErrorAnswer>(text)) {
                result.error = std::move(error).value();
            } else if (expectsAnswer || result.httpStatus != 200) {
                result.transport = ServerReply::Transport::BadResponse;
                result.detail = QStringLiteral("HTTP %1 with an unreadable body").arg(result.httpStatus);
            }
        }
        emit replied(callId, result);
    });
    return callId;
}

} // namespace oqs::client::core
