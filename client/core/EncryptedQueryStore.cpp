// SPDX-License-Identifier: Apache-2.0
#include "core/EncryptedQueryStore.h"

#include "core/DurableFile.h"

#include <oqs/common/JsonCodec.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

using namespace oqs::common;

namespace oqs::client::core {
namespace {

constexpr int kFormatVersion = 1;
const QString kFilePrefix = QStringLiteral("queries-");
const QString kFileSuffix = QStringLiteral(".oqs");

QString stateName(Query::State state)
{
    switch (state) {
    case Query::State::Queued:
    case Query::State::Sending: // the process that was sending it is gone: it is queued again
        return QStringLiteral("queued");
    case Query::State::Waiting:
        return QStringLiteral("waiting");
    case Query::State::Answered:
        return QStringLiteral("answered");
    }
    return QStringLiteral("queued");
}

Query::State stateFromName(const QString& name)
{
    if (name == QLatin1String("waiting")) {
        return Query::State::Waiting;
    }
    return name == QLatin1String("answered") ? Query::State::Answered : Query::State::Queued;
}

QString fromStd(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

/// Only what a restarted counter needs: the request while it is still to be sent, the answer's summary after.
QJsonObject toJson(const Query& query)
{
    QJsonObject object{
        {"id", QString::number(query.id)},
        {"mode", fromStd(toWire(query.mode))},
        {"state", stateName(query.state)},
        {"attempts", query.attempts},
        {"createdAt", query.createdAt.toString(Qt::ISODateWithMs)},
    };
    if (query.state != Query::State::Answered) {
        object.insert("nextAttemptAt", query.nextAttemptAt.toString(Qt::ISODateWithMs));
        object.insert("request", fromStd(query.mode == VerificationMode::InsuranceCard ? encode(query.insuranceCard)
                                                                                      : encode(query.myNumberCard)));
        return object;
    }
    const VerificationAnswer& answer = *query.answer;
    QJsonObject summary{
        {"status", fromStd(toWire(answer.status))},
        {"receiptNumber", fromStd(answer.receiptNumber)},
        {"identifier", fromStd(answer.identifier)},
        {"checkedAt", fromStd(answer.checkedAt)},
    };
    if (answer.consultationDate) {
        summary.insert("consultationDate", fromStd(answer.consultationDate->toIso()));
    }
    object.insert("answer", summary);
    return object;
}

std::optional<Query> fromJson(const QJsonObject& object)
{
    Query query;
    query.id = object.value("id").toString().toULongLong();
    const auto mode = verificationModeFromWire(object.value("mode").toString().toStdString());
    if (query.id == 0 || !mode) {
        return std::nullopt;
    }
    query.mode = *mode;
    query.state = stateFromName(object.value("state").toString());
    query.attempts = object.value("attempts").toInt();
    query.createdAt = QDateTime::fromString(object.value("createdAt").toString(), Qt::ISODateWithMs);
    if (query.state == Query::State::Answered) {
        const QJsonObject summary = object.value("answer").toObject();
        const auto status = statusFromWire(summary.value("status").toString().toStdString());
        if (!status) {
            return std::nullopt;
        }
        VerificationAnswer answer;
        answer.status = *status;
        answer.mode = query.mode;
        answer.message = messageOf(*status, Language::Japanese);
        answer.receiptNumber = summary.value("receiptNumber").toString().toStdString();
        answer.identifier = summary.value("identifier").toString().toStdString();
        answer.checkedAt = summary.value("checkedAt").toString().toStdString();
        answer.consultationDate = Date::parse(summary.value("consultationDate").toString().toStdString());
        query.insuranceCard.identifier = answer.identifier;
        query.myNumberCard.identifier = answer.identifier;
        query.answer = std::move(answer);
        query.answerIsSummary = true;
        return query;
    }
    query.nextAttemptAt = QDateTime::fromString(object.value("nextAttemptAt").toString(), Qt::ISODateWithMs);
    const std::string request = object.value("request").toString().toStdString();
    if (query.mode == VerificationMode::InsuranceCard) {
        auto decoded = decode<InsuranceCardVerificationRequest>(request);
        if (!decoded) {
            return std::nullopt;
        }
        query.insuranceCard = std::move(decoded).value();
    } else {
        auto decoded = decode<CertificateVerificationRequest>(request);
        if (!decoded) {
            return std::nullopt;
        }
        query.myNumberCard = std::move(decoded).value();
    }
    return query;
}

QByteArray associatedDataOf(const Date& day)
{
    return QByteArray("oqs-queries|") + QByteArray::fromStdString(day.toCompact());
}

} // namespace

EncryptedQueryStore::EncryptedQueryStore(QString directory, StoreCipher cipher, TodayFunction today)
    : m_directory(std::move(directory)), m_cipher(std::move(cipher)), m_today(std::move(today)), m_day(m_today())
{
}

QString EncryptedQueryStore::fileOf(const Date& day) const
{
    return QDir(m_directory).filePath(kFilePrefix + fromStd(day.toCompact()) + kFileSuffix);
}

void EncryptedQueryStore::purgeOtherDays(const Date& today)
{
    const QString keep = QFileInfo(fileOf(today)).fileName();
    const QStringList files = QDir(m_directory).entryList({kFilePrefix + "*" + kFileSuffix}, QDir::Files);
    for (const QString& name : files) {
        if (name != keep) {
            QFile::remove(QDir(m_directory).filePath(name));
        }
    }
}

void EncryptedQueryStore::switchDayIfNeeded()
{
    const Date today = m_today();
    if (today != m_day) {
        // End of day (D9): yesterday's queue and results go, whatever their state.
        m_day = today;
        m_queries.clear();
    }
    purgeOtherDays(m_day);
}

QList<Query> EncryptedQueryStore::loadToday()
{
    m_loadProblem.clear();
    m_queries.clear();
    m_day = m_today();
    if (const QString problem = DurableFile::prepareOwnerOnlyDirectory(m_directory); !problem.isEmpty()) {
        m_loadProblem = problem;
        return {};
    }
    purgeOtherDays(m_day);
    QFile file(fileOf(m_day));
    if (!file.exists()) {
        return {};
    }
    if (!file.open(QIODevice::ReadOnly)) {
        m_loadProblem = file.errorString();
        return {};
    }
    const auto plaintext = m_cipher.open(file.readAll(), associatedDataOf(m_day));
    if (!plaintext) {
        m_loadProblem = QStringLiteral("%1 cannot be opened with this key or was altered").arg(file.fileName());
        return {};
    }
    const QJsonObject document = QJsonDocument::fromJson(*plaintext).object();
    if (document.value("v").toInt() != kFormatVersion) {
        m_loadProblem = QStringLiteral("%1 has an unknown format version").arg(file.fileName());
        return {};
    }
    for (const QJsonValue& value : document.value("queries").toArray()) {
        if (auto query = fromJson(value.toObject())) {
            m_queries.append(std::move(*query));
        }
    }
    return m_queries;
}

QString EncryptedQueryStore::save(const Query& query)
{
    switchDayIfNeeded();
    const auto it = std::find_if(m_queries.begin(), m_queries.end(), [&](const Query& q) { return q.id == query.id; });
    if (it == m_queries.end()) {
        m_queries.append(query);
    } else {
        *it = query;
    }
    QJsonArray queries;
    for (const Query& stored : m_queries) {
        queries.append(toJson(stored));
    }
    const QJsonObject document{{"v", kFormatVersion}, {"day", fromStd(m_day.toIso())}, {"queries", queries}};
    const QByteArray plaintext = QJsonDocument(document).toJson(QJsonDocument::Compact);
    if (const QString problem = DurableFile::prepareOwnerOnlyDirectory(m_directory); !problem.isEmpty()) {
        return problem;
    }
    return DurableFile::write(fileOf(m_day), m_cipher.seal(plaintext, associatedDataOf(m_day)));
}

} // namespace oqs::client::core
