// SPDX-License-Identifier: Apache-2.0
#include "core/ServerClient.h"

#include "core/UiLanguage.h"

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
    return status && kindOf(*status) != StatusKind::ServiceUnavailable && *status != Status::Unauthenticated;
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
    return send("POST", "/v1/verifications/insurance-card", QByteArray::fromStdString(encode(request)), Expect::Answer);
}

quint64 ServerClient::verifyMyNumberCard(const CertificateVerificationRequest& request)
{
    return send("POST", "/v1/verifications/my-number-card", QByteArray::fromStdString(encode(request)),
                Expect::Answer);
}

quint64 ServerClient::fetchByReceipt(const QString& receiptNumber)
{
    return send("GET", "/v1/verifications/" + QString::fromLatin1(QUrl::toPercentEncoding(receiptNumber)), {},
                Expect::Answer);
}

quint64 ServerClient::searchHistory(const HistoryQuery& query)
{
    // Every value percent-encoded, '+' included: a server may read a bare '+' in a query as a space.
    QStringList parameters;
    const auto add = [&parameters](const char* name, const std::string& value) {
        parameters.append(QLatin1String(name) + '=' +
                          QString::fromLatin1(QUrl::toPercentEncoding(QString::fromStdString(value))));
    };
    if (query.from) {
        add("from", query.from->toIso());
    }
    if (query.to) {
        add("to", query.to->toIso());
    }
    if (!query.identifier.empty()) {
        add("identifier", query.identifier);
    }
    if (query.status) {
        add("status", std::string(toWire(*query.status)));
    }
    add("limit", std::to_string(query.limit));
    add("offset", std::to_string(query.offset));
    return send("GET", "/v1/history?" + parameters.join('&'), {}, Expect::History);
}

quint64 ServerClient::checkHealth()
{
    return send("GET", "/healthz", {}, Expect::Nothing);
}

quint64 ServerClient::login(const QString& userId, const QString& password)
{
    const LoginRequest request{userId.toStdString(), password.toStdString(), m_settings.terminalId.toStdString()};
    return send("POST", "/v1/sessions", QByteArray::fromStdString(encode(request)), Expect::Session);
}

quint64 ServerClient::changePassword(const QString& currentPassword, const QString& newPassword)
{
    const PasswordChangeRequest request{currentPassword.toStdString(), newPassword.toStdString()};
    return send("POST", "/v1/sessions/current/password", QByteArray::fromStdString(encode(request)), Expect::Session);
}

quint64 ServerClient::requestCardChallenge()
{
    return send("POST", "/v1/verifications/my-number-card/challenge",
                QByteArray::fromStdString(encode(CardChallengeRequest{})), Expect::Challenge);
}

quint64 ServerClient::send(const QString& method, const QString& path, const QByteArray& body, Expect expect)
{
    const quint64 callId = m_nextCallId++;
    QUrl url = m_settings.baseUrl;
    const qsizetype queryStart = path.indexOf('?');
    url.setPath(path.left(queryStart));
    if (queryStart >= 0) {
        url.setQuery(path.mid(queryStart + 1), QUrl::StrictMode);
    }
    QNetworkRequest request(url);
    request.setSslConfiguration(m_ssl);
    request.setTransferTimeout(m_settings.timeoutMs);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    // The server words its messages in the screen's language (the default locale, set from the settings at start).
    request.setRawHeader("Accept-Language", UiLanguage::current() == Language::English ? "en" : "ja");
    request.setRawHeader("X-OQS-Terminal", m_settings.terminalId.toUtf8());
    request.setRawHeader("X-OQS-Clerk", m_settings.clerkId.toUtf8());
    if (!m_token.isEmpty()) {
        request.setRawHeader("Authorization", "Bearer " + m_token);
    }
    QNetworkReply* reply = m_network.sendCustomRequest(request, method.toLatin1(), body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, callId, expect] {
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
        if (expect == Expect::Answer) {
            if (auto answer = decode<VerificationAnswer>(text)) {
                result.answer = std::move(answer).value();
            }
        } else if (expect == Expect::Session && result.httpStatus / 100 == 2) {
            if (auto session = decode<SessionAnswer>(text)) {
                result.session = std::move(session).value();
            }
        } else if (expect == Expect::History && result.httpStatus == 200) {
            if (auto history = decode<HistoryPage>(text)) {
                result.history = std::move(history).value();
            }
        } else if (expect == Expect::Challenge && result.httpStatus == 200) {
            if (auto challenge = decode<CardChallenge>(text)) {
                result.challenge = std::move(challenge).value();
            }
        }
        if (!result.answer && !result.session && !result.history && !result.challenge) {
            if (auto error = decode<ErrorAnswer>(text)) {
                result.error = std::move(error).value();
            } else if (expect != Expect::Nothing || result.httpStatus != 200) {
                result.transport = ServerReply::Transport::BadResponse;
                result.detail = QStringLiteral("HTTP %1 with an unreadable body").arg(result.httpStatus);
            }
        }
        emit replied(callId, result);
    });
    return callId;
}

} // namespace oqs::client::core
