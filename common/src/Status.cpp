// SPDX-License-Identifier: Apache-2.0
#include "oqs/common/Status.h"

#include <array>
#include <iterator>

namespace oqs::common {
namespace {

struct StatusInfo {
    Status status;
    std::string_view wire;
    StatusKind kind;
    int http;
    std::string_view japanese;
    std::string_view english;
};

// Each message says what happened and what the clerk does next.
constexpr std::array kStatuses = {
    StatusInfo{Status::Valid, "valid", StatusKind::Verdict, 200,
               "資格は有効です。このまま保険診療の受付を進めてください。",
               "The qualification is valid. Proceed with insured treatment."},
    StatusInfo{Status::ValidMultiple, "valid-multiple", StatusKind::Verdict, 200,
               "有効な資格が複数あります。患者さんに今回使う保険を確認し、一覧から選んでください。",
               "Several qualifications are valid. Ask the patient which insurance to use and pick it from the list."},
    StatusInfo{Status::Invalid, "invalid", StatusKind::Verdict, 200,
               "この資格は無効です（喪失または有効期限切れ）。新しい保険証かマイナンバーカードの提示をお願いしてください。",
               "This qualification is not valid (lost or expired). Ask for a current insurance card or the My Number "
               "card."},
    StatusInfo{Status::InvalidNewerExists, "invalid-newer-exists", StatusKind::Verdict, 200,
               "この保険証の資格は喪失していますが、新しい資格があります。新しい保険証かマイナンバーカードの提示をお願いしてください。",
               "This card's qualification is lost, but a newer one exists. Ask for the new insurance card or the My "
               "Number card."},
    StatusInfo{Status::NotFound, "not-found", StatusKind::Verdict, 200,
               "該当する資格が見つかりません。保険者番号・記号・番号・枝番・生年月日を保険証と見比べて、もう一度入力してください。",
               "No matching qualification. Compare insurer number, symbol, number, branch and birth date with the "
               "card and enter them again."},
    StatusInfo{Status::LinkagePending, "linkage-pending", StatusKind::Verdict, 200,
               "このマイナンバーカードはまだ保険資格とひも付いていません。保険証での確認に切り替えてください。",
               "This My Number card is not linked to a qualification yet. Check with the insurance card instead."},
    StatusInfo{Status::CertificateExpired, "certificate-expired", StatusKind::CardProblem, 200,
               "マイナンバーカードの電子証明書の有効期限が切れています。保険証で確認し、市区町村窓口での更新をご案内ください。",
               "The My Number card's certificate has expired. Check with the insurance card and advise renewal at "
               "the municipal office."},
    StatusInfo{Status::CertificateRevoked, "certificate-revoked", StatusKind::CardProblem, 200,
               "マイナンバーカードの電子証明書が失効しています。保険証で確認してください。",
               "The My Number card's certificate has been revoked. Check with the insurance card."},
    StatusInfo{Status::CertificateUntrusted, "certificate-untrusted", StatusKind::CardProblem, 200,
               "カードの電子証明書を確認できません（発行元が不明）。保険証で確認してください。",
               "The card's certificate cannot be trusted (unknown issuer). Check with the insurance card."},
    StatusInfo{Status::CardError, "card-error", StatusKind::CardProblem, 400,
               "カードを読み取れませんでした。カードをリーダーに置き直して、読み取りが終わるまで動かさないでください。",
               "The card could not be read. Place it on the reader again and keep it still until reading finishes."},
    StatusInfo{Status::Closed, "closed", StatusKind::ServiceUnavailable, 503,
               "ただいまサービス時間外です。照会は保存され、再開後に自動で送信されます。",
               "The service is closed now. The query is kept and sent automatically when it reopens."},
    StatusInfo{Status::Busy, "busy", StatusKind::ServiceUnavailable, 503,
               "サーバーが混み合っています。照会は保存され、しばらくして自動で再送されます。",
               "The server is busy. The query is kept and retried automatically shortly."},
    StatusInfo{Status::BadRequest, "bad-request", StatusKind::RequestError, 400,
               "入力内容に誤りがあります。赤く表示された項目を直してください。",
               "Some input is wrong. Correct the fields marked in red."},
    StatusInfo{Status::Unauthenticated, "unauthenticated", StatusKind::RequestError, 401,
               "ログインが必要です。利用者IDとパスワードでログインし直してください。",
               "Please log in again with your user ID and password."},
    StatusInfo{Status::Forbidden, "forbidden", StatusKind::RequestError, 403,
               "この操作の権限がありません。施設の管理者に確認してください。",
               "You are not allowed to do this. Ask your facility's administrator."},
    StatusInfo{Status::Internal, "internal", StatusKind::ServiceUnavailable, 500,
               "システムで問題が発生しました。照会は保存されています。続く場合はサポート窓口へ連絡してください。",
               "A system problem occurred. The query is kept. If it continues, contact support."},
};

const StatusInfo& infoOf(Status status)
{
    return kStatuses[std::size_t(status)];
}

} // namespace

std::string_view toWire(Status status)
{
    return infoOf(status).wire;
}

std::optional<Status> statusFromWire(std::string_view text)
{
    for (const auto& info : kStatuses) {
        if (info.wire == text) {
            return info.status;
        }
    }
    return std::nullopt;
}

StatusKind kindOf(Status status)
{
    return infoOf(status).kind;
}

int httpStatusOf(Status status)
{
    return infoOf(status).http;
}

std::string_view messageOf(Status status, Language language)
{
    const auto& info = infoOf(status);
    return language == Language::Japanese ? info.japanese : info.english;
}

const Status* allStatuses(std::size_t& count)
{
    static constexpr auto kAll = [] {
        std::array<Status, kStatuses.size()> all{};
        for (std::size_t i = 0; i < all.size(); ++i) {
            all[i] = kStatuses[i].status;
        }
        return all;
    }();
    count = kAll.size();
    return kAll.data();
}

} // namespace oqs::common
