// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the bundle manifest (tideline-bundle.json) and the path rules it relies on.
#include "fuzzutil.h"
#include "import/manifest.h"

#include <cstdio>
#include <cstdlib>

using namespace tideline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString file = QStringLiteral("bundle.zip!/prod/tideline-bundle.json");
    const QByteArray input = fuzz::bytes(data, size);
    Result<BundleManifest> m = readManifest(input, file, QStringLiteral("prod"));
    if (!m) {
        fuzz::checkProblem(m.problem(), file);
    } else {
        for (const Problem& w : m->warnings)
            fuzz::checkProblem(w, file);
        for (const QString& p : m->listedPaths()) {
            // Every path a manifest names stays inside the bundle.
            if (p.startsWith(QLatin1Char('/')) || p == QLatin1String("..") || p.startsWith(QLatin1String("../")) || p.contains(QLatin1String("/../"))
                || p.endsWith(QLatin1String("/.."))) {
                std::fprintf(stderr, "fuzz: a manifest path climbs out: '%s'\n", qPrintable(p));
                std::abort();
            }
        }
    }
    // The same rule on the raw text, as archive entry names meet it.
    if (const auto p = normaliseRelativePath(QString::fromUtf8(input))) {
        if (p->startsWith(QLatin1Char('/')) || *p == QLatin1String("..") || p->startsWith(QLatin1String("../")) || p->contains(QLatin1String("/../"))) {
            std::fprintf(stderr, "fuzz: a normalised path climbs out: '%s'\n", qPrintable(*p));
            std::abort();
        }
    }
    return 0;
}
