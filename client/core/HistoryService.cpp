// SPDX-License-Identifier: Apache-2.0
#include "core/HistoryService.h"

#include "core/CardFormValidator.h"
#include "core/UiLanguage.h"

using namespace oqs::common;

namespace oqs::client::core {
namespace {

constexpr qsizetype kMaxIdentifierLength = 64;

QString fromStd(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

/// Parses one date field; an empty field stays nullopt, an unreadable one gets its message in `errors`.
std::optional<Date> readDate(const QString& name, const QString& text, QMap<QString, QString>& errors)
{
    if (text.trimmed().isEmpty()) {
        return std::nullopt;
    }
    const auto date = CardFormValidator::parseDate(text);
    if (!date) {
        errors.insert(name, fromStd(messageOf(FieldReason::InvalidDate, UiLanguage::current())));
    }
    return date;
}

} // namespace

HistoryService::HistoryService(ServerClient& client, QObject* parent) : QObject(parent), m_client(client)
{
    qRegisterMetaType<HistoryPage>();
    qRegisterMetaType<VerificationAnswer>();
    connect(&m_client, &ServerClient::replied, this, &HistoryService::onReplied);
}

HistorySearchCheck HistoryService::check(const HistorySearchInput& input, const Date& today)
{
    HistorySearchCheck result;
    const Date earliest = today.addMonths(-kSearchableMonths);
    result.query.from = readDate("from", input.from, result.errors);
    result.query.to = readDate("to", input.to, result.errors);
    if (result.query.from && *result.query.from < earliest) {
        result.errors.insert("from", tr("%1か月より前の履歴は検索できません。%2 以降を指定してください。")
                                         .arg(kSearchableMonths)
                                         .arg(fromStd(earliest.toIso())));
    }
    if (result.query.to && *result.query.to > today) {
        result.errors.insert("to", fromStd(messageOf(FieldReason::FutureDate, UiLanguage::current())));
    }
    if (result.query.from && result.query.to && *result.query.from > *result.query.to &&
        !result.errors.contains("to")) {
        result.errors.insert("to", tr("終了日が開始日より前です。開始日以降の日付を指定してください。"));
    }
    const QString identifier = input.identifier.trimmed();
    if (identifier.size() > kMaxIdentifierLength) {
        result.errors.insert("identifier", fromStd(messageOf(FieldReason::TooLong, UiLanguage::current())));
    }
    result.query.identifier = identifier.toStdString();
    result.query.status = input.status;
    result.query.limit = kPageSize;
    return result;
}

QMap<QString, QString> HistoryService::search(const HistorySearchInput& input)
{
    const HistorySearchCheck checked = check(input, Date::todayJst());
    if (checked.ok()) {
        m_searchCall = m_client.searchHistory(checked.query);
    }
    return checked.errors;
}

void HistoryService::openResult(const QString& receiptNumber)
{
    m_openCalls.insert(m_client.fetchByReceipt(receiptNumber));
}

QString HistoryService::problemOf(const ServerReply& reply)
{
    switch (reply.transport) {
    case ServerReply::Transport::Timeout:
        return tr("サーバーの応答がありません。しばらくしてからもう一度検索してください。");
    case ServerReply::Transport::Unreachable:
        return tr("サーバーに接続できません（ネットワークを確認してください）。");
    case ServerReply::Transport::TlsFailure:
        return tr("安全な接続を確立できません。設定の施設証明書を確認してください。");
    case ServerReply::Transport::BadResponse:
        return tr("サーバーの応答を読み取れません。");
    case ServerReply::Transport::Answered:
        break;
    }
    const Status status = reply.answer ? reply.answer->status : reply.error ? reply.error->status : Status::Internal;
    return fromStd(messageOf(status, UiLanguage::current()));
}

void HistoryService::onReplied(quint64 callId, const ServerReply& reply)
{
    const bool isSearch = callId == m_searchCall;
    if (!isSearch && !m_openCalls.remove(callId)) {
        return; // another service's call
    }
    if (isSearch) {
        m_searchCall = 0;
        if (reply.history) {
            emit searched(*reply.history);
            return;
        }
    } else if (reply.answer && reply.httpStatus == 200) {
        emit resultOpened(*reply.answer);
        return;
    }
    if (!isSearch && reply.httpStatus == 404) {
        emit failed(tr("この受付番号の結果はサーバーにありません（保存期間を過ぎた可能性があります）。"), {});
        return;
    }
    QMap<QString, QString> fieldErrors;
    if (reply.error) {
        for (const FieldError& error : reply.error->fieldErrors) {
            fieldErrors.insert(fromStd(error.field), fromStd(messageOf(error.reason, UiLanguage::current())));
        }
    }
    emit failed(problemOf(reply), fieldErrors);
}

} // namespace oqs::client::core
