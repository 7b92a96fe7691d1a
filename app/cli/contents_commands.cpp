// SPDX-License-Identifier: GPL-3.0-or-later
// packages: which workloads contained a package, where and when.

#include "cli/cli.h"
#include "cli/command.h"
#include "cli/output.h"

#include "compliance/contents.h"
#include "store/casefile.h"

#include <QJsonArray>
#include <QJsonObject>

namespace tideline::cli {

namespace {

// A window with its length in seconds.
QJsonObject windowJson(const ExposureWindow& w)
{
    QJsonObject o = toJson(w);
    o.insert(QStringLiteral("seconds"), w.duration() / 1000);
    return o;
}

QJsonObject packageJson(const Package& p)
{
    return { { QStringLiteral("name"), p.name }, { QStringLiteral("version"), p.version }, { QStringLiteral("purl"), p.purl },
        { QStringLiteral("cpe"), p.cpe.isEmpty() ? QJsonValue() : QJsonValue(p.cpe) }, { QStringLiteral("licences"), QJsonArray::fromStringList(p.licences) },
        { QStringLiteral("hashes"), QJsonArray::fromStringList(p.hashes) } };
}

QJsonObject reportJson(const PackageReport& r, const PackageQuery& q)
{
    QJsonArray matched, workloads, uncleared;
    for (const Package& p : r.matched)
        matched.append(packageJson(p));
    for (const ContainingWorkload& c : r.containing) {
        QJsonArray runs;
        for (const PackageRun& run : c.runs) {
            QJsonObject o = windowJson(run.window);
            o.insert(QStringLiteral("name"), run.name);
            o.insert(QStringLiteral("ongoing"), run.ongoing);
            runs.append(o);
        }
        workloads.append(QJsonObject { { QStringLiteral("environment"), c.environment }, { QStringLiteral("fingerprint"), c.fingerprint },
            { QStringLiteral("names"), QJsonArray::fromStringList(c.names) }, { QStringLiteral("packages"), QJsonArray::fromStringList(c.packages) },
            { QStringLiteral("sboms"), QJsonArray::fromStringList(c.sboms) }, { QStringLiteral("runs"), runs },
            { QStringLiteral("total_seconds"), c.totalSeconds } });
    }
    for (const UnclearedWorkload& u : r.uncleared) {
        QJsonArray windows;
        for (const ExposureWindow& w : u.windows)
            windows.append(windowJson(w));
        uncleared.append(QJsonObject { { QStringLiteral("environment"), u.environment },
            { QStringLiteral("fingerprint"), u.fingerprint.isEmpty() ? QJsonValue() : QJsonValue(u.fingerprint) },
            { QStringLiteral("names"), QJsonArray::fromStringList(u.names) }, { QStringLiteral("reason"), u.reason }, { QStringLiteral("windows"), windows },
            { QStringLiteral("total_seconds"), u.totalSeconds } });
    }
    return { { QStringLiteral("query"),
                 QJsonObject { { QStringLiteral("package"), r.term }, { QStringLiteral("version"), r.versionRange.isEmpty() ? QJsonValue() : QJsonValue(r.versionRange) },
                     { QStringLiteral("environment"), q.environment.isEmpty() ? QJsonValue() : QJsonValue(q.environment) },
                     { QStringLiteral("from"), q.from ? time(*q.from) : QJsonValue() }, { QStringLiteral("to"), q.to ? time(*q.to) : QJsonValue() } } },
        { QStringLiteral("matched"), matched }, { QStringLiteral("workloads"), workloads }, { QStringLiteral("uncleared"), uncleared },
        { QStringLiteral("environments"), QJsonArray::fromStringList(r.environments) }, { QStringLiteral("total_seconds"), r.totalSeconds } };
}

int packagesCommand(QCommandLineParser& p)
{
    const QStringList args = p.positionalArguments();
    if (args.size() != 1)
        return fail(QStringLiteral("packages: name one package, a purl (pkg:maven/org.apache.logging.log4j/log4j-core) or a name"), Usage);
    PackageQuery q;
    q.term = args.front();
    q.versionRange = p.value(QStringLiteral("version"));
    q.environment = p.value(QStringLiteral("env"));
    if (!timeOption(p, QStringLiteral("from"), q.from) || !timeOption(p, QStringLiteral("to"), q.to))
        return Usage;
    if (q.from && q.to && *q.to <= *q.from)
        return fail(QStringLiteral("--to must be after --from"), Usage);
    auto kase = openCase(p, false);
    if (!kase)
        return Usage;
    Result<PackageReport> r = findPackage(*kase, q);
    if (!r)
        return fail(r.problem(), Usage);
    if (json(p)) {
        printJson(reportJson(*r, q));
        return Ok;
    }
    QStringList versions;
    for (const Package& m : r->matched)
        versions << (m.version.isEmpty() ? m.name : m.name + QLatin1Char('@') + m.version);
    versions.removeDuplicates();
    out(QStringLiteral("%1%2: %3 package%4 in the case's SBOMs%5").arg(r->term, r->versionRange.isEmpty() ? QString() : QLatin1Char(' ') + r->versionRange)
            .arg(versions.size()).arg(versions.size() == 1 ? QString() : QStringLiteral("s"))
            .arg(versions.isEmpty() ? QString() : QStringLiteral(" (") + versions.mid(0, 8).join(QStringLiteral(", ")) + (versions.size() > 8 ? QStringLiteral(", …)") : QStringLiteral(")"))));
    std::vector<QStringList> rows;
    for (const ContainingWorkload& c : r->containing)
        for (const PackageRun& run : c.runs)
            rows.push_back({ c.environment, run.name.left(40), shortFingerprint(c.fingerprint), c.packages.join(QStringLiteral(", ")).left(48),
                timefmt::formatIso(run.window.from), run.ongoing ? QStringLiteral("(running)") : timefmt::formatIso(run.window.to),
                timefmt::formatDuration(run.window.duration()) });
    if (rows.empty())
        out(QStringLiteral("no running workload contained it"));
    else
        printTable({ QStringLiteral("ENVIRONMENT"), QStringLiteral("WORKLOAD"), QStringLiteral("FINGERPRINT"), QStringLiteral("PACKAGE"),
                       QStringLiteral("FROM"), QStringLiteral("TO"), QStringLiteral("EXPOSURE") },
            rows);
    out(QStringLiteral("total exposure: %1 over %2 workload%3 in %4")
            .arg(timefmt::formatDuration(r->totalSeconds * 1000))
            .arg(r->containing.size())
            .arg(r->containing.size() == 1 ? QString() : QStringLiteral("s"))
            .arg(r->environments.join(QStringLiteral(", "))));
    if (!r->uncleared.empty()) {
        out(QStringLiteral("cannot be cleared: %1 running workload%2 with no SBOM").arg(r->uncleared.size()).arg(r->uncleared.size() == 1 ? QString() : QStringLiteral("s")));
        std::vector<QStringList> u;
        for (const UnclearedWorkload& w : r->uncleared)
            u.push_back({ w.environment, w.names.join(QStringLiteral(", ")).left(40), w.fingerprint.isEmpty() ? QStringLiteral("(none)") : shortFingerprint(w.fingerprint),
                timefmt::formatDuration(w.totalSeconds * 1000), w.reason });
        printTable({ QStringLiteral("ENVIRONMENT"), QStringLiteral("WORKLOAD"), QStringLiteral("FINGERPRINT"), QStringLiteral("RUNNING"), QStringLiteral("WHY") }, u);
    }
    return Ok;
}

} // namespace

std::vector<Command> contentsCommands()
{
    return { { QStringLiteral("packages"),
        QStringLiteral("packages --case CASE PURL_OR_NAME [--version RANGE] [--env NAME] [--from TIME --to TIME]"),
        QStringLiteral("which workloads contained a package (from their SBOMs), where and in which run intervals, and which ran with no SBOM"),
        [](QCommandLineParser& p) {
            p.addOptions({ caseOption(), jsonOption(),
                opt(QStringLiteral("version"), QStringLiteral("A version range in the package's ecosystem's order: '>=2.0,<2.15.0', '=1.2.3', '<1.0 || >=3.0'."), QStringLiteral("RANGE")),
                opt(QStringLiteral("env"), QStringLiteral("Only this environment."), QStringLiteral("NAME")),
                opt(QStringLiteral("from"), QStringLiteral("Start of the window (ISO 8601 UTC)."), QStringLiteral("TIME")),
                opt(QStringLiteral("to"), QStringLiteral("End of the window (ISO 8601 UTC)."), QStringLiteral("TIME")) });
            p.addPositionalArgument(QStringLiteral("PACKAGE"), QStringLiteral("A purl (pkg:type/namespace/name[@version]) or a package name."), QStringLiteral("PURL_OR_NAME"));
        },
        packagesCommand } };
}

} // namespace tideline::cli
