// SPDX-License-Identifier: GPL-3.0-or-later
#include "json.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <vector>
#include <type_traits>

namespace tideline {

namespace dom = simdjson::dom;

static_assert(sizeof(dom::element) <= 16 && std::is_trivially_copyable_v<dom::element>);
static_assert(sizeof(dom::array::iterator) <= 16 && std::is_trivially_copyable_v<dom::array::iterator>);
static_assert(sizeof(dom::object::iterator) <= 16 && std::is_trivially_copyable_v<dom::object::iterator>);

struct JsonAccess {
    template <typename T, typename Holder>
    static T load(const Holder& h)
    {
        T t;
        std::memcpy(static_cast<void*>(&t), h.m_raw, sizeof(T));
        return t;
    }
    template <typename T, typename Holder>
    static void store(Holder& h, const T& t)
    {
        std::memcpy(h.m_raw, static_cast<const void*>(&t), sizeof(T));
    }
    static JsonValue wrap(const dom::element& e)
    {
        JsonValue v;
        store(v, e);
        v.m_valid = true;
        return v;
    }
    static dom::element el(const JsonValue& v) { return load<dom::element>(v); }
};

namespace {
template <typename T>
T defaultConstructed()
{
    T t {};
    return t;
}
} // namespace

JsonValue::Type JsonValue::type() const
{
    if (!m_valid)
        return Type::Missing;
    switch (JsonAccess::el(*this).type()) {
    case dom::element_type::NULL_VALUE:
        return Type::Null;
    case dom::element_type::BOOL:
        return Type::Bool;
    case dom::element_type::INT64:
        return Type::Int;
    case dom::element_type::UINT64:
        return Type::UInt;
    case dom::element_type::DOUBLE:
        return Type::Double;
    case dom::element_type::STRING:
        return Type::String;
    case dom::element_type::ARRAY:
        return Type::Array;
    case dom::element_type::OBJECT:
        return Type::Object;
    }
    return Type::Missing;
}

bool JsonValue::isNumber() const
{
    const Type t = type();
    return t == Type::Int || t == Type::UInt || t == Type::Double;
}

const char* JsonValue::typeName(Type t)
{
    switch (t) {
    case Type::Missing:
        return "missing";
    case Type::Null:
        return "null";
    case Type::Bool:
        return "a boolean";
    case Type::Int:
    case Type::UInt:
    case Type::Double:
        return "a number";
    case Type::String:
        return "a string";
    case Type::Array:
        return "an array";
    case Type::Object:
        return "an object";
    }
    return "?";
}

std::optional<std::string_view> JsonValue::string() const
{
    if (!m_valid)
        return std::nullopt;
    std::string_view s;
    if (JsonAccess::el(*this).get_string().get(s))
        return std::nullopt;
    return s;
}

std::optional<bool> JsonValue::boolean() const
{
    if (!m_valid)
        return std::nullopt;
    bool b;
    if (JsonAccess::el(*this).get_bool().get(b))
        return std::nullopt;
    return b;
}

std::optional<std::int64_t> JsonValue::integer() const
{
    if (!m_valid)
        return std::nullopt;
    const dom::element e = JsonAccess::el(*this);
    switch (e.type()) {
    case dom::element_type::INT64:
        return int64_t(e);
    case dom::element_type::UINT64: {
        const uint64_t u = uint64_t(e);
        if (u > static_cast<uint64_t>(INT64_MAX))
            return std::nullopt;
        return static_cast<int64_t>(u);
    }
    case dom::element_type::DOUBLE: {
        const double d = double(e);
        if (d != d || d < -9.2e18 || d > 9.2e18 || static_cast<double>(static_cast<int64_t>(d)) != d)
            return std::nullopt;
        return static_cast<int64_t>(d);
    }
    default:
        return std::nullopt;
    }
}

std::optional<double> JsonValue::number() const
{
    if (!m_valid)
        return std::nullopt;
    const dom::element e = JsonAccess::el(*this);
    switch (e.type()) {
    case dom::element_type::INT64:
        return static_cast<double>(int64_t(e));
    case dom::element_type::UINT64:
        return static_cast<double>(uint64_t(e));
    case dom::element_type::DOUBLE:
        return double(e);
    default:
        return std::nullopt;
    }
}

QString JsonValue::qstring() const
{
    const auto s = string();
    return s ? QString::fromUtf8(s->data(), static_cast<qsizetype>(s->size())) : QString();
}

JsonValue JsonValue::operator[](std::string_view key) const
{
    if (!m_valid)
        return {};
    dom::object obj;
    if (JsonAccess::el(*this).get_object().get(obj))
        return {};
    dom::element child;
    if (obj.at_key(key).get(child))
        return {};
    return JsonAccess::wrap(child);
}

size_t JsonValue::size() const
{
    if (!m_valid)
        return 0;
    const dom::element e = JsonAccess::el(*this);
    dom::array arr;
    if (!e.get_array().get(arr))
        return arr.size();
    dom::object obj;
    if (!e.get_object().get(obj))
        return obj.size();
    return 0;
}

std::string JsonValue::toJson() const
{
    if (!m_valid)
        return {};
    return simdjson::minify(JsonAccess::el(*this));
}

JsonValue::Range<JsonValue::ArrayIterator> JsonValue::elements() const
{
    ArrayIterator b, e;
    dom::array arr;
    if (m_valid && !JsonAccess::el(*this).get_array().get(arr)) {
        JsonAccess::store(b, arr.begin());
        JsonAccess::store(e, arr.end());
    }
    return { b, e };
}

JsonValue::Range<JsonValue::ObjectIterator> JsonValue::members() const
{
    ObjectIterator b, e;
    dom::object obj;
    if (m_valid && !JsonAccess::el(*this).get_object().get(obj)) {
        JsonAccess::store(b, obj.begin());
        JsonAccess::store(e, obj.end());
    }
    return { b, e };
}

JsonValue JsonValue::ArrayIterator::operator*() const
{
    return JsonAccess::wrap(*JsonAccess::load<dom::array::iterator>(*this));
}

JsonValue::ArrayIterator& JsonValue::ArrayIterator::operator++()
{
    auto it = JsonAccess::load<dom::array::iterator>(*this);
    ++it;
    JsonAccess::store(*this, it);
    return *this;
}

bool JsonValue::ArrayIterator::operator!=(const ArrayIterator& o) const
{
    return std::memcmp(m_raw, o.m_raw, sizeof m_raw) != 0;
}

JsonValue::Member JsonValue::ObjectIterator::operator*() const
{
    const auto it = JsonAccess::load<dom::object::iterator>(*this);
    return { it.key(), JsonAccess::wrap(it.value()) };
}

JsonValue::ObjectIterator& JsonValue::ObjectIterator::operator++()
{
    auto it = JsonAccess::load<dom::object::iterator>(*this);
    ++it;
    JsonAccess::store(*this, it);
    return *this;
}

bool JsonValue::ObjectIterator::operator!=(const ObjectIterator& o) const
{
    return std::memcmp(m_raw, o.m_raw, sizeof m_raw) != 0;
}

struct JsonDocument::Impl {
    dom::parser parser { size_t(1) << 29 }; // refuse documents over 512 MiB
    dom::element root;
    bool parsed = false;
};

JsonDocument::JsonDocument()
    : d(std::make_unique<Impl>())
{
    if (d->parser.allocate(1 << 16, kMaxDepth) != simdjson::SUCCESS)
        d->parser = dom::parser { size_t(1) << 29 };
}

JsonDocument::~JsonDocument() = default;

namespace {

QString describe(simdjson::error_code code)
{
    switch (code) {
    case simdjson::DEPTH_ERROR:
        return QStringLiteral("nesting is deeper than %1 levels").arg(JsonDocument::kMaxDepth);
    case simdjson::UTF8_ERROR:
        return QStringLiteral("invalid UTF-8");
    case simdjson::CAPACITY:
        return QStringLiteral("document too large");
    case simdjson::NUMBER_ERROR:
    case simdjson::NUMBER_OUT_OF_RANGE:
        return QStringLiteral("a number is out of range or malformed");
    case simdjson::EMPTY:
        return QStringLiteral("the file is empty");
    case simdjson::UNCLOSED_STRING:
        return QStringLiteral("a string is not closed (truncated file?)");
    default:
        return QStringLiteral("malformed JSON (%1)").arg(QString::fromLatin1(simdjson::error_message(code)));
    }
}

// The first key an object holds twice, with the path to it. simdjson keeps both and finds the first, while other
// readers of the same file (Qt, Python, Go) take the last: a document whose meaning depends on the reader is refused.
struct DuplicateKey {
    QString where;
    std::string_view key;
};

std::optional<DuplicateKey> duplicateKey(dom::element e, const JsonPath& path)
{
    dom::array arr;
    if (!e.get_array().get(arr)) {
        size_t i = 0;
        for (dom::element child : arr) {
            const JsonPath p = path[i++];
            if (child.is_array() || child.is_object())
                if (auto d = duplicateKey(child, p))
                    return d;
        }
        return std::nullopt;
    }
    dom::object obj;
    if (e.get_object().get(obj))
        return std::nullopt;
    const size_t n = obj.size();
    if (n > 1) {
        // Small objects (nearly all of them) compare pairwise; large ones sort their keys.
        constexpr size_t kPairwise = 16;
        std::string_view small[kPairwise];
        std::vector<std::string_view> large;
        std::string_view* keys = small;
        if (n > kPairwise) {
            large.reserve(n);
            for (const dom::key_value_pair kv : obj)
                large.push_back(kv.key);
            std::sort(large.begin(), large.end());
            for (size_t i = 1; i < n; ++i)
                if (large[i] == large[i - 1])
                    return DuplicateKey { (path / large[i]).toString(), large[i] };
        } else {
            size_t i = 0;
            for (const dom::key_value_pair kv : obj) {
                for (size_t j = 0; j < i; ++j)
                    if (keys[j] == kv.key)
                        return DuplicateKey { (path / kv.key).toString(), kv.key };
                keys[i++] = kv.key;
            }
        }
    }
    for (const dom::key_value_pair kv : obj)
        if (kv.value.is_array() || kv.value.is_object()) {
            const JsonPath p = path / kv.key;
            if (auto d = duplicateKey(kv.value, p))
                return d;
        }
    return std::nullopt;
}

} // namespace

Status JsonDocument::parse(std::string_view bytes, const QString& fileName, bool padded)
{
    d->parsed = false;
    // Skip a UTF-8 byte order mark, which some tools write and simdjson refuses.
    if (bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xEF
        && static_cast<unsigned char>(bytes[1]) == 0xBB && static_cast<unsigned char>(bytes[2]) == 0xBF)
        bytes.remove_prefix(3);
    const simdjson::error_code err = d->parser.parse(bytes.data(), bytes.size(), !padded).get(d->root);
    if (!err) {
        if (const auto dup = duplicateKey(d->root, JsonPath::root()))
            return Problem { fileName, dup->where,
                QStringLiteral("the key '%1' appears twice in one object (readers disagree on which counts)")
                    .arg(QString::fromUtf8(dup->key.data(), static_cast<qsizetype>(dup->key.size()))) };
        d->parsed = true;
        return {};
    }
    // simdjson says what but not where: ask Qt's parser for the offset of the same fault.
    QString where;
    const QByteArray copy = QByteArray::fromRawData(bytes.data(), static_cast<qsizetype>(bytes.size()));
    QJsonParseError qtErr;
    QJsonDocument::fromJson(copy, &qtErr);
    QString message = describe(err);
    if (qtErr.error != QJsonParseError::NoError) {
        where = lineColumn(copy, qtErr.offset);
        if (err != simdjson::DEPTH_ERROR && err != simdjson::UTF8_ERROR && err != simdjson::EMPTY
            && err != simdjson::UNCLOSED_STRING)
            message = QStringLiteral("malformed JSON: %1").arg(qtErr.errorString());
    }
    return Problem { fileName, where, message };
}

Status JsonDocument::parse(const QByteArray& bytes, const QString& fileName)
{
    return parse(std::string_view(bytes.constData(), static_cast<size_t>(bytes.size())), fileName, hasPadding(bytes));
}

JsonValue JsonDocument::root() const
{
    if (!d->parsed)
        return {};
    return JsonAccess::wrap(d->root);
}

bool JsonDocument::looksLikeJson(const QByteArray& bytes)
{
    qsizetype i = 0;
    if (bytes.startsWith("\xEF\xBB\xBF"))
        i = 3;
    auto space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
    for (; i < bytes.size() && space(bytes[i]); ++i) {
    }
    if (i == bytes.size() || (bytes[i] != '{' && bytes[i] != '['))
        return false;
    // What follows the bracket must be able to start JSON: "[project]" opens a TOML or INI table, not an array.
    const char open = bytes[i];
    for (++i; i < bytes.size() && space(bytes[i]); ++i) {
    }
    if (i == bytes.size())
        return true; // truncated right after the bracket: JSON, broken
    const char c = bytes[i];
    if (open == '{')
        return c == '"' || c == '}';
    const QByteArrayView rest = QByteArrayView(bytes).sliced(i);
    return c == '"' || c == '{' || c == '[' || c == ']' || c == '-' || (c >= '0' && c <= '9') || rest.startsWith("true")
        || rest.startsWith("false") || rest.startsWith("null");
}

const JsonPath& JsonPath::root()
{
    static const JsonPath r;
    return r;
}

QString JsonPath::toString() const
{
    if (m_kind == Kind::Root)
        return QString();
    const QString parent = m_parent ? m_parent->toString() : QString();
    return m_kind == Kind::Index ? jsonIndex(parent, m_index) : jsonMember(parent, m_key);
}

QString jsonIndex(const QString& path, size_t index)
{
    return path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

QString jsonMember(const QString& path, std::string_view key)
{
    const QString k = QString::fromUtf8(key.data(), static_cast<qsizetype>(key.size()));
    bool plain = !k.isEmpty();
    for (QChar c : k)
        if (!(c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('-')))
            plain = false;
    if (!plain)
        return path + QStringLiteral("[\"") + k + QStringLiteral("\"]");
    return path.isEmpty() ? k : path + QLatin1Char('.') + k;
}

QString lineColumn(const QByteArray& bytes, qint64 offset)
{
    if (offset < 0)
        offset = 0;
    if (offset > bytes.size())
        offset = bytes.size();
    int line = 1;
    qint64 lineStart = 0;
    for (qint64 i = 0; i < offset; ++i) {
        if (bytes[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    return QStringLiteral("line %1, column %2").arg(line).arg(offset - lineStart + 1);
}

} // namespace tideline
