// SPDX-License-Identifier: GPL-3.0-or-later
#include "fingerprint.h"

#include "domain/fileread.h"
#include "domain/hash.h"

#include <QFile>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace tideline {

namespace fs = std::filesystem;

namespace {

// filepath.Match for one segment: * ? [class] and \ escapes; '/' never appears inside a segment.
bool matchSegment(const QString& p, int pi, const QString& s, int si)
{
    while (pi < p.size()) {
        const QChar c = p[pi];
        if (c == QLatin1Char('*')) {
            while (pi < p.size() && p[pi] == QLatin1Char('*'))
                ++pi;
            if (pi == p.size())
                return true;
            for (int k = si; k <= s.size(); ++k)
                if (matchSegment(p, pi, s, k))
                    return true;
            return false;
        }
        if (si >= s.size())
            return false;
        if (c == QLatin1Char('?')) {
            ++pi;
            ++si;
            continue;
        }
        if (c == QLatin1Char('[')) {
            int k = pi + 1;
            bool negate = false;
            if (k < p.size() && p[k] == QLatin1Char('^')) {
                negate = true;
                ++k;
            }
            bool matched = false;
            bool first = true;
            while (k < p.size() && (first || p[k] != QLatin1Char(']'))) {
                first = false;
                QChar lo = p[k];
                if (lo == QLatin1Char('\\') && k + 1 < p.size())
                    lo = p[++k];
                QChar hi = lo;
                if (k + 2 < p.size() && p[k + 1] == QLatin1Char('-') && p[k + 2] != QLatin1Char(']')) {
                    hi = p[k + 2];
                    if (hi == QLatin1Char('\\') && k + 3 < p.size()) {
                        hi = p[k + 3];
                        ++k;
                    }
                    k += 2;
                }
                if (s[si] >= lo && s[si] <= hi)
                    matched = true;
                ++k;
            }
            if (k >= p.size())
                return false; // unterminated class: Go reports ErrBadPattern, which matches nothing
            if (matched == negate)
                return false;
            pi = k + 1;
            ++si;
            continue;
        }
        QChar lit = c;
        if (c == QLatin1Char('\\') && pi + 1 < p.size())
            lit = p[++pi];
        if (s[si] != lit)
            return false;
        ++pi;
        ++si;
    }
    return si == s.size();
}

bool matchSegments(const QStringList& p, int pi, const QStringList& s, int si)
{
    if (pi == p.size())
        return si == s.size();
    if (p[pi] == QLatin1String("**")) {
        for (int k = si; k <= s.size(); ++k)
            if (matchSegments(p, pi + 1, s, k))
                return true;
        return false;
    }
    if (si == s.size() || !matchSegment(p[pi], 0, s[si], 0))
        return false;
    return matchSegments(p, pi + 1, s, si + 1);
}

QString hexOf(std::string_view bytes) { return sha256Hex(bytes); }

// The sha256 of a regular file, read in pieces: memory stays flat whatever its size. Anything else (a FIFO
// would block, a device may never end) is refused by its type before it is opened.
Result<QString> hashFile(const fs::path& p)
{
    const QString name = QString::fromStdString(p.string());
    std::error_code ec;
    if (!fs::is_regular_file(p, ec))
        return Problem(name, QString(), QStringLiteral("not a regular file (a FIFO, socket or device): cannot be fingerprinted"));
    QFile f(name);
    if (!f.open(QIODevice::ReadOnly))
        return Problem(name, QString(), QStringLiteral("cannot read: %1").arg(f.errorString()));
    Sha256 h;
    QByteArray chunk(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 n = f.read(chunk.data(), chunk.size());
        if (n < 0)
            return Problem(name, QString(), QStringLiteral("cannot read: %1").arg(f.errorString()));
        if (n == 0)
            break;
        h.add(std::string_view(chunk.constData(), static_cast<size_t>(n)));
    }
    return h.resultHex();
}

struct DirDigest {
    fs::path root;
    QStringList patterns;
    QByteArray buffer;
    std::optional<Problem> error;

    bool excluded(const QString& rel) const
    {
        for (const QString& p : patterns)
            if (globMatch(p, rel))
                return true;
        return false;
    }

    void walk(const fs::path& dir, const QString& relDir)
    {
        std::error_code ec;
        std::vector<fs::directory_entry> entries;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
            entries.push_back(*it);
        if (ec) {
            error = Problem { QString::fromStdString(dir.string()), QString(), QStringLiteral("cannot list: %1").arg(QString::fromStdString(ec.message())) };
            return;
        }
        std::sort(entries.begin(), entries.end(),
            [](const fs::directory_entry& a, const fs::directory_entry& b) { return a.path().filename().native() < b.path().filename().native(); });
        for (const fs::directory_entry& e : entries) {
            if (error)
                return;
            const std::string base = e.path().filename().native();
            const QString name = QString::fromStdString(base);
            const QString rel = relDir.isEmpty() ? name : relDir + QLatin1Char('/') + name;
            if (excluded(rel))
                continue; // an excluded directory takes its whole subtree with it
            buffer += hexOf(base).toLatin1();
            const bool link = e.is_symlink(ec);
            if (link) {
                if (!fs::exists(e.path(), ec)) {
                    error = Problem { QString::fromStdString(e.path().string()), QString(), QStringLiteral("broken symbolic link") };
                    return;
                }
                if (fs::is_directory(e.path(), ec)) {
                    // A link to a directory contributes its target text and is not followed.
                    const std::string target = fs::read_symlink(e.path(), ec).native();
                    buffer += hexOf(target).toLatin1();
                    continue;
                }
            }
            if (!link && e.is_directory(ec)) {
                walk(e.path(), rel);
                continue;
            }
            Result<QString> digest = hashFile(e.path());
            if (!digest) {
                error = digest.problem();
                return;
            }
            buffer += digest->toLatin1();
        }
    }
};

} // namespace

bool globMatch(const QString& pattern, const QString& relativePath)
{
    QString p = pattern;
    while (p.startsWith(QStringLiteral("./")))
        p = p.mid(2);
    while (p.endsWith(QLatin1Char('/')) && p.size() > 1)
        p.chop(1);
    return matchSegments(p.split(QLatin1Char('/'), Qt::SkipEmptyParts), 0, relativePath.split(QLatin1Char('/'), Qt::SkipEmptyParts), 0);
}

Result<QString> fingerprintPath(const QString& path, const QStringList& excludes)
{
    const fs::path root(path.toStdString());
    std::error_code ec;
    const fs::file_status linkStatus = fs::symlink_status(root, ec);
    if (ec || !fs::exists(linkStatus))
        return Problem { path, QString(), QStringLiteral("no such file or folder") };
    if (fs::is_symlink(linkStatus)) {
        if (!fs::exists(root, ec))
            return Problem { path, QString(), QStringLiteral("broken symbolic link") };
        if (fs::is_directory(root, ec))
            return sha256Hex(std::string_view()); // as kosli: a symlinked root directory is not descended
    }
    if (!fs::is_directory(root, ec))
        return hashFile(root);
    DirDigest d;
    d.root = root;
    d.patterns = excludes;
    const fs::path ignore = root / ".kosli_ignore";
    if (fs::is_regular_file(ignore, ec)) {
        Result<QByteArray> text = readWholeFile(QString::fromStdString(ignore.string()), QStringLiteral(".kosli_ignore"), qint64(16) << 20);
        if (!text)
            return text.problem();
        for (const QByteArray& raw : text->split('\n')) {
            QString line = QString::fromUtf8(raw);
            const int hash = line.indexOf(QLatin1Char('#'));
            if (hash >= 0)
                line.truncate(hash);
            line = line.trimmed();
            if (!line.isEmpty())
                d.patterns << line;
        }
    }
    d.walk(root, QString());
    if (d.error)
        return *d.error;
    return sha256Hex(d.buffer);
}

} // namespace tideline
