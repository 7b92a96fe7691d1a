// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: version orders, ranges, CVSS vectors and purls. Every comparison must be antisymmetric and
// reflexive where it answers; nothing may crash or hang on any text.
#include "domain/cvss.h"
#include "domain/purl.h"
#include "domain/versions.h"
#include "fuzzutil.h"

#include <cstdio>
#include <cstdlib>

using namespace tideline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString text = QString::fromUtf8(fuzz::bytes(data, size)).left(512);
    // Two versions: the input split at its first newline.
    const qsizetype nl = text.indexOf(QLatin1Char('\n'));
    const QString a = nl < 0 ? text : text.left(nl);
    const QString b = nl < 0 ? QStringLiteral("1.0.0") : text.mid(nl + 1);
    for (versions::Scheme s : { versions::Scheme::SemVer, versions::Scheme::Maven, versions::Scheme::Pep440, versions::Scheme::Debian,
             versions::Scheme::Rpm, versions::Scheme::RubyGems }) {
        const auto ab = versions::compare(s, a, b);
        const auto ba = versions::compare(s, b, a);
        if (ab.has_value() != ba.has_value() || (ab && ((*ab < 0) != (*ba > 0) || (*ab == 0) != (*ba == 0)))) {
            std::fprintf(stderr, "fuzz: %s order not antisymmetric: '%s' vs '%s'\n", qPrintable(versions::schemeName(s)), qPrintable(a), qPrintable(b));
            std::abort();
        }
        if (const auto aa = versions::compare(s, a, a); aa && *aa != 0) {
            std::fprintf(stderr, "fuzz: %s order not reflexive: '%s'\n", qPrintable(versions::schemeName(s)), qPrintable(a));
            std::abort();
        }
        if (Result<versions::Range> r = versions::parseRange(s, a); r.ok())
            fuzz::touch(QString::number(versions::contains(*r, b).value_or(false)));
        AffectedPackage p;
        p.ecosystem = QStringLiteral("npm");
        p.ranges.push_back({ QStringLiteral("ECOSYSTEM"), QString(), { { QStringLiteral("introduced"), a }, { QStringLiteral("fixed"), b } } });
        fuzz::touch(versions::affects(p, s, QStringLiteral("1.2.3")).why);
    }
    if (const auto score = cvss::baseScore3(a); score && (*score < 0 || *score > 10))
        std::abort();
    if (const auto purl = Purl::parse(a))
        fuzz::touch(purl->base() + purl->ecosystemName());
    return 0;
}
