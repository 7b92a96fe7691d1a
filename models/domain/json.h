// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace tideline {

// A read-only view of one value in a parsed JSON document (simdjson underneath, kept out of our headers).
// A missing field gives an invalid value rather than an error, so readers can probe shapes cheaply.
// Values stay valid until their JsonDocument parses again or is destroyed.
class JsonValue {
public:
    enum class Type { Missing, Null, Bool, Int, UInt, Double, String, Array, Object };

    JsonValue() = default;

    Type type() const;
    bool isValid() const { return m_valid; }
    bool isNull() const { return type() == Type::Null; }
    bool isBool() const { return type() == Type::Bool; }
    bool isString() const { return type() == Type::String; }
    bool isArray() const { return type() == Type::Array; }
    bool isObject() const { return type() == Type::Object; }
    bool isNumber() const;
    static const char* typeName(Type t);
    const char* typeName() const { return typeName(type()); }

    // Typed reads: nothing when the value is of another type.
    std::optional<std::string_view> string() const;
    std::optional<bool> boolean() const;
    std::optional<std::int64_t> integer() const; // integral numbers only (doubles with no fraction too)
    std::optional<double> number() const;

    std::string_view stringOr(std::string_view fallback) const { return string().value_or(fallback); }
    QString qstring() const; // empty when not a string

    // Object member (invalid when this is not an object or the key is absent).
    JsonValue operator[](std::string_view key) const;
    bool has(std::string_view key) const { return (*this)[key].isValid(); }
    // Elements of an array or members of an object.
    size_t size() const;

    // Minified JSON text of this value, for keeping sub-documents verbatim.
    std::string toJson() const;

    class ArrayIterator;
    class ObjectIterator;
    struct Member;
    template <typename It>
    struct Range {
        It b, e;
        It begin() const { return b; }
        It end() const { return e; }
    };
    Range<ArrayIterator> elements() const; // empty range when not an array
    Range<ObjectIterator> members() const; // empty range when not an object

private:
    friend class JsonDocument;
    friend struct JsonAccess;
    alignas(8) unsigned char m_raw[16] = {};
    bool m_valid = false;
};

struct JsonValue::Member {
    std::string_view key;
    JsonValue value;
};

class JsonValue::ArrayIterator {
public:
    JsonValue operator*() const;
    ArrayIterator& operator++();
    bool operator!=(const ArrayIterator& o) const;

private:
    friend struct JsonAccess;
    alignas(8) unsigned char m_raw[16] = {};
};

class JsonValue::ObjectIterator {
public:
    Member operator*() const;
    ObjectIterator& operator++();
    bool operator!=(const ObjectIterator& o) const;

private:
    friend struct JsonAccess;
    alignas(8) unsigned char m_raw[16] = {};
};

// Owns a parser; parse() may be called again for the next file (reusing the parser's memory).
class JsonDocument {
public:
    static constexpr size_t kMaxDepth = 256;
    // Padding simdjson reads past the end; buffers allocated with it avoid a copy.
    static constexpr size_t kPadding = 64;

    JsonDocument();
    ~JsonDocument();
    JsonDocument(const JsonDocument&) = delete;
    JsonDocument& operator=(const JsonDocument&) = delete;

    // Parses; on failure the problem names the file and, where it can, the line and column.
    // padded: at least kPadding readable bytes follow the text (else it is copied first).
    Status parse(const QByteArray& bytes, const QString& fileName);
    Status parse(std::string_view bytes, const QString& fileName, bool padded = false);
    // True when a buffer has the padding parse() needs to read it in place.
    static bool hasPadding(const QByteArray& bytes) { return bytes.capacity() - bytes.size() >= qsizetype(kPadding); }
    JsonValue root() const;

    // Cheap check on the first non-blank bytes (after a UTF-8 BOM): an object or array that can start JSON.
    static bool looksLikeJson(const QByteArray& bytes);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// A place in a JSON document, cheap to build while walking and put into words only for a message.
// A path refers to its parent: keep each level in a named variable (or use it within one expression).
class JsonPath {
public:
    static const JsonPath& root();
    JsonPath operator/(std::string_view key) const { return JsonPath(this, key, 0, Kind::Key); }
    JsonPath operator[](size_t index) const { return JsonPath(this, {}, index, Kind::Index); }
    QString toString() const;

private:
    enum class Kind { Root, Key, Index };
    JsonPath() = default;
    JsonPath(const JsonPath* parent, std::string_view key, size_t index, Kind kind)
        : m_parent(parent)
        , m_key(key)
        , m_index(index)
        , m_kind(kind)
    {
    }
    const JsonPath* m_parent = nullptr;
    std::string_view m_key;
    size_t m_index = 0;
    Kind m_kind = Kind::Root;
};

// JSON path helpers for messages: path("artifacts", 3) -> "artifacts[3]"; member(p, "digests") -> "p.digests".
QString jsonIndex(const QString& path, size_t index);
QString jsonMember(const QString& path, std::string_view key);

// Line and column (1-based) of a byte offset, for messages.
QString lineColumn(const QByteArray& bytes, qint64 offset);

} // namespace tideline
