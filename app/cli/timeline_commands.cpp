// SPDX-License-Identifier: GPL-3.0-or-later
// import, envs, snapshots, state, diff, search, fingerprint, generate: building a case and asking its timeline.

#include "cli/cli.h"
#include "cli/command.h"
#include "cli/output.h"

#include "demo/generator.h"
#include "domain/digest.h"
#include "import/snapshotformats.h"
#include "import/fingerprint.h"
#include "import/importer.h"
#include "store/casefile.h"
#include "timeline/timeline.h"

#include <QDir>


namespace tideline::cli {

namespace {

int importCommand(QCommandLineParser& p)
{
    const QStringList paths = p.positionalArguments();
    ImportOptions o;
    o.trust = p.isSet(QStringLiteral("trust"));
    o.trustedRoots = p.values(QStringLiteral("trusted-root"));
    if (paths.isEmpty() && o.trustedRoots.isEmpty())
        return fail(QStringLiteral("import: name at least one file, folder or archive"), Usage);
    o.environment = p.value(QStringLiteral("env"));
    o.type = p.value(QStringLiteral("type"));
    if (!o.type.isEmpty() && canonicalType(o.type).isEmpty())
        return fail(QStringLiteral("--type '%1' is not one of %2").arg(o.type, environmentTypes().join(QStringLiteral(", "))), Usage);
    if (!timeOption(p, QStringLiteral("at"), o.at))
        return Usage;
    o.forFingerprint = p.value(QStringLiteral("for"));
    o.attestationName = p.value(QStringLiteral("name"));
    if (!o.forFingerprint.isEmpty()) {
        const auto d = digest::normalize(o.forFingerprint.toStdString());
        if (!d)
            return fail(QStringLiteral("--for '%1' is not a sha256 fingerprint (64 hex characters)").arg(o.forFingerprint), Usage);
        o.forFingerprint = QString::fromStdString(*d);
    }
    auto kase = openCase(p, true, false);
    if (!kase)
        return Usage;
    o.progress = [path = p.value(QStringLiteral("case"))](const ImportProgress& progress) {
        if (progress.waitingMs > 0)
            sayWaiting(path, progress.waitingMs);
    };
    const ImportReport r = importPaths(*kase, paths, o);
    if (json(p)) {
        printJson(toJson(r));
    } else {
        for (const ImportedFile& f : r.imported) {
            if (f.isSnapshot)
                out(QStringLiteral("imported  %1  %2 %3 %4#%5%6, %7 workloads")
                        .arg(f.path, f.format, f.type, f.environment)
                        .arg(f.snapshotIndex)
                        .arg(f.newSnapshot ? QStringLiteral(" (new snapshot)") : QStringLiteral(" (confirms it)"))
                        .arg(f.workloads));
            else {
                QStringList held;
                for (const auto& [n, one, many] : { std::tuple { f.packages, "package", "packages" }, { f.advisories, "advisory", "advisories" },
                         { f.vex, "VEX statement", "VEX statements" } })
                    if (n > 0)
                        held << QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
                out(QStringLiteral("imported  %1  %2%3").arg(f.path, f.format, held.isEmpty() ? QString() : QStringLiteral(", ") + held.join(QStringLiteral(", "))));
            }
            for (const AnchorImport& a : f.anchors)
                out(anchorLine(a));
            for (const Problem& w : f.warnings)
                out(QStringLiteral("  warning: ") + w.toString());
        }
        for (const SkippedFile& s : r.skipped)
            out(QStringLiteral("skipped   %1: %2").arg(s.path, s.reason));
        for (const Problem& e : r.errors)
            err(QStringLiteral("error     ") + e.toString());
        if (r.stopped)
            err(QStringLiteral("stopped   ") + r.stopped->toString());
        out(QStringLiteral("%1 imported, %2 skipped, %3 errors; %4 files, %5 MB in %6 s%7 (parsing %8 s, committing %9 s)")
                .arg(r.imported.size())
                .arg(r.skipped.size())
                .arg(r.errors.size())
                .arg(r.files)
                .arg(static_cast<double>(r.bytes) / 1e6, 0, 'f', 1)
                .arg(r.seconds, 0, 'f', 2)
                .arg(r.cancelled ? QStringLiteral(" (cancelled)") : QString())
                .arg(r.parseSeconds, 0, 'f', 2)
                .arg(r.commitSeconds, 0, 'f', 2));
        const std::vector<AnchorImport> untrusted = r.untrusted();
        if (!untrusted.empty()) {
            QStringList names;
            for (const AnchorImport& a : untrusted)
                names << a.name;
            out(QStringLiteral("not trusted: %1 (%2 came inside a folder or archive with the evidence there: what they verify is not verified). "
                               "Trust them with `tideline keys --case %3 trust NAME`, or import with --trust.")
                    .arg(names.join(QStringLiteral(", ")), untrusted.size() == 1 ? QStringLiteral("it") : QStringLiteral("they"), p.value(QStringLiteral("case"))));
        }
    }
    return r.errors.empty() && !r.cancelled && !r.stopped ? Ok : Usage;
}

int envsCommand(QCommandLineParser& p)
{
    auto kase = openCase(p, false);
    if (!kase)
        return Usage;
    Timeline t(*kase);
    const Result<std::vector<Environment>> read = t.environments();
    if (!read)
        return fail(read.problem(), Usage);
    const std::vector<Environment>& envs = *read;
    if (json(p)) {
        QJsonArray a;
        for (const Environment& e : envs)
            a.append(toJson(e));
        printJson(a);
        return Ok;
    }
    std::vector<QStringList> rows;
    for (const Environment& e : envs)
        rows.push_back({ e.name, e.type, QString::number(e.snapshots), timefmt::formatIso(e.first), timefmt::formatIso(e.last) });
    printTable({ QStringLiteral("NAME"), QStringLiteral("TYPE"), QStringLiteral("SNAPSHOTS"), QStringLiteral("FIRST"), QStringLiteral("LAST") }, rows);
    return Ok;
}

int snapshotsCommand(QCommandLineParser& p)
{
    const QString env = p.value(QStringLiteral("env"));
    if (env.isEmpty())
        return fail(QStringLiteral("snapshots: --env NAME is required"), Usage);
    auto kase = openCase(p, false);
    if (!kase)
        return Usage;
    Timeline t(*kase);
    Result<std::vector<Snapshot>> snaps = t.snapshots(env);
    if (!snaps)
        return fail(snaps.problem(), Usage);
    if (json(p)) {
        QJsonArray a;
        for (const Snapshot& s : *snaps)
            a.append(toJson(s));
        printJson(a);
        return Ok;
    }
    std::vector<QStringList> rows;
    for (const Snapshot& s : *snaps)
        rows.push_back({ QLatin1Char('#') + QString::number(s.index), timefmt::formatIso(s.takenAt), timefmt::formatIso(s.confirmedUntil),
            QString::number(s.workloads), QString::number(s.instances), s.sourceSha256.left(12) });
    printTable({ QStringLiteral("INDEX"), QStringLiteral("TAKEN AT"), QStringLiteral("CONFIRMED UNTIL"), QStringLiteral("WORKLOADS"),
                   QStringLiteral("INSTANCES"), QStringLiteral("SOURCE") },
        rows);
    return Ok;
}

int stateCommand(QCommandLineParser& p)
{
    QString env = p.value(QStringLiteral("env"));
    if (env.isEmpty() && !p.positionalArguments().isEmpty())
        env = p.positionalArguments().first();
    if (env.isEmpty())
        return fail(QStringLiteral("state: --env NAME (or a snapshot selector) is required"), Usage);
    std::optional<Millis> at;
    if (!timeOption(p, QStringLiteral("at"), at))
        return Usage;
    auto kase = openCase(p, false);
    if (!kase)
        return Usage;
    Timeline t(*kase);
    Result<State> s = t.state(env, at);
    if (!s) {
        // Before the first snapshot there is no answer to give: a negative one, not a usage error.
        const bool nothingYet = s.problem().message.contains(QStringLiteral("first snapshot is later"));
        return fail(s.problem(), nothingYet ? Negative : Usage);
    }
    if (json(p)) {
        printJson(toJson(*s));
        return Ok;
    }
    out(QStringLiteral("%1 at %2: snapshot #%3 (taken %4, confirmed until %5)%6")
            .arg(s->snapshot.environment, timefmt::formatIso(s->at))
            .arg(s->snapshot.index)
            .arg(timefmt::formatIso(s->snapshot.takenAt), timefmt::formatIso(s->snapshot.confirmedUntil),
                s->observed ? QString() : QStringLiteral(" — after its last confirmation: not observed")));
    std::vector<QStringList> rows;
    for (const Workload& w : s->workloads)
        rows.push_back({ w.name, shortFingerprint(w.fingerprint), QString::number(w.instances), timefmt::formatIso(w.runningSince) });
    printTable({ QStringLiteral("NAME"), QStringLiteral("FINGERPRINT"), QStringLiteral("INSTANCES"), QStringLiteral("RUNNING SINCE") }, rows);
    return Ok;
}

int diffCommand(QCommandLineParser& p)
{
    const QStringList sel = p.positionalArguments();
    if (sel.size() != 2)
        return fail(QStringLiteral("diff: name two snapshots, e.g. prod~1 prod or prod#3 staging"), Usage);
    auto kase = openCase(p, false);
    if (!kase)
        return Usage;
    Timeline t(*kase);
    Result<SnapshotDiff> d = t.diff(sel[0], sel[1]);
    if (!d)
        return fail(d.problem(), Usage);
    if (json(p)) {
        printJson(toJson(*d));
        return Ok;
    }
    out(QStringLiteral("%1#%2 (%3) → %4#%5 (%6)")
            .arg(d->from.environment)
            .arg(d->from.index)
            .arg(timefmt::formatIso(d->from.takenAt), d->to.environment)
            .arg(d->to.index)
            .arg(timefmt::formatIso(d->to.takenAt)));
    auto section = [](const QString& title, const std::vector<DiffEntry>& list, bool scaled) {
        if (list.empty())
            return;
        out(QStringLiteral("%1 (%2)").arg(title).arg(list.size()));
        for (const DiffEntry& e : list)
            out(QStringLiteral("  %1  %2  %3")
                    .arg(e.name, shortFingerprint(e.fingerprint),
                        scaled ? QStringLiteral("%1 → %2 instances").arg(e.fromInstances).arg(e.toInstances)
                               : QStringLiteral("%1 instances").arg(e.toInstances ? e.toInstances : e.fromInstances)));
    };
    section(QStringLiteral("added"), d->added, false);
    section(QStringLiteral("removed"), d->removed, false);
    section(QStringLiteral("scaled"), d->scaled, true);
    out(QStringLiteral("unchanged: %1").arg(d->unchanged.size()));
    return Ok;
}

int searchCommand(QCommandLineParser& p)
{
    const QStringList args = p.positionalArguments();
    if (args.size() != 1)
        return fail(QStringLiteral("search: give one fingerprint prefix (or a name)"), Usage);
    auto kase = openCase(p, false);
    if (!kase)
        return Usage;
    Timeline t(*kase);
    const Result<std::vector<FingerprintMatch>> found = t.search(args.first());
    if (!found)
        return fail(found.problem(), Usage);
    const std::vector<FingerprintMatch>& matches = *found;
    if (json(p)) {
        QJsonArray a;
        for (const FingerprintMatch& m : matches)
            a.append(toJson(m));
        printJson(QJsonObject { { QStringLiteral("query"), args.first() }, { QStringLiteral("matches"), a } });
    } else {
        if (matches.empty())
            out(QStringLiteral("no workload matches '%1'").arg(args.first()));
        for (const FingerprintMatch& m : matches) {
            out(QStringLiteral("%1  %2").arg(m.fingerprint.isEmpty() ? QStringLiteral("(unknown)") : m.fingerprint, m.names.join(QStringLiteral(", "))));
            for (const RunInterval& r : m.runs)
                out(QStringLiteral("  %1 #%2–#%3  %4 → %5%6")
                        .arg(r.environment)
                        .arg(r.firstSnapshot)
                        .arg(r.lastSnapshot)
                        .arg(timefmt::formatIso(r.from), r.ongoing ? QStringLiteral("now") : timefmt::formatIso(r.to),
                            r.ongoing ? QStringLiteral(" (still running, last seen %1)").arg(timefmt::formatIso(r.lastSeen)) : QString()));
        }
    }
    return matches.empty() ? Negative : Ok;
}

int fingerprintCommand(QCommandLineParser& p)
{
    const QStringList args = p.positionalArguments();
    if (args.size() != 1)
        return fail(QStringLiteral("fingerprint: give one file or folder"), Usage);
    Result<QString> fp = fingerprintPath(args.first(), p.values(QStringLiteral("exclude")) + p.values(QStringLiteral("x")));
    if (!fp)
        return fail(fp.problem(), Usage);
    if (json(p))
        printJson(QJsonObject { { QStringLiteral("path"), args.first() }, { QStringLiteral("fingerprint"), *fp } });
    else
        out(*fp);
    return Ok;
}

int generateCommand(QCommandLineParser& p)
{
    const QString dir = p.value(QStringLiteral("out"));
    if (dir.isEmpty())
        return fail(QStringLiteral("generate: --out DIR is required"), Usage);
    GeneratorOptions o = p.isSet(QStringLiteral("reference")) ? GeneratorOptions::reference() : GeneratorOptions();
    auto number = [&](const char* name, auto& field) -> bool {
        const QString key = QString::fromLatin1(name);
        if (!p.isSet(key))
            return true;
        bool ok = false;
        const qlonglong v = p.value(key).toLongLong(&ok);
        if (!ok || v < 0 || v > 1000000) {
            err(QStringLiteral("tideline: --%1 '%2' is not a number in 0..1000000").arg(key, p.value(key)));
            return false;
        }
        field = static_cast<std::decay_t<decltype(field)>>(v);
        return true;
    };
    if (!number("seed", o.seed) || !number("environments", o.environments) || !number("snapshots", o.snapshots)
        || !number("deployments", o.deployments) || !number("replicas", o.replicas) || !number("rolls", o.rolls)
        || !number("interval-minutes", o.intervalMinutes) || !number("gap-hours", o.gapHours) || !number("sbom-packages", o.sbomPackages)
        || !number("advisories", o.advisories))
        return Usage;
    if (p.isSet(QStringLiteral("known-advisories")))
        o.knownAdvisories = true;
    if (p.isSet(QStringLiteral("no-plant")))
        o.plant = false;
    if (p.isSet(QStringLiteral("start"))) {
        std::optional<Millis> s;
        if (!timeOption(p, QStringLiteral("start"), s))
            return Usage;
        o.start = *s;
    }
    Result<GeneratedTruth> g = generateBundle(dir, o);
    if (!g)
        return fail(g.problem(), Usage);
    if (json(p)) {
        QJsonArray planted, gaps;
        for (const auto& pl : g->planted)
            planted.append(QJsonObject { { QStringLiteral("environment"), pl.environment }, { QStringLiteral("name"), pl.name },
                { QStringLiteral("fingerprint"), pl.fingerprint }, { QStringLiteral("kind"), findingKindName(pl.kind) },
                { QStringLiteral("from"), time(pl.from) }, { QStringLiteral("to"), time(pl.to) } });
        for (const auto& gp : g->gaps)
            gaps.append(QJsonObject { { QStringLiteral("environment"), gp.environment }, { QStringLiteral("from"), time(gp.from) },
                { QStringLiteral("to"), time(gp.to) } });
        printJson(QJsonObject { { QStringLiteral("out"), dir }, { QStringLiteral("files"), g->files },
            { QStringLiteral("bytes"), g->bytes }, { QStringLiteral("environments"), QJsonArray::fromStringList(g->environments) },
            { QStringLiteral("planted"), planted }, { QStringLiteral("gaps"), gaps } });
    } else {
        out(QStringLiteral("wrote %1 files (%2 MB) to %3: environments %4")
                .arg(g->files)
                .arg(static_cast<double>(g->bytes) / 1e6, 0, 'f', 1)
                .arg(dir, g->environments.join(QStringLiteral(", "))));
    }
    return Ok;
}

} // namespace

std::vector<Command> timelineCommands()
{
    const QString typeHelp = QStringLiteral("Environment type for payloads that do not say (%1).").arg(environmentTypes().join(QStringLiteral(", ")));
    return {
        { QStringLiteral("import"),
            QStringLiteral("import --case CASE [--env NAME] [--type TYPE] [--at TIME] [--for FINGERPRINT --name ATTESTATION] [--trust] [--trusted-root FILE]… PATH…"),
            QStringLiteral("import files, folders and archives (zip, tar.gz) into a case"),
            [typeHelp](QCommandLineParser& p) {
                p.addOptions({ caseOption(true), jsonOption(), opt(QStringLiteral("env"), QStringLiteral("Environment for payloads that do not name one."), QStringLiteral("NAME")),
                    opt(QStringLiteral("type"), typeHelp, QStringLiteral("TYPE")),
                    opt(QStringLiteral("at"), QStringLiteral("Capture time for payloads that carry none (ISO 8601 UTC)."), QStringLiteral("TIME")),
                    opt(QStringLiteral("for"), QStringLiteral("Bind the evidence files to this artifact fingerprint."), QStringLiteral("FINGERPRINT")),
                    opt(QStringLiteral("name"), QStringLiteral("Attestation name for evidence bound with --for."), QStringLiteral("ATTESTATION")),
                    opt(QStringLiteral("trust"), QStringLiteral("Trust the keys and trusted roots this import brings, also those inside folders and archives.")),
                    opt(QStringLiteral("trusted-root"), QStringLiteral("A Sigstore trusted_root.json to import and trust first; repeatable."), QStringLiteral("FILE")),
                    logKeyOption() });
                p.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Files, folders or archives."), QStringLiteral("PATH…"));
            },
            importCommand },
        { QStringLiteral("envs"), QStringLiteral("envs --case CASE"), QStringLiteral("environments with type, snapshot count, first and last time"),
            [](QCommandLineParser& p) { p.addOptions({ caseOption(), jsonOption() }); }, envsCommand },
        { QStringLiteral("snapshots"), QStringLiteral("snapshots --case CASE --env NAME"), QStringLiteral("the snapshots of one environment, in time order"),
            [](QCommandLineParser& p) {
                p.addOptions({ caseOption(), jsonOption(), opt(QStringLiteral("env"), QStringLiteral("The environment."), QStringLiteral("NAME")) });
            },
            snapshotsCommand },
        { QStringLiteral("state"), QStringLiteral("state --case CASE --env NAME|SELECTOR [--at TIME]"), QStringLiteral("what was running at a time, or in a snapshot"),
            [](QCommandLineParser& p) {
                p.addOptions({ caseOption(), jsonOption(),
                    opt(QStringLiteral("env"), QStringLiteral("The environment, or a snapshot: ENV#N, ENV~N, ENV@{TIME}."), QStringLiteral("NAME")),
                    opt(QStringLiteral("at"), QStringLiteral("The time (ISO 8601 UTC); default: the latest snapshot."), QStringLiteral("TIME")) });
            },
            stateCommand },
        { QStringLiteral("diff"), QStringLiteral("diff --case CASE SEL1 SEL2"), QStringLiteral("added, removed, scaled and unchanged workloads between two snapshots"),
            [](QCommandLineParser& p) {
                p.addOptions({ caseOption(), jsonOption() });
                p.addPositionalArgument(QStringLiteral("SEL1"), QStringLiteral("ENV, ENV#N, ENV~N or ENV@{TIME}"));
                p.addPositionalArgument(QStringLiteral("SEL2"), QStringLiteral("the same, in the same or another environment"));
            },
            diffCommand },
        { QStringLiteral("search"), QStringLiteral("search --case CASE PREFIX"), QStringLiteral("where and when a fingerprint (prefix) or a name ran"),
            [](QCommandLineParser& p) {
                p.addOptions({ caseOption(), jsonOption() });
                p.addPositionalArgument(QStringLiteral("PREFIX"), QStringLiteral("Fingerprint prefix, or part of a name."));
            },
            searchCommand },
        { QStringLiteral("fingerprint"), QStringLiteral("fingerprint PATH [--exclude GLOB]…"), QStringLiteral("the Kosli-compatible fingerprint of a file or folder"),
            [](QCommandLineParser& p) {
                p.addOptions({ jsonOption(), opt(QStringLiteral("exclude"), QStringLiteral("Leave out paths matching GLOB (repeatable; ** allowed)."), QStringLiteral("GLOB")),
                    opt(QStringLiteral("x"), QStringLiteral("Same as --exclude."), QStringLiteral("GLOB")) });
                p.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("File or folder."));
            },
            [](QCommandLineParser& p) { return fingerprintCommand(p); } },
        { QStringLiteral("generate"), QStringLiteral("generate --out DIR [--seed N] [--reference] [scale options]"),
            QStringLiteral("write a deterministic synthetic bundle for demos, tests and benchmarks"),
            [](QCommandLineParser& p) {
                p.addOptions({ jsonOption(), opt(QStringLiteral("out"), QStringLiteral("Folder to write."), QStringLiteral("DIR")),
                    opt(QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."), QStringLiteral("N")),
                    opt(QStringLiteral("reference"), QStringLiteral("PRODUCT.md's reference workload (2 × 1,000 K8S payloads, 100 × 3 pods).")),
                    opt(QStringLiteral("environments"), QStringLiteral("Environments (default 3)."), QStringLiteral("N")),
                    opt(QStringLiteral("snapshots"), QStringLiteral("Reports per environment (default 300)."), QStringLiteral("N")),
                    opt(QStringLiteral("deployments"), QStringLiteral("Deployments per environment (default 12)."), QStringLiteral("N")),
                    opt(QStringLiteral("replicas"), QStringLiteral("Replicas per deployment (default 3)."), QStringLiteral("N")),
                    opt(QStringLiteral("rolls"), QStringLiteral("Deployments rolled at a roll (default 1)."), QStringLiteral("N")),
                    opt(QStringLiteral("interval-minutes"), QStringLiteral("Minutes between reports (default 30)."), QStringLiteral("N")),
                    opt(QStringLiteral("gap-hours"), QStringLiteral("Length of the planted monitoring gap (default 30)."), QStringLiteral("N")),
                    opt(QStringLiteral("start"), QStringLiteral("Time of the first report (default 2026-03-01T00:00:00Z)."), QStringLiteral("TIME")),
                    opt(QStringLiteral("no-plant"), QStringLiteral("Plant no rogue workloads, unknown digests or gaps.")),
                    opt(QStringLiteral("sbom-packages"), QStringLiteral("A CycloneDX SBOM of N packages for every artifact built (default 0: none)."), QStringLiteral("N")),
                    opt(QStringLiteral("known-advisories"), QStringLiteral("With SBOMs: advisories about well-known packages and a VEX statement.")),
                    opt(QStringLiteral("advisories"), QStringLiteral("N synthetic OSV records about the SBOMs' packages (default 0)."), QStringLiteral("N")) });
            },
            generateCommand },
    };
}

} // namespace tideline::cli
