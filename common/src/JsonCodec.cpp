// SPDX-License-Identifier: Apache-2.0
#include "oqs/common/JsonCodec.h"

#include "oqs/common/Validation.h"

#include <algorithm>
#include <concepts>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <type_traits>
#include <vector>

namespace oqs::common {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// Limits on what a body may hold; generous for real messages, small enough that a hostile body stays cheap.
constexpr std::size_t kMaxTextBytes = 256;
// Clerk messages are whole Japanese sentences (3 bytes a character), so they get more room than data fields.
constexpr std::size_t kMaxMessageBytes = 1024;
constexpr std::size_t kMaxCertificateBytes = 8 * 1024;
// PIN mode: a challenge is 32 bytes; a signature is at most RSA 4096's 512 bytes.
constexpr std::size_t kMaxChallengeBytes = 64;
constexpr std::size_t kMaxSignatureBytes = 512;
// Our deepest message is answer → qualifications → [i] → card (4 levels); anything far beyond is an attack.
constexpr int kMaxNesting = 8;

/// Whether a member must be present when decoding (and, for text, is written even when empty).
enum class Need { Optional, Required };

/// Allowed range of an integer member.
struct Range
{
    std::int64_t min;
    std::int64_t max;
};

constexpr Range kCount{0, std::numeric_limits<int>::max()};
constexpr Range kPercent{0, 100};
constexpr Range kSequence{0, std::numeric_limits<std::int64_t>::max()};
constexpr Range kAnyInt{std::numeric_limits<int>::min(), std::numeric_limits<int>::max()};

/// How an enum travels: its wire value (a string or an integer code) in both directions.
template <class E, class Wire> struct EnumForm
{
    Wire (*write)(E);
    std::optional<E> (*read)(Wire);
};

// Relationship and Sex are declared with their official codes as values.
template <class E> int codeOf(E value)
{
    return static_cast<int>(value);
}

constexpr EnumForm<Status, std::string_view> kStatusForm{toWire, statusFromWire};
constexpr EnumForm<VerificationMode, std::string_view> kModeForm{toWire, verificationModeFromWire};
constexpr EnumForm<FieldReason, std::string_view> kReasonForm{toWire, fieldReasonFromWire};
constexpr EnumForm<CardCategory, std::string_view> kCardCategoryForm{cardCategoryCode, cardCategoryFromCode};
constexpr EnumForm<Relationship, int> kRelationshipForm{codeOf<Relationship>, relationshipFromCode};
constexpr EnumForm<Sex, int> kSexForm{codeOf<Sex>, sexFromCode};

/// Length of the base64 text of `bytes` bytes.
constexpr std::size_t base64Length(std::size_t bytes)
{
    return 4 * ((bytes + 2) / 3);
}

/// Serialises one JSON object. Mirrors Reader member for member, so one schema (describe) drives both.
class Writer
{
public:
    explicit Writer(ordered_json& target) : m_target(target) {}

    void version() { m_target["v"] = kWireVersion; }

    void text(const char* key, const std::string& value, Need need = Need::Optional, std::size_t = kMaxTextBytes)
    {
        if (need == Need::Required || !value.empty()) {
            m_target[key] = value;
        }
    }

    void binary(const char* key, const std::string& bytes, Need need, std::size_t cap)
    {
        text(key, base64Encode(bytes), need, cap);
    }

    void date(const char* key, const Date& value, Need) { m_target[key] = value.toIso(); }

    void date(const char* key, const std::optional<Date>& value)
    {
        if (value) {
            date(key, *value, Need::Optional);
        }
    }

    template <class T> void number(const char* key, const T& value, Range) { m_target[key] = value; }

    template <class T> void number(const char* key, const std::optional<T>& value, Range range)
    {
        if (value) {
            number(key, *value, range);
        }
    }

    void flag(const char* key, bool value) { m_target[key] = value; }

    void flag(const char* key, const std::optional<bool>& value)
    {
        if (value) {
            m_target[key] = *value;
        }
    }

    template <class E, class Wire>
    void enumeration(const char* key, const E& value, const EnumForm<E, Wire>& form, Need)
    {
        if constexpr (std::is_same_v<Wire, std::string_view>) {
            m_target[key] = std::string(form.write(value));
        } else {
            m_target[key] = form.write(value);
        }
    }

    template <class E, class Wire>
    void enumeration(const char* key, const std::optional<E>& value, const EnumForm<E, Wire>& form)
    {
        if (value) {
            enumeration(key, *value, form, Need::Optional);
        }
    }

    /// A member computed from others: written for the reader's convenience, ignored when decoding.
    void derived(const char* key, std::string_view value) { m_target[key] = std::string(value); }

    template <class T, class Schema> void object(const char* key, const T& value, Need need, Schema schema)
    {
        ordered_json child = nested(value, schema);
        if (need == Need::Required || !child.empty()) {
            m_target[key] = std::move(child);
        }
    }

    template <class T, class Schema> void object(const char* key, const std::optional<T>& value, Schema schema)
    {
        if (value) {
            m_target[key] = nested(*value, schema);
        }
    }

    template <class T, class Schema> void list(const char* key, const std::vector<T>& values, Schema schema)
    {
        if (values.empty()) {
            return;
        }
        ordered_json array = ordered_json::array();
        for (const T& value : values) {
            array.push_back(nested(value, schema));
        }
        m_target[key] = std::move(array);
    }

private:
    template <class T, class Schema> static ordered_json nested(const T& value, Schema schema)
    {
        ordered_json child = ordered_json::object();
        Writer writer(child);
        schema(writer, value);
        return child;
    }

    ordered_json& m_target;
};

/// Reads one JSON object strictly, recording every problem as a FieldError under its dotted path
/// (so one pass reports all of them). Scalars are only assigned when valid.
class Reader
{
public:
    Reader(const json& object, std::string path, FieldErrors& errors)
        : m_object(object), m_path(std::move(path)), m_errors(errors)
    {
    }

    void version()
    {
        const json* value = take("v", Need::Optional);
        if (!value || !value->is_number_integer() || value->get<std::int64_t>() != kWireVersion) {
            fail(pathOf("v"), FieldReason::InvalidValue);
        }
    }

    void text(const char* key, std::string& out, Need need = Need::Optional, std::size_t cap = kMaxTextBytes)
    {
        scalar(key, out, need, [cap](const json& value, std::string& target) { return readText(value, target, cap); });
    }

    void binary(const char* key, std::string& out, Need need, std::size_t cap)
    {
        scalar(key, out, need,
               [cap](const json& value, std::string& target) { return readBinary(value, target, cap); });
    }

    void date(const char* key, Date& out, Need need) { scalar(key, out, need, readDate); }
    void date(const char* key, std::optional<Date>& out) { optionalScalar(key, out, readDate); }

    template <class T> void number(const char* key, T& out, Range range)
    {
        scalar(key, out, Need::Optional,
               [range](const json& value, T& target) { return readInteger(value, target, range); });
    }

    template <class T> void number(const char* key, std::optional<T>& out, Range range)
    {
        optionalScalar(key, out, [range](const json& value, T& target) { return readInteger(value, target, range); });
    }

    void flag(const char* key, bool& out) { scalar(key, out, Need::Optional, readFlag); }
    void flag(const char* key, std::optional<bool>& out) { optionalScalar(key, out, readFlag); }

    template <class E, class Wire> void enumeration(const char* key, E& out, const EnumForm<E, Wire>& form, Need need)
    {
        scalar(key, out, need, [&form](const json& value, E& target) { return readEnum(value, target, form); });
    }

    template <class E, class Wire>
    void enumeration(const char* key, std::optional<E>& out, const EnumForm<E, Wire>& form)
    {
        optionalScalar(key, out, [&form](const json& value, E& target) { return readEnum(value, target, form); });
    }

    void derived(const char* key, std::string_view)
    {
        std::string ignored;
        text(key, ignored, Need::Optional, kMaxMessageBytes);
    }

    template <class T, class Schema> void object(const char* key, T& out, Need need, Schema schema)
    {
        if (const json* value = take(key, need)) {
            nested(*value, pathOf(key), out, schema);
        }
    }

    template <class T, class Schema> void object(const char* key, std::optional<T>& out, Schema schema)
    {
        if (const json* value = take(key, Need::Optional)) {
            nested(*value, pathOf(key), out.emplace(), schema);
        }
    }

    template <class T, class Schema> void list(const char* key, std::vector<T>& out, Schema schema)
    {
        const json* value = take(key, Need::Optional);
        if (!value) {
            return;
        }
        if (!value->is_array()) {
            fail(pathOf(key), FieldReason::WrongType);
            return;
        }
        out.resize(value->size());
        for (std::size_t i = 0; i < out.size(); ++i) {
            nested((*value)[i], pathOf(key) + '[' + std::to_string(i) + ']', out[i], schema);
        }
    }

    /// Reports every member the schema did not ask for.
    void finish()
    {
        for (const auto& [key, value] : m_object.items()) {
            if (std::ranges::find(m_known, std::string_view(key)) == m_known.end()) {
                fail(pathOf(key), FieldReason::UnknownField);
            }
        }
    }

private:
    using Problem = std::optional<FieldReason>;

    const json* take(const char* key, Need need)
    {
        m_known.emplace_back(key);
        const auto found = m_object.find(key);
        if (found == m_object.end()) {
            if (need == Need::Required) {
                fail(pathOf(key), FieldReason::Required);
            }
            return nullptr;
        }
        return &*found;
    }

    void fail(std::string path, FieldReason reason) { m_errors.push_back(FieldError{std::move(path), reason}); }

    std::string pathOf(std::string_view key) const
    {
        return m_path.empty() ? std::string(key) : m_path + '.' + std::string(key);
    }

    template <class T, class Convert> void scalar(const char* key, T& out, Need need, Convert convert)
    {
        if (const json* value = take(key, need)) {
            if (const Problem problem = convert(*value, out)) {
                fail(pathOf(key), *problem);
            }
        }
    }

    template <class T, class Convert> void optionalScalar(const char* key, std::optional<T>& out, Convert convert)
    {
        scalar(key, out, Need::Optional, [&convert](const json& value, std::optional<T>& target) {
            T converted{};
            const Problem problem = convert(value, converted);
            if (!problem) {
                target = std::move(converted);
            }
            return problem;
        });
    }

    template <class T, class Schema> void nested(const json& value, std::string path, T& out, Schema schema)
    {
        if (!value.is_object()) {
            fail(std::move(path), FieldReason::WrongType);
            return;
        }
        Reader child(value, std::move(path), m_errors);
        schema(child, out);
        child.finish();
    }

    static Problem readText(const json& value, std::string& out, std::size_t cap)
    {
        if (!value.is_string()) {
            return FieldReason::WrongType;
        }
        const auto& text = value.get_ref<const std::string&>();
        if (text.size() > cap) {
            return FieldReason::TooLong;
        }
        out = text;
        return std::nullopt;
    }

    static Problem readBinary(const json& value, std::string& out, std::size_t cap)
    {
        if (!value.is_string()) {
            return FieldReason::WrongType;
        }
        const auto& text = value.get_ref<const std::string&>();
        // Checked before decoding so an oversized body costs nothing; the decoded size is the real limit.
        if (text.size() > base64Length(cap)) {
            return FieldReason::TooLong;
        }
        auto bytes = base64Decode(text);
        if (!bytes) {
            return FieldReason::InvalidValue;
        }
        if (bytes->size() > cap) {
            return FieldReason::TooLong;
        }
        out = std::move(*bytes);
        return std::nullopt;
    }

    static Problem readDate(const json& value, Date& out)
    {
        if (!value.is_string()) {
            return FieldReason::WrongType;
        }
        const auto& text = value.get_ref<const std::string&>();
        const std::optional<Date> date = Date::parse(text);
        // Only the canonical YYYY-MM-DD form is the wire format, although Date::parse also takes YYYYMMDD.
        if (!date || date->toIso() != text) {
            return FieldReason::InvalidDate;
        }
        out = *date;
        return std::nullopt;
    }

    template <class T> static Problem readInteger(const json& value, T& out, Range range)
    {
        if (!value.is_number_integer()) {
            return FieldReason::WrongType;
        }
        // nlohmann keeps non-negative literals unsigned; compare in that domain so huge values cannot wrap.
        if (value.is_number_unsigned()) {
            const auto number = value.get<std::uint64_t>();
            if (range.max < 0 || number > static_cast<std::uint64_t>(range.max) ||
                (range.min > 0 && number < static_cast<std::uint64_t>(range.min))) {
                return FieldReason::InvalidValue;
            }
            out = static_cast<T>(number);
            return std::nullopt;
        }
        const auto number = value.get<std::int64_t>();
        if (number < range.min || number > range.max) {
            return FieldReason::InvalidValue;
        }
        out = static_cast<T>(number);
        return std::nullopt;
    }

    static Problem readFlag(const json& value, bool& out)
    {
        if (!value.is_boolean()) {
            return FieldReason::WrongType;
        }
        out = value.get<bool>();
        return std::nullopt;
    }

    template <class E, class Wire> static Problem readEnum(const json& value, E& out, const EnumForm<E, Wire>& form)
    {
        std::optional<E> decoded;
        if constexpr (std::is_same_v<Wire, std::string_view>) {
            if (!value.is_string()) {
                return FieldReason::WrongType;
            }
            decoded = form.read(value.get_ref<const std::string&>());
        } else {
            int code = 0;
            if (const Problem problem = readInteger(value, code, kAnyInt)) {
                return problem;
            }
            decoded = form.read(code);
        }
        if (!decoded) {
            return FieldReason::InvalidValue;
        }
        out = *decoded;
        return std::nullopt;
    }

    const json& m_object;
    std::string m_path;
    FieldErrors& m_errors;
    std::vector<std::string_view> m_known;
};

/// First pass over a body: syntax, nesting depth and duplicate member names, which the DOM parser would
/// silently accept (keeping the last duplicate, where other parsers keep the first).
class BodyGuard : public nlohmann::json_sax<json>
{
public:
    /// Why the body was refused; quotes no values (they may hold personal data), at most a member name.
    const std::string& problem() const { return m_problem; }

    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }

    bool start_object(std::size_t) override
    {
        m_memberNames.emplace_back();
        return enter();
    }

    bool key(string_t& name) override
    {
        if (!m_memberNames.back().insert(name).second) {
            m_problem = "duplicate member \"" + name + '"';
            return false;
        }
        return true;
    }

    bool end_object() override
    {
        m_memberNames.pop_back();
        --m_depth;
        return true;
    }

    bool start_array(std::size_t) override { return enter(); }

    bool end_array() override
    {
        --m_depth;
        return true;
    }

    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) override
    {
        m_problem = "malformed JSON at byte " + std::to_string(position);
        return false;
    }

private:
    bool enter()
    {
        if (++m_depth > kMaxNesting) {
            m_problem = "JSON nested deeper than " + std::to_string(kMaxNesting) + " levels";
            return false;
        }
        return true;
    }

    std::string m_problem;
    int m_depth = 0;
    std::vector<std::set<std::string>> m_memberNames;
};

Error bodyError(FieldReason reason, std::string detail)
{
    return Error::badRequest({FieldError{"body", reason}}, std::move(detail));
}

Result<json> parseBody(std::string_view text)
{
    BodyGuard guard;
    if (!json::sax_parse(text, &guard)) {
        return bodyError(FieldReason::InvalidValue, guard.problem());
    }
    json document = json::parse(text, nullptr, false);
    if (document.is_discarded()) {
        return bodyError(FieldReason::InvalidValue, "malformed JSON");
    }
    if (!document.is_object()) {
        return bodyError(FieldReason::WrongType, "body is not a JSON object");
    }
    return document;
}

// The schema: one describe() per type, run by Writer to encode and by Reader to decode. M is the type itself
// when decoding and const when encoding.
template <class M, class T>
concept Of = std::same_as<std::remove_const_t<M>, T>;

template <class Io, Of<InsuranceCardKey> M> void describe(Io& io, M& card, Need need)
{
    io.text("insurerNumber", card.insurerNumber, need);
    io.text("symbol", card.symbol);
    io.text("number", card.number, need);
    io.text("branch", card.branch, need);
}

template <class Io, Of<Qualification> M> void describe(Io& io, M& qualification)
{
    io.object("card", qualification.card, Need::Optional,
              [](auto& child, auto& card) { describe(child, card, Need::Optional); });
    io.enumeration("cardCategory", qualification.cardCategory, kCardCategoryForm);
    io.enumeration("relationship", qualification.relationship, kRelationshipForm);
    io.text("name", qualification.name);
    io.text("nameKana", qualification.nameKana);
    io.enumeration("sex", qualification.sex, kSexForm, Need::Optional);
    io.date("birthDate", qualification.birthDate, Need::Required);
    io.text("address", qualification.address);
    io.text("insuredPersonName", qualification.insuredPersonName);
    io.flag("householdHead", qualification.householdHead);
    io.text("householdHeadName", qualification.householdHeadName);
    io.date("acquisitionDate", qualification.acquisitionDate);
    io.date("lossDate", qualification.lossDate);
    io.date("retireeSwitchDate", qualification.retireeSwitchDate);
    io.date("benefitStartDate", qualification.benefitStartDate);
    io.date("benefitEndDate", qualification.benefitEndDate);
    io.date("cardValidFrom", qualification.cardValidFrom);
    io.date("cardValidTo", qualification.cardValidTo);
    io.number("copaymentPercent", qualification.copaymentPercent, kPercent);
    io.date("elderlyValidFrom", qualification.elderlyValidFrom);
    io.date("elderlyValidTo", qualification.elderlyValidTo);
    io.number("elderlyCopaymentPercent", qualification.elderlyCopaymentPercent, kPercent);
    io.text("officeName", qualification.officeName);
    io.number("insurerSequence", qualification.insurerSequence, kSequence);
    io.text("updatedAt", qualification.updatedAt);
}

template <class Io, Of<CheckReceipt> M> void describe(Io& io, M& receipt)
{
    io.text("receiptNumber", receipt.receiptNumber);
    io.text("institutionCode", receipt.institutionCode);
    io.text("checkedAt", receipt.checkedAt);
    io.enumeration("status", receipt.status, kStatusForm, Need::Required);
    io.text("keyId", receipt.keyId);
    io.text("signature", receipt.signature);
}

template <class Io, Of<FieldError> M> void describe(Io& io, M& error)
{
    io.text("field", error.field, Need::Required);
    io.enumeration("reason", error.reason, kReasonForm, Need::Required);
    io.derived("message", messageOf(error.reason, Language::Japanese));
}

template <class Io, Of<HistoryEntry> M> void describe(Io& io, M& entry)
{
    io.text("receiptNumber", entry.receiptNumber);
    io.text("checkedAt", entry.checkedAt);
    io.enumeration("mode", entry.mode, kModeForm, Need::Optional);
    io.enumeration("status", entry.status, kStatusForm, Need::Required);
    io.text("identifier", entry.identifier, Need::Optional, kMaxIdentifierBytes);
    io.text("clerkId", entry.clerkId);
    io.date("consultationDate", entry.consultationDate);
}

/// Describes a nested value through its own describe() overload.
constexpr auto kNested = [](auto& io, auto& value) { describe(io, value); };

/// The members every answer shares, errors included (D5: the identifier comes back unchanged).
template <class Io, class M> void describeOutcome(Io& io, M& answer)
{
    io.enumeration("status", answer.status, kStatusForm, Need::Required);
    io.text("message", answer.message, Need::Optional, kMaxMessageBytes);
    io.text("identifier", answer.identifier, Need::Optional, kMaxIdentifierBytes);
    io.list("fieldErrors", answer.fieldErrors, kNested);
    io.number("retryAfterSeconds", answer.retryAfterSeconds, kCount);
    io.text("nextOpening", answer.nextOpening);
}

/// The members both verification requests share.
template <class Io, class M> void describeRequestTail(Io& io, M& request)
{
    io.date("consultationDate", request.consultationDate);
    io.text("identifier", request.identifier, Need::Optional, kMaxIdentifierBytes);
}

template <class Io, Of<InsuranceCardVerificationRequest> M> void describe(Io& io, M& request)
{
    io.object("card", request.card, Need::Required,
              [](auto& child, auto& card) { describe(child, card, Need::Required); });
    io.date("birthDate", request.birthDate, Need::Required);
    describeRequestTail(io, request);
}

template <class Io, Of<CertificateVerificationRequest> M> void describe(Io& io, M& request)
{
    io.binary("certificate", request.certificateDer, Need::Required, kMaxCertificateBytes);
    describeRequestTail(io, request);
    io.binary("challenge", request.challenge, Need::Optional, kMaxChallengeBytes);
    io.binary("signature", request.signature, Need::Optional, kMaxSignatureBytes);
}

template <class Io, Of<CardChallengeRequest> M> void describe(Io&, M&) {}

template <class Io, Of<CardChallenge> M> void describe(Io& io, M& answer)
{
    io.binary("challenge", answer.challenge, Need::Required, kMaxChallengeBytes);
    io.text("expiresAt", answer.expiresAt);
    io.number("lifetimeSeconds", answer.lifetimeSeconds, kCount);
}

template <class Io, Of<VerificationAnswer> M> void describe(Io& io, M& answer)
{
    describeOutcome(io, answer);
    io.text("receiptNumber", answer.receiptNumber);
    io.enumeration("mode", answer.mode, kModeForm, Need::Optional);
    io.date("consultationDate", answer.consultationDate);
    io.text("checkedAt", answer.checkedAt);
    io.text("dataUpdatedAt", answer.dataUpdatedAt);
    io.list("qualifications", answer.qualifications, kNested);
    io.object("lostRecord", answer.lostRecord, kNested);
    io.object("receipt", answer.receipt, kNested);
}

template <class Io, Of<HistoryQuery> M> void describe(Io& io, M& query)
{
    io.date("from", query.from);
    io.date("to", query.to);
    io.text("identifier", query.identifier, Need::Optional, kMaxIdentifierBytes);
    io.enumeration("status", query.status, kStatusForm);
    io.number("limit", query.limit, kCount);
    io.number("offset", query.offset, kCount);
}

template <class Io, Of<HistoryPage> M> void describe(Io& io, M& page)
{
    io.list("entries", page.entries, kNested);
    io.number("total", page.total, kCount);
}

template <class Io, Of<ErrorAnswer> M> void describe(Io& io, M& answer)
{
    describeOutcome(io, answer);
}

template <class Io, Of<LoginRequest> M> void describe(Io& io, M& request)
{
    io.text("userId", request.userId, Need::Required);
    io.text("password", request.password, Need::Required);
    io.text("terminal", request.terminal);
}

template <class Io, Of<SessionAnswer> M> void describe(Io& io, M& answer)
{
    io.text("token", answer.token, Need::Required);
    io.text("userId", answer.userId);
    io.text("displayName", answer.displayName);
    io.text("institutionCode", answer.institutionCode);
    io.text("expiresAt", answer.expiresAt);
    io.flag("mustChangePassword", answer.mustChangePassword);
}

template <class Io, Of<PasswordChangeRequest> M> void describe(Io& io, M& request)
{
    io.text("currentPassword", request.currentPassword, Need::Required);
    io.text("newPassword", request.newPassword, Need::Required);
}

template <class Io, Of<ReceiptVerificationAnswer> M> void describe(Io& io, M& answer)
{
    io.flag("valid", answer.valid);
    io.text("keyId", answer.keyId);
}

// The feed record's keys are its file columns (kFeedRecordColumns are literals, so data() is NUL-terminated).
// Decoding keeps only the columns given: an empty one means "not registered" either way.
template <class Io, Of<FeedRecordMessage> M> void describe(Io& io, M& message)
{
    io.number("sequence", message.sequence, Range{1, std::numeric_limits<std::int64_t>::max()});
    for (const std::string_view column : kFeedRecordColumns) {
        const Need need = column == "insurer_number" ? Need::Required : Need::Optional;
        const std::size_t cap = column == "address" ? kMaxMessageBytes : kMaxTextBytes;
        if constexpr (std::is_const_v<M>) {
            const auto found = message.fields.find(column);
            io.text(column.data(), found == message.fields.end() ? std::string() : found->second, need, cap);
        } else {
            std::string value;
            io.text(column.data(), value, need, cap);
            if (!value.empty()) {
                message.fields.emplace(column, std::move(value));
            }
        }
    }
}

template <class Io, Of<FeedResultAnswer> M> void describe(Io& io, M& answer)
{
    io.text("insurer_number", answer.insurerNumber, Need::Required);
    io.number("sequence", answer.sequence, kSequence);
    io.text("status", answer.status, Need::Required);
    io.text("reason", answer.reason, Need::Required, kMaxMessageBytes);
}

template <class Message> std::string encodeMessage(const Message& message)
{
    ordered_json root = ordered_json::object();
    Writer writer(root);
    writer.version();
    describe(writer, message);
    // Replacing invalid UTF-8 (instead of throwing) keeps encode() total; our own strings are UTF-8 anyway.
    return root.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

template <class Message> Result<Message> decodeMessage(std::string_view text)
{
    const Result<json> body = parseBody(text);
    if (!body) {
        return body.error();
    }
    FieldErrors errors;
    Reader reader(body.value(), {}, errors);
    reader.version();
    Message message;
    describe(reader, message);
    reader.finish();
    if (!errors.empty()) {
        return Error::badRequest(std::move(errors));
    }
    return message;
}

constexpr std::string_view kBase64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::optional<std::uint32_t> sextetOf(char symbol)
{
    const std::size_t found = kBase64Alphabet.find(symbol);
    if (found == std::string_view::npos) {
        return std::nullopt;
    }
    return static_cast<std::uint32_t>(found);
}

} // namespace

std::string encode(const InsuranceCardVerificationRequest& message)
{
    return encodeMessage(message);
}
std::string encode(const CertificateVerificationRequest& message)
{
    return encodeMessage(message);
}
std::string encode(const VerificationAnswer& message)
{
    return encodeMessage(message);
}
std::string encode(const HistoryQuery& message)
{
    return encodeMessage(message);
}
std::string encode(const HistoryPage& message)
{
    return encodeMessage(message);
}
std::string encode(const ErrorAnswer& message)
{
    return encodeMessage(message);
}
std::string encode(const Qualification& message)
{
    return encodeMessage(message);
}

std::string encode(const LoginRequest& message)
{
    return encodeMessage(message);
}
std::string encode(const SessionAnswer& message)
{
    return encodeMessage(message);
}
std::string encode(const PasswordChangeRequest& message)
{
    return encodeMessage(message);
}
std::string encode(const CheckReceipt& message)
{
    return encodeMessage(message);
}
std::string encode(const ReceiptVerificationAnswer& message)
{
    return encodeMessage(message);
}
std::string encode(const FeedRecordMessage& message)
{
    return encodeMessage(message);
}
std::string encode(const FeedResultAnswer& message)
{
    return encodeMessage(message);
}
std::string encode(const CardChallengeRequest& message)
{
    return encodeMessage(message);
}
std::string encode(const CardChallenge& message)
{
    return encodeMessage(message);
}

template <> Result<InsuranceCardVerificationRequest> decode(std::string_view json)
{
    return decodeMessage<InsuranceCardVerificationRequest>(json);
}

template <> Result<CertificateVerificationRequest> decode(std::string_view json)
{
    return decodeMessage<CertificateVerificationRequest>(json);
}

template <> Result<VerificationAnswer> decode(std::string_view json)
{
    return decodeMessage<VerificationAnswer>(json);
}

template <> Result<HistoryQuery> decode(std::string_view json)
{
    return decodeMessage<HistoryQuery>(json);
}

template <> Result<HistoryPage> decode(std::string_view json)
{
    return decodeMessage<HistoryPage>(json);
}

template <> Result<ErrorAnswer> decode(std::string_view json)
{
    return decodeMessage<ErrorAnswer>(json);
}

template <> Result<Qualification> decode(std::string_view json)
{
    return decodeMessage<Qualification>(json);
}

template <> Result<LoginRequest> decode(std::string_view json)
{
    return decodeMessage<LoginRequest>(json);
}

template <> Result<SessionAnswer> decode(std::string_view json)
{
    return decodeMessage<SessionAnswer>(json);
}

template <> Result<PasswordChangeRequest> decode(std::string_view json)
{
    return decodeMessage<PasswordChangeRequest>(json);
}

template <> Result<CheckReceipt> decode(std::string_view json)
{
    return decodeMessage<CheckReceipt>(json);
}

template <> Result<ReceiptVerificationAnswer> decode(std::string_view json)
{
    return decodeMessage<ReceiptVerificationAnswer>(json);
}

template <> Result<FeedRecordMessage> decode(std::string_view json)
{
    return decodeMessage<FeedRecordMessage>(json);
}

template <> Result<FeedResultAnswer> decode(std::string_view json)
{
    return decodeMessage<FeedResultAnswer>(json);
}

template <> Result<CardChallengeRequest> decode(std::string_view json)
{
    return decodeMessage<CardChallengeRequest>(json);
}

template <> Result<CardChallenge> decode(std::string_view json)
{
    return decodeMessage<CardChallenge>(json);
}

std::string identifierOf(std::string_view text)
{
    const json document = json::parse(text, nullptr, false);
    if (!document.is_object()) {
        return {};
    }
    const auto found = document.find("identifier");
    if (found == document.end() || !found->is_string() ||
        found->get_ref<const std::string&>().size() > kMaxIdentifierBytes) {
        return {};
    }
    return found->get<std::string>();
}

std::string base64Encode(std::string_view bytes)
{
    std::string text;
    text.reserve(base64Length(bytes.size()));
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t count = std::min<std::size_t>(3, bytes.size() - i);
        std::uint32_t group = 0;
        for (std::size_t k = 0; k < 3; ++k) {
            const auto byte = k < count ? static_cast<unsigned char>(bytes[i + k]) : 0U;
            group = (group << 8) | byte;
        }
        // n input bytes give n + 1 significant characters; the rest of the quartet is padding.
        for (std::size_t k = 0; k < 4; ++k) {
            text += k <= count ? kBase64Alphabet[(group >> (18 - 6 * k)) & 0x3F] : '=';
        }
    }
    return text;
}

std::optional<std::string> base64Decode(std::string_view text)
{
    if (text.size() % 4 != 0) {
        return std::nullopt;
    }
    const std::size_t padding = text.ends_with("==") ? 2 : text.ends_with('=') ? 1 : 0;
    const std::string_view symbols = text.substr(0, text.size() - padding);
    std::string bytes;
    bytes.reserve(symbols.size() * 3 / 4);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const char symbol : symbols) {
        const std::optional<std::uint32_t> sextet = sextetOf(symbol);
        if (!sextet) {
            return std::nullopt; // includes '=' anywhere but the end
        }
        buffer = (buffer << 6) | *sextet;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            bytes += static_cast<char>((buffer >> bits) & 0xFF);
            buffer &= (1U << bits) - 1;
        }
    }
    // Canonical form only: the bits the padding leaves over must be zero, so each text has one meaning.
    if (buffer != 0) {
        return std::nullopt;
    }
    return bytes;
}

} // namespace oqs::common
