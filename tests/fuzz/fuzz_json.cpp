// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the JSON layer every JSON reader stands on: parse, walk every value by every accessor,
// re-serialise, and place errors by line and column.
#include "fuzzutil.h"
#include "domain/json.h"

#include <cstdio>
#include <cstdlib>

using namespace tideline;

namespace {

std::size_t walk(const JsonValue& v, const JsonPath& path, int depth)
{
    std::size_t h = static_cast<std::size_t>(v.type());
    h += v.isNumber() ? 1 : 0;
    if (const auto s = v.string())
        h += s->size();
    if (const auto b = v.boolean())
        h += *b ? 1 : 0;
    if (const auto i = v.integer())
        h += static_cast<std::size_t>(*i);
    if (const auto n = v.number())
        h += *n > 0 ? 1 : 0;
    h += fuzz::touch(v.qstring());
    h += v.size();
    if (depth == 0 || depth == 3)
        h += fuzz::touch(path.toString());
    size_t i = 0;
    for (const JsonValue e : v.elements()) {
        const JsonPath p = path[i++];
        h += walk(e, p, depth + 1);
    }
    for (const JsonValue::Member m : v.members()) {
        const JsonPath p = path / m.key;
        if (!v[m.key].isValid()) {
            std::fprintf(stderr, "fuzz: a member its object does not find\n");
            std::abort();
        }
        h += walk(m.value, p, depth + 1);
    }
    return h;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static JsonDocument doc;
    const QString file = QStringLiteral("input.json");
    const QByteArray input = fuzz::bytes(data, size);
    JsonDocument::looksLikeJson(input);
    if (Status s = doc.parse(input, file); !s) {
        fuzz::checkProblem(s.problem(), file);
        fuzz::touch(lineColumn(input, static_cast<qint64>(size / 2)));
        return 0;
    }
    walk(doc.root(), JsonPath::root(), 0);
    // What toJson writes parses again to the same text.
    const std::string once = doc.root().toJson();
    static JsonDocument again;
    const QByteArray onceBytes = QByteArray::fromStdString(once);
    if (Status s = again.parse(onceBytes, file); !s) {
        std::fprintf(stderr, "fuzz: toJson wrote what does not parse: %s\n", qPrintable(s.error()));
        std::abort();
    }
    if (again.root().toJson() != once) {
        std::fprintf(stderr, "fuzz: toJson is not stable\n");
        std::abort();
    }
    return 0;
}
