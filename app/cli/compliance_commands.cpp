// SPDX-License-Identifier: GPL-3.0-or-later
// check, review, allow, verify-case: findings, decisions and the integrity of the case.

#include "cli/cli.h"
#include "cli/command.h"
#include "cli/output.h"

#include "compliance/findings.h"
#include "compliance/gate.h"
#include "domain/fileread.h"
#include "import/importer.h"
#include "pack/logagainstpack.h"
#include "review/review.h"
#include "review/verify.h"
#include "store/casefile.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace tideline::cli {

namespace {

QJsonObject findingCoreJson(const Finding& f);

} // namespace

QJsonObject findingJson(const Finding& f)
{
    QJsonObject o = findingCoreJson(f);
    if (f.vulnerability)
        o.insert(QStringLiteral("vulnerability"), vulnerabilityJson(*f.vulnerability));
    return o;
}

namespace {

QString dispositionText(const Finding& f)
{
    return f.suppressedByVex() ? QStringLiteral("open (suppressed by VEX %1)").arg(f.vulnerability->vexStatus) : dispositionName(f.disposition);
}

int checkCommand(QCommandLineParser& p);

QJsonObject findingCoreJson(const Finding& f)
{
    QJsonArray windows, history;
    for (const ExposureWindow& w : f.windows)
        windows.append(toJson(w));
    for (const ReviewEntry& r : f.history)
        history.append(QJsonObject { { QStringLiteral("disposition"), dispositionName(r.disposition) }, { QStringLiteral("note"), r.note },
            { QStringLiteral("reviewer"), r.reviewer }, { QStringLiteral("at"), time(r.at) }, { QStringLiteral("log_hash"), r.logHash } });
    return { { QStringLiteral("id"), f.id }, { QStringLiteral("kind"), findingKindName(f.kind) }, { QStringLiteral("environment"), f.environment },
        { QStringLiteral("fingerprint"), f.fingerprint }, { QStringLiteral("names"), QJsonArray::fromStringList(f.names) },
        { QStringLiteral("detail"), f.detail }, { QStringLiteral("rules"), QJsonArray::fromStringList(f.rules) },
        { QStringLiteral("attestations"), QJsonArray::fromStringList(f.attestations) },
        { QStringLiteral("evidence"), QJsonArray::fromStringList(f.evidence) }, { QStringLiteral("provenance"), f.provenance },
        { QStringLiteral("windows"), windows }, { QStringLiteral("first_seen"), time(f.firstSeen) },
        { QStringLiteral("last_seen"), time(f.lastSeen) }, { QStringLiteral("total_seconds"), f.totalSeconds },
        { QStringLiteral("disposition"), dispositionName(f.disposition) }, { QStringLiteral("severity"), severityName(f.severity) },
        { QStringLiteral("history"), history } };
}

int checkCommand(QCommandLineParser& p)
{
    CheckOptions o;
    o.environment = p.value(QStringLiteral("env"));
    if (!timeOption(p, QStringLiteral("from"), o.from) || !timeOption(p, QStringLiteral("to"), o.to))
        return Usage;
    if (o.from && o.to && *o.to <= *o.from)
        return fail(QStringLiteral("--to must be after --from"), Usage);
    if (p.isSet(QStringLiteral("blind-spot-hours"))) {
        bool ok = false;
        const double h = p.value(QStringLiteral("blind-spot-hours")).toDouble(&ok);
        if (!ok || h <= 0)
            return fail(QStringLiteral("--blind-spot-hours must be a positive number"), Usage);
        o.blindSpotThreshold = static_cast<Millis>(h * 3600 * 1000);
    }
    Result<FailOn> gate = parseFailOn(p.values(QStringLiteral("fail-on")));
    if (!gate)
        return fail(gate.problem(), Usage);
    const QStringList policyFiles = p.values(QStringLiteral("policy"));
    auto kase = openCase(p, !policyFiles.isEmpty());
    if (!kase)
        return Usage;
    if (!policyFiles.isEmpty()) {
        // A policy given here is imported into the case (versioned, logged) and is the one evaluated.
        std::vector<Policy> policies;
        for (const QString& file : policyFiles) {
            Result<QByteArray> read = readWholeFile(file, QStringLiteral("policy"), qint64(16) << 20);
            if (!read)
                return fail(read.problem(), Usage);
            const QByteArray bytes = std::move(read).value();
            Result<Policy> policy = parsePolicy(bytes, file, QFileInfo(file).fileName().section(QLatin1Char('.'), 0, 0));
            if (!policy)
                return fail(policy.problem(), Usage);
            const ImportReport r = importPaths(*kase, { file }, ImportOptions());
            if (!r.errors.empty())
                return fail(r.errors.front(), Usage);
            policies.push_back(*policy);
        }
        o.policies = std::move(policies);
    }
    Result<CheckReport> report = checkCase(*kase, o);
    if (!report)
        return fail(report.problem(), Usage);
    const std::vector<const Finding*> tripped = failing(report->findings, *gate);
    QStringList trippedIds;
    for (const Finding* f : tripped)
        trippedIds << f->id;
    if (json(p)) {
        QJsonArray findings, allowed;
        for (const Finding& f : report->findings)
            findings.append(findingJson(f));
        for (const AllowedWorkload& a : report->allowed) {
            QJsonArray windows;
            for (const ExposureWindow& w : a.windows)
                windows.append(toJson(w));
            allowed.append(QJsonObject { { QStringLiteral("environment"), a.environment }, { QStringLiteral("fingerprint"), a.fingerprint },
                { QStringLiteral("names"), QJsonArray::fromStringList(a.names) }, { QStringLiteral("kind"), findingKindName(a.kind) },
                { QStringLiteral("reason"), a.reason }, { QStringLiteral("who"), a.who },
                { QStringLiteral("valid_until"), a.validUntil ? time(*a.validUntil) : QJsonValue() }, { QStringLiteral("windows"), windows } });
        }
        QJsonObject byKind;
        for (FindingKind k : findingKinds())
            byKind.insert(findingKindName(k), report->byKind.count(k) ? report->byKind.at(k) : 0);
        printJson(QJsonObject { { QStringLiteral("findings"), findings }, { QStringLiteral("allowed"), allowed },
            { QStringLiteral("summary"),
                QJsonObject { { QStringLiteral("by_kind"), byKind }, { QStringLiteral("open"), report->open },
                    { QStringLiteral("suppressed_by_vex"), report->suppressed },
                    { QStringLiteral("total"), int(report->findings.size()) },
                    { QStringLiteral("environments"), QJsonArray::fromStringList(report->environments) },
                    { QStringLiteral("policies"), QJsonArray::fromStringList(report->policies) },
                    { QStringLiteral("from"), report->from ? time(*report->from) : QJsonValue() },
                    { QStringLiteral("to"), report->to ? time(*report->to) : QJsonValue() },
                    { QStringLiteral("fail_on"), describeFailOn(*gate) }, { QStringLiteral("failed"), !tripped.empty() },
                    { QStringLiteral("failing"), QJsonArray::fromStringList(trippedIds) } } } });
    } else {
        std::vector<QStringList> rows;
        for (const Finding& f : report->findings)
            rows.push_back({ f.id, findingKindName(f.kind), f.environment, f.names.join(QStringLiteral(", ")).left(48), shortFingerprint(f.fingerprint),
                timefmt::formatDuration(f.totalSeconds * 1000), dispositionText(f) });
        if (rows.empty())
            out(QStringLiteral("no findings in %1").arg(report->environments.join(QStringLiteral(", "))));
        else
            printTable({ QStringLiteral("ID"), QStringLiteral("KIND"), QStringLiteral("ENVIRONMENT"), QStringLiteral("WORKLOAD"),
                           QStringLiteral("FINGERPRINT"), QStringLiteral("EXPOSURE"), QStringLiteral("DISPOSITION") },
                rows);
        for (const AllowedWorkload& a : report->allowed)
            out(QStringLiteral("allowed: %1 in %2 (%3): %4, by %5").arg(a.names.join(QStringLiteral(", ")), a.environment, findingKindName(a.kind), a.reason, a.who));
        out(QStringLiteral("%1 findings, %2 open%3; policies: %4")
                .arg(report->findings.size())
                .arg(report->open)
                .arg(report->suppressed ? QStringLiteral(", %1 suppressed by VEX").arg(report->suppressed) : QString())
                .arg(report->policies.isEmpty() ? QStringLiteral("none") : report->policies.join(QStringLiteral(", "))));
        out(tripped.empty() ? QStringLiteral("passes: no %1").arg(describeFailOn(*gate))
                            : QStringLiteral("fails on %1: %2%3")
                                  .arg(describeFailOn(*gate), trippedIds.mid(0, 10).join(QStringLiteral(", ")),
                                      trippedIds.size() > 10 ? QStringLiteral(" and %1 more").arg(trippedIds.size() - 10) : QString()));
    }
    return tripped.empty() ? Ok : Negative;
}

int reviewCommand(QCommandLineParser& p)
{
    const QStringList args = p.positionalArguments();
    if (args.size() != 1)
        return fail(QStringLiteral("review: name one finding, e.g. F-3a9c1b2d"), Usage);
    for (const char* required : { "disposition", "reviewer" })
        if (p.value(QString::fromLatin1(required)).isEmpty())
            return fail(QStringLiteral("review: --%1 is required").arg(QString::fromLatin1(required)), Usage);
    Result<Disposition> disposition = parseDisposition(p.value(QStringLiteral("disposition")));
    if (!disposition)
        return fail(disposition.problem(), Usage);
    Result<std::shared_ptr<const LogSigner>> own = reviewerKey(p);
    if (!own)
        return fail(QStringLiteral("--signing-key: ") + own.problem().toString(), Usage);
    QString ownSha;
    if (*own)
        if (Result<SignerKey> k = (*own)->key())
            ownSha = k->sha256;
    auto kase = openCase(p, true);
    if (!kase)
        return Usage;
    Result<Review> r = recordReview(*kase, args.first(), *disposition, p.value(QStringLiteral("note")),
        p.value(QStringLiteral("reviewer")), own->get());
    if (!r)
        return fail(r.problem(), Usage);
    const QString& hash = r->logHash;
    if (json(p))
        printJson(QJsonObject { { QStringLiteral("finding"), r->findingId }, { QStringLiteral("disposition"), dispositionName(r->disposition) },
            { QStringLiteral("note"), r->note }, { QStringLiteral("reviewer"), r->reviewer }, { QStringLiteral("at"), time(r->at) },
            { QStringLiteral("log_hash"), hash }, { QStringLiteral("reviewer_signed"), !ownSha.isEmpty() },
            { QStringLiteral("reviewer_key"), ownSha.isEmpty() ? QJsonValue() : QJsonValue(ownSha) } });
    else
        out(QStringLiteral("%1 is now %2 (recorded by %3, log %4…%5)")
                .arg(r->findingId, dispositionName(r->disposition), r->reviewer, hash.left(12),
                    ownSha.isEmpty() ? QStringLiteral("; not signed by the reviewer's own key") : QStringLiteral(", signed by the reviewer's key %1").arg(ownSha)));
    return Ok;
}

int allowCommand(QCommandLineParser& p)
{
    AllowEntry a;
    a.environment = p.value(QStringLiteral("env"));
    a.fingerprint = p.value(QStringLiteral("fingerprint"));
    a.namePattern = p.value(QStringLiteral("name"));
    a.reason = p.value(QStringLiteral("reason"));
    a.who = p.value(QStringLiteral("who"));
    std::optional<Millis> from, until;
    if (!timeOption(p, QStringLiteral("from"), from) || !timeOption(p, QStringLiteral("until"), until))
        return Usage;
    a.validFrom = from;
    a.validUntil = until;
    auto kase = openCase(p, true);
    if (!kase)
        return Usage;
    Result<AllowEntry> added = addAllowEntry(*kase, a);
    if (!added)
        return fail(added.problem(), Usage);
    if (json(p))
        printJson(QJsonObject { { QStringLiteral("id"), added->id }, { QStringLiteral("environment"), added->environment },
            { QStringLiteral("fingerprint"), added->fingerprint }, { QStringLiteral("name_pattern"), added->namePattern },
            { QStringLiteral("reason"), added->reason }, { QStringLiteral("who"), added->who },
            { QStringLiteral("valid_from"), added->validFrom ? time(*added->validFrom) : QJsonValue() },
            { QStringLiteral("valid_until"), added->validUntil ? time(*added->validUntil) : QJsonValue() } });
    else
        out(QStringLiteral("allowed %1 (%2)").arg(added->fingerprint.isEmpty() ? added->namePattern : added->fingerprint, added->reason));
    return Ok;
}

int verifyCaseCommand(QCommandLineParser& p)
{
    const QString against = p.value(QStringLiteral("against"));
    const std::optional<QString> pin = pinnedSigner(p);
    if (!pin)
        return Usage;
    if (!pin->isEmpty() && against.isEmpty())
        return fail(QStringLiteral("verify-case: --signer and --key name who signed the pack given with --against"), Usage);
    if (!against.isEmpty() && !QFileInfo::exists(QDir(against).filePath(QStringLiteral("manifest.json"))))
        return fail(QStringLiteral("%1: not an evidence pack (no manifest.json)").arg(against), Usage);
    auto kase = openCase(p, false);
    if (!kase)
        return Usage;
    ProgressLine progress(QStringLiteral("verify-case"));
    const CaseVerifyReport r = verifyCase(*kase, [&progress](qint64 done, qint64 total) { progress.update(done, total); });
    progress.done();
    std::optional<PackLogCheck> anchor;
    if (!against.isEmpty())
        anchor = checkLogAgainstPack(*kase, against, *pin);
    const bool holds = r.intact && (!anchor || anchor->holds);
    if (json(p)) {
        QJsonArray problems;
        for (const Problem& pr : r.problems)
            problems.append(QJsonObject { { QStringLiteral("where"), pr.where }, { QStringLiteral("problem"), pr.message } });
        QJsonArray signers;
        for (const auto& [key, n] : r.logSigners)
            signers.append(QJsonObject { { QStringLiteral("sha256"), key }, { QStringLiteral("algorithm"), r.logSignerAlgorithms.count(key) ? r.logSignerAlgorithms.at(key) : QString() },
                { QStringLiteral("entries"), n } });
        QJsonObject o { { QStringLiteral("intact"), holds }, { QStringLiteral("case_intact"), r.intact }, { QStringLiteral("problems"), problems },
            { QStringLiteral("first_problem"), r.problems.empty() ? QJsonValue() : QJsonValue(r.problems.front().where + QStringLiteral(": ") + r.problems.front().message) },
            { QStringLiteral("sources"), r.sources }, { QStringLiteral("log_entries"), r.logEntries }, { QStringLiteral("snapshots"), r.snapshots },
            { QStringLiteral("reviews"), r.reviews }, { QStringLiteral("log_head"), r.logHead }, { QStringLiteral("log_signers"), signers },
            { QStringLiteral("unsigned_entries"), r.unsignedEntries }, { QStringLiteral("unsigned_after_signed"), r.unsignedAfterSigned },
            { QStringLiteral("reviewer_signed_entries"), r.cosignedEntries } };
        if (anchor)
            o.insert(QStringLiteral("against"),
                QJsonObject { { QStringLiteral("pack"), against }, { QStringLiteral("holds"), anchor->holds },
                    { QStringLiteral("problems"), QJsonArray::fromStringList(anchor->problems) },
                    { QStringLiteral("pack_signer"), anchor->pack.signerFingerprint.isEmpty() ? QJsonValue() : QJsonValue(anchor->pack.signerFingerprint) },
                    { QStringLiteral("pinned"), anchor->pack.pinned() }, { QStringLiteral("head"), anchor->head },
                    { QStringLiteral("head_id"), anchor->headId }, { QStringLiteral("entries"), anchor->entries },
                    { QStringLiteral("signed_at_export"), anchor->signedAtExport }, { QStringLiteral("signed_now"), anchor->signedNow },
                    { QStringLiteral("log_key"), anchor->logKey.isEmpty() ? QJsonValue() : QJsonValue(anchor->logKey) },
                    { QStringLiteral("entries_since"), anchor->after }, { QStringLiteral("entries_since_signed"), anchor->afterSignedByLogKey },
                    { QStringLiteral("entries_since_unsigned"), anchor->afterUnsigned } });
        printJson(o);
        return holds ? Ok : Negative;
    }
    if (r.intact && !holds)
        out(QStringLiteral("TAMPERED: the case no longer holds what the pack %1 recorded (see below)").arg(against));
    if (r.intact) {
        out(QStringLiteral("%1: %2 sources, %3 log entries (head %4…), %5 snapshots and %6 reviews hold")
                .arg(holds ? QStringLiteral("intact") : QStringLiteral("its own checks"))
                .arg(r.sources)
                .arg(r.logEntries)
                .arg(r.logHead.left(12))
                .arg(r.snapshots)
                .arg(r.reviews));
    } else {
        out(QStringLiteral("TAMPERED: %1 problems; the first:").arg(r.problems.size()));
        for (const Problem& pr : r.problems)
            out(QStringLiteral("  %1: %2").arg(pr.where, pr.message));
    }
    out(logSignatureSummary(r));
    if (anchor) {
        out(QStringLiteral("against the pack %1:").arg(against));
        out(QStringLiteral("  ") + packSignerLine(anchor->pack));
        if (anchor->holds) {
            out(QStringLiteral("  holds: the log head it recorded, entry %1 (%2…), is still in the chain: entries 1–%1 are unchanged, "
                               "%3 of them signed as the pack says")
                    .arg(anchor->headId)
                    .arg(anchor->head.left(16))
                    .arg(anchor->signedNow));
            out(QStringLiteral("  since the export: %1 %2, %3 signed by the log key it names, %4 unsigned")
                    .arg(anchor->after)
                    .arg(anchor->after == 1 ? QStringLiteral("entry") : QStringLiteral("entries"))
                    .arg(anchor->afterSignedByLogKey)
                    .arg(anchor->afterUnsigned));
        } else {
            out(QStringLiteral("  DOES NOT HOLD:"));
            for (const QString& problem : anchor->problems)
                out(QStringLiteral("  ") + problem);
        }
    }
    return holds ? Ok : Negative;
}

} // namespace

std::vector<Command> complianceCommands()
{
    return {
        { QStringLiteral("check"),
            QStringLiteral("check --case CASE [--policy FILE]… [--env NAME] [--from TIME --to TIME] [--blind-spot-hours N] [--fail-on open|none|KIND|SEVERITY]…"),
            QStringLiteral("findings: what ran without what its policies require, and blind spots"),
            [](QCommandLineParser& p) {
                p.addOptions({ caseOption(), jsonOption(), opt(QStringLiteral("env"), QStringLiteral("Only this environment."), QStringLiteral("NAME")),
                    opt(QStringLiteral("policy"), QStringLiteral("Evaluate this policy file (imported into the case; repeatable)."), QStringLiteral("FILE")),
                    opt(QStringLiteral("from"), QStringLiteral("Start of the period (ISO 8601 UTC)."), QStringLiteral("TIME")),
                    opt(QStringLiteral("to"), QStringLiteral("End of the period (ISO 8601 UTC)."), QStringLiteral("TIME")),
                    opt(QStringLiteral("blind-spot-hours"), QStringLiteral("A gap between snapshots longer than this is a blind spot (default 24)."), QStringLiteral("N")),
                    failOnOption(), logKeyOption() });
            },
            checkCommand },
        { QStringLiteral("review"), QStringLiteral("review --case CASE FINDING --disposition D --note TEXT --reviewer NAME [--signing-key FILE]"),
            QStringLiteral("record a decision on a finding (open, accepted-risk, false-positive, remediated, escalated)"),
            [](QCommandLineParser& p) {
                p.addOptions({ caseOption(), jsonOption(), opt(QStringLiteral("disposition"), QStringLiteral("open, accepted-risk, false-positive, remediated or escalated."), QStringLiteral("D")),
                    opt(QStringLiteral("note"), QStringLiteral("Why."), QStringLiteral("TEXT")), opt(QStringLiteral("reviewer"), QStringLiteral("Who decides."), QStringLiteral("NAME")),
                    opt(QStringLiteral("signing-key"), QStringLiteral("Sign the decision with the reviewer's own key too (PEM private key; default: TIDELINE_REVIEW_KEY)."), QStringLiteral("FILE")),
                    logKeyOption() });
                p.addPositionalArgument(QStringLiteral("FINDING"), QStringLiteral("A finding id from check, e.g. F-3a9c1b2d."));
            },
            reviewCommand },
        { QStringLiteral("allow"), QStringLiteral("allow --case CASE (--fingerprint FP | --name REGEX) [--env NAME] --reason TEXT --who NAME [--from TIME] [--until TIME]"),
            QStringLiteral("allow a workload to run without what the policy requires, for a reason, for a while"),
            [](QCommandLineParser& p) {
                p.addOptions({ caseOption(), jsonOption(), opt(QStringLiteral("fingerprint"), QStringLiteral("The workload's sha256."), QStringLiteral("FP")),
                    opt(QStringLiteral("name"), QStringLiteral("A regular expression on the workload's name."), QStringLiteral("REGEX")),
                    opt(QStringLiteral("env"), QStringLiteral("Only in this environment."), QStringLiteral("NAME")),
                    opt(QStringLiteral("reason"), QStringLiteral("Why it is allowed."), QStringLiteral("TEXT")),
                    opt(QStringLiteral("who"), QStringLiteral("Who allows it."), QStringLiteral("NAME")),
                    opt(QStringLiteral("from"), QStringLiteral("Valid from (ISO 8601 UTC)."), QStringLiteral("TIME")),
                    opt(QStringLiteral("until"), QStringLiteral("Valid until (ISO 8601 UTC)."), QStringLiteral("TIME")), logKeyOption() });
            },
            allowCommand },
        { QStringLiteral("verify-case"), QStringLiteral("verify-case --case CASE [--against PACK [--signer SHA256 | --key FILE]]"),
            QStringLiteral("recheck every stored source, the log's hash chain and signatures, and every record against its sources"),
            [](QCommandLineParser& p) {
                p.addOptions({ caseOption(), jsonOption(),
                    opt(QStringLiteral("against"), QStringLiteral("Prove that the log head this evidence pack recorded is still in the case's log, unchanged."), QStringLiteral("PACK")) });
                p.addOptions(pinOptions(QStringLiteral("The pack given with --against")));
            },
            verifyCaseCommand },
    };
}

} // namespace tideline::cli
