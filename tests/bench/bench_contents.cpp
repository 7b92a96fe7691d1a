// SPDX-License-Identifier: GPL-3.0-or-later
// Contents on PRODUCT.md's reference workload (issue 15): a 300-package CycloneDX SBOM for every version built and
// 5,000 OSV records (with the well-known advisories and a VEX statement), imported beside the snapshots; then
// `packages` and `check` with advisories. Each figure is printed beside its target and their ratio, in the same run.
//
//   bench_contents [--keep DIR]   DIR: where the reference bundle is generated (reused when present); its
//                                 contents go to DIR-contents

#include "compliance/contents.h"
#include "compliance/findings.h"
#include "demo/generator.h"
#include "import/importer.h"
#include "store/casefile.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace tideline;

namespace {

double seconds(const QElapsedTimer& t) { return static_cast<double>(t.nsecsElapsed()) / 1e9; }

double medianMs(int n, const std::function<void()>& f)
{
    std::vector<double> ms;
    for (int i = 0; i < n; ++i) {
        QElapsedTimer t;
        t.start();
        f();
        ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

void row(const char* what, double value, const char* unit, double target)
{
    std::printf("  %-52s %10.3f %-3s target <= %-8.1f ratio %5.2f %s\n", what, value, unit, target, value / target, value <= target ? "ok" : "MISSED");
}

bool generate(const QString& dir, const GeneratorOptions& o)
{
    if (QFileInfo::exists(QDir(dir).filePath(QStringLiteral("tideline-bundle.json"))))
        return true;
    std::printf("generating %s …\n", qPrintable(dir));
    QElapsedTimer g;
    g.start();
    Result<GeneratedTruth> truth = generateBundle(dir, o);
    if (!truth) {
        std::fprintf(stderr, "%s\n", qPrintable(truth.error()));
        return false;
    }
    std::printf("  %d files, %.1f MB in %.1f s\n", truth->files, static_cast<double>(truth->bytes) / 1e6, seconds(g));
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // progress shows when it is written to a file
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QTemporaryDir tmp;
    QString dir = tmp.filePath(QStringLiteral("reference"));
    const int keep = args.indexOf(QStringLiteral("--keep"));
    if (keep > 0 && keep + 1 < args.size())
        dir = args[keep + 1];
    if (!generate(dir, GeneratorOptions::reference()))
        return 2;
    const QString contentsDir = dir + QStringLiteral("-contents");
    GeneratorOptions co = GeneratorOptions::reference();
    co.writeSnapshots = false;
    co.sbomPackages = 300;
    co.knownAdvisories = true;
    co.advisories = 5000;
    if (!generate(contentsDir, co))
        return 2;

    // With --keep the case stays beside the bundle, to look at afterwards.
    const QString casePath = keep > 0 ? dir + QStringLiteral(".tideline") : tmp.filePath(QStringLiteral("reference.tideline"));
    for (const char* suffix : { "", "-wal", "-shm" })
        QFile::remove(casePath + QLatin1String(suffix));
    ImportReport snapshots, contents;
    double checkBeforeMs = 0;
    {
        auto kase = CaseFile::open(casePath);
        if (!kase) {
            std::fprintf(stderr, "%s\n", qPrintable(kase.error()));
            return 2;
        }
        snapshots = importPaths(**kase, { dir }, ImportOptions());
        std::vector<CheckReport> before;
        checkBeforeMs = medianMs(3, [&] {
            if (Result<CheckReport> r = checkCase(**kase, CheckOptions()))
                before.push_back(std::move(*r));
        });
        contents = importPaths(**kase, { contentsDir }, ImportOptions());
    }
    for (const ImportReport* r : { &snapshots, &contents })
        if (!r->errors.empty()) {
            std::fprintf(stderr, "import failed: %s\n", qPrintable(r->errors.front().toString()));
            return 1;
        }
    int sboms = 0, packages = 0, advisories = 0;
    for (const ImportedFile& f : contents.imported) {
        sboms += f.packages > 0;
        packages += f.packages;
        advisories += f.advisories;
    }

    // Queries on a fresh connection, as the command line makes them.
    auto kase = CaseFile::open(casePath, CaseFile::Mode::ReadOnly);
    size_t sink = 0;
    PackageQuery byName;
    byName.term = QStringLiteral("log4j-core");
    PackageQuery byRange;
    byRange.term = QStringLiteral("pkg:maven/org.apache.logging.log4j/log4j-core");
    byRange.versionRange = QStringLiteral(">=2.0-beta9, <2.15.0");
    PackageQuery pool; // a package of the pool, in a few of the deployments
    pool.term = QStringLiteral("core-util-20");
    PackageReport last;
    const double nameMs = medianMs(20, [&] {
        Result<PackageReport> r = findPackage(**kase, byName);
        if (r) {
            sink += r->containing.size();
            last = std::move(*r);
        }
    });
    const double rangeMs = medianMs(20, [&] { sink += findPackage(**kase, byRange)->containing.size(); });
    const double poolMs = medianMs(20, [&] { sink += findPackage(**kase, pool)->containing.size(); });
    // Each run's report is kept until the end: freeing the previous one is not the check's time.
    std::vector<CheckReport> reports;
    reports.reserve(3);
    const double checkMs = medianMs(3, [&] {
        Result<CheckReport> r = checkCase(**kase, CheckOptions());
        if (r)
            reports.push_back(std::move(*r));
    });
    const CheckReport& check = reports.back();
    const int vulnerable = check.byKind.count(FindingKind::VulnerablePackage) ? check.byKind.at(FindingKind::VulnerablePackage) : 0;

    std::printf("\nReference workload with contents: %d SBOMs (%d packages), %d OSV records, %.1f MB of contents\n", sboms, packages, advisories,
        static_cast<double>(contents.bytes) / 1e6);
    std::printf("  %-52s %10.2f s  (the reference snapshots alone)\n", "import of the snapshots", snapshots.seconds);
    row("import of the contents (more than without)", contents.seconds, "s", 30);
    std::printf("    (parsing %.2f s over the threads, committing %.2f s)\n", contents.parseSeconds, contents.commitSeconds);
    row("packages log4j-core (by name)", nameMs, "ms", 50);
    row("packages pkg:maven/…/log4j-core >=2.0-beta9,<2.15.0", rangeMs, "ms", 50);
    row("packages core-util-20 (a pool package)", poolMs, "ms", 50);
    row("check with advisories", checkMs / 1000.0, "s", 2);
    std::printf("    (check without them: %.3f s; now %zu findings, %d vulnerable-package, %d suppressed by VEX; log4j-core in %zu workloads, "
                "%zu cannot be cleared; checksum %zu)\n",
        checkBeforeMs / 1000.0, check.findings.size(), vulnerable, check.suppressed, last.containing.size(), last.uncleared.size(), sink);
    return 0;
}
