// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <oqs/common/CardChallengeMessages.h>
#include <oqs/common/Messages.h>
#include <oqs/common/SessionMessages.h>

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

#include <optional>

namespace oqs::client::core {

/// Where the server is and how the counter proves which institution it is.
struct ServerSettings {
    QUrl baseUrl;             ///< e.g. https://oqs.example.jp:8443
    QString pkcs12File;       ///< the institution certificate and key
    QString pkcs12Password;
    QString serverCaFile;     ///< PEM of the CA that issued the server certificate; empty = system CAs
    QString terminalId;       ///< which counter PC, for the audit log
    QString clerkId;
    int timeoutMs = 10000;
};

/// What came back for one call: either the server's answer (any HTTP status with our JSON body), or a transport
/// failure that tells the queue to keep the query and retry.
struct ServerReply {
    enum class Transport { Answered, Timeout, Unreachable, TlsFailure, BadResponse };
    Transport transport = Transport::Unreachable;
    int httpStatus = 0;
    std::optional<common::VerificationAnswer> answer; ///< verification endpoints
    std::optional<common::ErrorAnswer> error;         ///< other endpoints' errors
    std::optional<common::SessionAnswer> session;     ///< login and password change
    std::optional<common::HistoryPage> history;       ///< history search
    std::optional<common::CardChallenge> challenge;   ///< PIN mode: a card challenge
    int retryAfterSeconds = 0;
    QDateTime serverTime; ///< the server's HTTP Date header (second precision), for the clock check
    QString detail; ///< technical, for the log and the self-test; never shown as the clerk's message

    /// Answered with a verdict or a definitive refusal: the query is done. Not final: transport failures, closed /
    /// busy, and unauthenticated (the clerk's session ended: the query waits for the next login).
    bool isFinal() const;
};

/// The HTTPS client of Web-API v1 with the institution certificate (mutual TLS). Asynchronous: each call returns
/// at once and later emits replied() with its call id. Lives in, and must be called from, one thread.
class ServerClient : public QObject {
    Q_OBJECT

public:
    explicit ServerClient(QObject* parent = nullptr);

    /// Loads the PKCS#12 file and the server CA. Returns an empty string on success, else what is wrong,
    /// in words for the settings screen.
    QString configure(const ServerSettings& settings);
    bool isConfigured() const { return m_configured; }
    const ServerSettings& settings() const { return m_settings; }

    quint64 verifyInsuranceCard(const common::InsuranceCardVerificationRequest& request);
    quint64 verifyMyNumberCard(const common::CertificateVerificationRequest& request);
    /// PIN mode: a challenge for the card to sign, bound to this clerk's session; a reply with `challenge` set.
    quint64 requestCardChallenge();
    quint64 fetchByReceipt(const QString& receiptNumber);
    quint64 checkHealth();
    /// GET /v1/history: the own institution's checks, newest first; a reply with `history` set, or `error`
    /// (bad-request with field errors when the server refuses the range).
    quint64 searchHistory(const common::HistoryQuery& query);
    /// The clerk's login (D7); a reply with `session` set carries the token, which the caller hands to
    /// setSessionToken(). Refusals (wrong password, locked) come back as error unauthenticated.
    quint64 login(const QString& userId, const QString& password);
    /// First-login (or voluntary) password change within the current session.
    quint64 changePassword(const QString& currentPassword, const QString& newPassword);
    /// Every later call carries "Authorization: Bearer <token>"; empty = no session.
    void setSessionToken(const QString& token) { m_token = token.toLatin1(); }
    bool hasSession() const { return !m_token.isEmpty(); }

signals:
    void replied(quint64 callId, const oqs::client::core::ServerReply& reply);

private:
    enum class Expect { Nothing, Answer, Session, History, Challenge };
    quint64 send(const QString& method, const QString& path, const QByteArray& body, Expect expect);

    QNetworkAccessManager m_network;
    QSslConfiguration m_ssl;
    ServerSettings m_settings;
    bool m_configured = false;
    QByteArray m_token;
    quint64 m_nextCallId = 1;
};

} // namespace oqs::client::core

Q_DECLARE_METATYPE(oqs::client::core::ServerReply)
