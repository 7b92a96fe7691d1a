// SPDX-License-Identifier: GPL-3.0-or-later
// The window's speed on PRODUCT.md's reference workload, offscreen: opening the case until its timeline is
// drawn, the check that follows until its findings are shown, and one pan and one zoom frame (timeline with
// its finding bands, axis and both charts repainted), beside their targets.
// Not a test: run it by hand. bench_ui [--keep DIR] [--frames N] [--server postgresql://…/DATABASE]
// With --server the reference case is copied to a new shared case there and the window opens that (target 2 s).

#include "activitychart.h"
#include "store/casecopy.h"
#include "compliance/findings.h"
#include "demo/generator.h"
#include "findingspanel.h"
#include "import/importer.h"
#include "items/findingmodel.h"
#include "items/lanemodel.h"
#include "mainwindow.h"
#include "store/casefile.h"
#include "timeline/findingactivity.h"
#include "timelineview.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <numeric>

using namespace tideline;
using namespace tideline::ui;

namespace {

double ms(const QElapsedTimer& t) { return static_cast<double>(t.nsecsElapsed()) / 1e6; }

void line(const char* what, double measured, double target)
{
    std::printf("  %-44s %9.2f ms   target %7.0f ms   %s %.1fx\n", what, measured, target,
        measured <= target ? "under by" : "OVER by", measured <= target ? target / measured : measured / target);
}

// Everything a frame redraws after the scale moved: posted layout and scene work, then a paint of the
// timeline, its axis and both charts.
void frame(MainWindow& w)
{
    QCoreApplication::sendPostedEvents();
    w.timeline()->viewport()->repaint();
    w.timeline()->header()->viewport()->repaint();
    w.workloadsChart()->viewport()->repaint();
    w.instancesChart()->viewport()->repaint();
}

struct Stats {
    double mean = 0, p95 = 0, max = 0;
};

Stats stats(std::vector<double> v)
{
    Stats s;
    std::sort(v.begin(), v.end());
    s.mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    s.p95 = v[static_cast<size_t>(static_cast<double>(v.size() - 1) * 0.95)];
    s.max = v.back();
    return s;
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("tideline-bench"));
    QApplication::setApplicationName(QStringLiteral("bench_ui"));
    QString keep, server;
    int frames = 200;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--keep"))
            keep = args[i + 1];
        else if (args[i] == QLatin1String("--server"))
            server = args[i + 1];
        else if (args[i] == QLatin1String("--frames"))
            frames = std::max(10, args[i + 1].toInt());
    }
    QTemporaryDir tmp;
    const QString dir = keep.isEmpty() ? tmp.path() : keep;
    const QString bundle = QDir(dir).filePath(QStringLiteral("reference"));
    const QString casePath = QDir(dir).filePath(QStringLiteral("reference.tideline"));

    if (!QFileInfo::exists(casePath)) {
        QElapsedTimer t;
        t.start();
        Result<GeneratedTruth> g = generateBundle(bundle, GeneratorOptions::reference());
        if (!g) {
            std::fprintf(stderr, "generate: %s\n", qPrintable(g.error()));
            return 2;
        }
        std::printf("generated the reference workload: %d files, %.0f MB in %.1f s\n", g->files, static_cast<double>(g->bytes) / 1e6, ms(t) / 1000);
        t.restart();
        auto kase = CaseFile::open(casePath);
        if (!kase) {
            std::fprintf(stderr, "case: %s\n", qPrintable(kase.error()));
            return 2;
        }
        const ImportReport r = importPaths(**kase, { bundle }, ImportOptions());
        std::printf("imported: %zu files, %zu errors in %.1f s\n", r.imported.size(), r.errors.size(), ms(t) / 1000);
        if (!r.errors.empty())
            return 2;
    } else {
        std::printf("reusing %s\n", qPrintable(casePath));
    }

    QString opened = casePath;
    const QString serverCase = QStringLiteral("bench_ui_%1").arg(QCoreApplication::applicationPid());
    if (!server.isEmpty()) {
        opened = server + (server.contains(QLatin1Char('?')) ? QStringLiteral("&case=") : QStringLiteral("?case=")) + serverCase;
        auto from = CaseFile::open(casePath, CaseFile::Mode::ReadOnly);
        auto to = CaseFile::open(opened);
        if (!from || !to) {
            std::fprintf(stderr, "server: %s\n", qPrintable(from ? to.error() : from.error()));
            return 2;
        }
        const Result<CaseCopyReport> copied = copyCase(**from, **to);
        if (!copied) {
            std::fprintf(stderr, "copy to the server: %s\n", qPrintable(copied.error()));
            return 2;
        }
        std::printf("copied the case to the server: %lld records\n", static_cast<long long>(copied->rows));
    }

    MainWindow w;
    w.resize(1600, 1000);
    w.show();
    QCoreApplication::processEvents();

    // Open: from the request to the first frame of the timeline with its charts.
    QSignalSpy loaded(&w, &MainWindow::overviewLoaded);
    QSignalSpy checked(&w, &MainWindow::checkFinished);
    QElapsedTimer t;
    t.start();
    w.openCase(opened);
    if (!loaded.wait(60000)) {
        std::fprintf(stderr, "the case did not open\n");
        return 2;
    }
    w.repaint();
    const double open = ms(t);
    // The check runs on the reader once the overview is in; frames below are drawn with its findings.
    if (checked.isEmpty() && !checked.wait(60000)) {
        std::fprintf(stderr, "the check did not finish\n");
        return 2;
    }
    const double findingsShown = ms(t) - open;
    // What taking a report costs the GUI thread: the list, and the chart series by finding.
    const CheckReport report = w.findingsPanel()->model()->report();
    QElapsedTimer g;
    g.start();
    w.findingsPanel()->setReport(report);
    const double listTime = ms(g);
    g.restart();
    const ActivitySeries byFinding = findingActivity(*w.overview(), report.findings);
    const double seriesTime = ms(g);
    int intervals = 0, snapshots = 0;
    for (const EnvironmentTimeline& e : w.overview()->environments) {
        intervals += static_cast<int>(e.intervals.size());
        snapshots += static_cast<int>(e.snapshots.size());
    }

    TimelineView* tl = w.timeline();
    const QRect r = tl->timelineRect();
    auto measure = [&](auto step) {
        std::vector<double> times;
        for (int i = 0; i < frames; ++i) {
            QElapsedTimer f;
            f.start();
            step(i);
            frame(w);
            times.push_back(ms(f));
        }
        return stats(times);
    };
    // Pan back and forth at two zoom levels: everything in view, and a quarter of it.
    frame(w);
    const Stats panFit = measure([&](int i) { tl->panBy(i % 2 ? 40 : -40); });
    tl->zoomBy(4);
    frame(w);
    const Stats panZoomed = measure([&](int i) { tl->panBy((i / 20) % 2 ? 25 : -25); });
    tl->fit();
    frame(w);
    const Stats zoom = measure([&](int i) { tl->zoomAt(i % 2 ? 1 / 1.25 : 1.25, r.left() + r.width() * 0.37); });

    // Where a zoom frame's time goes.
    std::vector<double> tlTimes, chartTimes;
    for (int i = 0; i < frames; ++i) {
        tl->zoomAt(i % 2 ? 1 / 1.25 : 1.25, r.left() + r.width() * 0.37);
        QElapsedTimer f;
        f.start();
        QCoreApplication::sendPostedEvents();
        w.workloadsChart()->viewport()->repaint();
        w.instancesChart()->viewport()->repaint();
        chartTimes.push_back(ms(f));
        f.restart();
        tl->viewport()->repaint();
        tl->header()->viewport()->repaint();
        tlTimes.push_back(ms(f));
    }

    std::printf("\nTideline window, offscreen, %d×%d; %zu environments, %d lanes, %d run intervals, %d snapshots, %d chart points\n",
        w.width(), w.height(), w.overview()->environments.size(), tl->laneModel()->laneCount(), intervals, snapshots,
        w.workloadsChart()->pointCount() + w.instancesChart()->pointCount());
    const double openTarget = server.isEmpty() ? 1000 : 2000;
    line(server.isEmpty() ? "open the case and draw the timeline" : "open the case from the server and draw the timeline", open, openTarget);
    line("then check it and show its findings", findingsShown, 1000);
    std::printf("  (%zu findings; on the GUI thread: list %.2f ms, chart series by finding %.2f ms over %zu points)\n", report.findings.size(),
        listTime, seriesTime, byFinding.size());
    line("pan frame, whole range (mean)", panFit.mean, 16);
    line("pan frame, whole range (p95)", panFit.p95, 16);
    line("pan frame, zoomed 4x (mean)", panZoomed.mean, 16);
    line("pan frame, zoomed 4x (p95)", panZoomed.p95, 16);
    line("zoom frame (mean)", zoom.mean, 16);
    line("zoom frame (p95)", zoom.p95, 16);
    std::printf("  zoom frame split: timeline and axis paint %.2f ms, charts (series rebuilt at setScale) paint %.2f ms\n",
        stats(tlTimes).mean, stats(chartTimes).mean);
    std::printf("  (%d frames each; slowest pan %.2f ms, slowest zoom %.2f ms)\n", frames, std::max(panFit.max, panZoomed.max), zoom.max);
    if (!server.isEmpty()) {
        w.closeCase();
        if (auto admin = CaseFile::open(opened, CaseFile::Mode::OpenExisting); !admin || !(*admin)->deleteFromServer())
            std::fprintf(stderr, "server: could not delete the benchmark's case %s\n", qPrintable(serverCase));
    }
    const bool ok = open <= openTarget && findingsShown <= 1000 && panFit.mean <= 16 && panZoomed.mean <= 16 && zoom.mean <= 16;
    return ok ? 0 : 1;
}
