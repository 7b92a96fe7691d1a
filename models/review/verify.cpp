// SPDX-License-Identifier: GPL-3.0-or-later
#include "verify.h"

#include "domain/hash.h"
#include "import/filereader.h"
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

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <condition_variable>
#include <deque>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace tideline {

namespace {

QString describe(const LogEntry& e)
{
    return QStringLiteral("log entry %1 (%2 by %3 at %4)").arg(e.id).arg(e.action, e.actor, timefmt::formatIso(e.at));
}

// Everything the timeline records, as read: each environment's snapshots, their reports and Kosli artifacts, and
// its runs. Read with a few queries per environment (not per snapshot) on the case's own thread; turned into lines
// anywhere.
struct TimelineRows {
    struct Environment {
        EnvRow env;
        std::vector<SnapshotRow> snapshots;
        std::map<qint64, std::vector<Millis>> reports;
        std::map<qint64, std::vector<ServerArtifactRow>> server;
        std::vector<RunRow> runs;
    };
    std::vector<Environment> environments;
};

Result<TimelineRows> readTimeline(CaseFile& kase)
{
    TimelineStore store(kase.db());
    TimelineRows rows;
    Result<std::vector<EnvRow>> envs = store.environments();
    if (!envs)
        return envs.problem();
    for (const EnvRow& env : *envs) {
        TimelineRows::Environment e;
        e.env = env;
        Result<std::vector<SnapshotRow>> snaps = store.snapshots(env.id);
        Result<std::map<qint64, std::vector<Millis>>> reports = store.reportTimesOfEnvironment(env.id);
        Result<std::map<qint64, std::vector<ServerArtifactRow>>> server = store.serverArtifactsOfEnvironment(env.id);
        Result<std::vector<RunRow>> runs = store.allRuns(env.id);
        for (const Problem* p : { snaps ? nullptr : &snaps.problem(), reports ? nullptr : &reports.problem(),
                 server ? nullptr : &server.problem(), runs ? nullptr : &runs.problem() })
            if (p)
                return *p;
        e.snapshots = std::move(snaps).value();
        e.reports = std::move(reports).value();
        e.server = std::move(server).value();
        e.runs = std::move(runs).value();
        rows.environments.push_back(std::move(e));
    }
    return rows;
}

// The timeline, one line per row, in a canonical order.
QStringList timelineLines(const TimelineRows& rows)
{
    QStringList lines;
    for (const TimelineRows::Environment& e : rows.environments) {
        const EnvRow& env = e.env;
        lines << QStringLiteral("environment %1 (%2)").arg(env.name, env.type);
        for (const SnapshotRow& s : e.snapshots) {
            const QString at = env.name + QStringLiteral(" snapshot #") + QString::number(s.kosliIndex ? *s.kosliIndex : s.seq);
            lines << at + QStringLiteral(": taken ") + timefmt::formatIso(s.takenAt) + QStringLiteral(", confirmed until ")
                    + timefmt::formatIso(s.confirmedUntil) + QStringLiteral(", ") + QString::number(s.workloads) + QStringLiteral(" workloads, ")
                    + QString::number(s.instances) + QStringLiteral(" instances, source ") + s.sourceSha256.left(12);
            QString reported = at + QStringLiteral(": reported at ");
            const auto r = e.reports.find(s.id);
            if (r != e.reports.end())
                for (size_t i = 0; i < r->second.size(); ++i) {
                    if (i)
                        reported += QStringLiteral(", ");
                    reported += timefmt::formatIso(r->second[i]);
                }
            lines << reported;
            const auto server = e.server.find(s.id);
            if (server != e.server.end())
                for (const ServerArtifactRow& a : server->second)
                    lines << QStringLiteral("%1: Kosli artifact %2 %3 %4").arg(at, a.fingerprint.left(12), a.annotation, a.running ? QStringLiteral("running") : QStringLiteral("exited"));
        }
        QStringList runs;
        runs.reserve(qsizetype(e.runs.size()));
        for (const RunRow& r : e.runs)
            runs << env.name + QStringLiteral(" run of ") + (r.fingerprint.isEmpty() ? QStringLiteral("unknown") : r.fingerprint.left(12))
                    + QStringLiteral(" (") + r.name + QStringLiteral("): snapshots ") + QString::number(r.firstSeq) + QStringLiteral("..")
                    + (r.lastSeq >= schema::kOpen ? QStringLiteral("latest") : QString::number(r.lastSeq)) + QStringLiteral(" since ")
                    + QString::number(r.sinceSeq) + QStringLiteral(", ") + QString::number(r.instances) + QStringLiteral(" instances [")
                    + QString(r.detail).replace(QLatin1Char('\n'), QLatin1Char(';')) + QLatin1Char(']');
        runs.sort();
        lines << runs;
    }
    return lines;
}

class Verifier {
public:
    Verifier(CaseFile& kase, const VerifyProgress& progress)
        : m_case(kase)
        , m_sources(kase.db())
        , m_progress(progress)
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
            checkSourcesAndTimeline(entries);
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

    // Every stored source read back once, in id order: decompressed here, hashed (and, for the snapshots an import
    // brought, parsed) on worker threads, compared with what the log recorded, and the snapshots replayed, in log
    // order, into a case in memory whose timeline must be the one the case records.
    void checkSourcesAndTimeline(const std::vector<LogEntry>& entries)
    {
        std::set<QString> logged;
        for (const LogEntry& e : entries)
            if (e.action == QLatin1String("import") || e.action == QLatin1String("policy"))
                logged.insert(QJsonDocument::fromJson(e.detail.toUtf8())[QLatin1String("sha256")].toString());
        Result<std::vector<SourceRecord>> listed = m_sources.list();
        if (!listed) {
            fail({ m_case.path(), QString(), listed.problem().message });
            return;
        }
        const std::vector<SourceRecord>& sources = *listed;
        std::map<QString, size_t> bySha;
        qint64 total = 0;
        for (size_t i = 0; i < sources.size(); ++i) {
            bySha.emplace(sources[i].sha256, i);
            total += sources[i].size;
        }
        for (const LogEntry& e : entries)
            m_byId[e.id] = &e;

        // The imports to replay, in log order (a retraction's imports are not: their records left with it), and
        // for each source the first of them that uses it. Parsing rides along with the hashing when the sources,
        // in id order, meet the imports in log order (as an import writes them); otherwise each is read again.
        m_replays.clear();
        for (const ImportRecord& import : importRecords(entries))
            if (import.isSnapshot && !import.retracted)
                m_replays.push_back(Replay { import, bySha.count(import.sha256) ? static_cast<qint64>(bySha.at(import.sha256)) : -1 });
        std::vector<qint64> firstUse(sources.size(), -1);
        bool inOrder = true;
        qint64 lastId = 0;
        for (size_t i = 0; i < m_replays.size(); ++i) {
            const qint64 src = m_replays[i].source;
            if (src < 0 || firstUse[static_cast<size_t>(src)] >= 0)
                continue;
            firstUse[static_cast<size_t>(src)] = static_cast<qint64>(i);
            inOrder = inOrder && sources[static_cast<size_t>(src)].id > lastId;
            lastId = sources[static_cast<size_t>(src)].id;
        }

        // The timeline the case records, read now (in this transaction) and put into lines on a thread of its own
        // while the sources are read back.
        Result<TimelineRows> recordedRows = readTimeline(m_case);
        if (!recordedRows) {
            fail({ m_case.path(), QString(), recordedRows.problem().message });
            return;
        }
        for (const TimelineRows::Environment& e : recordedRows->environments)
            m_report.snapshots += int(e.snapshots.size());
        std::future<QStringList> recordedLines
            = std::async(std::launch::async, [rows = std::move(recordedRows).value()] { return timelineLines(rows); });

        Result<std::unique_ptr<CaseFile>> memory = CaseFile::open(QStringLiteral(":memory:"));
        if (!memory) {
            fail({ m_case.path(), QString(), QStringLiteral("cannot replay the imports: ") + memory.error() });
            return;
        }
        CaseFile& replay = **memory;
        SourceStore replaySources(replay.db());
        SnapshotRecorder recorder(replay.db());
        m_unreadable.assign(sources.size(), false);
        size_t cursor = 0;

        // Records the replays due up to (and with) the one whose source has just been read and parsed; stops at
        // the first whose source is still to come.
        auto recordDue = [&](qint64 readSource, const ParsedFile* parsed) -> Status {
            for (; cursor < m_replays.size(); ++cursor) {
                if (!inOrder && readSource >= 0)
                    return {}; // replayed after every source was read
                const Replay& r = m_replays[cursor];
                if (r.source < 0) {
                    fail({ m_case.path(), describe(*m_byId[r.import.logId]),
                        QStringLiteral("the source it imported (%1) is not in the case").arg(r.import.sha256) });
                    continue;
                }
                const bool first = firstUse[static_cast<size_t>(r.source)] == static_cast<qint64>(cursor);
                if (first && inOrder && readSource >= 0 && r.source != readSource)
                    return {}; // its source is still to be read
                if (m_unreadable[static_cast<size_t>(r.source)])
                    continue; // reported with the sources
                Status s = first && inOrder && parsed ? recordOne(recorder, replaySources, r, sources[static_cast<size_t>(r.source)], *parsed)
                                                      : recordFromStore(recorder, replaySources, r, sources[static_cast<size_t>(r.source)]);
                if (!s)
                    return s;
            }
            return {};
        };

        const Status s = replay.transaction([&]() -> Status {
            Status recorded;
            qint64 done = 0;
            QElapsedTimer sinceProgress;
            sinceProgress.start();
            readSources(sources, [&](size_t i) { return inOrder && firstUse[i] >= 0 ? &m_replays[static_cast<size_t>(firstUse[i])].import : nullptr; },
                [&](size_t i, Read& read) -> bool {
                    const SourceRecord& src = sources[i];
                    const QString where = QStringLiteral("source %1 (%2)").arg(src.id).arg(src.name);
                    ++m_report.sources;
                    done += src.size;
                    if (m_progress && (sinceProgress.elapsed() >= 100 || done == total)) {
                        m_progress(done, total);
                        sinceProgress.restart();
                    }
                    if (!read.problem.message.isEmpty()) {
                        m_unreadable[i] = true;
                        fail({ m_case.path(), where, read.problem.message });
                    } else if (read.sha256 != src.sha256) {
                        fail({ m_case.path(), where, QStringLiteral("its stored bytes hash to %1, not the %2 recorded at import").arg(read.sha256, src.sha256) });
                    }
                    if (!logged.count(src.sha256))
                        fail({ m_case.path(), where, QStringLiteral("no import in the log brought it in") });
                    recorded = recordDue(static_cast<qint64>(i), read.parsed ? &*read.parsed : nullptr);
                    return bool(recorded);
                });
            if (!recorded)
                return recorded;
            if (m_progress && total == 0)
                m_progress(0, 0);
            return recordDue(-1, nullptr); // those left: a source read twice, or all when out of order
        });
        if (!s) {
            fail({ m_case.path(), QString(), QStringLiteral("cannot replay the imports: ") + s.problem().message });
            return;
        }
        compareTimelines(recordedLines.get(), replay);
    }

    struct Replay {
        ImportRecord import;
        qint64 source = -1; // index into the sources, or -1 when no source has its sha256
    };
    // A source read back: its sha256, and, when an import replays it next, its parse.
    struct Read {
        QString sha256;
        Problem problem; // it could not be read
        std::optional<ParsedFile> parsed;
    };

    // Reads every source in order on this thread (a delta's base just before it, so each chain decodes once) and
    // hashes and parses them on worker threads; each one read comes back to use, in order, on this thread. use
    // returns false to stop.
    void readSources(const std::vector<SourceRecord>& sources, const std::function<const ImportRecord*(size_t)>& parseAs,
        const std::function<bool(size_t, Read&)>& use)
    {
        struct Job {
            size_t index = 0;
            QByteArray bytes;
            const ImportRecord* parseAs = nullptr;
            Read read;
            bool ready = false;
        };
        std::mutex mutex;
        std::condition_variable workCv, readyCv;
        std::deque<std::shared_ptr<Job>> inFlight; // in order; workers take the first not yet taken
        size_t taken = 0; // how many of inFlight's front a worker has taken (counted from its front)
        bool stop = false;
        constexpr size_t kMaxJobs = 32;
        constexpr qint64 kMaxBytes = qint64(256) << 20;
        qint64 bytesInFlight = 0;

        const int workers = std::max(1, std::min(8, QThread::idealThreadCount()));
        std::vector<std::thread> pool;
        for (int w = 0; w < workers; ++w)
            pool.emplace_back([&] {
                JsonDocument json;
                std::unique_lock lock(mutex);
                for (;;) {
                    workCv.wait(lock, [&] { return stop || taken < inFlight.size(); });
                    if (stop)
                        return;
                    std::shared_ptr<Job> job = inFlight[taken++];
                    lock.unlock();
                    if (job->read.problem.message.isEmpty()) {
                        job->read.sha256 = sha256Hex(job->bytes);
                        if (job->parseAs)
                            job->read.parsed = parseForReplay(*job->parseAs, job->bytes, json);
                    }
                    job->bytes = QByteArray();
                    lock.lock();
                    job->ready = true;
                    readyCv.notify_all();
                }
            });

        // Hands the finished jobs at the front to use, in order: those ready (Ready), at least one (One), or all (All).
        enum class Drain { Ready, One, All };
        bool going = true;
        auto drain = [&](Drain how) {
            std::unique_lock lock(mutex);
            bool handed = false;
            while (!inFlight.empty()) {
                if (!inFlight.front()->ready) {
                    if (how == Drain::Ready || (how == Drain::One && handed))
                        return;
                    readyCv.wait(lock, [&] { return inFlight.front()->ready; });
                }
                std::shared_ptr<Job> job = inFlight.front();
                inFlight.pop_front();
                --taken;
                bytesInFlight -= sources[job->index].size;
                lock.unlock();
                if (going)
                    going = use(job->index, job->read);
                job.reset();
                handed = true;
                lock.lock();
            }
        };
        for (size_t i = 0; i < sources.size() && going; ++i) {
            auto job = std::make_shared<Job>();
            job->index = i;
            Result<QByteArray> bytes = m_sources.loadCached(sources[i].id);
            if (bytes)
                job->bytes = std::move(bytes).value();
            else
                job->read.problem = bytes.problem();
            job->parseAs = parseAs(i);
            bool full = false;
            {
                std::lock_guard lock(mutex);
                inFlight.push_back(job);
                bytesInFlight += sources[i].size;
                full = inFlight.size() >= kMaxJobs || bytesInFlight >= kMaxBytes;
            }
            workCv.notify_one();
            drain(full ? Drain::One : Drain::Ready);
        }
        drain(Drain::All);
        {
            std::lock_guard lock(mutex);
            stop = true;
        }
        workCv.notify_all();
        for (std::thread& t : pool)
            t.join();
    }

    Status recordOne(SnapshotRecorder& recorder, SourceStore& replaySources, const Replay& r, const SourceRecord& original,
        const ParsedFile& parsed)
    {
        Result<qint64> id = replaySourceId(replaySources, original);
        if (!id)
            return id.problem();
        Result<ReportOutcome> o = recordReplayed(recorder, r.import, parsed, *id);
        if (!o)
            fail({ m_case.path(), describe(*m_byId[r.import.logId]),
                o.problem().message.startsWith(QLatin1String("its source")) ? o.problem().message
                                                                            : QStringLiteral("replaying it fails: ") + o.problem().message });
        return {};
    }

    // A replay whose parse did not ride along with the hashing: its source is read again.
    Status recordFromStore(SnapshotRecorder& recorder, SourceStore& replaySources, const Replay& r, const SourceRecord& original)
    {
        Result<QByteArray> bytes = m_sources.loadCached(original.id);
        if (!bytes)
            return {}; // reported with the sources
        return recordOne(recorder, replaySources, r, original, parseForReplay(r.import, *bytes, m_json));
    }

    Result<qint64> replaySourceId(SourceStore& replaySources, const SourceRecord& original)
    {
        qint64& id = m_replayIds[original.sha256];
        if (!id) {
            SourceRecord meta = original;
            meta.baseId = 0;
            meta.depth = 0;
            Result<qint64> added = replaySources.insert(meta, EncodedSource { QByteArray("-"), QStringLiteral("raw") });
            if (!added)
                return added.problem();
            id = *added;
        }
        return id;
    }

    // recorded: the case's own timeline, in lines (read in the same transaction as everything else).
    void compareTimelines(const QStringList& recorded, CaseFile& replay)
    {
        const Result<TimelineRows> readReplayed = readTimeline(replay);
        if (!readReplayed) {
            fail({ m_case.path(), QString(), readReplayed.problem().message });
            return;
        }
        const QStringList replayed = timelineLines(*readReplayed);
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
    const VerifyProgress& m_progress;
    CaseVerifyReport m_report;
    std::map<qint64, const LogEntry*> m_byId;
    std::vector<Replay> m_replays;
    std::vector<bool> m_unreadable; // per source: it could not be read back
    std::map<QString, qint64> m_replayIds; // sha256 -> the source's id in the case replayed into
    JsonDocument m_json;
};

} // namespace

CaseVerifyReport verifyCase(CaseFile& kase, const VerifyProgress& progress)
{
    Verifier v(kase, progress);
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
