// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli.h"

#include "about/about.h"
#include "cli/command.h"
#include "cli/output.h"
#include "store/casefile.h"

#include <QCoreApplication>

#include <algorithm>

namespace tideline::cli {

namespace {

const std::vector<Command>& all()
{
    static const std::vector<Command> commands = [] {
        std::vector<Command> c;
        for (auto&& list : { timelineCommands(), evidenceCommands(), bundleCommands(), contentsCommands(), complianceCommands(), controlCommands(), packCommands() })
            for (const Command& cmd : list)
                c.push_back(cmd);
        return c;
    }();
    return commands;
}

const Command* find(const QString& name)
{
    for (const Command& c : all())
        if (c.name == name)
            return &c;
    return nullptr;
}

QString commandHelp(const Command& c, QCommandLineParser& p)
{
    QString help = QStringLiteral("Usage: tideline %1\n\n%2\n").arg(c.synopsis, c.summary);
    const QString options = p.helpText();
    const int at = options.indexOf(QStringLiteral("Options:"));
    if (at >= 0)
        help += QLatin1Char('\n') + options.mid(at);
    return help;
}

} // namespace

QCommandLineOption caseOption(bool importCreates)
{
    return QCommandLineOption(QStringLiteral("case"),
        importCreates ? QStringLiteral("The case file, or a shared case postgresql://[user@]host[:port]/DATABASE?case=NAME (created when missing).")
                      : QStringLiteral("The case file, or a shared case postgresql://[user@]host[:port]/DATABASE?case=NAME."),
        QStringLiteral("CASE"));
}

QCommandLineOption jsonOption() { return QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print one JSON document.")); }

QCommandLineOption opt(const QString& name, const QString& help, const QString& value)
{
    return value.isEmpty() ? QCommandLineOption(name, help) : QCommandLineOption(name, help, value);
}

bool json(const QCommandLineParser& p) { return p.isSet(QStringLiteral("json")); }

QCommandLineOption failOnOption()
{
    return QCommandLineOption(QStringLiteral("fail-on"),
        QStringLiteral("Exit 1 when an open finding is of this kind (no-provenance, …), of this severity or worse (critical, high, medium, "
                       "low), or any (open, the default); none: never. Repeatable, or comma-separated."),
        QStringLiteral("WHAT"));
}

std::unique_ptr<CaseFile> openCase(const QCommandLineParser& p, bool writable, bool mustExist)
{
    const QString path = p.value(QStringLiteral("case"));
    if (path.isEmpty()) {
        err(QStringLiteral("tideline: --case CASE is required"));
        return nullptr;
    }
    const auto mode = writable ? (mustExist ? CaseFile::Mode::OpenExisting : CaseFile::Mode::OpenOrCreate) : CaseFile::Mode::ReadOnly;
    Result<std::unique_ptr<CaseFile>> c = CaseFile::open(path, mode);
    if (!c) {
        err(QStringLiteral("tideline: ") + c.error());
        return nullptr;
    }
    // A writer that has to wait for another says so every few seconds instead of looking hung.
    (*c)->setWaitObserver([path](qint64 waited) { sayWaiting(path, waited); });
    return std::move(c).value();
}

int fail(const Problem& p, int code)
{
    err(QStringLiteral("tideline: ") + p.toString());
    return code;
}

int fail(const QString& message, int code)
{
    err(QStringLiteral("tideline: ") + message);
    return code;
}

bool timeOption(const QCommandLineParser& p, const QString& name, std::optional<Millis>& out)
{
    if (!p.isSet(name))
        return true;
    out = timefmt::parseIso(p.value(name));
    if (!out) {
        err(QStringLiteral("tideline: --%1 '%2' is not an ISO 8601 UTC time such as 2026-01-02T03:04:05Z").arg(name, p.value(name)));
        return false;
    }
    return true;
}

bool isCommand(const QString& word)
{
    return find(word) || word == QLatin1String("help") || word == QLatin1String("--help") || word == QLatin1String("-h")
        || word == QLatin1String("--version") || word == QLatin1String("-v");
}

bool commandDraws(const QString& word)
{
    const Command* c = find(word);
    return c && c->draws;
}

QString overview()
{
    QString s = QStringLiteral(
        "Tideline %1: what ran in production, and whether it was allowed to.\n\n"
        "Usage:\n"
        "  tideline                    open the window\n"
        "  tideline CASE               open the window on a case file\n"
        "  tideline --demo             open the window on the demo case (without a display: the headless demo)\n"
        "  tideline COMMAND [OPTIONS]  run a command without a window\n\n"
        "Commands:\n")
                    .arg(QStringLiteral(TIDELINE_VERSION));
    // The summaries start two columns after the longest name (verify-bundle ran into its summary at 13).
    qsizetype width = 0;
    for (const Command& c : all())
        width = std::max(width, c.name.size());
    for (const Command& c : all())
        s += QStringLiteral("  %1%2\n").arg(c.name.leftJustified(width + 2), c.summary);
    s += QStringLiteral("\nEvery command takes --json and then prints one JSON document. Exit codes: 0 success,\n"
                        "1 a negative answer (findings, a failed verification, nothing found), 2 bad usage or unreadable input.\n"
                        "Times are ISO 8601 UTC (2026-01-02T03:04:05Z). Snapshots: ENV, ENV#N, ENV~N, ENV@{TIME}.\n"
                        "`tideline help COMMAND` or `tideline COMMAND --help` describes one command.");
    return s;
}

namespace {
int runCommand(const QStringList& args);
}

int run(const QStringList& args)
{
    expectJson(args.contains(QLatin1String("--json")));
    const int code = runCommand(args);
    finishJson(code);
    return code;
}

namespace {

int runCommand(const QStringList& args)
{
    if (args.isEmpty())
        return fail(QStringLiteral("no command; see tideline --help"), Usage);
    const QString name = args.first();
    if (name == QLatin1String("--version") || name == QLatin1String("-v")) {
        out(about::versionText());
        return Ok;
    }
    if (name == QLatin1String("help") || name == QLatin1String("--help") || name == QLatin1String("-h")) {
        if (args.size() > 1) {
            const Command* c = find(args[1]);
            if (!c)
                return fail(QStringLiteral("no command '%1'; see tideline --help").arg(args[1]), Usage);
            QCommandLineParser p;
            p.addHelpOption();
            if (c->options)
                c->options(p);
            out(commandHelp(*c, p));
            return Ok;
        }
        out(overview());
        return Ok;
    }
    const Command* c = find(name);
    if (!c)
        return fail(QStringLiteral("no command '%1'; see tideline --help").arg(name), Usage);
    QCommandLineParser p;
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    p.addHelpOption();
    if (c->options)
        c->options(p);
    QStringList argv = args;
    argv[0] = QStringLiteral("tideline ") + name;
    if (!p.parse(argv))
        return fail(p.errorText() + QStringLiteral("; see tideline help ") + name, Usage);
    if (p.isSet(QStringLiteral("help"))) {
        out(commandHelp(*c, p));
        return Ok;
    }
    if (!installLogSigner(p))
        return Usage;
    return c->run(p);
}

} // namespace

} // namespace tideline::cli
