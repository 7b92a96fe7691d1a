// SPDX-License-Identifier: GPL-3.0-or-later
#include "verify.h"

#include "domain/hash.h"
#include "evidence/logsignatures.h"
#include "evidence/packsigner.h"
#include "review/replay.h"
#include "domain/json.h"
#include "store/casefile.h"
#include "store/compliancestore.h"
#include "store/logstore.h"
#include "store/schema.h"
#include "store/sourcecodec.h"
#include "store/sourcestore.h"
#include "store/timelinestore.h"
#include "timeline/snapshotrecorder.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <map>
#include <set>

namespace tideline {

namespace {

QString describe(const LogEntry& e)
{
    return QStringLiteral("log entry %1 (%2 by %3 at %4)").arg(e.id).arg(e.action, e.actor, timefmt::formatIso(e.at));
}

// Everything the timeline records, one line per row, in a canonical order.
Result<QStringList> timelineLines(CaseFile& kase)
{
    TimelineStore store(kase.db());
    QStringList lines;
    Result<std::vector<EnvRow>> envs = store.environments();
    if (!envs)
        return envs.problem();
    for (const EnvRow& env : *envs) {
        lines << QStringLiteral("environment %1 (%2)").arg(env.name, env.type);
        Result<std::vector<SnapshotRow>> snaps = store.snapshots(env.id);
        if (!snaps)
            return snaps.problem();
        for (const SnapshotRow& s : *snaps) {
            const QString at = QStringLiteral("%1 snapshot #%2").arg(env.name).arg(s.kosliIndex ? *s.kosliIndex : s.seq);
            lines << QStringLiteral("%1: taken %2, confirmed until %3, %4 workloads, %5 instances, source %6")
                         .arg(at, timefmt::formatIso(s.takenAt), timefmt::formatIso(s.confirmedUntil))
                         .arg(s.workloads)
                         .arg(s.instances)
                         .arg(s.sourceSha256.left(12));
            QStringList reports;
            Result<std::vector<std::pair<Millis, qint64>>> reported = store.reportsOf(s.id);
            Result<std::vector<ServerArtifactRow>> server = store.serverArtifacts(s.id);
            if (!reported || !server)
                return !reported ? reported.problem() : server.problem();
            for (const auto& [t, sourceId] : *reported)
                reports << timefmt::formatIso(t);
            lines << QStringLiteral("%1: reported at %2").arg(at, reports.join(QStringLiteral(", ")));
            for (const ServerArtifactRow& a : *server)
                lines << QStringLiteral("%1: Kosli artifact %2 %3 %4").arg(at, a.fingerprint.left(12), a.annotation, a.running ? QStringLiteral("running") : QStringLiteral("exited"));
        }
        QStringList runs;
        Result<std::vector<RunRow>> all = store.allRuns(env.id);
        if (!all)
            return all.problem();
        for (const RunRow& r : *all)
            runs << QStringLiteral("%1 run of %2 (%3): snapshots %4..%5 since %6, %7 instances [%8]")
                        .arg(env.name, r.fingerprint.isEmpty() ? QStringLiteral("unknown") : r.fingerprint.left(12), r.name)
                        .arg(r.firstSeq)
                        .arg(r.lastSeq >= schema::kOpen ? QStringLiteral("latest") : QString::number(r.lastSeq))
                        .arg(r.sinceSeq)
                        .arg(r.instances)
                        .arg(QString(r.detail).replace(QLatin1Char('\n'), QLatin1Char(';')));
        runs.sort();
        lines << runs;
    }
    return lines;
}

class Verifier {
public:
    explicit Verifier(CaseFile& kase)
        : m_case(kase)
        , m_sources(kase.db())
    {
    }

    CaseVerifyReport run()
    {
        // Every check reads one snapshot of the case: an import landing meanwhile (its sources, records and log
        // entries) is either all seen or not at all, so it never looks like tampering.
        m_case.reading([&]() -> Status {
            const QString integrity = m_case.integrityCheck();
            if (integrity != QLatin1String("ok"))
                fail({ m_case.path(), QString(), QStringLiteral("SQLite integrity check: %1").arg(integrity.left(500)) });
            LogStore log(m_case.db());
            Result<std::vector<LogEntry>> read = log.list();
            Result<std::map<QString, SignerKey>> keys = log.keys();
            for (const Problem* p : { read ? nullptr : &read.problem(), keys ? nullptr : &keys.problem() })
                if (p)
                    fail({ m_case.path(), QString(), p->message });
            if (!read || !keys)
                return {};
            const std::vector<LogEntry>& entries = *read;
            m_report.logEntries = int(entries.size());
            m_report.logHead = entries.empty() ? LogStore::genesisHash() : entries.back().hash;
            checkChain(entries);
            checkSignatures(entries, *keys);
            checkSources(entries);
            checkTimeline(entries);
            checkDecisions(entries);
            return {};
        });
        m_report.intact = m_report.problems.empty();
        return std::move(m_report);
    }

private:
    void fail(Problem p) { m_report.problems.push_back(std::move(p)); }

    void checkChain(const std::vector<LogEntry>& entries)
    {
        QString prev = LogStore::genesisHash();
        for (const LogEntry& e : entries) {
            if (LogStore::entryHash(prev, e.at, e.actor, e.action, e.detail) != e.hash)
                fail({ m_case.path(), describe(e), QStringLiteral("its hash does not cover its content and the entry before it: changed, inserted or removed") });
            prev = e.hash;
        }
    }

    void checkSignatures(const std::vector<LogEntry>& entries, const std::map<QString, SignerKey>& keys)
    {
        const LogSignatureReport r = checkLogSignatures(entries, keys);
        for (size_t i = 0; i < entries.size(); ++i)
            if (!r.entries[i].problem.isEmpty())
                fail({ m_case.path(), describe(entries[i]), r.entries[i].problem });
        m_report.logSigners = r.signedBy;
        m_report.logSignerAlgorithms = r.algorithms;
        m_report.unsignedEntries = r.unsignedEntries;
        m_report.unsignedAfterSigned = r.unsignedAfterSigned;
        m_report.firstUnsignedAfterSigned = r.firstUnsignedAfterSigned;
        m_report.cosignedEntries = r.cosigned;
    }

    void checkSources(const std::vector<LogEntry>& entries)
    {
        std::set<QString> logged;
        for (const LogEntry& e : entries)
            if (e.action == QLatin1String("import") || e.action == QLatin1String("policy"))
                logged.insert(QJsonDocument::fromJson(e.detail.toUtf8())[QLatin1String("sha256")].toString());
        Result<std::vector<SourceRecord>> sources = m_sources.list();
        if (!sources) {
            fail({ m_case.path(), QString(), sources.problem().message });
            return;
        }
        for (const SourceRecord& s : *sources) {
            ++m_report.sources;
            Result<QByteArray> bytes = m_sources.loadCached(s.id);
            if (!bytes) {
                fail({ m_case.path(), QStringLiteral("source %1 (%2)").arg(s.id).arg(s.name), bytes.problem().message });
                continue;
            }
            const QString sha = sha256Hex(*bytes);
            if (sha != s.sha256)
                fail({ m_case.path(), QStringLiteral("source %1 (%2)").arg(s.id).arg(s.name),
                    QStringLiteral("its stored bytes hash to %1, not the %2 recorded at import").arg(sha, s.sha256) });
            if (!logged.count(s.sha256))
                fail({ m_case.path(), QStringLiteral("source %1 (%2)").arg(s.id).arg(s.name), QStringLiteral("no import in the log brought it in") });
        }
    }

    // Replays every import the log records, in order, into a case in memory, and compares.
    void checkTimeline(const std::vector<LogEntry>& entries)
    {
        Result<std::unique_ptr<CaseFile>> memory = CaseFile::open(QStringLiteral(":memory:"));
        if (!memory) {
            fail({ m_case.path(), QString(), QStringLiteral("cannot replay the imports: ") + memory.error() });
            return;
        }
        CaseFile& replay = **memory;
        SourceStore replaySources(replay.db());
        SnapshotRecorder recorder(replay.db());
        JsonDocument json;
        std::map<QString, qint64> replayIds;
        std::map<qint64, const LogEntry*> byId;
        for (const LogEntry& e : entries)
            byId[e.id] = &e;
        const Status s = replay.transaction([&]() -> Status {
            // Imports a retraction took back are not replayed: their records left the case with it.
            for (const ImportRecord& import : importRecords(entries)) {
                if (!import.isSnapshot || import.retracted)
                    continue;
                const LogEntry& e = *byId[import.logId];
                const QString& sha = import.sha256;
                Result<std::optional<SourceRecord>> found = m_sources.findBySha(sha);
                if (!found) {
                    fail({ m_case.path(), describe(e), found.problem().message });
                    continue;
                }
                const std::optional<SourceRecord>& original = *found;
                if (!original) {
                    fail({ m_case.path(), describe(e), QStringLiteral("the source it imported (%1) is not in the case").arg(sha) });
                    continue;
                }
                Result<QByteArray> bytes = m_sources.loadCached(original->id);
                if (!bytes)
                    continue; // reported with the sources
                qint64& id = replayIds[sha];
                if (!id) {
                    SourceRecord meta = *original;
                    meta.baseId = 0;
                    meta.depth = 0;
                    Result<qint64> added = replaySources.insert(meta, EncodedSource { QByteArray("-"), QStringLiteral("raw") });
                    if (!added)
                        return added.problem();
                    id = *added;
                }
                Result<ReportOutcome> r = replaySnapshot(recorder, import, *bytes, id, json);
                if (!r)
                    fail({ m_case.path(), describe(e),
                        r.problem().message.startsWith(QLatin1String("its source"))
                            ? r.problem().message
                            : QStringLiteral("replaying it fails: ") + r.problem().message });
            }
            return {};
        });
        if (!s) {
            fail({ m_case.path(), QString(), QStringLiteral("cannot replay the imports: ") + s.problem().message });
            return;
        }
        const Result<QStringList> readRecorded = timelineLines(m_case);
        const Result<QStringList> readReplayed = timelineLines(replay);
        if (!readRecorded || !readReplayed) {
            fail({ m_case.path(), QString(), (!readRecorded ? readRecorded : readReplayed).problem().message });
            return;
        }
        const QStringList& recorded = *readRecorded;
        const QStringList& replayed = *readReplayed;
        for (const QString& line : recorded)
            if (line.contains(QLatin1String(" snapshot #")) && line.contains(QLatin1String(": taken ")))
                ++m_report.snapshots;
        const qsizetype n = std::max(recorded.size(), replayed.size());
        for (qsizetype i = 0; i < n; ++i) {
            const QString a = recorded.value(i), b = replayed.value(i);
            if (a == b)
                continue;
            fail({ m_case.path(), QStringLiteral("timeline"),
                QStringLiteral("the case records \"%1\" where its sources give \"%2\"")
                    .arg(a.isEmpty() ? QStringLiteral("nothing") : a, b.isEmpty() ? QStringLiteral("nothing") : b) });
            break;
        }
    }

    void checkDecisions(const std::vector<LogEntry>& entries)
    {
        std::map<qint64, const LogEntry*> byId;
        for (const LogEntry& e : entries)
            byId[e.id] = &e;
        ComplianceStore store(m_case.db());
        std::set<qint64> used;
        // An unreadable table is a problem of the case, never an empty one.
        auto readable = [&](const auto& r) {
            if (!r)
                fail({ m_case.path(), QString(), r.problem().message });
            return bool(r);
        };
        const auto reviews = store.reviews();
        const auto allowList = store.allowList();
        const auto policies = store.policies();
        if (!readable(reviews) || !readable(allowList) || !readable(policies))
            return;
        for (const Review& r : *reviews) {
            ++m_report.reviews;
            used.insert(r.logId);
            auto it = byId.find(r.logId);
            const QJsonObject d = it == byId.end() ? QJsonObject() : QJsonDocument::fromJson(it->second->detail.toUtf8()).object();
            if (it == byId.end() || it->second->action != QLatin1String("review") || d[QLatin1String("finding")].toString() != r.findingId
                || d[QLatin1String("disposition")].toString() != dispositionName(r.disposition) || d[QLatin1String("note")].toString() != r.note
                || d[QLatin1String("reviewer")].toString() != r.reviewer || it->second->at != r.at)
                fail({ m_case.path(), QStringLiteral("review %1 of %2").arg(r.id).arg(r.findingId),
                    QStringLiteral("it does not match the log entry that recorded it") });
        }
        for (const AllowEntry& a : *allowList) {
            used.insert(a.logId);
            auto it = byId.find(a.logId);
            const QJsonObject d = it == byId.end() ? QJsonObject() : QJsonDocument::fromJson(it->second->detail.toUtf8()).object();
            if (it == byId.end() || it->second->action != QLatin1String("allow") || d[QLatin1String("reason")].toString() != a.reason
                || d[QLatin1String("fingerprint")].toString() != a.fingerprint || d[QLatin1String("name_pattern")].toString() != a.namePattern
                || d[QLatin1String("valid_until")].toString() != (a.validUntil ? timefmt::formatIso(*a.validUntil) : QString()))
                fail({ m_case.path(), QStringLiteral("allow-list entry %1").arg(a.id), QStringLiteral("it does not match the log entry that recorded it") });
        }
        for (const LogEntry& e : entries)
            if ((e.action == QLatin1String("review") || e.action == QLatin1String("allow")) && !used.count(e.id))
                fail({ m_case.path(), describe(e), QStringLiteral("the decision it records is missing from the case") });
        std::set<QString> policyEntries;
        for (const LogEntry& e : entries)
            if (e.action == QLatin1String("policy")) {
                const QJsonObject d = QJsonDocument::fromJson(e.detail.toUtf8()).object();
                policyEntries.insert(d[QLatin1String("policy")].toString() + QLatin1Char(' ') + QString::number(d[QLatin1String("version")].toInt())
                    + QLatin1Char(' ') + d[QLatin1String("sha256")].toString());
            }
        for (const PolicyVersion& p : *policies)
            if (!policyEntries.count(p.name + QLatin1Char(' ') + QString::number(p.version) + QLatin1Char(' ') + p.sourceSha256))
                fail({ m_case.path(), QStringLiteral("policy %1 v%2").arg(p.name).arg(p.version), QStringLiteral("no log entry imported this version") });
    }

    CaseFile& m_case;
    SourceStore m_sources;
    CaseVerifyReport m_report;
};

} // namespace

CaseVerifyReport verifyCase(CaseFile& kase)
{
    Verifier v(kase);
    return v.run();
}

QString logSignatureSummary(const CaseVerifyReport& r)
{
    QStringList by;
    for (const auto& [key, n] : r.logSigners)
        by << QStringLiteral("%1 by the %2 key %3").arg(n).arg(signerKeyDescription(r.logSignerAlgorithms.count(key) ? r.logSignerAlgorithms.at(key) : QString()), key);
    QString line = QStringLiteral("log signatures: %1; unsigned entries: %2")
                       .arg(by.isEmpty() ? QStringLiteral("none") : by.join(QStringLiteral(", ")))
                       .arg(r.unsignedEntries);
    if (r.unsignedAfterSigned)
        line += QStringLiteral(" (%1 after signed ones, from entry %2: written without a key, or their key and signature removed; "
                               "only a pack exported before can tell which)")
                    .arg(r.unsignedAfterSigned)
                    .arg(r.firstUnsignedAfterSigned);
    else if (r.unsignedEntries)
        line += QStringLiteral(" (written before the log was signed)");
    if (r.cosignedEntries)
        line += QStringLiteral("; decisions signed by their reviewer's own key too: %1").arg(r.cosignedEntries);
    return line;
}

} // namespace tideline
