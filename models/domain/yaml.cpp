// SPDX-License-Identifier: GPL-3.0-or-later
#include "yaml.h"

#include "domain/json.h"

#include <yaml-cpp/depthguard.h>

#include <set>
#include <string>
#include <vector>

namespace tideline {

namespace {

// Offset of the first byte that is not valid UTF-8, or -1.
qsizetype invalidUtf8(const QByteArray& bytes)
{
    const auto* s = reinterpret_cast<const unsigned char*>(bytes.constData());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int len = 0;
        unsigned int cp = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return i;
        }
        if (i + len > n)
            return i;
        for (int k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        // Overlong forms, surrogates and code points past U+10FFFF.
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return -1;
}

// Walks the document as its readers would see it (aliases followed), with an explicit stack: bounded depth,
// bounded expansion, no duplicate keys.
std::optional<Problem> checkTree(const YAML::Node& root, const QString& file)
{
    struct Item {
        YAML::Node node;
        int depth;
    };
    std::vector<Item> stack { { root, 0 } };
    qint64 visited = 0;
    while (!stack.empty()) {
        Item it = std::move(stack.back());
        stack.pop_back();
        if (++visited > kYamlMaxNodes)
            return Problem { file, yamlWhere(it.node.Mark()),
                QStringLiteral("the document expands to more than %1 values (aliases repeating aliases?)").arg(kYamlMaxNodes) };
        if (it.depth > kYamlMaxDepth)
            return Problem { file, yamlWhere(it.node.Mark()), QStringLiteral("nesting is deeper than %1 levels").arg(kYamlMaxDepth) };
        if (it.node.IsSequence()) {
            for (const YAML::Node& child : it.node)
                stack.push_back({ child, it.depth + 1 });
        } else if (it.node.IsMap()) {
            std::set<std::string> keys;
            for (const auto& kv : it.node) {
                if (kv.first.IsScalar() && !keys.insert(kv.first.Scalar()).second)
                    return Problem { file, yamlWhere(kv.first.Mark()),
                        QStringLiteral("the key '%1' appears twice in one map (readers disagree on which counts)").arg(QString::fromStdString(kv.first.Scalar())) };
                stack.push_back({ kv.first, it.depth + 1 });
                stack.push_back({ kv.second, it.depth + 1 });
            }
        }
    }
    return std::nullopt;
}

} // namespace

QString yamlWhere(const YAML::Mark& mark)
{
    if (mark.is_null() || mark.line < 0)
        return QString();
    return QStringLiteral("line %1, column %2").arg(mark.line + 1).arg(mark.column + 1);
}

Result<YAML::Node> loadYaml(const QByteArray& bytes, const QString& file)
{
    // YAML is Unicode text; yaml-cpp passes invalid bytes through, so say where they are before they are misread.
    if (const qsizetype bad = invalidUtf8(bytes); bad >= 0)
        return Problem { file, lineColumn(bytes, bad), QStringLiteral("invalid UTF-8 (YAML is read as UTF-8)") };
    YAML::Node root;
    try {
        root = YAML::Load(bytes.toStdString());
    } catch (const YAML::DeepRecursion& e) {
        // yaml-cpp stops at its own depth limit with a message of "bad file".
        return Problem { file, yamlWhere(e.mark), QStringLiteral("nesting is deeper than %1 levels").arg(kYamlMaxDepth) };
    } catch (const YAML::Exception& e) {
        return Problem { file, yamlWhere(e.mark), QStringLiteral("malformed YAML: %1").arg(QString::fromStdString(e.msg)) };
    }
    try {
        if (auto p = checkTree(root, file))
            return *p;
    } catch (const YAML::Exception& e) {
        return Problem { file, yamlWhere(e.mark), QStringLiteral("malformed YAML: %1").arg(QString::fromStdString(e.msg)) };
    }
    return root;
}

} // namespace tideline
