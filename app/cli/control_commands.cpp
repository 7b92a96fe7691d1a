// SPDX-License-Identifier: GPL-3.0-or-later
// watch, retract: a drop folder imported as files land in it, with a JSON line per new finding; an import taken back.

#include "cli/cli.h"
#include "cli/command.h"
#include "cli/output.h"

#include "compliance/findings.h"
#include "compliance/gate.h"
#include "import/dropfolder.h"
#include "import/importer.h"
#include "review/retraction.h"
#include "store/caseaddress.h"
#include "store/casecopy.h"
#include "store/caseroles.h"
#include "store/casefile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <atomic>
#include <chrono>
#include <csignal>
#include <set>
#include <thread>

namespace tideline::cli {

namespace {

std::atomic<bool> g_stop { false };

extern "C" void stopWatching(int) { g_stop = true; }

void line(const QJsonObject& o)
{
    out(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
}

int watchCommand(QCommandLineParser& p)
{
    const QStringList args = p.positionalArguments();
    if (args.size() != 1)
        return fail(QStringLiteral("watch: name one drop folder"), Usage);
    Result<FailOn> gate = parseFailOn(p.values(QStringLiteral("fail-on")));
    if (!gate)
        return fail(gate.problem(), Usage);
    double interval = 2;
    if (p.isSet(QStringLiteral("interval"))) {
        bool ok = false;
        interval = p.value(QStringLiteral("interval")).toDouble(&ok);
        if (!ok || interval < 0.05 || interval > 3600)
            return fail(QStringLiteral("--interval must be a number of seconds between 0.05 and 3600"), Usage);
    }
    DropFolder drop(args.first());
    if (!drop.exists())
        return fail(QStringLiteral("%1: no such folder to watch").arg(QDir::toNativeSeparators(args.first())), Usage);
    const bool once = p.isSet(QStringLiteral("once"));
    auto kase = openCase(p, true, false);
    if (!kase)
        return Usage;
    Result<CheckReport> before = checkCase(*kase);
    if (!before)
        return fail(before.problem(), Usage);
    std::set<QString> known;
    for (const Finding& f : before->findings)
        known.insert(f.id);
    err(QStringLiteral("watching %1 for %2 (%3 findings so far; one JSON line per new finding on stdout)")
            .arg(QDir::toNativeSeparators(drop.dir()), QDir::toNativeSeparators(kase->path()))
            .arg(known.size()));

    g_stop = false;
    std::signal(SIGINT, stopWatching);
    std::signal(SIGTERM, stopWatching);
    bool tripped = false;
    while (!g_stop) {
        const QStringList landed = drop.scan(once);
        if (!landed.isEmpty()) {
            const ImportReport r = importPaths(*kase, landed, ImportOptions());
            err(QStringLiteral("watch: %1 imported, %2 skipped, %3 failed from %4 new in %5")
                    .arg(r.imported.size())
                    .arg(r.skipped.size())
                    .arg(r.errors.size())
                    .arg(landed.size())
                    .arg(QDir::toNativeSeparators(drop.dir())));
            for (const Problem& e : r.errors)
                err(QStringLiteral("watch: ") + e.toString());
            Result<CheckReport> after = checkCase(*kase);
            if (!after) {
                err(QStringLiteral("watch: the check failed: ") + after.problem().toString());
            } else {
                std::vector<Finding> fresh;
                for (const Finding& f : after->findings)
                    if (known.insert(f.id).second)
                        fresh.push_back(f);
                for (const Finding& f : fresh) {
                    QJsonObject o = findingJson(f);
                    o.insert(QStringLiteral("event"), QStringLiteral("new-finding"));
                    o.insert(QStringLiteral("detected_at"), time(timefmt::now()));
                    o.insert(QStringLiteral("imported"), QJsonArray::fromStringList(landed));
                    line(o);
                }
                tripped = tripped || !failing(fresh, *gate).empty();
            }
        }
        if (once)
            break;
        // Sleep in small steps so that a signal ends the watch promptly, never inside an import.
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(static_cast<qint64>(interval * 1000));
        while (!g_stop && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    return once && tripped ? Negative : Ok;
}

QString footprintText(const SourceFootprint& f)
{
    QStringList parts;
    auto add = [&](int n, const char* one, const char* many) {
        if (n > 0)
            parts << (n == 1 ? QString::fromLatin1(one) : QString::fromLatin1(many).arg(n));
    };
    add(f.reports, "1 snapshot report", "%1 snapshot reports");
    add(f.evidence, "1 piece of evidence", "%1 pieces of evidence");
    add(f.keys, "1 key", "%1 keys");
    add(f.trustedRoots, "1 trusted root", "%1 trusted roots");
    add(f.policies, "1 policy version", "%1 policy versions");
    add(f.trails, "1 trail", "%1 trails");
    add(f.provenance, "1 provenance record", "%1 provenance records");
    add(f.templates, "1 flow template", "%1 flow templates");
    return parts.isEmpty() ? QStringLiteral("nothing") : parts.join(QStringLiteral(", "));
}

int retractCommand(QCommandLineParser& p)
{
    const QStringList targets = p.positionalArguments();
    if (targets.isEmpty())
        return fail(QStringLiteral("retract: name an import by its log hash or its file's sha256"), Usage);
    const QString reason = p.value(QStringLiteral("reason")).trimmed();
    if (reason.isEmpty())
        return fail(QStringLiteral("retract: --reason is required: the retraction stays in the log for good"), Usage);
    auto kase = openCase(p, true);
    if (!kase)
        return Usage;
    QJsonArray done;
    int failed = 0;
    for (const QString& target : targets) {
        Result<Retraction> r = retractImport(*kase, target, reason);
        if (!r) {
            ++failed;
            err(QStringLiteral("tideline: retract %1: %2").arg(target, r.problem().toString()));
            continue;
        }
        if (json(p)) {
            done.append(QJsonObject { { QStringLiteral("sha256"), r->sourceSha256 }, { QStringLiteral("path"), r->path },
                { QStringLiteral("imports"), QJsonArray::fromStringList(r->imports) },
                { QStringLiteral("environments"), QJsonArray::fromStringList(r->environments) },
                { QStringLiteral("environments_removed"), QJsonArray::fromStringList(r->environmentsRemoved) },
                { QStringLiteral("records_removed"), r->recordsRemoved }, { QStringLiteral("removed"), footprintJson(r->removed) },
                { QStringLiteral("reason"), r->reason }, { QStringLiteral("actor"), r->actor }, { QStringLiteral("at"), time(r->at) },
                { QStringLiteral("log_hash"), r->logHash } });
            continue;
        }
        out(QStringLiteral("retracted %1 (sha256 %2): %3 left the case")
                .arg(r->path, shortFingerprint(r->sourceSha256), r->recordsRemoved ? footprintText(r->removed) : QStringLiteral("its report")));
        if (!r->environments.isEmpty())
            out(QStringLiteral("  replayed without it: %1").arg(r->environments.join(QStringLiteral(", "))));
        if (!r->environmentsRemoved.isEmpty())
            out(QStringLiteral("  left with no snapshot, so removed: %1").arg(r->environmentsRemoved.join(QStringLiteral(", "))));
        out(QStringLiteral("  its bytes and its import entry stay in the log; the retraction is log entry %1").arg(r->logHash));
    }
    if (json(p))
        printJson(QJsonObject { { QStringLiteral("retracted"), done }, { QStringLiteral("failed"), failed } });
    if (failed == targets.size())
        return Negative;
    return failed > 0 ? Negative : Ok;
}

int casesCommand(QCommandLineParser& p)
{
    const QString server = p.value(QStringLiteral("server"));
    if (server.isEmpty())
        return fail(QStringLiteral("cases: --server postgresql://[user@]host[:port]/DATABASE is required"), Usage);
    Result<std::vector<ServerCase>> cases = CaseFile::casesOnServer(server);
    if (!cases)
        return fail(cases.problem(), Usage);
    if (json(p)) {
        QJsonArray list;
        for (const ServerCase& c : *cases)
            list.append(QJsonObject { { QStringLiteral("name"), c.name }, { QStringLiteral("address"), c.address },
                { QStringLiteral("case_id"), c.caseId }, { QStringLiteral("schema_version"), c.schemaVersion },
                { QStringLiteral("created_at"), time(c.createdAt) } });
        printJson(QJsonObject { { QStringLiteral("cases"), list } });
        return Ok;
    }
    if (cases->empty()) {
        out(QStringLiteral("no cases on this server's database yet (`tideline import --case 'postgresql://…?case=NAME' …` creates one)"));
        return Ok;
    }
    std::vector<QStringList> rows;
    for (const ServerCase& c : *cases)
        rows.push_back({ c.name, time(c.createdAt).toString(), c.address });
    printTable({ QStringLiteral("CASE"), QStringLiteral("CREATED"), QStringLiteral("ADDRESS") }, rows);
    return Ok;
}

int caseCopy(QCommandLineParser& p, const QString& from, const QString& to)
{
    // Into a new case only: a file that is not there yet, or a name the server does not hold.
    if (isServerAddress(to)) {
        Result<std::vector<ServerCase>> cases = CaseFile::casesOnServer(to);
        if (!cases)
            return fail(cases.problem(), Usage);
        Result<ServerAddress> a = parseServerAddress(to, true);
        if (!a)
            return fail(a.problem(), Usage);
        for (const ServerCase& c : *cases)
            if (c.name == a->caseName)
                return fail(Problem(a->display(), QString(), QStringLiteral("the server already holds a case of this name: a copy goes into a new case")), Usage);
    } else if (QFileInfo::exists(to)) {
        return fail(Problem(to, QString(), QStringLiteral("already exists: a copy goes into a new case file")), Usage);
    }
    Result<std::unique_ptr<CaseFile>> source = CaseFile::open(from, CaseFile::Mode::ReadOnly);
    if (!source)
        return fail(source.problem(), Usage);
    Result<std::unique_ptr<CaseFile>> target = CaseFile::open(to, CaseFile::Mode::OpenOrCreate);
    if (!target)
        return fail(target.problem(), Usage);
    Result<CaseCopyReport> r = copyCase(**source, **target);
    if (!r) {
        // Nothing of a failed copy stays behind: the new case goes, as if never made.
        if ((*target)->onServer()) {
            (*target)->deleteFromServer();
            target->reset();
        } else {
            target->reset();
            for (const QString& suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") })
                QFile::remove(to + suffix);
        }
        return fail(r.problem(), Usage);
    }
    const QString shownTo = (*target)->path();
    if (json(p)) {
        printJson(QJsonObject { { QStringLiteral("from"), (*source)->path() }, { QStringLiteral("to"), shownTo },
            { QStringLiteral("tables"), r->tables }, { QStringLiteral("rows"), double(r->rows) },
            { QStringLiteral("source_bytes"), double(r->sourceBytes) }, { QStringLiteral("log_entries"), r->logEntries },
            { QStringLiteral("log_head"), r->logHead } });
        return Ok;
    }
    out(QStringLiteral("copied %1 to %2: %3 records in %4 tables, %5 log entries, %6 MB of stored sources")
            .arg((*source)->path(), shownTo)
            .arg(r->rows)
            .arg(r->tables)
            .arg(r->logEntries)
            .arg(double(r->sourceBytes) / 1e6, 0, 'f', 1));
    out(QStringLiteral("log head %1: `tideline verify-case --case …` names it on both").arg(r->logHead));
    return Ok;
}

int caseGrant(QCommandLineParser& p, const QStringList& people, bool grant)
{
    const QString as = p.value(QStringLiteral("as"));
    const std::optional<CaseRole> role = caseRoleFromName(as);
    if (!role)
        return fail(QStringLiteral("case %1: --as viewer, reviewer, importer or owner").arg(grant ? QStringLiteral("grant") : QStringLiteral("revoke")), Usage);
    auto kase = openCase(p, true, true);
    if (!kase)
        return Usage;
    const Status s = grant ? grantCaseRole(*kase, *role, people) : revokeCaseRole(*kase, *role, people);
    if (!s)
        return fail(s.problem(), Usage);
    const QString group = caseGroupRole(kase->serverCase(), *role);
    if (json(p)) {
        printJson(QJsonObject { { grant ? QStringLiteral("granted") : QStringLiteral("revoked"), caseRoleName(*role) }, { QStringLiteral("group"), group },
            { QStringLiteral("roles"), QJsonArray::fromStringList(people) }, { QStringLiteral("case"), kase->path() } });
        return Ok;
    }
    out(grant ? QStringLiteral("%1 may now act as %2 in %3 (members of %4)").arg(people.join(QStringLiteral(", ")), caseRoleName(*role), kase->path(), group)
              : QStringLiteral("%1 no longer %2 in %3").arg(people.join(QStringLiteral(", ")), caseRoleName(*role), kase->path()));
    return Ok;
}

int caseCommand(QCommandLineParser& p)
{
    const QStringList args = p.positionalArguments();
    if (args.value(0) == QLatin1String("grant") || args.value(0) == QLatin1String("revoke"))
        return caseGrant(p, args.mid(1), args.value(0) == QLatin1String("grant"));
    if (args.value(0) == QLatin1String("copy")) {
        if (args.size() != 3)
            return fail(QStringLiteral("case copy: name the case to copy and the new case: case copy FROM TO"), Usage);
        return caseCopy(p, args[1], args[2]);
    }
    return fail(QStringLiteral("case: what to do? `case copy FROM TO` (a file or postgresql://…?case=NAME, either way), "
                               "`case grant --case URL --as ROLE NAME…` or `case revoke …`"),
        Usage);
}

} // namespace

std::vector<Command> controlCommands()
{
    return {
        { QStringLiteral("watch"), QStringLiteral("watch --case CASE DIR [--interval SECONDS] [--once] [--fail-on WHAT]…"),
            QStringLiteral("import what lands in a drop folder, check, and print one JSON line per new finding"),
            [](QCommandLineParser& p) {
                p.addOptions({ caseOption(true), jsonOption(),
                    opt(QStringLiteral("interval"), QStringLiteral("Seconds between two looks at the folder (default 2); a file is imported once "
                                                                   "it held still from one look to the next."),
                        QStringLiteral("SECONDS")),
                    opt(QStringLiteral("once"), QStringLiteral("Import what is there now, check, print, and exit (1 when a new finding is "
                                                               "one --fail-on names).")),
                    failOnOption(), logKeyOption() });
                p.addPositionalArgument(QStringLiteral("DIR"), QStringLiteral("The drop folder."));
            },
            watchCommand },
        { QStringLiteral("retract"), QStringLiteral("retract --case CASE --reason TEXT IMPORT_LOG_HASH|SOURCE_SHA256…"),
            QStringLiteral("take back an import: its records leave every view and check; its bytes and the log stay"),
            [](QCommandLineParser& p) {
                p.addOptions({ caseOption(), jsonOption(), opt(QStringLiteral("reason"), QStringLiteral("Why (kept in the log)."), QStringLiteral("TEXT")),
                    logKeyOption() });
                p.addPositionalArgument(QStringLiteral("IMPORT"),
                    QStringLiteral("An import's log entry hash, or an imported file's sha256 (every import of it); at least 8 hex digits."));
            },
            retractCommand },
        { QStringLiteral("cases"), QStringLiteral("cases --server postgresql://[user@]host[:port]/DATABASE"),
            QStringLiteral("list the shared cases in a PostgreSQL database"),
            [](QCommandLineParser& p) {
                p.addOptions({ jsonOption(),
                    opt(QStringLiteral("server"), QStringLiteral("The server and database (libpq parameters as ?keyword=value; no password: ~/.pgpass, "
                                                                 "PGPASSFILE or a service file)."),
                        QStringLiteral("URL")) });
            },
            casesCommand },
        { QStringLiteral("case"), QStringLiteral("case copy FROM TO | case grant|revoke --case URL --as ROLE NAME…"),
            QStringLiteral("copy a case between a file and a server (either way); who may do what in a shared case"),
            [](QCommandLineParser& p) {
                p.addOptions({ jsonOption(), caseOption(),
                    opt(QStringLiteral("as"), QStringLiteral("grant/revoke: viewer (reads, exports), reviewer (decisions, allow-list), importer (imports, "
                                                             "retractions, policies, trust) or owner."),
                        QStringLiteral("ROLE")) });
                p.addPositionalArgument(QStringLiteral("copy"), QStringLiteral("What to do: copy."));
                p.addPositionalArgument(QStringLiteral("FROM"), QStringLiteral("The case: a file, or postgresql://…?case=NAME."));
                p.addPositionalArgument(QStringLiteral("TO"), QStringLiteral("A new case: a file not there yet, or a name the server does not hold."));
            },
            caseCommand },
    };
}

} // namespace tideline::cli
