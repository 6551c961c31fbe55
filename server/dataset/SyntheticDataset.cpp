// SPDX-License-Identifier: Apache-2.0
#include "dataset/SyntheticDataset.h"

#include "oqs/common/Validation.h"

#include <algorithm>
#include <bit>
#include <chrono>
#include <iterator>
#include <span>
#include <string_view>
#include <utility>

namespace oqs::server::dataset {

using common::CardCategory;
using common::Date;
using common::InsurerScheme;
using common::Qualification;
using common::Relationship;
using common::Sex;

namespace {

// Name, place and employer tables. Persons are random combinations of common surnames and given names, so no
// generated person is a real one; places and insurer kinds are real so that the data look familiar.

struct NamePair
{
    std::string_view kanji;
    std::string_view kana;
};

constexpr NamePair kSurnames[] = {
    {"佐藤", "サトウ"},   {"鈴木", "スズキ"},   {"高橋", "タカハシ"},   {"田中", "タナカ"},   {"伊藤", "イトウ"},
    {"渡辺", "ワタナベ"}, {"山本", "ヤマモト"}, {"中村", "ナカムラ"},   {"小林", "コバヤシ"}, {"加藤", "カトウ"},
    {"吉田", "ヨシダ"},   {"山田", "ヤマダ"},   {"佐々木", "ササキ"},   {"山口", "ヤマグチ"}, {"松本", "マツモト"},
    {"井上", "イノウエ"}, {"木村", "キムラ"},   {"林", "ハヤシ"},       {"斎藤", "サイトウ"}, {"清水", "シミズ"},
    {"山崎", "ヤマザキ"}, {"森", "モリ"},       {"池田", "イケダ"},     {"橋本", "ハシモト"}, {"阿部", "アベ"},
    {"石川", "イシカワ"}, {"山下", "ヤマシタ"}, {"中島", "ナカジマ"},   {"石井", "イシイ"},   {"小川", "オガワ"},
    {"前田", "マエダ"},   {"岡田", "オカダ"},   {"長谷川", "ハセガワ"}, {"藤田", "フジタ"},   {"後藤", "ゴトウ"},
    {"近藤", "コンドウ"}, {"村上", "ムラカミ"}, {"遠藤", "エンドウ"},   {"青木", "アオキ"},   {"坂本", "サカモト"},
    {"斉藤", "サイトウ"}, {"福田", "フクダ"},   {"太田", "オオタ"},     {"西村", "ニシムラ"}, {"藤井", "フジイ"},
    {"金子", "カネコ"},   {"岡本", "オカモト"}, {"藤原", "フジワラ"},   {"中野", "ナカノ"},   {"三浦", "ミウラ"},
    {"原田", "ハラダ"},   {"中川", "ナカガワ"}, {"松田", "マツダ"},     {"竹内", "タケウチ"}, {"小野", "オノ"},
    {"田村", "タムラ"},   {"中山", "ナカヤマ"}, {"和田", "ワダ"},       {"石田", "イシダ"},   {"森田", "モリタ"},
    {"上田", "ウエダ"},   {"原", "ハラ"},       {"内田", "ウチダ"},     {"柴田", "シバタ"},   {"酒井", "サカイ"},
    {"宮崎", "ミヤザキ"}, {"横山", "ヨコヤマ"}, {"高木", "タカギ"},     {"安藤", "アンドウ"}, {"宮本", "ミヤモト"},
    {"大野", "オオノ"},   {"小島", "コジマ"},   {"谷口", "タニグチ"},   {"今井", "イマイ"},   {"工藤", "クドウ"},
    {"高田", "タカダ"},   {"増田", "マスダ"},   {"丸山", "マルヤマ"},   {"杉山", "スギヤマ"}, {"村田", "ムラタ"},
    {"大塚", "オオツカ"}, {"新井", "アライ"},   {"小山", "コヤマ"},     {"平野", "ヒラノ"},   {"藤本", "フジモト"},
    {"河野", "コウノ"},   {"上野", "ウエノ"},   {"野口", "ノグチ"},     {"武田", "タケダ"},   {"松井", "マツイ"},
    {"千葉", "チバ"},     {"岩崎", "イワサキ"}, {"菅原", "スガワラ"},   {"木下", "キノシタ"}, {"久保", "クボ"},
    {"佐野", "サノ"},     {"野村", "ノムラ"},   {"松尾", "マツオ"},     {"市川", "イチカワ"}, {"菊地", "キクチ"},
};

/// Given names by sex and generation (born before 1980 or later), so that grandparents do not bear toddlers' names.
constexpr NamePair kMaleClassicNames[] = {
    {"太郎", "タロウ"},   {"一郎", "イチロウ"}, {"誠", "マコト"},   {"浩", "ヒロシ"},     {"隆", "タカシ"},
    {"健一", "ケンイチ"}, {"修", "オサム"},     {"博", "ヒロシ"},   {"茂", "シゲル"},     {"清", "キヨシ"},
    {"勇", "イサム"},     {"進", "ススム"},     {"明", "アキラ"},   {"豊", "ユタカ"},     {"実", "ミノル"},
    {"和夫", "カズオ"},   {"正男", "マサオ"},   {"昭", "アキラ"},   {"稔", "ミノル"},     {"剛", "ツヨシ"},
    {"学", "マナブ"},     {"聡", "サトシ"},     {"秀樹", "ヒデキ"}, {"雄一", "ユウイチ"}, {"健二", "ケンジ"},
};
constexpr NamePair kMaleModernNames[] = {
    {"健太", "ケンタ"}, {"翔太", "ショウタ"}, {"大輔", "ダイスケ"},   {"拓也", "タクヤ"},   {"直樹", "ナオキ"},
    {"達也", "タツヤ"}, {"和也", "カズヤ"},   {"蓮", "レン"},         {"陽翔", "ハルト"},   {"湊", "ミナト"},
    {"大翔", "ヒロト"}, {"悠真", "ユウマ"},   {"颯太", "ソウタ"},     {"陸", "リク"},       {"悠人", "ユウト"},
    {"海斗", "カイト"}, {"翼", "ツバサ"},     {"亮", "リョウ"},       {"裕太", "ユウタ"},   {"慎也", "シンヤ"},
    {"光", "ヒカル"},   {"智也", "トモヤ"},   {"俊介", "シュンスケ"}, {"康介", "コウスケ"}, {"大樹", "ダイキ"},
};
constexpr NamePair kFemaleClassicNames[] = {
    {"花子", "ハナコ"}, {"恵子", "ケイコ"},   {"幸子", "サチコ"},   {"和子", "カズコ"},   {"洋子", "ヨウコ"},
    {"節子", "セツコ"}, {"京子", "キョウコ"}, {"久美子", "クミコ"}, {"由美子", "ユミコ"}, {"明美", "アケミ"},
    {"直美", "ナオミ"}, {"智子", "トモコ"},   {"裕子", "ユウコ"},   {"真由美", "マユミ"}, {"恵", "メグミ"},
    {"文子", "フミコ"}, {"佳子", "ヨシコ"},   {"純子", "ジュンコ"}, {"静香", "シズカ"},   {"友美", "トモミ"},
    {"美紀", "ミキ"},   {"理恵", "リエ"},     {"優子", "ユウコ"},   {"瞳", "ヒトミ"},     {"香織", "カオリ"},
};
constexpr NamePair kFemaleModernNames[] = {
    {"陽菜", "ヒナ"}, {"結衣", "ユイ"},   {"美咲", "ミサキ"}, {"さくら", "サクラ"}, {"葵", "アオイ"},
    {"凛", "リン"},   {"結菜", "ユイナ"}, {"芽依", "メイ"},   {"紬", "ツムギ"},     {"陽葵", "ヒマリ"},
    {"澪", "ミオ"},   {"美優", "ミユ"},   {"愛", "アイ"},     {"舞", "マイ"},       {"彩", "アヤ"},
    {"麻衣", "マイ"}, {"早紀", "サキ"},   {"千尋", "チヒロ"}, {"七海", "ナナミ"},   {"美穂", "ミホ"},
    {"奈々", "ナナ"}, {"沙織", "サオリ"}, {"春香", "ハルカ"}, {"杏", "アン"},       {"愛子", "アイコ"},
};
constexpr int kModernNamesFrom = 1980;

/// Indexed by JIS prefecture code − 1.
constexpr std::string_view kPrefectures[] = {
    "北海道", "青森県", "岩手県", "宮城県",   "秋田県", "山形県",   "福島県", "茨城県", "栃木県", "群馬県",
    "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県",   "石川県", "福井県", "山梨県", "長野県",
    "岐阜県", "静岡県", "愛知県", "三重県",   "滋賀県", "京都府",   "大阪府", "兵庫県", "奈良県", "和歌山県",
    "鳥取県", "島根県", "岡山県", "広島県",   "山口県", "徳島県",   "香川県", "愛媛県", "高知県", "福岡県",
    "佐賀県", "長崎県", "熊本県", "大分県",   "宮崎県", "鹿児島県", "沖縄県",
};

struct Municipality
{
    int prefecture; ///< JIS code 1–47
    std::string_view name;
    std::string_view symbolPrefix; ///< kanji the NHI card symbols of this municipality start with; empty: digits
};

/// Each is also a municipal NHI insurer; the big cities print kanji symbols, the others digits only.
constexpr Municipality kMunicipalities[] = {
    {1, "札幌市", "札幌"},      {1, "旭川市", "旭川"},    {1, "函館市", ""},      {2, "青森市", ""},
    {2, "八戸市", ""},          {3, "盛岡市", ""},        {4, "仙台市", "仙台"},  {4, "石巻市", ""},
    {5, "秋田市", ""},          {6, "山形市", ""},        {7, "福島市", ""},      {7, "郡山市", ""},
    {8, "水戸市", ""},          {8, "つくば市", ""},      {9, "宇都宮市", ""},    {10, "前橋市", ""},
    {10, "高崎市", ""},         {11, "さいたま市", ""},   {11, "川越市", ""},     {11, "川口市", ""},
    {12, "千葉市", "千葉"},     {12, "船橋市", ""},       {12, "柏市", ""},       {13, "千代田区", ""},
    {13, "新宿区", "新宿"},     {13, "世田谷区", "世田"}, {13, "練馬区", ""},     {13, "八王子市", ""},
    {13, "町田市", ""},         {14, "横浜市", "横浜"},   {14, "川崎市", "川崎"}, {14, "相模原市", ""},
    {14, "藤沢市", ""},         {15, "新潟市", ""},       {15, "長岡市", ""},     {16, "富山市", ""},
    {17, "金沢市", ""},         {18, "福井市", ""},       {19, "甲府市", ""},     {20, "長野市", ""},
    {20, "松本市", ""},         {21, "岐阜市", ""},       {22, "静岡市", ""},     {22, "浜松市", "浜松"},
    {23, "名古屋市", "名古屋"}, {23, "豊田市", ""},       {23, "岡崎市", ""},     {24, "津市", ""},
    {24, "四日市市", ""},       {25, "大津市", ""},       {26, "京都市", "京都"}, {27, "大阪市", "大阪"},
    {27, "堺市", "堺"},         {27, "東大阪市", ""},     {28, "神戸市", "神戸"}, {28, "姫路市", ""},
    {28, "西宮市", ""},         {29, "奈良市", ""},       {30, "和歌山市", ""},   {31, "鳥取市", ""},
    {32, "松江市", ""},         {33, "岡山市", ""},       {33, "倉敷市", ""},     {34, "広島市", "広島"},
    {34, "福山市", ""},         {35, "山口市", ""},       {35, "下関市", ""},     {36, "徳島市", ""},
    {37, "高松市", ""},         {38, "松山市", ""},       {39, "高知市", ""},     {40, "福岡市", "福岡"},
    {40, "北九州市", "北九州"}, {40, "久留米市", ""},     {41, "佐賀市", ""},     {42, "長崎市", ""},
    {42, "佐世保市", ""},       {43, "熊本市", "熊本"},   {44, "大分市", ""},     {45, "宮崎市", ""},
    {46, "鹿児島市", ""},       {47, "那覇市", ""},       {47, "沖縄市", ""},
};

constexpr std::string_view kTowns[] = {
    "本町", "中央", "栄町", "緑町", "旭町", "若葉", "桜台", "東町",     "西町",   "南町",
    "北町", "新町", "幸町", "宮前", "大通", "泉町", "松原", "日の出町", "富士見", "青葉台",
};

/// Health-insurance societies are named after fictitious companies: one word and one industry each.
constexpr std::string_view kCompanyWords[] = {
    "青葉", "若葉", "白樺", "銀杏", "翠嶺", "朝凪", "星霜", "瑞穂", "光陵", "清流", "東雲", "紅葉",
};
constexpr std::string_view kIndustries[] = {
    "精密", "電子", "化成", "物流", "食品", "建設", "薬品", "繊維", "通信", "機械",
};
/// Prefectures the societies are registered in, cycled (most are in the big cities).
constexpr int kSocietyPrefectures[] = {13, 13, 13, 27, 27, 23, 14, 40, 11, 12, 28, 22, 34, 1, 4, 26};

/// Small employers insured with 協会けんぽ: a surname and a trade, e.g. "有限会社佐藤工務店".
constexpr std::string_view kTrades[] = {
    "工務店", "商店", "建設", "運送", "製作所", "電気工事", "不動産", "印刷", "自動車整備", "製菓",
};

/// National civil servants' mutual-aid associations (法別 31), all registered in Tokyo.
constexpr std::string_view kMinistries[] = {
    "内閣",       "総務省",     "法務省",     "外務省",     "財務省",
    "文部科学省", "厚生労働省", "農林水産省", "経済産業省", "国土交通省",
};

/// Per-prefecture mutual-aid branches (法別 32–34) and the office their members work at.
struct KyosaiBranch
{
    std::string_view lawCategory;
    std::string_view association;
    std::string_view officeSuffix;
};
constexpr KyosaiBranch kKyosaiBranches[] = {
    {"32", "地方職員共済組合", "庁"},
    {"33", "警察共済組合", "警察本部"},
    {"34", "公立学校共済組合", "教育委員会"},
};

// The insurer master is laid out in this fixed order, so that an insurer's index follows from its kind:
// 協会けんぽ by prefecture, 後期高齢 by prefecture, municipal NHI by municipality, societies, ministries,
// then the three mutual-aid branches of each prefecture.
constexpr std::size_t kPrefectureCount = std::size(kPrefectures);
constexpr std::size_t kMunicipalityCount = std::size(kMunicipalities);
constexpr std::size_t kSocietyCount = std::size(kCompanyWords) * std::size(kIndustries);
constexpr std::size_t kKyokaiBase = 0;
constexpr std::size_t kLateElderlyBase = kKyokaiBase + kPrefectureCount;
constexpr std::size_t kNhiBase = kLateElderlyBase + kPrefectureCount;
constexpr std::size_t kSocietyBase = kNhiBase + kMunicipalityCount;
constexpr std::size_t kMinistryBase = kSocietyBase + kSocietyCount;
constexpr std::size_t kKyosaiBranchBase = kMinistryBase + std::size(kMinistries);
constexpr std::size_t kInsurerCount = kKyosaiBranchBase + kPrefectureCount * std::size(kKyosaiBranches);

// Distributions (documented in resources/docs/synthetic-dataset.md). Weights are relative; chances are per mille.

struct SizeWeight
{
    int size;
    int weight;
};
constexpr SizeWeight kHouseholdSizes[] = {{1, 500}, {2, 250}, {3, 120}, {4, 90}, {5, 40}};

struct AgeBand
{
    int low;
    int high;
    int weight;
};
/// One-person households hold most of the elderly: over 75, everyone is insured individually (後期高齢).
constexpr AgeBand kSingleAges[] = {{18, 39, 200}, {40, 64, 200}, {65, 69, 80}, {70, 74, 70},
                                   {75, 84, 250}, {85, 94, 170}, {95, 100, 30}};
constexpr AgeBand kHeadAges[] = {{22, 39, 350}, {40, 59, 450}, {60, 69, 130}, {70, 74, 70}};

struct SchemeWeight
{
    InsurerScheme scheme;
    int weight;
};
constexpr SchemeWeight kWorkingSchemes[] = {{InsurerScheme::KyokaiKenpo, 400},
                                            {InsurerScheme::KumiaiKenpo, 280},
                                            {InsurerScheme::Kyosai, 90},
                                            {InsurerScheme::NationalHealth, 230}};
/// From 65 most people have retired into their municipality's NHI.
constexpr SchemeWeight kRetiredSchemes[] = {{InsurerScheme::KyokaiKenpo, 100},
                                            {InsurerScheme::KumiaiKenpo, 80},
                                            {InsurerScheme::Kyosai, 20},
                                            {InsurerScheme::NationalHealth, 800}};

constexpr int kMaleHeadPerMille = 600;
constexpr int kSpousePerMille = 750;
constexpr int kJobChangePerMille = 100;   ///< old qualification lost, new one valid
constexpr int kNotYetLostPerMille = 20;   ///< the old insurer has not reported the loss yet: two valid
constexpr int kLostForGoodPerMille = 10;  ///< qualification lost, no successor yet
constexpr int kMinistryPerMille = 200;    ///< of 共済 members, national rather than prefectural
constexpr int kCertificatePerMille = 800; ///< persons holding a My Number card
constexpr int kRenewedPerMille = 25;      ///< of card holders: card renewed, previous serial known
constexpr int kExpiredPerMille = 35;      ///< of card holders: certificate expired, not renewed
constexpr int kRevokedPerMille = 12;      ///< of unexpired certificates
constexpr int kLinkedPerMille = 970;      ///< of card holders
constexpr int kCertificateYears = 5;
constexpr Date kLateElderlySchemeStart{2008, 4, 1};
constexpr std::uint64_t kBlockSize = 16;                        ///< households never straddle a block: see householdOf
constexpr std::uint64_t kSequenceStride = 4;                    ///< sequence numbers per person: increasing below 2^61
constexpr std::uint64_t kLinkageDomain = 1'000'000'000'000'000; ///< 15 digits
constexpr std::uint64_t kCardKeyDomain = 100'000'000;           ///< two card keys per household: 5·10^7 households
constexpr std::uint64_t kSerialTopBit = std::uint64_t{1} << 63;

// ---------------------------------------------------------------- randomness

constexpr std::uint64_t kGolden = 0x9E3779B97F4A7C15ULL;

/// splitmix64's finaliser: a bijection on 64-bit values with good avalanche.
constexpr std::uint64_t mix64(std::uint64_t x)
{
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

/// Independent random streams: each purpose draws from its own (seed, stream, index) counter.
enum class Stream : std::uint64_t { Block = 1, Household, Member, Record, Certificate, Linkage, CardKey, Serial };

std::uint64_t streamKey(std::uint64_t seed, Stream stream)
{
    return mix64(seed ^ (static_cast<std::uint64_t>(stream) * kGolden));
}

/// splitmix64 started at a state that depends only on (seed, stream, index): counter-based, so any person can be
/// generated without generating the ones before it.
class Rng
{
public:
    Rng(std::uint64_t seed, Stream stream, std::uint64_t index) : m_state(mix64(streamKey(seed, stream) + index)) {}

    std::uint64_t next()
    {
        m_state += kGolden;
        return mix64(m_state);
    }
    /// Uniform in [0, bound), bound > 0; the modulo bias is below 2^-40 for the small bounds used here.
    std::uint64_t below(std::uint64_t bound) { return next() % bound; }
    /// Uniform in [low, high].
    int between(int low, int high) { return low + static_cast<int>(below(static_cast<std::uint64_t>(high - low + 1))); }
    bool chance(int perMille) { return below(1000) < static_cast<std::uint64_t>(perMille); }

private:
    std::uint64_t m_state;
};

/// One item of a table of structs with a `weight` member, drawn with probability weight / total.
template <typename Table> const auto& pickWeighted(Rng& rng, const Table& table)
{
    int total = 0;
    for (const auto& item : table) {
        total += item.weight;
    }
    int roll = static_cast<int>(rng.below(static_cast<std::uint64_t>(total)));
    auto it = std::begin(table);
    while (roll >= it->weight) {
        roll -= it->weight;
        ++it;
    }
    return *it;
}

/// A keyed bijection on [0, domain): an invertible mix on the smallest power of two holding the domain,
/// cycle-walked back into the domain (fewer than two rounds on average). Turns indices into unique numbers
/// that do not look sequential.
class KeyedPermutation
{
public:
    KeyedPermutation(std::uint64_t key, std::uint64_t domain)
        : m_key(key), m_domain(domain), m_mask(std::bit_ceil(domain) - 1),
          m_shift(static_cast<int>(std::bit_width(m_mask)) / 2 + 1)
    {
    }

    /// Inputs at or beyond the domain wrap around (and so may collide).
    std::uint64_t operator()(std::uint64_t value) const
    {
        value %= m_domain;
        do {
            value = round(value);
        } while (value >= m_domain);
        return value;
    }

private:
    // Each step (xor with a constant, multiplication by an odd constant, xor with a right shift of itself) is
    // invertible modulo the power of two, so the round is a permutation of [0, m_mask].
    std::uint64_t round(std::uint64_t x) const
    {
        x = (x ^ m_key) & m_mask;
        x = (x * 0xBF58476D1CE4E5B9ULL) & m_mask;
        x ^= x >> m_shift;
        x = (x * 0x94D049BB133111EBULL) & m_mask;
        return x ^ (x >> m_shift);
    }

    std::uint64_t m_key;
    std::uint64_t m_domain;
    std::uint64_t m_mask;
    int m_shift;
};

// ---------------------------------------------------------------- dates and text

int ageOn(const Date& birth, const Date& day)
{
    const bool beforeBirthday = std::pair(day.month, day.day) < std::pair(birth.month, birth.day);
    return day.year - birth.year - (beforeBirthday ? 1 : 0);
}

Date birthday(const Date& birth, int years)
{
    return birth.addMonths(12 * years);
}

long daysBetween(const Date& from, const Date& to)
{
    return to.daysSinceEpoch() - from.daysSinceEpoch();
}

/// A birth date making the person exactly `age` on `day`.
Date birthForAge(Rng& rng, int age, const Date& day)
{
    const Date latest = day.addMonths(-12 * age);
    const Date earliest = day.addMonths(-12 * (age + 1)).addDays(1);
    return latest.addDays(-static_cast<long>(rng.below(static_cast<std::uint64_t>(daysBetween(earliest, latest) + 1))));
}

/// Children pay 20 % until the 31 March after their sixth birthday: a school year takes those born
/// 2 April … 1 April.
bool isBeforeSchoolAge(const Date& birth, const Date& day)
{
    const bool bornByFirstApril = std::pair(birth.month, birth.day) <= std::pair(4, 1);
    return day < Date{birth.year + (bornByFirstApril ? 6 : 7), 4, 1};
}

/// NHI and 後期高齢 cards and elderly certificates run from 1 August to 31 July (the usual municipal cycle).
Date cardYearStart(const Date& day)
{
    return Date{day.month >= 8 ? day.year : day.year - 1, 8, 1};
}

Date cardYearEnd(const Date& day)
{
    return Date{cardYearStart(day).year + 1, 7, 31};
}

/// The elderly certificate starts on the first of the month after the 70th birthday (on it, for those born on a 1st).
Date elderlyStart(const Date& birth)
{
    const Date seventieth = birthday(birth, 70);
    return seventieth.day == 1 ? seventieth : Date{seventieth.year, seventieth.month, 1}.addMonths(1);
}

/// The day before the 75th birthday, the last day before 後期高齢 takes over.
Date lastDayBeforeLateElderly(const Date& birth)
{
    return birthday(birth, 75).addDays(-1);
}

Date certificateLastDay(const Date& notBefore)
{
    return notBefore.addMonths(12 * kCertificateYears).addDays(-1);
}

std::string timestampOn(const Date& day, int secondOfDay)
{
    using namespace std::chrono;
    const sys_seconds instant = sys_days{days{day.daysSinceEpoch()}} + seconds{secondOfDay} - hours{9};
    return common::formatJstTimestamp(instant);
}

std::string padded(std::uint64_t value, std::size_t width)
{
    std::string text = std::to_string(value);
    if (text.size() < width) {
        text.insert(0, width - text.size(), '0');
    }
    return text;
}

std::string hex16(std::uint64_t value)
{
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string text(16, '0');
    for (auto it = text.rbegin(); it != text.rend(); ++it, value >>= 4) {
        *it = kDigits[value & 0xF];
    }
    return text;
}

std::string withCheckDigit(std::string digits)
{
    digits += static_cast<char>('0' + common::checkDigitOf(digits));
    return digits;
}

/// Family and given name separated by an ideographic space, as Japanese registers print them.
std::string fullName(std::string_view family, std::string_view given)
{
    std::string text;
    text.reserve(family.size() + given.size() + 3);
    text.append(family).append("\u3000").append(given);
    return text;
}

std::string concat(std::initializer_list<std::string_view> parts)
{
    std::string text;
    for (std::string_view part : parts) {
        text.append(part);
    }
    return text;
}

bool isEmployeeScheme(InsurerScheme scheme)
{
    return scheme == InsurerScheme::KyokaiKenpo || scheme == InsurerScheme::KumiaiKenpo ||
           scheme == InsurerScheme::Kyosai;
}

std::span<const NamePair> givenNamesFor(Sex sex, const Date& birth)
{
    const bool modern = birth.year >= kModernNamesFrom;
    if (sex == Sex::Male) {
        return modern ? std::span<const NamePair>(kMaleModernNames) : std::span<const NamePair>(kMaleClassicNames);
    }
    return modern ? std::span<const NamePair>(kFemaleModernNames) : std::span<const NamePair>(kFemaleClassicNames);
}

/// "札幌市" → "札幌", "新宿区" → "新宿": how branch offices are named ("札幌支店").
std::string_view cityStem(std::string_view municipality)
{
    for (std::string_view suffix : {std::string_view("市"), std::string_view("区")}) {
        if (municipality.ends_with(suffix)) {
            return municipality.substr(0, municipality.size() - suffix.size());
        }
    }
    return municipality;
}

std::size_t prefectureIndexOf(std::size_t municipality)
{
    return static_cast<std::size_t>(kMunicipalities[municipality].prefecture - 1);
}

std::string_view societyWord(std::size_t society)
{
    return kCompanyWords[society / std::size(kIndustries)];
}

std::string_view societyIndustry(std::size_t society)
{
    return kIndustries[society % std::size(kIndustries)];
}

std::vector<Insurer> buildInsurerMaster()
{
    std::vector<Insurer> insurers;
    insurers.reserve(kInsurerCount);
    const auto add = [&insurers](std::string digits, std::string name, InsurerScheme scheme, int prefecture) {
        insurers.push_back(
            {withCheckDigit(std::move(digits)), std::move(name), scheme, std::string(kPrefectures[prefecture - 1])});
    };
    for (int p = 1; p <= int(kPrefectureCount); ++p) {
        add("01" + padded(p, 2) + "001", concat({"全国健康保険協会", kPrefectures[p - 1], "支部"}),
            InsurerScheme::KyokaiKenpo, p);
    }
    for (int p = 1; p <= int(kPrefectureCount); ++p) {
        add("39" + padded(p, 2) + "001", concat({kPrefectures[p - 1], "後期高齢者医療広域連合"}),
            InsurerScheme::LateElderly, p);
    }
    int municipalitiesSeen[kPrefectureCount + 1] = {};
    for (const Municipality& municipality : kMunicipalities) {
        const int serial = ++municipalitiesSeen[municipality.prefecture];
        add(padded(municipality.prefecture, 2) + padded(serial, 3), std::string(municipality.name),
            InsurerScheme::NationalHealth, municipality.prefecture);
    }
    for (std::size_t society = 0; society < kSocietyCount; ++society) {
        const int prefecture = kSocietyPrefectures[society % std::size(kSocietyPrefectures)];
        add("06" + padded(prefecture, 2) + padded(society + 1, 3),
            concat({societyWord(society), societyIndustry(society), "健康保険組合"}), InsurerScheme::KumiaiKenpo,
            prefecture);
    }
    constexpr int kTokyo = 13;
    for (std::size_t ministry = 0; ministry < std::size(kMinistries); ++ministry) {
        add("31" + padded(kTokyo, 2) + padded(ministry + 1, 3), concat({kMinistries[ministry], "共済組合"}),
            InsurerScheme::Kyosai, kTokyo);
    }
    for (int p = 1; p <= int(kPrefectureCount); ++p) {
        for (const KyosaiBranch& branch : kKyosaiBranches) {
            add(std::string(branch.lawCategory) + padded(p, 2) + "001",
                concat({branch.association, kPrefectures[p - 1], "支部"}), InsurerScheme::Kyosai, p);
        }
    }
    return insurers;
}

// ---------------------------------------------------------------- persons

/// One insurance card a household holds or held: insurer, card key, employer and period.
struct Enrolment
{
    std::size_t insurer = 0;
    InsurerScheme scheme = InsurerScheme::Other;
    std::string symbol;
    std::string number;
    std::string officeName;
    CardCategory category = CardCategory::General;
    Date acquisition;
    std::optional<Date> loss;
    std::optional<Date> shortTermStart; ///< a short-term card runs six months from here
};

/// What the members of a household share. The principal (本人, or the NHI household head) is its first index.
struct Household
{
    std::uint64_t start = 0;
    std::size_t municipality = 0;
    std::string address;
    std::size_t surname = 0;
    Sex principalSex = Sex::Male;
    std::size_t principalGivenName = 0;
    Date principalBirth;
    Enrolment current;
    std::optional<Enrolment> previous; ///< the card before a job change, or the NHI card before 後期高齢
};

struct Member
{
    int position = 0; ///< 0 for the principal; also the branch number (枝番)
    Sex sex = Sex::Male;
    std::size_t givenName = 0;
    Date birth;
    int incomeRoll = 0; ///< 0–999; decides the co-payment band of the elderly
};

/// Builds persons for one dataset. Cheap to construct: SyntheticDataset::person makes one per call.
class PersonGenerator
{
public:
    PersonGenerator(std::uint64_t seed, const Date& referenceDate, const std::vector<Insurer>& insurers)
        : m_seed(seed), m_today(referenceDate), m_insurers(insurers),
          m_linkage(streamKey(seed, Stream::Linkage), kLinkageDomain),
          m_cardKeys(streamKey(seed, Stream::CardKey), kCardKeyDomain),
          m_serials(streamKey(seed, Stream::Serial), kSerialTopBit)
    {
    }

    Person person(std::uint64_t index) const
    {
        const Household household = householdOf(index);
        const Member member = memberOf(household, index);
        Person person;
        person.linkageNumber = padded(m_linkage(index), 15);
        person.qualifications.push_back(qualification(household, member, household.current, index, 2));
        if (household.previous) {
            // Members born after the household left the old insurer never held its card.
            const Date leftOn = household.previous->loss.value_or(household.current.acquisition);
            if (member.birth < leftOn) {
                person.qualifications.push_back(qualification(household, member, *household.previous, index, 1));
            }
        }
        person.certificate = certificate(index);
        return person;
    }

private:
    /// Households fill blocks of kBlockSize consecutive indices, their sizes drawn per block, so the household of
    /// any index is found from its block alone (O(1)) and its members are consecutive indices.
    Household householdOf(std::uint64_t index) const
    {
        const std::uint64_t block = index / kBlockSize;
        Rng rng(m_seed, Stream::Block, block);
        std::uint64_t start = block * kBlockSize;
        const std::uint64_t end = start + kBlockSize;
        std::uint64_t size = std::min<std::uint64_t>(pickWeighted(rng, kHouseholdSizes).size, end - start);
        while (index - start >= size) { // `index >= start + size` would wrap in the very last block
            start += size;
            size = std::min<std::uint64_t>(pickWeighted(rng, kHouseholdSizes).size, end - start);
        }
        return household(start, static_cast<int>(size));
    }

    Household household(std::uint64_t start, int size) const
    {
        Rng rng(m_seed, Stream::Household, start);
        Household h;
        h.start = start;
        h.municipality = rng.below(kMunicipalityCount);
        h.address = address(rng, h.municipality);
        const AgeBand& band = size == 1 ? pickWeighted(rng, kSingleAges) : pickWeighted(rng, kHeadAges);
        const int age = rng.between(band.low, band.high);
        h.principalSex = rng.chance(kMaleHeadPerMille) ? Sex::Male : Sex::Female;
        h.principalBirth = birthForAge(rng, age, m_today);
        h.surname = rng.below(std::size(kSurnames));
        h.principalGivenName = rng.below(givenNamesFor(h.principalSex, h.principalBirth).size());

        const InsurerScheme scheme = age >= 75   ? InsurerScheme::LateElderly
                                     : age >= 65 ? pickWeighted(rng, kRetiredSchemes).scheme
                                                 : pickWeighted(rng, kWorkingSchemes).scheme;
        h.current = enrol(rng, scheme, insurerFor(rng, scheme, h.municipality), m_cardKeys(2 * start));
        h.current.category = cardCategory(rng, scheme, age, size);
        if (h.current.category == CardCategory::DayLabourerSlip ||
            h.current.category == CardCategory::SpecialMedicalExpenseSlip) {
            h.current.officeName.clear(); // day labourers have no single employer
        }
        if (scheme == InsurerScheme::LateElderly) {
            enterLateElderly(rng, h);
        } else {
            setWorkingHistory(rng, h);
        }
        if (h.current.category == CardCategory::ShortTermGeneral) {
            h.current.shortTermStart = m_today.addDays(-rng.between(0, 330));
        }
        return h;
    }

    /// 後期高齢 starts on the 75th birthday (or when the scheme began, for the oldest); the municipal NHI card lost
    /// that day stays visible for five years.
    void enterLateElderly(Rng& rng, Household& h) const
    {
        const Date turned75 = birthday(h.principalBirth, 75);
        h.current.acquisition = std::max(turned75, kLateElderlySchemeStart);
        if (turned75 >= m_today.addMonths(-60)) {
            Enrolment nhi =
                enrol(rng, InsurerScheme::NationalHealth, kNhiBase + h.municipality, m_cardKeys(2 * h.start + 1));
            nhi.acquisition = birthday(h.principalBirth, rng.between(60, 70));
            nhi.loss = turned75;
            h.previous = std::move(nhi);
        }
    }

    /// Working life starts at 18; some households changed insurer (job change or move), a few lost their
    /// qualification and have none yet.
    void setWorkingHistory(Rng& rng, Household& h) const
    {
        const Date startedWork = birthday(h.principalBirth, 18);
        const int roll = static_cast<int>(rng.below(1000));
        const bool canHaveChanged = startedWork.addDays(365 + 30) <= m_today;
        if (canHaveChanged && roll < kJobChangePerMille + kNotYetLostPerMille) {
            h.current.acquisition = std::max(startedWork.addDays(365), m_today.addDays(-rng.between(30, 1095)));
            const InsurerScheme scheme = pickWeighted(rng, kWorkingSchemes).scheme;
            std::size_t insurer = 0;
            do { // a different insurer: the household may also have moved
                insurer = insurerFor(rng, scheme, rng.below(kMunicipalityCount));
            } while (insurer == h.current.insurer);
            Enrolment previous = enrol(rng, scheme, insurer, m_cardKeys(2 * h.start + 1));
            previous.acquisition = std::max(startedWork, h.current.acquisition.addDays(-rng.between(365, 7300)));
            if (roll < kJobChangePerMille) {
                previous.loss = h.current.acquisition;
            }
            h.previous = std::move(previous);
            return;
        }
        h.current.acquisition = std::max(startedWork, m_today.addDays(-rng.between(30, 9000)));
        const long heldFor = daysBetween(h.current.acquisition, m_today);
        if (roll >= 1000 - kLostForGoodPerMille && heldFor >= 1) {
            h.current.loss = m_today.addDays(-static_cast<long>(rng.below(std::min<std::uint64_t>(heldFor, 365))));
        }
    }

    static std::size_t insurerFor(Rng& rng, InsurerScheme scheme, std::size_t municipality)
    {
        const std::size_t prefecture = prefectureIndexOf(municipality);
        switch (scheme) {
        case InsurerScheme::KyokaiKenpo:
            return kKyokaiBase + prefecture;
        case InsurerScheme::LateElderly:
            return kLateElderlyBase + prefecture;
        case InsurerScheme::NationalHealth:
            return kNhiBase + municipality;
        case InsurerScheme::KumiaiKenpo:
            return kSocietyBase + rng.below(kSocietyCount);
        case InsurerScheme::Kyosai:
        case InsurerScheme::Other: // never drawn
            break;
        }
        return rng.chance(kMinistryPerMille) ? kMinistryBase + rng.below(std::size(kMinistries))
                                             : kKyosaiBranchBase + prefecture * std::size(kKyosaiBranches) +
                                                   rng.below(std::size(kKyosaiBranches));
    }

    /// Card symbol and number are an injective function of `cardKey` (< kCardKeyDomain) in every scheme, so two
    /// households never share a card; the shape follows what each kind of insurer prints.
    static Enrolment enrol(Rng& rng, InsurerScheme scheme, std::size_t insurer, std::uint64_t cardKey)
    {
        Enrolment e;
        e.insurer = insurer;
        e.scheme = scheme;
        switch (scheme) {
        case InsurerScheme::KyokaiKenpo: // 8-digit office symbol, small employee numbers
            e.symbol = padded(static_cast<std::uint64_t>(rng.between(10, 99)) * 1'000'000 + cardKey / 100, 8);
            e.number = std::to_string(cardKey % 100 + 1);
            e.officeName =
                concat({rng.chance(600) ? "株式会社" : "有限会社", kSurnames[rng.below(std::size(kSurnames))].kanji,
                        kTrades[rng.below(std::size(kTrades))]});
            break;
        case InsurerScheme::KumiaiKenpo:
            e.symbol = std::to_string(cardKey / 10'000 + 1);
            e.number = std::to_string(cardKey % 10'000 + 1);
            e.officeName = societyOffice(rng, insurer - kSocietyBase);
            break;
        case InsurerScheme::Kyosai:
            e.symbol = std::to_string(cardKey / 100'000 + 1);
            e.number = std::to_string(cardKey % 100'000 + 1);
            e.officeName = kyosaiOffice(insurer);
            break;
        case InsurerScheme::NationalHealth:
            e.symbol =
                std::string(kMunicipalities[insurer - kNhiBase].symbolPrefix) + std::to_string(cardKey / 1'000'000 + 1);
            e.number = padded(cardKey % 1'000'000, 6);
            break;
        case InsurerScheme::LateElderly: // no symbol, 8-digit individual numbers
        case InsurerScheme::Other:
            e.number = padded(cardKey, 8);
            break;
        }
        return e;
    }

    static std::string societyOffice(Rng& rng, std::size_t society)
    {
        const std::string_view city = cityStem(kMunicipalities[rng.below(kMunicipalityCount)].name);
        const std::string company = concat({"株式会社", societyWord(society), societyIndustry(society), "\u3000"});
        switch (rng.below(3)) {
        case 0:
            return company + "本社";
        case 1:
            return concat({company, city, "支店"});
        default:
            return concat({company, city, "工場"});
        }
    }

    static std::string kyosaiOffice(std::size_t insurer)
    {
        if (insurer < kKyosaiBranchBase) {
            return std::string(kMinistries[insurer - kMinistryBase]);
        }
        const std::size_t offset = insurer - kKyosaiBranchBase;
        return concat({kPrefectures[offset / std::size(kKyosaiBranches)],
                       kKyosaiBranches[offset % std::size(kKyosaiBranches)].officeSuffix});
    }

    static CardCategory cardCategory(Rng& rng, InsurerScheme scheme, int principalAge, int householdSize)
    {
        const int roll = static_cast<int>(rng.below(1000));
        if (scheme == InsurerScheme::NationalHealth) {
            if (roll < 20) {
                return CardCategory::ShortTermGeneral; // premiums in arrears
            }
            if (roll < 25) {
                return CardCategory::QualificationCertificate;
            }
            if (roll < 40 && principalAge >= 60 && principalAge <= 64) {
                return CardCategory::Retiree;
            }
        } else if (scheme == InsurerScheme::KyokaiKenpo && householdSize == 1) {
            if (roll < 5) {
                return CardCategory::DayLabourerSlip;
            }
            if (roll < 6) {
                return CardCategory::SpecialMedicalExpenseSlip;
            }
        } else if (scheme == InsurerScheme::LateElderly && roll < 10) {
            return CardCategory::ShortTermGeneral;
        }
        return CardCategory::General;
    }

    static std::string address(Rng& rng, std::size_t municipality)
    {
        const Municipality& m = kMunicipalities[municipality];
        return concat({kPrefectures[m.prefecture - 1], m.name, kTowns[rng.below(std::size(kTowns))],
                       std::to_string(rng.between(1, 5)), "丁目", std::to_string(rng.between(1, 30)), "番",
                       std::to_string(rng.between(1, 20)), "号"});
    }

    /// The principal comes from the household; a second member is usually the spouse, the others children.
    /// Everyone in a shared card is under 75 (at 75 each person moves to 後期高齢 alone).
    Member memberOf(const Household& h, std::uint64_t index) const
    {
        Rng rng(m_seed, Stream::Member, index);
        Member m;
        m.position = static_cast<int>(index - h.start);
        m.incomeRoll = static_cast<int>(rng.below(1000));
        if (m.position == 0) {
            m.sex = h.principalSex;
            m.givenName = h.principalGivenName;
            m.birth = h.principalBirth;
            return m;
        }
        const int principalAge = ageOn(h.principalBirth, m_today);
        int age = 0;
        if (m.position == 1 && rng.chance(kSpousePerMille)) {
            m.sex = h.principalSex == Sex::Male ? Sex::Female : Sex::Male;
            age = std::clamp(principalAge + rng.between(-5, 5), 20, 74);
        } else {
            // A child born after the household lost its qualification would not be on its card.
            const int youngest = h.current.loss ? ageOn(*h.current.loss, m_today) + 1 : 0;
            m.sex = rng.chance(500) ? Sex::Male : Sex::Female;
            age = rng.between(youngest, std::min(principalAge - 20, 24));
        }
        m.birth = birthForAge(rng, age, m_today);
        m.givenName = rng.below(givenNamesFor(m.sex, m.birth).size());
        return m;
    }

    Qualification qualification(const Household& h, const Member& m, const Enrolment& e, std::uint64_t index,
                                int recency) const
    {
        const NamePair& surname = kSurnames[h.surname];
        const NamePair& given = givenNamesFor(m.sex, m.birth)[m.givenName];
        const std::string principalName =
            fullName(surname.kanji, givenNamesFor(h.principalSex, h.principalBirth)[h.principalGivenName].kanji);
        const bool employee = isEmployeeScheme(e.scheme);

        Qualification q;
        q.card = {m_insurers[e.insurer].number, e.symbol, e.number, padded(static_cast<std::uint64_t>(m.position), 2)};
        q.cardCategory = e.category;
        q.relationship = employee && m.position > 0 ? Relationship::Family : Relationship::Principal;
        q.name = fullName(surname.kanji, given.kanji);
        q.nameKana = fullName(surname.kana, given.kana);
        q.sex = m.sex;
        q.birthDate = m.birth;
        q.address = h.address;
        // Dependants are covered through the principal; in NHI every member is insured in their own right.
        q.insuredPersonName = employee ? principalName : q.name;
        if (e.scheme == InsurerScheme::NationalHealth) {
            q.householdHead = m.position == 0;
            q.householdHeadName = principalName;
        }
        const Date acquired = std::max(e.acquisition, m.birth);
        q.acquisitionDate = acquired;
        q.lossDate = e.loss;
        if (e.category == CardCategory::Retiree) {
            q.retireeSwitchDate = acquired;
        }
        // Periods and rates are those of the last day the record was in force.
        const Date asOf = e.loss ? e.loss->addDays(-1) : m_today;
        if (e.shortTermStart) {
            q.cardValidFrom = std::max(*e.shortTermStart, acquired);
            q.cardValidTo = q.cardValidFrom->addMonths(6).addDays(-1);
        } else if (e.scheme == InsurerScheme::NationalHealth || e.scheme == InsurerScheme::LateElderly) {
            q.cardValidFrom = std::max(cardYearStart(asOf), acquired);
            q.cardValidTo = e.scheme == InsurerScheme::NationalHealth
                                ? std::min(cardYearEnd(asOf), lastDayBeforeLateElderly(m.birth))
                                : cardYearEnd(asOf);
        }
        setCopayment(q, m, e.scheme, acquired, asOf);
        if (employee) {
            q.officeName = e.officeName;
        }
        q.insurerSequence = static_cast<std::int64_t>(index * kSequenceStride + static_cast<std::uint64_t>(recency));
        q.updatedAt = updatedAt(q, static_cast<std::uint64_t>(q.insurerSequence));
        return q;
    }

    static void setCopayment(Qualification& q, const Member& m, InsurerScheme scheme, const Date& acquired,
                             const Date& asOf)
    {
        if (scheme == InsurerScheme::LateElderly) {
            q.copaymentPercent = m.incomeRoll < 80 ? 30 : m.incomeRoll < 300 ? 20 : 10;
            return;
        }
        if (ageOn(m.birth, asOf) >= 70 && elderlyStart(m.birth) <= asOf) {
            const int percent = m.incomeRoll < 150 ? 30 : 20; // 30 % for those earning like the working-age
            q.elderlyValidFrom = std::max({elderlyStart(m.birth), cardYearStart(asOf), acquired});
            q.elderlyValidTo = std::min(cardYearEnd(asOf), lastDayBeforeLateElderly(m.birth));
            q.elderlyCopaymentPercent = percent;
            q.copaymentPercent = percent;
            return;
        }
        q.copaymentPercent = isBeforeSchoolAge(m.birth, asOf) ? 20 : 30;
    }

    /// The insurer last touched the record a few days after its latest event, during office hours, never after
    /// the reference date.
    std::string updatedAt(const Qualification& q, std::uint64_t sequence) const
    {
        Rng rng(m_seed, Stream::Record, sequence);
        Date latest = *q.acquisitionDate;
        for (const std::optional<Date>& event : {q.lossDate, q.cardValidFrom, q.elderlyValidFrom}) {
            if (event) {
                latest = std::max(latest, *event);
            }
        }
        const Date day = std::min(latest.addDays(rng.between(1, 10)), m_today);
        return timestampOn(day, rng.between(8 * 3600, 20 * 3600));
    }

    std::optional<CardCertificate> certificate(std::uint64_t index) const
    {
        Rng rng(m_seed, Stream::Certificate, index);
        if (!rng.chance(kCertificatePerMille)) {
            return std::nullopt;
        }
        CardCertificate c;
        c.serialHex = serialOf(index, false);
        const bool renewed = rng.chance(kRenewedPerMille);
        const bool expired = !renewed && rng.chance(kExpiredPerMille);
        const Date fiveYearsAgo = m_today.addMonths(-12 * kCertificateYears);
        if (expired) {
            c.notBefore = fiveYearsAgo.addDays(-rng.between(1, 400));
        } else {
            // A renewed card is recent; the others were issued at any time in the last five years.
            const int maxAge = renewed ? 365 : static_cast<int>(daysBetween(fiveYearsAgo, m_today)) - 1;
            c.notBefore = m_today.addDays(-rng.between(1, maxAge));
        }
        c.notAfter = certificateLastDay(c.notBefore);
        if (!expired && rng.chance(kRevokedPerMille)) {
            c.revoked = true;
            c.revokedOn = c.notBefore.addDays(
                static_cast<long>(rng.below(static_cast<std::uint64_t>(daysBetween(c.notBefore, m_today)))));
        }
        c.linked = rng.chance(kLinkedPerMille);
        if (renewed) {
            c.previousSerialHex = serialOf(index, true);
        }
        return c;
    }

    /// Current and previous serials come from disjoint inputs of one permutation, so no two ever collide; the top
    /// bit keeps 16 significant hex digits (the canonical form of a serial has no leading zero byte).
    std::string serialOf(std::uint64_t index, bool previous) const
    {
        return hex16(kSerialTopBit | m_serials((index << 1) | (previous ? 1 : 0)));
    }

    std::uint64_t m_seed;
    Date m_today;
    const std::vector<Insurer>& m_insurers;
    KeyedPermutation m_linkage;
    KeyedPermutation m_cardKeys;
    KeyedPermutation m_serials;
};

} // namespace

SyntheticDataset::SyntheticDataset(std::uint64_t seed, Date referenceDate)
    : m_seed(seed), m_referenceDate(referenceDate), m_insurers(buildInsurerMaster())
{
}

Person SyntheticDataset::person(std::uint64_t index) const
{
    return PersonGenerator(m_seed, m_referenceDate, m_insurers).person(index);
}

const std::vector<Insurer>& SyntheticDataset::insurers() const
{
    return m_insurers;
}

Date SyntheticDataset::referenceDate() const
{
    return m_referenceDate;
}

std::optional<std::uint64_t> SyntheticDataset::findPerson(const std::function<bool(const Person&)>& predicate,
                                                          std::uint64_t from, std::uint64_t limit) const
{
    const PersonGenerator generator(m_seed, m_referenceDate, m_insurers);
    for (std::uint64_t index = from; index - from < limit; ++index) {
        if (predicate(generator.person(index))) {
            return index;
        }
    }
    return std::nullopt;
}

} // namespace oqs::server::dataset
