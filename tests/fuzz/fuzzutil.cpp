// SPDX-License-Identifier: GPL-3.0-or-later
#include "fuzzutil.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace fuzz {

QByteArray bytes(const std::uint8_t* data, std::size_t size)
{
    QByteArray b;
    b.reserve(static_cast<qsizetype>(size) + 64);
    b.append(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    return b;
}

QString writeTemp(const QString& name, const QByteArray& bytes)
{
    static std::unique_ptr<QTemporaryDir> dir;
    if (!dir) {
        dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/tideline-fuzz-XXXXXX"));
        if (!dir->isValid()) {
            std::fprintf(stderr, "fuzz: cannot make a temporary folder\n");
            std::abort();
        }
    }
    const QString path = dir->filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size()) {
        std::fprintf(stderr, "fuzz: cannot write %s\n", qPrintable(path));
        std::abort();
    }
    return path;
}

std::pair<QByteArray, QByteArray> split(const QByteArray& input, std::string_view sep)
{
    const qsizetype at = input.indexOf(QByteArray::fromRawData(sep.data(), static_cast<qsizetype>(sep.size())));
    if (at < 0)
        return { input, QByteArray() };
    return { input.left(at), input.mid(at + static_cast<qsizetype>(sep.size())) };
}

void checkProblem(const tideline::Problem& p, const QString& file)
{
    if (p.message.isEmpty()) {
        std::fprintf(stderr, "fuzz: a problem without a message (file '%s', where '%s')\n", qPrintable(p.file), qPrintable(p.where));
        std::abort();
    }
    if (!file.isEmpty() && !p.file.startsWith(file)) {
        std::fprintf(stderr, "fuzz: a problem that does not name its file: '%s' (expected '%s')\n", qPrintable(p.toString()), qPrintable(file));
        std::abort();
    }
}

std::size_t touch(const QString& s)
{
    std::size_t h = static_cast<std::size_t>(s.size());
    for (const QChar c : s)
        h = h * 31 + c.unicode();
    return h;
}

std::size_t touch(const std::string& s)
{
    std::size_t h = s.size();
    for (const char c : s)
        h = h * 31 + static_cast<unsigned char>(c);
    return h;
}

} // namespace fuzz
