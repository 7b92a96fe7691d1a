// SPDX-License-Identifier: GPL-3.0-or-later
// The evidence pack's speed: a generated case with at least 200 findings (many environments and
// deployments, most of them without evidence), exported whole (findings, charts drawn offscreen, the PDF,
// manifest and signature), beside PRODUCT.md's target of 10 s. Not a test: run it by hand.
// bench_pack [--findings N] [--keep DIR]

#include "compliance/findings.h"
#include "demo/generator.h"
#include "import/importer.h"
#include "pack/pack.h"
#include "packfigures.h"
#include "packpdf.h"
#include "store/casefile.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>
#include <map>

using namespace tideline;

namespace {

constexpr double kTargetSeconds = 10.0;

double seconds(const QElapsedTimer& t)
{
    return static_cast<double>(t.nsecsElapsed()) / 1e9;
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    int wanted = 200;
    QString keep;
    const QStringList args = QApplication::arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--findings"))
            wanted = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--keep"))
            keep = args[i + 1];
    }
    QTemporaryDir tmp;
    const QString dir = keep.isEmpty() ? tmp.path() : keep;
    QDir().mkpath(dir);

    // Grow the generated estate until the case holds enough findings.
    GeneratorOptions o;
    o.environments = 6;
    o.snapshots = 120;
    o.deployments = 30;
    std::unique_ptr<CaseFile> kase;
    int findings = 0;
    for (int attempt = 0; attempt < 6 && findings < wanted; ++attempt, o.deployments *= 2) {
        const QString bundle = QDir(dir).filePath(QStringLiteral("bundle-%1").arg(attempt));
        const QString casePath = QDir(dir).filePath(QStringLiteral("case-%1.tideline").arg(attempt));
        QFile::remove(casePath);
        if (!generateBundle(bundle, o)) {
            std::fprintf(stderr, "cannot generate the bundle\n");
            return 2;
        }
        kase = std::move(CaseFile::open(casePath)).value();
        const ImportReport r = importPaths(*kase, { bundle }, ImportOptions());
        if (!r.errors.empty()) {
            std::fprintf(stderr, "import failed: %s\n", qPrintable(r.errors.front().toString()));
            return 2;
        }
        findings = static_cast<int>(checkCase(*kase, CheckOptions())->findings.size());
        std::printf("generated %d environments x %d deployments x %d snapshots: %d findings\n", o.environments,
            o.deployments, o.snapshots, findings);
    }
    if (findings < wanted) {
        std::fprintf(stderr, "could not generate %d findings\n", wanted);
        return 2;
    }

    std::map<QString, double> at; // when each step began, in seconds from the start
    int pages = 0;
    QElapsedTimer clock;
    PackOptions po;
    po.keyPath = QDir(dir).filePath(QStringLiteral("exporter.pem"));
    po.exporter = QStringLiteral("bench");
    po.progress = [&](int, const QString& step) { at.emplace(step, seconds(clock)); };
    po.renderPdf = [&](const PackContent& c, const QString& path) {
        return ui::renderPackPdf(c, path, [&](int, int total) { pages = total; });
    };
    const QString out = QDir(dir).filePath(QStringLiteral("pack"));
    QDir(out).removeRecursively();
    clock.start();
    Result<PackResult> r = exportPack(*kase, out, po);
    const double total = seconds(clock);
    if (!r) {
        std::fprintf(stderr, "export failed: %s\n", qPrintable(r.error()));
        return 2;
    }
    const double gathered = at[QStringLiteral("Writing findings")];
    const double pdfStart = at[QStringLiteral("Drawing the PDF")];
    const double signStart = at[QStringLiteral("Signing the manifest")];
    std::printf("\nEvidence pack of %d findings, %d PDF pages, %lld bytes of PDF:\n", r->findings, pages,
        static_cast<long long>(QFileInfo(QDir(out).filePath(QStringLiteral("pack.pdf"))).size()));
    std::printf("  %-40s %7.2f s\n", "evaluate findings, gather the content", gathered);
    std::printf("  %-40s %7.2f s\n", "findings.json, .csv, signer.pub", pdfStart - gathered);
    std::printf("  %-40s %7.2f s\n", "charts offscreen + PDF laid out, written", signStart - pdfStart);
    std::printf("  %-40s %7.2f s\n", "manifest, signature, log", total - signStart);
    std::printf("  %-40s %7.2f s   target %4.0f s   %s %.1fx\n", "whole export", total, kTargetSeconds,
        total <= kTargetSeconds ? "under by" : "OVER by",
        total <= kTargetSeconds ? kTargetSeconds / total : total / kTargetSeconds);
    std::printf(
        "  pack: %s (verify-pack: %s)\n", qPrintable(r->dir), verifyPack(r->dir).intact ? "intact" : "NOT INTACT");
    // The one part that holds the GUI thread when the window exports: the widgets drawing the charts.
    Result<PackContent> content = gatherPack(*kase, PackScope());
    QElapsedTimer charts;
    charts.start();
    const ui::PackFigures figures = ui::drawPackFigures(*content, ui::packFonts().sans);
    size_t parts = figures.summary.size();
    for (const auto& [env, list] : figures.environments)
        parts += list.size();
    std::printf("  %-40s %7.0f ms for %zu figures (the GUI thread's share of an export from the window)\n",
        "charts drawn offscreen", seconds(charts) * 1000, parts);
    return total <= kTargetSeconds ? 0 : 1;
}
