// SPDX-License-Identifier: GPL-3.0-or-later
#include "purl.h"

#include <QRegularExpression>
#include <QStringList>
#include <QUrl>

namespace tideline {

namespace {

QString decode(const QString& s) { return QUrl::fromPercentEncoding(s.toUtf8()); }

QString normalName(const QString& type, const QString& name)
{
    QString n = name.toLower();
    if (type == QLatin1String("pypi")) {
        static const QRegularExpression runs(QStringLiteral("[-_.]+"));
        n.replace(runs, QStringLiteral("-"));
    }
    return n;
}

} // namespace

std::optional<Purl> Purl::parse(const QString& text)
{
    QString s = text.trimmed();
    if (!s.startsWith(QLatin1String("pkg:"), Qt::CaseInsensitive))
        return std::nullopt;
    s = s.mid(4);
    while (s.startsWith(QLatin1Char('/')))
        s = s.mid(1);
    Purl p;
    if (const qsizetype hash = s.indexOf(QLatin1Char('#')); hash >= 0) {
        p.subpath = decode(s.mid(hash + 1));
        s = s.left(hash);
    }
    if (const qsizetype q = s.indexOf(QLatin1Char('?')); q >= 0) {
        for (const QString& kv : s.mid(q + 1).split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
            const qsizetype eq = kv.indexOf(QLatin1Char('='));
            if (eq > 0)
                p.qualifiers[kv.left(eq).toLower()] = decode(kv.mid(eq + 1));
        }
        s = s.left(q);
    }
    const qsizetype slash = s.indexOf(QLatin1Char('/'));
    if (slash <= 0)
        return std::nullopt;
    p.type = s.left(slash).toLower();
    s = s.mid(slash + 1);
    // The version follows the last '@' of the path's last segment (npm scopes are "%40scope", or "@scope").
    const qsizetype lastSlash = s.lastIndexOf(QLatin1Char('/'));
    const qsizetype at = s.lastIndexOf(QLatin1Char('@'));
    if (at > lastSlash && at > 0) {
        p.version = decode(s.mid(at + 1));
        s = s.left(at);
    }
    QStringList segments = s.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (segments.isEmpty())
        return std::nullopt;
    p.name = decode(segments.takeLast());
    for (QString& seg : segments)
        seg = decode(seg);
    p.ns = segments.join(QLatin1Char('/'));
    if (p.name.isEmpty())
        return std::nullopt;
    return p;
}

QString Purl::base() const
{
    // Debian and RPM purls carry the distribution as namespace, which OSV names in its ecosystem instead.
    const bool distro = type == QLatin1String("deb") || type == QLatin1String("rpm");
    return type + QLatin1Char('/') + (ns.isEmpty() || distro ? QString() : ns.toLower() + QLatin1Char('/')) + normalName(type, name);
}

QString Purl::ecosystemName() const
{
    if (ns.isEmpty())
        return name;
    if (type == QLatin1String("maven"))
        return ns + QLatin1Char(':') + name;
    return ns + QLatin1Char('/') + name;
}

QString packageBase(const QString& purlType, const QString& ecosystemName)
{
    QString ns, name = ecosystemName;
    if (purlType == QLatin1String("maven")) {
        const qsizetype colon = ecosystemName.indexOf(QLatin1Char(':'));
        if (colon > 0) {
            ns = ecosystemName.left(colon);
            name = ecosystemName.mid(colon + 1);
        }
    } else if (const qsizetype slash = ecosystemName.lastIndexOf(QLatin1Char('/')); slash > 0) {
        ns = ecosystemName.left(slash);
        name = ecosystemName.mid(slash + 1);
    }
    // Debian and RPM purls carry the distribution as namespace; OSV names the package alone: key those by name.
    if (purlType == QLatin1String("deb") || purlType == QLatin1String("rpm"))
        ns.clear();
    return purlType + QLatin1Char('/') + (ns.isEmpty() ? QString() : ns.toLower() + QLatin1Char('/')) + normalName(purlType, name);
}

} // namespace tideline
