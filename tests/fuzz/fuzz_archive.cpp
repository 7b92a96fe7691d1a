// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: archives (zip, tar, gzip, bzip2, xz, zstd, nested) walked as the importer walks them, with
// small expansion limits so that a bomb is met quickly. Every entry handed out must have a safe name under the
// archive's, and the walk must account for what it hands out.
#include "fuzzutil.h"
#include "import/bundle.h"

#include <cstdio>
#include <cstdlib>

using namespace tideline;

namespace {
[[noreturn]] void fail(const char* what, const QString& detail)
{
    std::fprintf(stderr, "fuzz: %s: '%s'\n", what, qPrintable(detail));
    std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString path = fuzz::writeTemp(QStringLiteral("input.archive"), fuzz::bytes(data, size));
    ArchiveLimits limits;
    limits.maxEntryBytes = qint64(1) << 20;
    limits.maxTotalBytes = qint64(8) << 20;
    limits.ratioFloorBytes = qint64(256) << 10;
    limits.maxRatio = 50;
    BundleWalker walker({ path }, limits);
    auto onProblem = [&](const Problem& p) { fuzz::checkProblem(p, path); };
    walker.prepare(onProblem);
    qint64 delivered = 0;
    walker.run(
        [&](BundleEntry&& e) {
            if (!e.displayPath.startsWith(path))
                fail("entry not named under its archive", e.displayPath);
            const QString inner = e.displayPath.mid(path.size());
            if (inner.contains(QLatin1String("/../")) || inner.endsWith(QLatin1String("/..")) || inner.contains(QLatin1String("!//")))
                fail("unsafe entry name handed out", e.displayPath);
            if (e.bytes.size() > limits.maxEntryBytes)
                fail("entry past the entry limit", QString::number(e.bytes.size()));
            delivered += e.bytes.size();
            fuzz::touch(e.groupKey);
            fuzz::touch(e.manifestPath);
            return true;
        },
        onProblem);
    // Nested archives share their outer archive's budget: what is handed out stays within the total.
    if (delivered > limits.maxTotalBytes)
        fail("walk expanded past the total limit", QString::number(delivered));
    return 0;
}
