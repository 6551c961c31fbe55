// SPDX-License-Identifier: Apache-2.0
#include "oqs/common/QrPayload.h"

#include "oqs/common/TextEncoding.h"

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <utility>
#include <vector>

namespace oqs::common {
namespace {

constexpr char kSeparator = '|';
constexpr char kEscape = '%';
/// "OQSC" / "OQSR": the part of a prefix before its version number.
constexpr std::size_t kKindLength = 4;
constexpr std::size_t kCardFieldCount = 5;
constexpr std::size_t kResultFieldCount = 17;
constexpr int kMaxPercent = 100;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isDigits(std::string_view text)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), isDigit);
}

/// Characters that US and JIS keyboard layouts type alike, so a wedge scanner set to either gets them right.
/// Everything else is escaped.
bool isSafe(char c)
{
    return isDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '.';
}

/// Value of an upper-case hex digit; -1 otherwise (escapes have one spelling).
int hexValue(char c)
{
    if (isDigit(c)) {
        return c - '0';
    }
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

std::string escape(std::string_view text)
{
    static constexpr std::string_view kHex = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (isSafe(c)) {
            out += c;
            continue;
        }
        const auto byte = static_cast<unsigned char>(c);
        out += kEscape;
        out += kHex[byte >> 4];
        out += kHex[byte & 0xF];
    }
    return out;
}

/// The text of one field; nullopt on a character outside the safe set, a malformed escape, an escape of a
/// safe character (so every value has exactly one spelling) or bytes that are not UTF-8.
std::optional<std::string> unescape(std::string_view field)
{
    std::string out;
    out.reserve(field.size());
    for (std::size_t i = 0; i < field.size(); ++i) {
        if (isSafe(field[i])) {
            out += field[i];
            continue;
        }
        if (field[i] != kEscape || field.size() - i < 3) {
            return std::nullopt;
        }
        const int high = hexValue(field[i + 1]);
        const int low = hexValue(field[i + 2]);
        if (high < 0 || low < 0) {
            return std::nullopt;
        }
        const auto byte = static_cast<char>(high * 16 + low);
        if (isSafe(byte)) {
            return std::nullopt;
        }
        out += byte;
        i += 2;
    }
    if (!isValidUtf8(out)) {
        return std::nullopt;
    }
    return out;
}

std::optional<int> parseInt(std::string_view text)
{
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

/// `pattern` with its 'd' positions filled from `digits`, left to right.
std::string fillPattern(std::string_view pattern, std::string_view digits)
{
    std::string out;
    std::size_t next = 0;
    for (char c : pattern) {
        out += c == 'd' ? digits[next++] : c;
    }
    return out;
}

/// Appends the digits of `text` to `digits` if `text` has the shape of `pattern` ('d' = a digit, others literal).
bool takeDigits(std::string_view text, std::string_view pattern, std::string& digits)
{
    if (text.size() != pattern.size()) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (pattern[i] == 'd' ? !isDigit(text[i]) : text[i] != pattern[i]) {
            return false;
        }
        if (pattern[i] == 'd') {
            digits += text[i];
        }
    }
    return true;
}

/// One of the two ISO 8601 spellings of a timestamp: the answer's extended one and the payload's basic one,
/// which drops the ':' (typed differently on US and JIS layouts) and the '-', and leaves out the JST offset
/// the server always stamps. `impliedZone` is the zone written as nothing; empty means a zone is mandatory.
struct TimestampForm
{
    std::string_view dateTime;
    std::string_view offset;
    std::string_view impliedZone;
};

constexpr TimestampForm kExtendedForm{"dddd-dd-ddTdd:dd:dd", "dd:dd", ""};
constexpr TimestampForm kBasicForm{"ddddddddTdddddd", "dddd", "+0900"};

/// What both spellings share: YYYYMMDDhhmmss, the fraction with its '.', and "Z" or sign and hhmm.
struct Timestamp
{
    std::string digits;
    std::string fraction;
    std::string zone;
};

bool twoDigitsBelow(std::string_view digits, std::size_t at, int limit)
{
    return (digits[at] - '0') * 10 + (digits[at + 1] - '0') < limit;
}

/// The zone part of a timestamp in `form`, normalised to "Z" or sign and hhmm; nullopt if malformed, missing
/// where mandatory, or spelt out where the form implies it (so each instant has one spelling).
std::optional<std::string> parseZone(std::string_view text, const TimestampForm& form)
{
    if (text.empty()) {
        return form.impliedZone.empty() ? std::nullopt : std::optional<std::string>(form.impliedZone);
    }
    if (text == "Z") {
        return std::string(text);
    }
    std::string offset;
    if ((text[0] != '+' && text[0] != '-') || !takeDigits(text.substr(1), form.offset, offset) ||
        !twoDigitsBelow(offset, 0, 24) || !twoDigitsBelow(offset, 2, 60)) {
        return std::nullopt;
    }
    std::string zone = text[0] + offset;
    return zone == form.impliedZone ? std::nullopt : std::optional(std::move(zone));
}

std::optional<Timestamp> parseTimestamp(std::string_view text, const TimestampForm& form)
{
    Timestamp timestamp;
    if (!takeDigits(text.substr(0, form.dateTime.size()), form.dateTime, timestamp.digits)) {
        return std::nullopt;
    }
    text.remove_prefix(form.dateTime.size());
    if (text.starts_with('.')) {
        const std::size_t end = std::find_if_not(text.begin() + 1, text.end(), isDigit) - text.begin();
        if (end == 1) {
            return std::nullopt;
        }
        timestamp.fraction = text.substr(0, end);
        text.remove_prefix(end);
    }
    auto zone = parseZone(text, form);
    const std::string_view digits = timestamp.digits;
    if (!zone || !Date::parse(digits.substr(0, 8)) || !twoDigitsBelow(digits, 8, 24) ||
        !twoDigitsBelow(digits, 10, 60) || !twoDigitsBelow(digits, 12, 60)) {
        return std::nullopt;
    }
    timestamp.zone = std::move(*zone);
    return timestamp;
}

std::string formatTimestamp(const Timestamp& timestamp, const TimestampForm& form)
{
    std::string zone;
    if (timestamp.zone == "Z") {
        zone = timestamp.zone;
    } else if (timestamp.zone != form.impliedZone) {
        zone = timestamp.zone.front() + fillPattern(form.offset, std::string_view(timestamp.zone).substr(1));
    }
    return fillPattern(form.dateTime, timestamp.digits) + timestamp.fraction + zone;
}

// Codecs: the one spelling of each typed field. Decoding keeps a value only if writing it back gives the same
// text, which turns leading zeros, "-0", one-digit category codes and the like into errors.

struct DateCodec
{
    using Value = Date;
    static constexpr FieldReason kReason = FieldReason::InvalidDate;
    static std::string write(const Date& date) { return date.toCompact(); }
    static std::optional<Date> parse(std::string_view text) { return Date::parse(text); }
};

struct StatusCodec
{
    using Value = Status;
    static constexpr FieldReason kReason = FieldReason::InvalidValue;
    static std::string write(Status status) { return std::string(toWire(status)); }
    static std::optional<Status> parse(std::string_view text) { return statusFromWire(text); }
};

struct CardCategoryCodec
{
    using Value = CardCategory;
    static constexpr FieldReason kReason = FieldReason::InvalidValue;
    static std::string write(CardCategory category) { return std::string(cardCategoryCode(category)); }
    static std::optional<CardCategory> parse(std::string_view text) { return cardCategoryFromCode(text); }
};

/// Enumerations whose enumerator values are the official numeric codes (CodeLists.h).
template <class Enum, std::optional<Enum> (*fromCode)(int)> struct NumericCodeCodec
{
    using Value = Enum;
    static constexpr FieldReason kReason = FieldReason::InvalidValue;
    static std::string write(Enum value) { return std::to_string(static_cast<int>(value)); }
    static std::optional<Enum> parse(std::string_view text)
    {
        const auto code = parseInt(text);
        return code ? fromCode(*code) : std::nullopt;
    }
};

using RelationshipCodec = NumericCodeCodec<Relationship, relationshipFromCode>;
using SexCodec = NumericCodeCodec<Sex, sexFromCode>;

struct PercentCodec
{
    using Value = int;
    static constexpr FieldReason kReason = FieldReason::InvalidValue;
    static std::string write(int percent) { return std::to_string(percent); }
    static std::optional<int> parse(std::string_view text)
    {
        const auto percent = parseInt(text);
        return percent && *percent >= 0 && *percent <= kMaxPercent ? percent : std::nullopt;
    }
};

/// checkedAt travels in the basic form. Text that is no extended timestamp (the empty one aside) is written
/// unchanged; it then fails to decode, the honest outcome for an answer the server cannot have produced.
struct CheckedAtCodec
{
    using Value = std::string;
    static constexpr FieldReason kReason = FieldReason::InvalidValue;
    static std::string write(const std::string& checkedAt)
    {
        const auto timestamp = parseTimestamp(checkedAt, kExtendedForm);
        return timestamp ? formatTimestamp(*timestamp, kBasicForm) : checkedAt;
    }
    static std::optional<std::string> parse(std::string_view text)
    {
        const auto timestamp = parseTimestamp(text, kBasicForm);
        return timestamp ? std::optional(formatTimestamp(*timestamp, kExtendedForm)) : std::nullopt;
    }
};

/// Builds one payload: the prefix, then each field escaped, '|'-separated, in the order of the calls.
class PayloadWriter
{
public:
    explicit PayloadWriter(std::string_view prefix) : m_text(prefix) {}

    void text(std::string_view value)
    {
        if (m_fieldCount++ > 0) {
            m_text += kSeparator;
        }
        m_text += escape(value);
    }

    template <class Codec> void value(const typename Codec::Value& value) { text(Codec::write(value)); }

    template <class Codec> void value(const std::optional<typename Codec::Value>& value)
    {
        text(value ? Codec::write(*value) : std::string());
    }

    std::string take() && { return std::move(m_text); }

private:
    std::string m_text;
    std::size_t m_fieldCount = 0;
};

enum class Presence { Optional, Required };

/// Reads the fields of one payload in their documented order, noting a FieldError for each bad one so that
/// a payload with several problems reports them all.
class FieldReader
{
public:
    explicit FieldReader(std::vector<std::string_view> fields) : m_fields(std::move(fields)) {}

    std::string text(std::string_view name, Presence presence = Presence::Optional)
    {
        const std::string_view field = m_fields.at(m_next++);
        auto value = unescape(field);
        if (!value) {
            fail(name, FieldReason::InvalidCharacters);
            return {};
        }
        if (value->empty() && presence == Presence::Required) {
            fail(name, FieldReason::Required);
        }
        return std::move(*value);
    }

    template <class Codec>
    std::optional<typename Codec::Value> value(std::string_view name, Presence presence = Presence::Optional)
    {
        const std::size_t errorCount = m_errors.size();
        const std::string field = text(name, presence);
        if (field.empty() || m_errors.size() != errorCount) {
            return std::nullopt;
        }
        auto value = Codec::parse(field);
        if (!value || Codec::write(*value) != field) {
            fail(name, Codec::kReason);
            return std::nullopt;
        }
        return value;
    }

    template <class Codec> typename Codec::Value required(std::string_view name)
    {
        // The default only fills a payload that is about to be discarded for its field error.
        return value<Codec>(name, Presence::Required).value_or(typename Codec::Value{});
    }

    void fail(std::string_view name, FieldReason reason) { m_errors.push_back({std::string(name), reason}); }

    template <class T> Result<T> finish(T payload, std::string_view what) &&
    {
        if (!m_errors.empty()) {
            return Error::badRequest(std::move(m_errors), "invalid fields in the " + std::string(what));
        }
        return payload;
    }

private:
    std::vector<std::string_view> m_fields;
    std::size_t m_next = 0;
    FieldErrors m_errors;
};

/// Digits only, and one of the allowed lengths (an empty optional field is fine).
void checkDigitsField(FieldReader& reader, std::string_view name, std::string_view value,
                      std::initializer_list<std::size_t> lengths)
{
    if (value.empty()) {
        return;
    }
    if (!isDigits(value)) {
        reader.fail(name, FieldReason::NotDigits);
    } else if (std::find(lengths.begin(), lengths.end(), value.size()) == lengths.end()) {
        reader.fail(name, FieldReason::WrongLength);
    }
}

void writeCardKey(PayloadWriter& writer, const InsuranceCardKey& card)
{
    writer.text(card.insurerNumber);
    writer.text(card.symbol);
    writer.text(card.number);
    writer.text(card.branch);
}

/// The key's shape only; the check digit is left to the reception screen, which treats a scanned key like a
/// typed one and so shows the same message for both.
InsuranceCardKey readCardKey(FieldReader& reader)
{
    InsuranceCardKey card;
    card.insurerNumber = reader.text("insurerNumber", Presence::Required);
    checkDigitsField(reader, "insurerNumber", card.insurerNumber, {6, 8});
    card.symbol = reader.text("symbol");
    card.number = reader.text("number", Presence::Required);
    card.branch = reader.text("branch");
    checkDigitsField(reader, "branch", card.branch, {2});
    return card;
}

/// Scanners end a scan with Enter: CR, LF or both.
std::string_view withoutLineEnd(std::string_view text)
{
    while (!text.empty() && (text.back() == '\r' || text.back() == '\n')) {
        text.remove_suffix(1);
    }
    return text;
}

Error structureError(std::string field, FieldReason reason, std::string detail)
{
    return Error::badRequest({FieldError{std::move(field), reason}}, std::move(detail));
}

/// The fields after `prefix`, exactly `count` of them.
Result<std::vector<std::string_view>> splitPayload(std::string_view text, std::string_view prefix, std::size_t count,
                                                   std::string_view what)
{
    text = withoutLineEnd(text);
    if (!text.starts_with(prefix)) {
        // The kind letters hold no '|', so a payload of our kind has its separator (if any) after them.
        const bool ourKind = text.starts_with(prefix.substr(0, kKindLength));
        const std::string_view version =
            ourKind ? text.substr(kKindLength, text.find(kSeparator) - kKindLength) : std::string_view();
        if (isDigits(version)) {
            return structureError("version", FieldReason::InvalidValue,
                                  "unsupported " + std::string(what) + " version " + std::string(version) +
                                      "; this build reads " + std::string(prefix.substr(0, prefix.size() - 1)));
        }
        return structureError("payload", FieldReason::InvalidValue,
                              "not a " + std::string(what) + ": it must start with " + std::string(prefix));
    }
    std::vector<std::string_view> fields;
    std::string_view rest = text.substr(prefix.size());
    for (std::size_t end = rest.find(kSeparator); end != std::string_view::npos; end = rest.find(kSeparator)) {
        fields.push_back(rest.substr(0, end));
        rest.remove_prefix(end + 1);
    }
    fields.push_back(rest);
    if (fields.size() != count) {
        return structureError("payload", FieldReason::WrongLength,
                              std::string(what) + " has " + std::to_string(fields.size()) + " fields, expected " +
                                  std::to_string(count));
    }
    return fields;
}

constexpr std::string_view kCardWhat = "insurance-card QR payload";
constexpr std::string_view kResultWhat = "result QR payload";

} // namespace

std::string encodeQr(const InsuranceCardQr& payload)
{
    PayloadWriter writer(kInsuranceCardQrPrefix);
    writeCardKey(writer, payload.card);
    writer.value<DateCodec>(payload.birthDate);
    return std::move(writer).take();
}

std::string encodeQr(const ResultQr& payload)
{
    PayloadWriter writer(kResultQrPrefix);
    writer.text(payload.receiptNumber);
    writer.value<StatusCodec>(payload.status);
    writer.value<DateCodec>(payload.consultationDate);
    writer.value<CheckedAtCodec>(payload.checkedAt);
    writer.text(payload.identifier);
    writeCardKey(writer, payload.card);
    writer.value<CardCategoryCodec>(payload.cardCategory);
    writer.value<RelationshipCodec>(payload.relationship);
    writer.text(payload.nameKana);
    writer.value<DateCodec>(payload.birthDate);
    writer.value<SexCodec>(payload.sex);
    writer.value<PercentCodec>(payload.copaymentPercent);
    writer.value<PercentCodec>(payload.elderlyCopaymentPercent);
    writer.value<DateCodec>(payload.cardValidTo);
    return std::move(writer).take();
}

bool looksLikeQrPayload(std::string_view text)
{
    // A prefix test: whatever follows, the scanner's line end included, does not matter.
    return text.starts_with(kInsuranceCardQrPrefix) || text.starts_with(kResultQrPrefix);
}

Result<InsuranceCardQr> decodeInsuranceCardQr(std::string_view text)
{
    auto fields = splitPayload(text, kInsuranceCardQrPrefix, kCardFieldCount, kCardWhat);
    if (!fields) {
        return fields.error();
    }
    FieldReader reader(std::move(fields).value());
    InsuranceCardQr payload;
    payload.card = readCardKey(reader);
    payload.birthDate = reader.value<DateCodec>("birthDate");
    return std::move(reader).finish(std::move(payload), kCardWhat);
}

Result<ResultQr> decodeResultQr(std::string_view text)
{
    auto fields = splitPayload(text, kResultQrPrefix, kResultFieldCount, kResultWhat);
    if (!fields) {
        return fields.error();
    }
    FieldReader reader(std::move(fields).value());
    ResultQr payload;
    payload.receiptNumber = reader.text("receiptNumber");
    payload.status = reader.required<StatusCodec>("status");
    payload.consultationDate = reader.required<DateCodec>("consultationDate");
    payload.checkedAt = reader.value<CheckedAtCodec>("checkedAt").value_or(std::string());
    payload.identifier = reader.text("identifier");
    payload.card = readCardKey(reader);
    payload.cardCategory = reader.value<CardCategoryCodec>("cardCategory");
    payload.relationship = reader.value<RelationshipCodec>("relationship");
    payload.nameKana = reader.text("nameKana");
    payload.birthDate = reader.required<DateCodec>("birthDate");
    payload.sex = reader.required<SexCodec>("sex");
    payload.copaymentPercent = reader.value<PercentCodec>("copaymentPercent");
    payload.elderlyCopaymentPercent = reader.value<PercentCodec>("elderlyCopaymentPercent");
    payload.cardValidTo = reader.value<DateCodec>("cardValidTo");
    return std::move(reader).finish(std::move(payload), kResultWhat);
}

std::optional<ResultQr> resultQrOf(const VerificationAnswer& answer)
{
    const Qualification* qualification = nullptr;
    if (!answer.qualifications.empty()) {
        qualification = &answer.qualifications.front();
    } else if (answer.lostRecord) {
        qualification = &*answer.lostRecord;
    }
    // checkedAt is stamped in JST, so its date part is the Japanese date of the check.
    const auto consultationDate = answer.consultationDate
                                      ? answer.consultationDate
                                      : Date::parse(std::string_view(answer.checkedAt).substr(0, 10));
    if (!qualification || !consultationDate) {
        return std::nullopt;
    }
    ResultQr qr;
    qr.receiptNumber = answer.receiptNumber;
    qr.status = answer.status;
    qr.consultationDate = *consultationDate;
    qr.checkedAt = answer.checkedAt;
    qr.identifier = answer.identifier;
    qr.card = qualification->card;
    qr.cardCategory = qualification->cardCategory;
    qr.relationship = qualification->relationship;
    qr.nameKana = qualification->nameKana;
    qr.birthDate = qualification->birthDate;
    qr.sex = qualification->sex;
    qr.copaymentPercent = qualification->copaymentPercent;
    qr.elderlyCopaymentPercent = qualification->elderlyCopaymentPercent;
    qr.cardValidTo = qualification->cardValidTo;
    return qr;
}

} // namespace oqs::common
