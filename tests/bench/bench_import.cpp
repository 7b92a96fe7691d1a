// SPDX-License-Identifier: GPL-3.0-or-later
// Import and query speed on PRODUCT.md's reference workload, printed beside the JSON-parse floor measured
// in the same run (simdjson reading the same files and counting artifacts) and beside the targets.
//
// Then the evidence for every artifact of that workload (trails, JUnit, signed provenance, a policy) is
// imported beside it and `check` runs over the whole case.
//
//   bench_import [--keep DIR] [--unsigned]
//                                 DIR: where the reference bundle is generated (reused when present);
//                                 its evidence goes to DIR-evidence. The log is signed (Ed25519, a signature per
//                                 commit), as the command line and the window sign it; --unsigned: not, to see what signing costs.

#include "compliance/findings.h"
#include "demo/generator.h"
#include "evidence/packsigner.h"
#include "import/importer.h"
#include "store/casefile.h"
#include "store/sourcestore.h"
#include "timeline/timeline.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <simdjson.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace tideline;

namespace {

double seconds(const QElapsedTimer& t) { return static_cast<double>(t.nsecsElapsed()) / 1e9; }

QStringList jsonFiles(const QString& dir)
{
    QStringList files;
    QDirIterator it(dir, { QStringLiteral("*.json") }, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    return files;
}

// The floor: read every file and let simdjson count its artifacts, on one core.
std::pair<double, size_t> parseFloor(const QStringList& files, qint64& bytes)
{
    simdjson::ondemand::parser parser;
    size_t artifacts = 0;
    bytes = 0;
    QElapsedTimer t;
    t.start();
    for (const QString& f : files) {
        QFile file(f);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray data = file.readAll();
        bytes += data.size();
        simdjson::padded_string padded(data.constData(), static_cast<size_t>(data.size()));
        auto doc = parser.iterate(padded);
        simdjson::ondemand::array arr;
        if (doc["artifacts"].get_array().get(arr))
            continue;
        for (auto a : arr) {
            (void)a;
            ++artifacts;
        }
    }
    return { seconds(t), artifacts };
}

// Median milliseconds of n runs of f.
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

void row(const char* what, double value, const char* unit, double target, bool higherIsBetter)
{
    const bool ok = higherIsBetter ? value >= target : value <= target;
    std::printf("  %-44s %10.3f %-5s target %s %-8.3f %s\n", what, value, unit, higherIsBetter ? ">=" : "<=", target, ok ? "ok" : "MISSED");
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QTemporaryDir tmp;
    QString dir = tmp.filePath(QStringLiteral("reference"));
    const int keep = args.indexOf(QStringLiteral("--keep"));
    if (keep > 0 && keep + 1 < args.size())
        dir = args[keep + 1];
    const bool signedLog = !args.contains(QStringLiteral("--unsigned"));
    double signMicros = 0;
    if (signedLog) {
        Result<PackSigner> key = PackSigner::loadOrCreate(tmp.filePath(QStringLiteral("log-key.pem")));
        if (!key) {
            std::fprintf(stderr, "%s\n", qPrintable(key.error()));
            return 2;
        }
        // What one entry's signature costs, on an import entry's size of message.
        const QByteArray message(260, 'x');
        QElapsedTimer s;
        s.start();
        for (int i = 0; i < 2000; ++i)
            (void)key->signMessage(message);
        signMicros = static_cast<double>(s.nsecsElapsed()) / 2000 / 1000;
        setLogSigner(std::make_shared<PackSigner>(std::move(key).value()));
    }

    if (!QFileInfo::exists(QDir(dir).filePath(QStringLiteral("tideline-bundle.json")))) {
        std::printf("generating the reference workload in %s …\n", qPrintable(dir));
        QElapsedTimer g;
        g.start();
        Result<GeneratedTruth> truth = generateBundle(dir, GeneratorOptions::reference());
        if (!truth) {
            std::fprintf(stderr, "%s\n", qPrintable(truth.error()));
            return 2;
        }
        std::printf("  %d files, %.1f MB in %.1f s\n", truth->files, static_cast<double>(truth->bytes) / 1e6, seconds(g));
    }
    const QStringList files = jsonFiles(dir);

    // Warm the page cache for both, then the floor, then the import.
    qint64 bytes = 0;
    parseFloor(files, bytes);
    const auto [floorSeconds, artifacts] = parseFloor(files, bytes);
    const double mb = static_cast<double>(bytes) / 1e6;
    const double floorRate = mb / floorSeconds;

    const QString casePath = tmp.filePath(QStringLiteral("reference.tideline"));
    ImportReport report;
    {
        auto kase = CaseFile::open(casePath);
        if (!kase) {
            std::fprintf(stderr, "%s\n", qPrintable(kase.error()));
            return 2;
        }
        report = importPaths(**kase, { dir }, ImportOptions());
    }
    if (!report.errors.empty()) {
        std::fprintf(stderr, "import failed: %s\n", qPrintable(report.errors.front().toString()));
        return 1;
    }
    const double importRate = mb / report.seconds;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    const double peakMb = static_cast<double>(ru.ru_maxrss) / 1024.0;

    qint64 caseBytes = QFileInfo(casePath).size();
    if (QFileInfo::exists(casePath + QStringLiteral("-wal")))
        caseBytes += QFileInfo(casePath + QStringLiteral("-wal")).size();

    // Queries on a fresh connection, as the command line makes them.
    auto kase = CaseFile::open(casePath, CaseFile::Mode::ReadOnly);
    Timeline t(**kase);
    const auto envs = t.environments();
    const auto snaps = *t.snapshots(envs.front().name);
    const Snapshot& middle = snaps[snaps.size() / 2];
    const QString env = envs.front().name;
    const auto latestState = *t.state(env);
    const QString prefix = latestState.workloads.front().fingerprint.left(8);
    size_t sink = 0;
    const double stateMs = medianMs(50, [&] { sink += t.state(env, middle.takenAt + 1)->workloads.size(); });
    const double stateLatestMs = medianMs(50, [&] { sink += t.state(env)->workloads.size(); });
    const double diffMs = medianMs(50, [&] { sink += t.diff(env + QStringLiteral("#10"), env + QStringLiteral("~1"))->added.size(); });
    const double searchMs = medianMs(50, [&] { sink += t.search(prefix).size(); });

    // The evidence for every artifact of the same history, imported beside it, then check over the whole case.
    const QString evidenceDir = dir + QStringLiteral("-evidence");
    if (!QFileInfo::exists(QDir(evidenceDir).filePath(QStringLiteral("tideline-bundle.json")))) {
        GeneratorOptions eo = GeneratorOptions::reference();
        eo.evidence = true;
        eo.writeSnapshots = false;
        Result<GeneratedTruth> truth = generateBundle(evidenceDir, eo);
        if (!truth) {
            std::fprintf(stderr, "%s\n", qPrintable(truth.error()));
            return 2;
        }
    }
    kase->reset();
    ImportReport evidenceReport;
    {
        auto rw = CaseFile::open(casePath);
        evidenceReport = importPaths(**rw, { evidenceDir }, ImportOptions());
    }
    if (!evidenceReport.errors.empty()) {
        std::fprintf(stderr, "evidence import failed: %s\n", qPrintable(evidenceReport.errors.front().toString()));
        return 1;
    }
    auto checked = CaseFile::open(casePath, CaseFile::Mode::ReadOnly);
    CheckReport findings;
    const double checkMs = medianMs(5, [&] {
        Result<CheckReport> r = checkCase(**checked, CheckOptions());
        if (r)
            findings = std::move(*r);
    });

    std::printf("\nReference workload: %d files, %.1f MB of JSON, %zu artifacts (pod observations) in %zu environments\n",
        static_cast<int>(files.size()), mb, artifacts, envs.size());
    std::printf("  %-44s %10.1f MB/s (%.2f s, one core)\n", "JSON-parse floor (simdjson, same files)", floorRate, floorSeconds);
    std::printf("  %-44s %10.1f MB/s (%.2f s; parsing %.2f s, committing %.2f s)\n", signedLog ? "import, log signed" : "import, log unsigned",
        importRate, report.seconds, report.parseSeconds, report.commitSeconds);
    if (signedLog)
        std::printf("  %-44s %10.1f us each (one per commit, sealing its entries; %zu entries)\n", "log signature (Ed25519)", signMicros,
            report.imported.size());
    std::printf("\n");
    row("import / floor (PRODUCT.md: 250 / 2000)", importRate / floorRate, "", 0.125, true);
    row("import rate", importRate, "MB/s", 250, true);
    row("peak memory", peakMb, "MB", 300, false);
    row("case file / input", 100.0 * static_cast<double>(caseBytes) / static_cast<double>(bytes), "%", 2.0, false);
    row("state at a time (middle of history)", stateMs, "ms", 5, false);
    row("state, latest snapshot", stateLatestMs, "ms", 5, false);
    row("diff of two snapshots", diffMs, "ms", 5, false);
    row("search by fingerprint prefix", searchMs, "ms", 5, false);
    row("check over the whole case", checkMs, "ms", 1000, false);
    std::printf("  (evidence: %d files, %.1f MB imported in %.2f s; check: %zu findings under %zu policies)\n",
        static_cast<int>(evidenceReport.imported.size()), static_cast<double>(evidenceReport.bytes) / 1e6, evidenceReport.seconds,
        findings.findings.size(), static_cast<size_t>(findings.policies.size()));
    std::printf("  (case file %.2f MB; %zu snapshots in %s; checksum %zu)\n", static_cast<double>(caseBytes) / 1e6, snaps.size(), qPrintable(env), sink);
    return 0;
}
