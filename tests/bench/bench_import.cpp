// SPDX-License-Identifier: GPL-3.0-or-later
// Import and query speed on PRODUCT.md's reference workload, printed beside two floors measured in the same run:
// the parse floor (simdjson reading the same files and counting artifacts) and the keep floor (that, plus the
// sha256 of every byte and the zstd deltas the case stores), and beside the targets; then where the parsing
// threads' time goes, step by step.
//
// Then the evidence for every artifact of that workload (trails, JUnit, signed provenance, a policy) is
// imported beside it and `check` runs over the whole case.
//
//   bench_import [--keep DIR] [--unsigned] [--server postgresql://…/DATABASE]
// With --server (a server and database; scripts/pgcluster.sh starts a throwaway one), the same files also go into a
// new shared case there, printed beside the case file's figures of the same run; the case is dropped after.
//                                 DIR: where the reference bundle is generated (reused when present);
//                                 its evidence goes to DIR-evidence. The log is signed (Ed25519, a signature per
//                                 commit), as the command line and the window sign it; --unsigned: not, to see what signing costs.

#include "benchtable.h"

#include "compliance/findings.h"
#include "domain/hash.h"
#include "domain/json.h"
#include "import/bundle.h"
#include "import/filereader.h"
#include "demo/generator.h"
#include "evidence/packsigner.h"
#include "review/verify.h"
#include "import/importer.h"
#include "store/casefile.h"
#include "store/sourcecodec.h"
#include "store/sourcestore.h"
#include "timeline/timeline.h"


#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QThread>

#include <simdjson.h>
#include <sys/resource.h>
#include <time.h>

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

double cpuSeconds()
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

double threadCpuSeconds()
{
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

struct Timed {
    double wall = 0;
    double cpu = 0; // this thread's
};

// Runs f on this thread, timed on the clock and in CPU time (which a loaded machine inflates less).
template <typename F>
Timed timed(F&& f)
{
    QElapsedTimer t;
    t.start();
    const double c = threadCpuSeconds();
    f();
    return { seconds(t), threadCpuSeconds() - c };
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

size_t countArtifacts(simdjson::ondemand::parser& parser, const QByteArray& data)
{
    simdjson::padded_string padded(data.constData(), static_cast<size_t>(data.size()));
    auto doc = parser.iterate(padded);
    simdjson::ondemand::array arr;
    if (doc["artifacts"].get_array().get(arr))
        return 0;
    size_t n = 0;
    for (auto a : arr) {
        (void)a;
        ++n;
    }
    return n;
}

// The parse floor: read every file and let simdjson count its artifacts, on one core.
Timed parseFloor(const QStringList& files, qint64& bytes, size_t& artifacts)
{
    simdjson::ondemand::parser parser;
    artifacts = 0;
    bytes = 0;
    return timed([&] {
        for (const QString& f : files) {
            const QByteArray data = readFile(f);
            bytes += data.size();
            artifacts += countArtifacts(parser, data);
        }
    });
}

// The floor of an import that keeps every byte: the parse floor, plus the sha256 of every byte, plus the
// compression the case uses (zstd, each file a delta of the one before it in its folder, a whole one every 128
// as the importer does), on one core.
constexpr int kKeyframeEvery = 128;
Timed keepFloor(const QStringList& files, size_t& stored)
{
    simdjson::ondemand::parser parser;
    stored = 0;
    return timed([&] {
        QByteArray previous;
        QString folder;
        int position = 0;
        for (const QString& f : files) {
            const QByteArray data = readFile(f);
            (void)countArtifacts(parser, data);
            stored += static_cast<size_t>(sha256Hex(data).size());
            const QString dir = QFileInfo(f).path();
            position = dir == folder ? position + 1 : 0;
            folder = dir;
            stored += static_cast<size_t>(encodeSource(data, position % kKeyframeEvery ? &previous : nullptr).data.size());
            previous = data;
        }
    });
}

// Where the time of an import's parsing threads goes, step by step on one core (CPU seconds), on the first
// files of the workload: each step alone, over the same bytes held in memory.
void breakdown(const QStringList& files)
{
    std::vector<QByteArray> data;
    qint64 bytes = 0;
    for (const QString& f : files) {
        if (bytes > (qint64(120) << 20))
            break;
        data.push_back(readFile(f));
        bytes += data.back().size();
    }
    const double mb = static_cast<double>(bytes) / 1e6;
    auto step = [&](const char* what, auto&& f) {
        const Timed t = timed(f);
        std::printf("    %-46s %7.3f s CPU %9.0f MB/s\n", what, t.cpu, mb / t.cpu);
    };
    std::printf("  Where an import's time goes, step by step on one core (%zu files, %.0f MB in memory):\n", data.size(), mb);
    size_t sink = 0;
    simdjson::ondemand::parser od;
    step("simdjson On-Demand, counting artifacts (floor)", [&] {
        for (const QByteArray& d : data)
            sink += countArtifacts(od, d);
    });
    simdjson::dom::parser dom;
    step("simdjson DOM parse (every value)", [&] {
        for (const QByteArray& d : data) {
            simdjson::dom::element e;
            sink += !dom.parse(d.constData(), static_cast<size_t>(d.size()), true).get(e);
        }
    });
    JsonDocument json;
    step("JsonDocument::parse (DOM + duplicate keys)", [&] {
        for (const QByteArray& d : data)
            sink += json.parse(d, QString()).ok();
    });
    step("parseFile (detect, parse, read, group)", [&] {
        for (const QByteArray& d : data) {
            BundleEntry e;
            e.displayPath = QStringLiteral("x.json");
            e.bytes = d;
            sink += parseFile(e, json).grouped.size();
        }
    });
    step("sha256", [&] {
        for (const QByteArray& d : data)
            sink += static_cast<size_t>(sha256Hex(d).size());
    });
    step("zstd, delta of the previous file", [&] {
        for (size_t i = 0; i < data.size(); ++i)
            sink += static_cast<size_t>(encodeSource(data[i], i % kKeyframeEvery ? &data[i - 1] : nullptr).data.size());
    });
    std::printf("    (checksum %zu)\n", sink);
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

} // namespace

namespace {

// The reference workload into a new case on a server, with the same queries, check and verify-case as on the file.
void serverRows(const QString& server, const QString& dir, const QString& evidenceDir, double mb, double fileImportRate, bench::Table& table)
{
    using bench::Row;
    const std::string w = "reference, server";
    const QString name = QStringLiteral("bench_%1").arg(QCoreApplication::applicationPid());
    const QString address = server + (server.contains(QLatin1Char('?')) ? QStringLiteral("&case=") : QStringLiteral("?case=")) + name;
    ImportReport report;
    {
        auto kase = CaseFile::open(address);
        if (!kase) {
            std::fprintf(stderr, "server: %s\n", qPrintable(kase.error()));
            return;
        }
        report = importPaths(**kase, { dir }, ImportOptions());
        if (!report.errors.empty()) {
            std::fprintf(stderr, "server import failed: %s\n", qPrintable(report.errors.front().toString()));
            return;
        }
        ImportOptions trusting;
        trusting.trust = true;
        const ImportReport evidence = importPaths(**kase, { evidenceDir }, trusting);
        if (!evidence.errors.empty())
            std::fprintf(stderr, "server evidence import failed: %s\n", qPrintable(evidence.errors.front().toString()));
    }
    auto kase = CaseFile::open(address, CaseFile::Mode::ReadOnly);
    Timeline t(**kase);
    const auto envs = *t.environments();
    const QString env = envs.front().name;
    const auto snaps = *t.snapshots(env);
    const Snapshot& middle = snaps[snaps.size() / 2];
    const QString prefix = t.state(env)->workloads.front().fingerprint.left(8);
    size_t sink = 0;
    const double stateMs = medianMs(50, [&] { sink += t.state(env, middle.takenAt + 1)->workloads.size(); });
    const double diffMs = medianMs(50, [&] { sink += t.diff(env + QStringLiteral("#10"), env + QStringLiteral("~1"))->added.size(); });
    const double searchMs = medianMs(50, [&] { sink += (*t.search(prefix)).size(); });
    const double checkMs = medianMs(3, [&] { sink += checkCase(**kase, CheckOptions())->findings.size(); });
    qint64 verified = 0;
    QElapsedTimer v;
    v.start();
    const CaseVerifyReport vr = verifyCase(**kase, [&verified](qint64, qint64 total) { verified = total; });
    const double verifyRate = static_cast<double>(verified) / 1e6 / seconds(v);
    std::printf("  %-50s %8.1f MB/s (%.2f s; parsing %.2f s, committing %.2f s; checksum %zu)\n", "import into the server", mb / report.seconds,
        report.seconds, report.parseSeconds, report.commitSeconds, sink);
    table.add(Row { w, "import (vs the case file, same run)", mb / report.seconds, "MB/s", NAN, true, fileImportRate, "file", 0.5 });
    table.add(Row { w, "state at a time (middle of history)", stateMs, "ms", 10, false });
    table.add(Row { w, "diff of two snapshots", diffMs, "ms", 10, false });
    table.add(Row { w, "search by fingerprint prefix", searchMs, "ms", 10, false });
    table.add(Row { w, "check over the whole case", checkMs, "ms", 2000, false });
    table.add(Row { w, vr.intact ? "verify-case (original bytes read back)" : "verify-case: NOT INTACT", vr.intact ? verifyRate : 0.0, "MB/s", NAN, true });
    kase->reset();
    // The benchmark's case goes again (a read-only connection cannot drop it).
    if (auto rw = CaseFile::open(address, CaseFile::Mode::OpenExisting); !rw || !(*rw)->deleteFromServer())
        std::fprintf(stderr, "server: could not delete the benchmark's case %s\n", qPrintable(name));
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

    // Warm the page cache for all, then the floors, then the import.
    qint64 bytes = 0;
    size_t artifacts = 0, stored = 0;
    parseFloor(files, bytes, artifacts);
    const Timed floor = parseFloor(files, bytes, artifacts);
    const Timed keeping = keepFloor(files, stored);
    const double mb = static_cast<double>(bytes) / 1e6;
    const double floorRate = mb / floor.wall;
    const double keepRate = mb / keeping.wall;

    const QString casePath = tmp.filePath(QStringLiteral("reference.tideline"));
    ImportReport report;
    double importCpu = 0;
    {
        auto kase = CaseFile::open(casePath);
        if (!kase) {
            std::fprintf(stderr, "%s\n", qPrintable(kase.error()));
            return 2;
        }
        const double cpu0 = cpuSeconds();
        report = importPaths(**kase, { dir }, ImportOptions());
        importCpu = cpuSeconds() - cpu0;
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
    const auto envs = (*t.environments());
    const auto snaps = *t.snapshots(envs.front().name);
    const Snapshot& middle = snaps[snaps.size() / 2];
    const QString env = envs.front().name;
    const auto latestState = *t.state(env);
    const QString prefix = latestState.workloads.front().fingerprint.left(8);
    size_t sink = 0;
    const double stateMs = medianMs(50, [&] { sink += t.state(env, middle.takenAt + 1)->workloads.size(); });
    const double stateLatestMs = medianMs(50, [&] { sink += t.state(env)->workloads.size(); });
    const double diffMs = medianMs(50, [&] { sink += t.diff(env + QStringLiteral("#10"), env + QStringLiteral("~1"))->added.size(); });
    const double searchMs = medianMs(50, [&] { sink += (*t.search(prefix)).size(); });

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
        // The bundle's signing key is trusted explicitly (it comes inside the bundle): its provenance verifies.
        ImportOptions trusting;
        trusting.trust = true;
        auto rw = CaseFile::open(casePath);
        evidenceReport = importPaths(**rw, { evidenceDir }, trusting);
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

    // verify-case over the whole case (snapshots and evidence): every stored source read back, decompressed,
    // hashed and compared, the snapshots replayed, the log chain and its signatures; rate of original bytes.
    qint64 verifiedBytes = 0;
    double verifySeconds = 0;
    bool verifiedIntact = false;
    {
        QElapsedTimer v;
        v.start();
        const CaseVerifyReport vr = verifyCase(**checked, [&verifiedBytes](qint64, qint64 total) { verifiedBytes = total; });
        verifySeconds = seconds(v);
        verifiedIntact = vr.intact;
        if (!vr.intact)
            std::fprintf(stderr, "verify-case: %s\n", qPrintable(vr.problems.front().toString()));
    }
    const double verifyRate = static_cast<double>(verifiedBytes) / 1e6 / verifySeconds;

    std::printf("\nReference workload: %d files, %.1f MB of JSON, %zu artifacts (pod observations) in %zu environments\n",
        static_cast<int>(files.size()), mb, artifacts, envs.size());
    std::printf("  %-50s %8.1f MB/s (%.2f s; %.2f s CPU, one core)\n", "parse floor (simdjson On-Demand, same files)", floorRate, floor.wall,
        floor.cpu);
    std::printf("  %-50s %8.1f MB/s (%.2f s; %.2f s CPU, one core)\n", "keep floor (parse floor + sha256 + zstd deltas)", keepRate, keeping.wall,
        keeping.cpu);
    std::printf("  %-50s %8.1f MB/s (%.2f s; %.2f s CPU on %d cores; parsing %.2f s, committing %.2f s)\n",
        signedLog ? "import, log signed" : "import, log unsigned", importRate, report.seconds, importCpu, QThread::idealThreadCount(),
        report.parseSeconds, report.commitSeconds);
    if (signedLog)
        std::printf("  %-50s %8.1f us each (one per commit, sealing its entries; %zu entries)\n", "log signature (Ed25519)", signMicros,
            report.imported.size());
    std::printf("  (evidence: %d files, %.1f MB imported in %.2f s; check: %zu findings under %zu policies)\n",
        static_cast<int>(evidenceReport.imported.size()), static_cast<double>(evidenceReport.bytes) / 1e6, evidenceReport.seconds,
        findings.findings.size(), static_cast<size_t>(findings.policies.size()));
    std::printf("  (case file %.2f MB; %zu snapshots in %s; checksum %zu)\n\n", static_cast<double>(caseBytes) / 1e6, snaps.size(), qPrintable(env), sink);
    breakdown(files);

    using bench::Row;
    bench::Table table;
    const std::string w = "reference";
    table.add(Row { w, "import (vs the parse floor)", importRate, "MB/s", 250, true, floorRate, "parse", 0.25 });
    table.add(Row { w, "import (vs the keep floor)", importRate, "MB/s", NAN, true, keepRate, "keep", 0.6 });
    table.add(Row { w, "peak memory", peakMb, "MB", 300, false });
    table.add(Row { w, "case file / input", 100.0 * static_cast<double>(caseBytes) / static_cast<double>(bytes), "%", 2.0, false });
    table.add(Row { w, "state at a time (middle of history)", stateMs, "ms", 5, false });
    table.add(Row { w, "state, latest snapshot", stateLatestMs, "ms", 5, false });
    table.add(Row { w, "diff of two snapshots", diffMs, "ms", 5, false });
    table.add(Row { w, "search by fingerprint prefix", searchMs, "ms", 5, false });
    table.add(Row { w, "check over the whole case", checkMs, "ms", 1000, false });
    table.add(Row { w, verifiedIntact ? "verify-case (original bytes read back)" : "verify-case: NOT INTACT", verifiedIntact ? verifyRate : 0.0,
        "MB/s", 300, true });
    if (const int at = args.indexOf(QStringLiteral("--server")); at > 0 && at + 1 < args.size()) {
        checked->reset();
        serverRows(args[at + 1], dir, evidenceDir, mb, importRate, table);
    }
    table.print("bench_import");
    return 0;
}
