// SPDX-License-Identifier: GPL-3.0-or-later
#include "retraction.h"

#include "domain/json.h"
#include "review/replay.h"
#include "store/casefile.h"
#include "store/logstore.h"
#include "store/sourcestore.h"
#include "store/timelinestore.h"
#include "timeline/snapshotrecorder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <map>
#include <set>

namespace tideline {

namespace {

constexpr int kMinPrefix = 8;

// The imports a target names: one import entry by its hash, or every import of a source by its sha256.
Result<std::vector<const ImportRecord*>> chosen(const std::vector<ImportRecord>& imports, const QString& target)
{
    const QString t = target.trimmed().toLower().remove(QStringLiteral("sha256:"));
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]+$"));
    if (t.size() < kMinPrefix || !hex.match(t).hasMatch())
        return Problem(QStringLiteral("'%1' names no import: give an import's log hash or its file's sha256 (at least %2 hex digits)")
                           .arg(target)
                           .arg(kMinPrefix));
    std::vector<const ImportRecord*> byLog, bySource;
    std::set<QString> logHashes, sources;
    for (const ImportRecord& r : imports) {
        if (r.logHash.startsWith(t)) {
            byLog.push_back(&r);
            logHashes.insert(r.logHash);
        }
        if (r.sha256.startsWith(t)) {
            bySource.push_back(&r);
            sources.insert(r.sha256);
        }
    }
    if (logHashes.size() + sources.size() > 1)
        return Problem(QStringLiteral("'%1' is the start of %2 imports' or files' hashes: give more digits").arg(target).arg(logHashes.size() + sources.size()));
    std::vector<const ImportRecord*> out = !byLog.empty() ? byLog : bySource;
    if (out.empty())
        return Problem(QStringLiteral("no import in this case's log has the hash %1, and no imported file the sha256 %1 (see the Import results or tideline "
                                      "verify-case)")
                           .arg(target));
    std::vector<const ImportRecord*> live;
    for (const ImportRecord* r : out)
        if (!r->retracted)
            live.push_back(r);
    if (live.empty())
        return Problem(QStringLiteral("%1 (%2) was retracted already").arg(out.front()->path, out.front()->sha256.left(12)));
    return live;
}

} // namespace

Result<Retraction> retractImport(CaseFile& kase, const QString& target, const QString& reason, const QString& actor)
{
    if (kase.readOnly())
        return Problem(kase.path(), QString(), QStringLiteral("the case is open read-only"));
    if (reason.trimmed().isEmpty())
        return Problem(QStringLiteral("a retraction needs a reason: it stays in the log for good"));
    Retraction out;
    const Status s = kase.transaction([&]() -> Status {
        LogStore log(kase.db());
        Result<std::vector<LogEntry>> listed = log.list();
        if (!listed)
            return listed.problem();
        const std::vector<LogEntry>& entries = *listed;
        const std::vector<ImportRecord> imports = importRecords(entries);
        Result<std::vector<const ImportRecord*>> picked = chosen(imports, target);
        if (!picked)
            return picked.problem();
        const QString sha = picked->front()->sha256;
        SourceStore sources(kase.db());
        Result<std::optional<SourceRecord>> found = sources.findBySha(sha);
        if (!found)
            return found.problem();
        const std::optional<SourceRecord>& source = *found;
        if (!source)
            return Problem(QStringLiteral("the file %1 imported (sha256 %2) is not in the case").arg(picked->front()->path, sha));
        RetractionStore store(kase.db());
        Result<SourceFootprint> footprint = store.footprint(source->id);
        if (!footprint)
            return footprint.problem();
        std::set<QString> taken;
        for (const ImportRecord* r : *picked)
            taken.insert(r->logHash);
        // What remains of the same bytes keeps its records (evidence, keys, policies belong to the file, not to one import).
        bool remains = false;
        for (const ImportRecord& r : imports)
            remains = remains || (r.sha256 == sha && !r.retracted && !taken.count(r.logHash));
        if (!remains && footprint->verifiedByIt > 0)
            return Problem(source->name, QString(),
                QStringLiteral("%1 pieces of evidence from other files were verified with the key or trusted root it holds: retract them first, "
                               "or their verdicts would rest on a key the case no longer holds")
                    .arg(footprint->verifiedByIt));
        out.sourceSha256 = sha;
        out.path = picked->front()->path;
        out.removed = *footprint;
        out.reason = reason.trimmed();
        out.actor = actor.isEmpty() ? LogStore::defaultActor() : actor;
        for (const ImportRecord* r : *picked) {
            out.imports << r->logHash;
            if (r->isSnapshot && !out.environments.contains(r->environment))
                out.environments << r->environment;
        }

        // Each environment the imports reported to is replayed, in log order, from the imports that remain.
        TimelineStore timeline(kase.db());
        SnapshotRecorder recorder(kase.db());
        JsonDocument json;
        for (const QString& env : std::as_const(out.environments)) {
            Result<std::optional<EnvRow>> known = timeline.environment(env);
            if (!known)
                return known.problem();
            const std::optional<EnvRow>& row = *known;
            if (!row)
                continue;
            if (Status c = store.clearTimeline(row->id); !c)
                return c;
            int replayed = 0;
            for (const ImportRecord& r : imports) {
                if (!r.isSnapshot || r.retracted || taken.count(r.logHash) || r.environment != env)
                    continue;
                Result<std::optional<SourceRecord>> stored = sources.findBySha(r.sha256);
                if (!stored)
                    return stored.problem();
                const std::optional<SourceRecord>& from = *stored;
                if (!from)
                    return Problem(QStringLiteral("the file %1 imported (sha256 %2) is not in the case").arg(r.path, r.sha256));
                Result<QByteArray> bytes = sources.loadCached(from->id);
                if (!bytes)
                    return bytes.problem();
                Result<ReportOutcome> o = replaySnapshot(recorder, r, *bytes, from->id, json);
                if (!o)
                    return Problem(r.path, QString(), QStringLiteral("cannot replay it without %1: %2").arg(out.path, o.problem().message));
                ++replayed;
            }
            if (replayed == 0) {
                if (Status d = store.deleteEnvironment(row->id); !d)
                    return d;
                out.environmentsRemoved << env;
            }
        }
        if (!remains) {
            if (Status r = store.removeRecordsOf(source->id); !r)
                return r;
            out.recordsRemoved = true;
        }
        QJsonObject detail { { QStringLiteral("sha256"), sha }, { QStringLiteral("path"), out.path },
            { QStringLiteral("imports"), QJsonArray::fromStringList(out.imports) }, { QStringLiteral("reason"), out.reason },
            { QStringLiteral("environments"), QJsonArray::fromStringList(out.environments) },
            { QStringLiteral("environments_removed"), QJsonArray::fromStringList(out.environmentsRemoved) },
            { QStringLiteral("records_removed"), out.recordsRemoved }, { QStringLiteral("removed"), footprintJson(out.removed) } };
        Result<LogEntry> e = log.append(out.actor, QStringLiteral("retract"), detail);
        if (!e)
            return e.problem();
        out.at = e->at;
        out.logHash = e->hash;
        return {};
    });
    if (!s)
        return s.problem();
    return out;
}

} // namespace tideline
