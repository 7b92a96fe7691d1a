// SPDX-License-Identifier: GPL-3.0-or-later
#include "versions.h"

#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <variant>

namespace tideline::versions {

namespace {

int sign(qint64 v) { return v < 0 ? -1 : v > 0 ? 1 : 0; }

// Compares two runs of ASCII digits by value, whatever their length (no overflow, leading zeros ignored).
int compareDigits(QStringView a, QStringView b)
{
    while (a.size() > 1 && a[0] == QLatin1Char('0'))
        a = a.mid(1);
    while (b.size() > 1 && b[0] == QLatin1Char('0'))
        b = b.mid(1);
    if (a.size() != b.size())
        return a.size() < b.size() ? -1 : 1;
    return sign(a.compare(b));
}

bool isDigit(QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); }
bool isAlpha(QChar c) { return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z')); }
bool allDigits(QStringView s)
{
    if (s.isEmpty())
        return false;
    for (QChar c : s)
        if (!isDigit(c))
            return false;
    return true;
}

// ---- SemVer 2.0.0 ----------------------------------------------------------------------------------------

struct SemVer {
    QString major, minor, patch;
    QStringList pre;
};

std::optional<SemVer> parseSemVer(QString v)
{
    v = v.trimmed();
    if (v.startsWith(QLatin1Char('v')) || v.startsWith(QLatin1Char('=')))
        v = v.mid(1);
    if (const qsizetype plus = v.indexOf(QLatin1Char('+')); plus >= 0) {
        const QString build = v.mid(plus + 1);
        if (build.isEmpty())
            return std::nullopt;
        for (const QString& id : build.split(QLatin1Char('.')))
            if (id.isEmpty())
                return std::nullopt;
        v = v.left(plus);
    }
    QString pre;
    if (const qsizetype dash = v.indexOf(QLatin1Char('-')); dash >= 0) {
        pre = v.mid(dash + 1);
        v = v.left(dash);
        if (pre.isEmpty())
            return std::nullopt;
    }
    const QStringList core = v.split(QLatin1Char('.'));
    if (core.size() != 3)
        return std::nullopt;
    for (const QString& c : core)
        if (!allDigits(c) || (c.size() > 1 && c[0] == QLatin1Char('0')))
            return std::nullopt;
    SemVer s { core[0], core[1], core[2], {} };
    if (!pre.isEmpty()) {
        s.pre = pre.split(QLatin1Char('.'));
        for (const QString& id : s.pre) {
            if (id.isEmpty())
                return std::nullopt;
            for (QChar c : id)
                if (!isDigit(c) && !isAlpha(c) && c != QLatin1Char('-'))
                    return std::nullopt;
            if (allDigits(id) && id.size() > 1 && id[0] == QLatin1Char('0'))
                return std::nullopt;
        }
    }
    return s;
}

int compareSemVer(const SemVer& a, const SemVer& b)
{
    if (int c = compareDigits(a.major, b.major))
        return c;
    if (int c = compareDigits(a.minor, b.minor))
        return c;
    if (int c = compareDigits(a.patch, b.patch))
        return c;
    // A pre-release sorts before its release.
    if (a.pre.isEmpty() || b.pre.isEmpty())
        return a.pre.isEmpty() == b.pre.isEmpty() ? 0 : a.pre.isEmpty() ? 1 : -1;
    for (qsizetype i = 0; i < std::min(a.pre.size(), b.pre.size()); ++i) {
        const bool an = allDigits(a.pre[i]), bn = allDigits(b.pre[i]);
        if (an && bn) {
            if (int c = compareDigits(a.pre[i], b.pre[i]))
                return c;
        } else if (an != bn) {
            return an ? -1 : 1; // numeric identifiers have lower precedence
        } else if (int c = sign(a.pre[i].compare(b.pre[i]))) {
            return c;
        }
    }
    return sign(a.pre.size() - b.pre.size());
}

// ---- Maven: ComparableVersion ----------------------------------------------------------------------------

struct MavenItem {
    enum class Kind { Int, Str, List };
    Kind kind = Kind::List;
    QString value; // digits (Int) or the qualifier after aliases (Str)
    std::vector<MavenItem> items;

    bool isNull() const
    {
        switch (kind) {
        case Kind::Int:
            return compareDigits(value, u"0") == 0;
        case Kind::Str:
            return value.isEmpty();
        case Kind::List:
            return items.empty();
        }
        return false;
    }
};

QString mavenQualifierKey(const QString& q)
{
    static const QStringList order { QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("milestone"), QStringLiteral("rc"),
        QStringLiteral("snapshot"), QString(), QStringLiteral("sp") };
    const qsizetype i = order.indexOf(q);
    return i < 0 ? QString::number(order.size()) + QLatin1Char('-') + q : QString::number(i);
}

MavenItem mavenString(QString v, bool followedByDigit)
{
    if (followedByDigit && v.size() == 1) {
        if (v == QLatin1String("a"))
            v = QStringLiteral("alpha");
        else if (v == QLatin1String("b"))
            v = QStringLiteral("beta");
        else if (v == QLatin1String("m"))
            v = QStringLiteral("milestone");
    }
    if (v == QLatin1String("ga") || v == QLatin1String("final") || v == QLatin1String("release"))
        v.clear();
    else if (v == QLatin1String("cr"))
        v = QStringLiteral("rc");
    return { MavenItem::Kind::Str, v, {} };
}

MavenItem mavenPart(bool digits, const QString& s)
{
    return digits ? MavenItem { MavenItem::Kind::Int, s, {} } : mavenString(s, false);
}

void mavenNormalize(MavenItem& list)
{
    for (auto& i : list.items)
        if (i.kind == MavenItem::Kind::List)
            mavenNormalize(i);
    for (qsizetype i = qsizetype(list.items.size()) - 1; i >= 0; --i) {
        if (list.items[size_t(i)].isNull())
            list.items.erase(list.items.begin() + i);
        else if (list.items[size_t(i)].kind != MavenItem::Kind::List)
            break;
    }
}

MavenItem parseMaven(const QString& version)
{
    const QString v = version.trimmed().toLower();
    MavenItem root;
    std::vector<MavenItem*> path { &root }; // the list being filled, innermost last
    auto list = [&]() -> MavenItem& { return *path.back(); };
    auto openList = [&] {
        list().items.push_back(MavenItem {});
        path.push_back(&list().items.back());
    };
    bool digit = false;
    qsizetype start = 0;
    for (qsizetype i = 0; i < v.size(); ++i) {
        const QChar c = v[i];
        if (c == QLatin1Char('.') || c == QLatin1Char('-')) {
            if (i == start)
                list().items.push_back({ MavenItem::Kind::Int, QStringLiteral("0"), {} });
            else
                list().items.push_back(mavenPart(digit, v.mid(start, i - start)));
            start = i + 1;
            if (c == QLatin1Char('-'))
                openList();
        } else if (isDigit(c)) {
            if (!digit && i > start) {
                list().items.push_back(mavenString(v.mid(start, i - start), true));
                start = i;
                openList();
            }
            digit = true;
        } else {
            if (digit && i > start) {
                list().items.push_back(mavenPart(true, v.mid(start, i - start)));
                start = i;
                openList();
            }
            digit = false;
        }
    }
    if (v.size() > start)
        list().items.push_back(mavenPart(digit, v.mid(start)));
    mavenNormalize(root);
    return root;
}

int compareMavenItem(const MavenItem* a, const MavenItem* b);

int compareMavenNull(const MavenItem& a)
{
    switch (a.kind) {
    case MavenItem::Kind::Int:
        return a.isNull() ? 0 : 1;
    case MavenItem::Kind::Str:
        return sign(mavenQualifierKey(a.value).compare(mavenQualifierKey(QString())));
    case MavenItem::Kind::List:
        return a.items.empty() ? 0 : compareMavenItem(&a.items.front(), nullptr);
    }
    return 0;
}

int compareMavenItem(const MavenItem* a, const MavenItem* b)
{
    if (!a)
        return b ? -compareMavenNull(*b) : 0;
    if (!b)
        return compareMavenNull(*a);
    using K = MavenItem::Kind;
    switch (a->kind) {
    case K::Int:
        return b->kind == K::Int ? compareDigits(a->value, b->value) : 1;
    case K::Str:
        if (b->kind == K::Int || b->kind == K::List)
            return -1;
        return sign(mavenQualifierKey(a->value).compare(mavenQualifierKey(b->value)));
    case K::List:
        if (b->kind == K::Int)
            return -1;
        if (b->kind == K::Str)
            return 1;
        for (size_t i = 0; i < std::max(a->items.size(), b->items.size()); ++i) {
            const MavenItem* l = i < a->items.size() ? &a->items[i] : nullptr;
            const MavenItem* r = i < b->items.size() ? &b->items[i] : nullptr;
            if (int c = compareMavenItem(l, r))
                return c;
        }
        return 0;
    }
    return 0;
}

// ---- PEP 440 ---------------------------------------------------------------------------------------------

struct Pep440 {
    QString epoch = QStringLiteral("0");
    QStringList release;
    int preKind = 3; // 0 a, 1 b, 2 rc, 3 none
    QString pre;
    std::optional<QString> post;
    std::optional<QString> dev;
    QStringList local;
};

std::optional<Pep440> parsePep440(const QString& text)
{
    // The grammar of PEP 440's appendix ("version scheme"), with its normalisations.
    static const QRegularExpression re(QStringLiteral(
        "^\\s*v?(?:(?:(\\d+)!)?(\\d+(?:\\.\\d+)*)"
        "([-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\\d+)?)?"
        "((?:-(\\d+))|(?:[-_.]?(post|rev|r)[-_.]?(\\d+)?))?"
        "([-_.]?(dev)[-_.]?(\\d+)?)?)"
        "(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    Pep440 p;
    if (m.hasCaptured(1) && !m.captured(1).isEmpty())
        p.epoch = m.captured(1);
    p.release = m.captured(2).split(QLatin1Char('.'));
    while (p.release.size() > 1 && compareDigits(p.release.back(), u"0") == 0)
        p.release.removeLast();
    if (!m.captured(3).isEmpty()) {
        const QString l = m.captured(4).toLower();
        p.preKind = l.startsWith(QLatin1Char('a')) ? 0 : l.startsWith(QLatin1Char('b')) ? 1 : 2;
        p.pre = m.captured(5).isEmpty() ? QStringLiteral("0") : m.captured(5);
    }
    if (!m.captured(6).isEmpty())
        p.post = !m.captured(7).isEmpty() ? m.captured(7) : !m.captured(9).isEmpty() ? m.captured(9) : QStringLiteral("0");
    if (!m.captured(10).isEmpty())
        p.dev = m.captured(12).isEmpty() ? QStringLiteral("0") : m.captured(12);
    if (!m.captured(13).isEmpty()) {
        static const QRegularExpression sep(QStringLiteral("[-_.]"));
        p.local = m.captured(13).toLower().split(sep);
    }
    return p;
}

int comparePep440(const Pep440& a, const Pep440& b)
{
    if (int c = compareDigits(a.epoch, b.epoch))
        return c;
    for (qsizetype i = 0; i < std::max(a.release.size(), b.release.size()); ++i) {
        const QString x = i < a.release.size() ? a.release[i] : QStringLiteral("0");
        const QString y = i < b.release.size() ? b.release[i] : QStringLiteral("0");
        if (int c = compareDigits(x, y))
            return c;
    }
    // A dev release of a final release sorts before its pre-releases; a final release after them.
    auto preRank = [](const Pep440& p) { return p.preKind == 3 ? (!p.post && p.dev ? -1 : 3) : p.preKind; };
    if (int c = sign(preRank(a) - preRank(b)))
        return c;
    if (a.preKind != 3)
        if (int c = compareDigits(a.pre, b.pre))
            return c;
    if (a.post.has_value() != b.post.has_value())
        return a.post ? 1 : -1;
    if (a.post)
        if (int c = compareDigits(*a.post, *b.post))
            return c;
    if (a.dev.has_value() != b.dev.has_value())
        return a.dev ? -1 : 1;
    if (a.dev)
        if (int c = compareDigits(*a.dev, *b.dev))
            return c;
    for (qsizetype i = 0; i < std::min(a.local.size(), b.local.size()); ++i) {
        const bool an = allDigits(a.local[i]), bn = allDigits(b.local[i]);
        if (an != bn)
            return an ? 1 : -1; // numeric segments sort after alphanumeric ones
        if (int c = an ? compareDigits(a.local[i], b.local[i]) : sign(a.local[i].compare(b.local[i])))
            return c;
    }
    return sign(a.local.size() - b.local.size());
}

// ---- Debian (dpkg) ---------------------------------------------------------------------------------------

int dpkgOrder(QChar c)
{
    if (c.isNull() || isDigit(c))
        return 0;
    if (isAlpha(c))
        return c.unicode();
    if (c == QLatin1Char('~'))
        return -1;
    return c.unicode() + 256;
}

int dpkgCompare(const QString& a, const QString& b)
{
    qsizetype i = 0, j = 0;
    auto at = [](const QString& s, qsizetype k) { return k < s.size() ? s[k] : QChar(); };
    while (i < a.size() || j < b.size()) {
        int firstDiff = 0;
        while ((i < a.size() && !isDigit(a[i])) || (j < b.size() && !isDigit(b[j]))) {
            const int ac = dpkgOrder(at(a, i)), bc = dpkgOrder(at(b, j));
            if (ac != bc)
                return sign(ac - bc);
            ++i;
            ++j;
        }
        while (at(a, i) == QLatin1Char('0'))
            ++i;
        while (at(b, j) == QLatin1Char('0'))
            ++j;
        while (isDigit(at(a, i)) && isDigit(at(b, j))) {
            if (!firstDiff)
                firstDiff = a[i].unicode() - b[j].unicode();
            ++i;
            ++j;
        }
        if (isDigit(at(a, i)))
            return 1;
        if (isDigit(at(b, j)))
            return -1;
        if (firstDiff)
            return sign(firstDiff);
    }
    return 0;
}

struct Evr {
    QString epoch = QStringLiteral("0");
    QString version;
    QString release;
    bool hasRelease = false;
};

std::optional<Evr> parseEvr(const QString& text)
{
    const QString v = text.trimmed();
    if (v.isEmpty())
        return std::nullopt;
    for (QChar c : v)
        if (c.isSpace())
            return std::nullopt;
    Evr e;
    QString rest = v;
    if (const qsizetype colon = rest.indexOf(QLatin1Char(':')); colon >= 0) {
        e.epoch = rest.left(colon);
        if (!allDigits(e.epoch))
            return std::nullopt;
        rest = rest.mid(colon + 1);
    }
    if (const qsizetype dash = rest.lastIndexOf(QLatin1Char('-')); dash >= 0) {
        e.release = rest.mid(dash + 1);
        e.hasRelease = true;
        rest = rest.left(dash);
    }
    e.version = rest;
    if (e.version.isEmpty() || (e.hasRelease && e.release.isEmpty()))
        return std::nullopt;
    return e;
}

std::optional<int> compareDebian(const QString& a, const QString& b)
{
    const auto x = parseEvr(a), y = parseEvr(b);
    if (!x || !y || !isDigit(x->version[0]) || !isDigit(y->version[0]))
        return std::nullopt;
    if (int c = compareDigits(x->epoch, y->epoch))
        return c;
    if (int c = dpkgCompare(x->version, y->version))
        return c;
    return dpkgCompare(x->release, y->release);
}

// ---- RPM (rpmvercmp) -------------------------------------------------------------------------------------

int rpmCompare(const QString& a, const QString& b)
{
    if (a == b)
        return 0;
    auto at = [](const QString& s, qsizetype k) { return k < s.size() ? s[k] : QChar(); };
    auto alnum = [](QChar c) { return isDigit(c) || isAlpha(c); };
    qsizetype i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        while (i < a.size() && !alnum(a[i]) && a[i] != QLatin1Char('~') && a[i] != QLatin1Char('^'))
            ++i;
        while (j < b.size() && !alnum(b[j]) && b[j] != QLatin1Char('~') && b[j] != QLatin1Char('^'))
            ++j;
        const QChar x = at(a, i), y = at(b, j);
        // A tilde sorts before everything, even the end.
        if (x == QLatin1Char('~') || y == QLatin1Char('~')) {
            if (x != QLatin1Char('~'))
                return 1;
            if (y != QLatin1Char('~'))
                return -1;
            ++i;
            ++j;
            continue;
        }
        // A caret sorts after the end but before anything else.
        if (x == QLatin1Char('^') || y == QLatin1Char('^')) {
            if (x.isNull())
                return -1;
            if (y.isNull())
                return 1;
            if (x != QLatin1Char('^'))
                return 1;
            if (y != QLatin1Char('^'))
                return -1;
            ++i;
            ++j;
            continue;
        }
        if (x.isNull() || y.isNull())
            break;
        qsizetype ei = i, ej = j;
        const bool num = isDigit(x);
        if (num) {
            while (isDigit(at(a, ei)))
                ++ei;
            while (isDigit(at(b, ej)))
                ++ej;
        } else {
            while (isAlpha(at(a, ei)))
                ++ei;
            while (isAlpha(at(b, ej)))
                ++ej;
        }
        if (ej == j)
            return num ? 1 : -1; // segments of different kinds: the numeric one is newer
        const QStringView s = QStringView(a).mid(i, ei - i), t = QStringView(b).mid(j, ej - j);
        if (int c = num ? compareDigits(s, t) : sign(s.compare(t)))
            return c;
        i = ei;
        j = ej;
    }
    if (i >= a.size() && j >= b.size())
        return 0;
    return i >= a.size() ? -1 : 1;
}

std::optional<int> compareRpm(const QString& a, const QString& b)
{
    const auto x = parseEvr(a), y = parseEvr(b);
    if (!x || !y)
        return std::nullopt;
    if (int c = compareDigits(x->epoch, y->epoch))
        return c;
    if (int c = rpmCompare(x->version, y->version))
        return c;
    // A version without a release matches every release of it.
    if (!x->hasRelease || !y->hasRelease)
        return 0;
    return rpmCompare(x->release, y->release);
}

// ---- RubyGems (Gem::Version) -----------------------------------------------------------------------------

using GemSegment = std::variant<QString, QString>; // index 0: number (digits), 1: string

std::optional<std::vector<GemSegment>> parseGem(const QString& text)
{
    static const QRegularExpression valid(QStringLiteral("^\\s*[0-9]+(?:\\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?\\s*$"));
    if (!valid.match(text).hasMatch())
        return std::nullopt;
    QString v = text.trimmed();
    v.replace(QLatin1Char('-'), QStringLiteral(".pre."));
    std::vector<GemSegment> numeric, rest;
    static const QRegularExpression seg(QStringLiteral("[0-9]+|[a-zA-Z]+"));
    bool inString = false;
    for (auto it = seg.globalMatch(v); it.hasNext();) {
        const QString s = it.next().captured(0);
        const bool num = isDigit(s[0]);
        inString = inString || !num;
        GemSegment g = num ? GemSegment(std::in_place_index<0>, s) : GemSegment(std::in_place_index<1>, s);
        (inString ? rest : numeric).push_back(g);
    }
    // Canonical: trailing zeros dropped from the release part and from the pre-release part.
    auto dropZeros = [](std::vector<GemSegment>& s) {
        while (!s.empty() && s.back().index() == 0 && compareDigits(std::get<0>(s.back()), u"0") == 0)
            s.pop_back();
    };
    dropZeros(numeric);
    dropZeros(rest);
    numeric.insert(numeric.end(), rest.begin(), rest.end());
    return numeric;
}

int compareGem(const std::vector<GemSegment>& a, const std::vector<GemSegment>& b)
{
    const GemSegment zero(std::in_place_index<0>, QStringLiteral("0"));
    for (size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
        const GemSegment& x = i < a.size() ? a[i] : zero;
        const GemSegment& y = i < b.size() ? b[i] : zero;
        if (x.index() != y.index())
            return x.index() == 1 ? -1 : 1; // a string (pre-release) segment sorts before a number
        const int c = x.index() == 0 ? compareDigits(std::get<0>(x), std::get<0>(y)) : sign(std::get<1>(x).compare(std::get<1>(y)));
        if (c)
            return c;
    }
    return 0;
}

bool plainText(const QString& v)
{
    if (v.trimmed().isEmpty())
        return false;
    for (QChar c : v.trimmed())
        if (c.isSpace())
            return false;
    return true;
}

} // namespace

QString schemeName(Scheme s)
{
    switch (s) {
    case Scheme::SemVer:
        return QStringLiteral("semver");
    case Scheme::Maven:
        return QStringLiteral("maven");
    case Scheme::Pep440:
        return QStringLiteral("pep440");
    case Scheme::Debian:
        return QStringLiteral("debian");
    case Scheme::Rpm:
        return QStringLiteral("rpm");
    case Scheme::RubyGems:
        return QStringLiteral("rubygems");
    }
    return QString();
}

std::optional<Scheme> schemeForPurlType(const QString& type)
{
    const QString t = type.toLower();
    if (t == QLatin1String("npm") || t == QLatin1String("golang") || t == QLatin1String("cargo") || t == QLatin1String("hex"))
        return Scheme::SemVer;
    if (t == QLatin1String("maven"))
        return Scheme::Maven;
    if (t == QLatin1String("pypi"))
        return Scheme::Pep440;
    if (t == QLatin1String("deb"))
        return Scheme::Debian;
    if (t == QLatin1String("rpm"))
        return Scheme::Rpm;
    if (t == QLatin1String("gem"))
        return Scheme::RubyGems;
    return std::nullopt;
}

QString purlTypeForEcosystem(const QString& ecosystem)
{
    const QString e = ecosystem.section(QLatin1Char(':'), 0, 0).trimmed();
    static const std::vector<std::pair<const char*, const char*>> map { { "npm", "npm" }, { "Maven", "maven" }, { "PyPI", "pypi" },
        { "Go", "golang" }, { "crates.io", "cargo" }, { "RubyGems", "gem" }, { "Hex", "hex" }, { "Debian", "deb" }, { "Ubuntu", "deb" },
        { "Red Hat", "rpm" }, { "AlmaLinux", "rpm" }, { "Rocky Linux", "rpm" }, { "openSUSE", "rpm" }, { "SUSE", "rpm" },
        { "Mageia", "rpm" }, { "Packagist", "composer" }, { "NuGet", "nuget" }, { "Pub", "pub" }, { "Alpine", "apk" },
        { "Hackage", "hackage" }, { "CRAN", "cran" }, { "SwiftURL", "swift" } };
    for (const auto& [eco, type] : map)
        if (e.compare(QLatin1String(eco), Qt::CaseInsensitive) == 0)
            return QString::fromLatin1(type);
    return QString();
}

std::optional<Scheme> schemeForEcosystem(const QString& ecosystem) { return schemeForPurlType(purlTypeForEcosystem(ecosystem)); }

bool isValid(Scheme s, const QString& v)
{
    switch (s) {
    case Scheme::SemVer:
        return parseSemVer(v).has_value();
    case Scheme::Maven:
        return plainText(v);
    case Scheme::Pep440:
        return parsePep440(v).has_value();
    case Scheme::Debian: {
        const auto e = parseEvr(v);
        return e && isDigit(e->version[0]);
    }
    case Scheme::Rpm:
        return parseEvr(v).has_value();
    case Scheme::RubyGems:
        return parseGem(v).has_value();
    }
    return false;
}

std::optional<int> compare(Scheme s, const QString& a, const QString& b)
{
    switch (s) {
    case Scheme::SemVer: {
        const auto x = parseSemVer(a), y = parseSemVer(b);
        if (!x || !y)
            return std::nullopt;
        return compareSemVer(*x, *y);
    }
    case Scheme::Maven: {
        if (!plainText(a) || !plainText(b))
            return std::nullopt;
        const MavenItem x = parseMaven(a), y = parseMaven(b);
        return compareMavenItem(&x, &y);
    }
    case Scheme::Pep440: {
        const auto x = parsePep440(a), y = parsePep440(b);
        if (!x || !y)
            return std::nullopt;
        return comparePep440(*x, *y);
    }
    case Scheme::Debian:
        return compareDebian(a, b);
    case Scheme::Rpm:
        return compareRpm(a, b);
    case Scheme::RubyGems: {
        const auto x = parseGem(a), y = parseGem(b);
        if (!x || !y)
            return std::nullopt;
        return compareGem(*x, *y);
    }
    }
    return std::nullopt;
}

Result<Range> parseRange(Scheme s, const QString& text)
{
    Range r;
    r.scheme = s;
    r.text = text;
    const QStringList alternatives = text.split(QStringLiteral("||"));
    for (const QString& alt : alternatives) {
        std::vector<Constraint> all;
        for (QString part : alt.split(QLatin1Char(','))) {
            part = part.trimmed();
            if (part.isEmpty())
                return Problem(QStringLiteral("version range '%1' has an empty constraint").arg(text));
            Constraint c;
            static const std::vector<std::pair<const char*, Constraint::Op>> ops { { "<=", Constraint::Op::Le }, { ">=", Constraint::Op::Ge },
                { "==", Constraint::Op::Eq }, { "!=", Constraint::Op::Ne }, { "<", Constraint::Op::Lt }, { ">", Constraint::Op::Gt },
                { "=", Constraint::Op::Eq } };
            for (const auto& [op, kind] : ops)
                if (part.startsWith(QLatin1String(op))) {
                    c.op = kind;
                    part = part.mid(qsizetype(qstrlen(op))).trimmed();
                    break;
                }
            c.version = part;
            if (!isValid(s, c.version))
                return Problem(QStringLiteral("version range '%1': '%2' is not a %3 version, so the range cannot be ordered")
                                   .arg(text, c.version, schemeName(s)));
            all.push_back(c);
        }
        r.alternatives.push_back(all);
    }
    return r;
}

std::optional<bool> contains(const Range& r, const QString& version)
{
    if (!isValid(r.scheme, version))
        return std::nullopt;
    for (const auto& all : r.alternatives) {
        bool ok = true;
        for (const Constraint& c : all) {
            const std::optional<int> cmp = compare(r.scheme, version, c.version);
            if (!cmp)
                return std::nullopt;
            switch (c.op) {
            case Constraint::Op::Lt:
                ok = ok && *cmp < 0;
                break;
            case Constraint::Op::Le:
                ok = ok && *cmp <= 0;
                break;
            case Constraint::Op::Gt:
                ok = ok && *cmp > 0;
                break;
            case Constraint::Op::Ge:
                ok = ok && *cmp >= 0;
                break;
            case Constraint::Op::Eq:
                ok = ok && *cmp == 0;
                break;
            case Constraint::Op::Ne:
                ok = ok && *cmp != 0;
                break;
            }
        }
        if (ok)
            return true;
    }
    return false;
}

AffectedVerdict affects(const AffectedPackage& a, std::optional<Scheme> s, const QString& version)
{
    AffectedVerdict out;
    bool affected = false;
    bool unknown = false;
    for (const QString& listed : a.versions) {
        if (listed == version || (s && compare(*s, listed, version) == 0))
            affected = true;
    }
    for (const AdvisoryRange& range : a.ranges) {
        if (range.type == QLatin1String("GIT")) {
            if (!affected && a.versions.isEmpty()) {
                unknown = true;
                out.why = QStringLiteral("the advisory gives only commit ranges (GIT%1): they cannot be ordered without the repository")
                              .arg(range.repo.isEmpty() ? QString() : QStringLiteral(" in ") + range.repo);
            }
            continue;
        }
        // SEMVER ranges are SemVer whatever the ecosystem; ECOSYSTEM ranges are in the ecosystem's order.
        const std::optional<Scheme> scheme = range.type == QLatin1String("SEMVER") ? std::optional<Scheme>(Scheme::SemVer) : s;
        if (!scheme) {
            unknown = true;
            out.why = QStringLiteral("versions of ecosystem '%1' cannot be ordered here").arg(a.ecosystem);
            continue;
        }
        if (!isValid(*scheme, version)) {
            unknown = true;
            out.why = QStringLiteral("'%1' is not a %2 version: it cannot be placed in the advisory's %3 range").arg(version, schemeName(*scheme), range.type);
            continue;
        }
        // Events in version order, "0" first (OSV's evaluation).
        std::vector<std::pair<QString, QString>> events = range.events;
        bool broken = false;
        std::stable_sort(events.begin(), events.end(), [&](const auto& x, const auto& y) {
            if (x.second == y.second)
                return false;
            if (x.second == QLatin1String("0"))
                return true;
            if (y.second == QLatin1String("0"))
                return false;
            const auto c = compare(*scheme, x.second, y.second);
            if (!c)
                broken = true;
            return c.value_or(0) < 0;
        });
        if (broken) {
            unknown = true;
            out.why = QStringLiteral("the advisory's %1 range holds versions that are not %2 versions").arg(range.type, schemeName(*scheme));
            continue;
        }
        bool vulnerable = false;
        QString fixed;
        for (const auto& [kind, v] : events) {
            const bool zero = v == QLatin1String("0");
            const int cmp = zero ? 1 : compare(*scheme, version, v).value_or(-1);
            if (kind == QLatin1String("introduced")) {
                if (zero || cmp >= 0)
                    vulnerable = true;
            } else if (kind == QLatin1String("fixed")) {
                if (cmp >= 0)
                    vulnerable = false;
                else if (vulnerable && fixed.isEmpty())
                    fixed = v;
            } else if (kind == QLatin1String("last_affected")) {
                if (cmp > 0)
                    vulnerable = false;
            } else if (kind == QLatin1String("limit")) {
                if (cmp >= 0) {
                    vulnerable = false;
                    break;
                }
            }
        }
        if (vulnerable) {
            affected = true;
            if (out.fixed.isEmpty())
                out.fixed = fixed;
        }
    }
    if (affected) {
        out.affected = true;
        out.why.clear();
    } else if (!unknown) {
        out.affected = false;
    }
    return out;
}

} // namespace tideline::versions
