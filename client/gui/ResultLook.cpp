// SPDX-License-Identifier: Apache-2.0
#include "gui/ResultLook.h"

#include "core/UiLanguage.h"

#include <QCoreApplication>

using namespace oqs::common;

namespace oqs::client::gui {
namespace {

const QColor kValidBackground(0x1b, 0x7f, 0x3b);
const QColor kInvalidBackground(0xb7, 0x1c, 0x1c);
const QColor kCheckBackground(0xf0, 0xa0, 0x00);
const QColor kWaitingBackground(0x15, 0x65, 0xc0);
const QColor kErrorBackground(0x5d, 0x40, 0x37);
const QColor kLight(Qt::white);
const QColor kDark(0x21, 0x21, 0x21);

QString headlineOf(Status status)
{
    switch (status) {
    case Status::Valid:
        return ResultLook::tr("有効です");
    case Status::ValidMultiple:
        return ResultLook::tr("有効です（複数の資格）");
    case Status::Invalid:
        return ResultLook::tr("無効です");
    case Status::InvalidNewerExists:
        return ResultLook::tr("この保険証は無効です");
    case Status::NotFound:
        return ResultLook::tr("該当する資格がありません");
    case Status::LinkagePending:
        return ResultLook::tr("まだ確認できません（登録手続き中）");
    case Status::CertificateExpired:
        return ResultLook::tr("カードの証明書の有効期限切れ");
    case Status::CertificateRevoked:
        return ResultLook::tr("カードの証明書が失効しています");
    case Status::CertificateUntrusted:
        return ResultLook::tr("このカードは確認できません");
    case Status::CardError:
        return ResultLook::tr("カードを読み取れません");
    case Status::Closed:
        return ResultLook::tr("受付時間外です（送信待ち）");
    case Status::Busy:
        return ResultLook::tr("混雑しています（送信待ち）");
    case Status::BadRequest:
        return ResultLook::tr("入力内容に誤りがあります");
    case Status::Unauthenticated:
        return ResultLook::tr("この端末は認証されていません");
    case Status::Forbidden:
        return ResultLook::tr("この操作は許可されていません");
    case Status::Internal:
        return ResultLook::tr("システムエラー");
    }
    return ResultLook::tr("システムエラー");
}

} // namespace

ResultLook ResultLook::ofStatus(Status status)
{
    ResultLook look;
    look.headline = headlineOf(status);
    look.nextStep = QString::fromUtf8(messageOf(status, core::UiLanguage::current()).data());
    switch (status) {
    case Status::Valid:
    case Status::ValidMultiple:
        look.background = kValidBackground;
        look.foreground = kLight;
        look.symbol = QStringLiteral("○");
        break;
    case Status::Invalid:
    case Status::InvalidNewerExists:
    case Status::NotFound:
        look.background = kInvalidBackground;
        look.foreground = kLight;
        look.symbol = QStringLiteral("×");
        break;
    case Status::Closed:
    case Status::Busy:
        look.background = kWaitingBackground;
        look.foreground = kLight;
        look.symbol = QStringLiteral("待");
        break;
    case Status::LinkagePending:
    case Status::CertificateExpired:
    case Status::CertificateRevoked:
    case Status::CertificateUntrusted:
    case Status::CardError:
    case Status::BadRequest:
        look.background = kCheckBackground;
        look.foreground = kDark;
        look.symbol = QStringLiteral("！");
        break;
    case Status::Unauthenticated:
    case Status::Forbidden:
    case Status::Internal:
        look.background = kErrorBackground;
        look.foreground = kLight;
        look.symbol = QStringLiteral("！");
        break;
    }
    return look;
}

ResultLook ResultLook::of(const core::Query& query)
{
    if (query.answer && query.state == core::Query::State::Answered) {
        return ofStatus(query.answer->status);
    }
    ResultLook look;
    look.background = kWaitingBackground;
    look.foreground = kLight;
    look.symbol = QStringLiteral("待");
    switch (query.state) {
    case core::Query::State::Queued:
    case core::Query::State::Sending:
        look.headline = ResultLook::tr("確認中…");
        look.nextStep = ResultLook::tr("サーバーに問い合わせています。そのままお待ちください。");
        break;
    case core::Query::State::Waiting:
    case core::Query::State::Answered:
        look.headline = ResultLook::tr("送信待ち（自動で再送します）");
        look.nextStep =
            query.lastProblem + ResultLook::tr("\n患者さんの問い合わせは保存されています。次の方の受付に進めます。");
        break;
    }
    return look;
}

} // namespace oqs::client::gui
