// SPDX-License-Identifier: GPL-3.0-or-later
#include "importer.h"

#include "evidence/evidencefile.h"
#include "domain/hash.h"
#include "evidence/evidencerecorder.h"
#include "import/filereader.h"
#include "domain/json.h"
#include "store/casefile.h"
#include "compliance/policyversions.h"
#include "store/compliancestore.h"
#include "store/logstore.h"
#include "store/sourcecodec.h"
#include "store/sourcestore.h"
#include "store/timelinestore.h"
#include "timeline/snapshotrecorder.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QThread>

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace tideline {

namespace {

// Every this many files of a folder, a source is stored whole, so delta chains stay short.
constexpr int kKeyframeEvery = 128;
// Files are committed in groups (each file a savepoint of its own, so a failing file leaves no trace):
// one commit per file would rewrite every page it touches into the WAL, most of the import's cost.
// A group closes after this long or this many files; a killed import loses at most the open group.
constexpr qint64 kGroupMillis = 250;
constexpr int kGroupFiles = 256;
constexpr size_t kMaxInFlight = 24;
constexpr qint64 kMaxInFlightBytes = qint64(192) << 20;

struct Job {
    size_t seq = 0;
    BundleEntry entry;
    std::shared_ptr<const QByteArray> base; // previous file of the same folder, for delta coding
    size_t baseSeq = 0;
    std::optional<Problem> walkProblem; // a problem the walker reported, kept in order
};

struct Prepared {
    size_t seq = 0;
    BundleEntry entry;
    QString sha256;
    ParsedFile parsed;
    EncodedSource encoded;
    size_t baseSeq = 0; // 0: no base
    std::optional<Problem> walkProblem;
};

QString missingContext(bool env, bool type, bool time, const QStringList& candidates)
{
    QStringList missing;
    if (env)
        missing << QStringLiteral("the environment (--env)");
    if (type)
        missing << (candidates.isEmpty() ? QStringLiteral("the environment type (--type)")
                                         : QStringLiteral("the environment type (--type %1)").arg(candidates.join(QLatin1Char('|'))));
    if (time)
        missing << QStringLiteral("the capture time (--at)");
    return QStringLiteral("this payload does not say %1; give it on the command line or in a tideline-bundle.json entry")
        .arg(missing.join(QStringLiteral(" or ")));
}

class Pipeline {
public:
    Pipeline(CaseFile& kase, const ImportOptions& options)
        : m_case(kase)
        , m_options(options)
        , m_recorder(kase.db())
        , m_sources(kase.db())
        , m_log(kase.db())
        , m_timeline(kase.db())
        , m_compliance(kase.db())
        , m_evidence(kase)
    {
    }

    ImportReport run(const QStringList& paths)
    {
        QElapsedTimer timer;
        timer.start();
        // Trusted roots named with --trusted-root first: evidence after them verifies against them at once.
        QStringList inputs = m_options.trustedRoots;
        for (const QString& p : paths)
            if (!inputs.contains(p))
                inputs << p;
        BundleWalker walker(inputs, m_options.limits);
        walker.prepare([this](const Problem& p) { m_report.errors.push_back(p); });
        m_progress.filesTotal = walker.totalFiles();
        m_progress.bytesTotal = walker.totalBytes();

        // A wait for another writer of the case shows as progress, so that a second import does not look hung.
        m_case.setWaitObserver([this](qint64 waited) {
            m_progress.waitingMs = waited;
            if (m_options.progress)
                m_options.progress(m_progress);
            m_progress.waitingMs = 0;
        });
        int workers = m_options.workers > 0 ? m_options.workers : std::max(1, QThread::idealThreadCount());
        std::thread producer([&] { produce(walker); });
        std::vector<std::thread> pool;
        for (int i = 0; i < workers; ++i)
            pool.emplace_back([this] { work(); });
        write();
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_spaceCv.notify_all();
        m_jobCv.notify_all();
        m_doneCv.notify_all();
        producer.join();
        for (auto& t : pool)
            t.join();
        m_case.setWaitObserver(nullptr);
        m_report.cancelled = userCancelled();
        if (m_report.stopped) {
            const int notImported = std::max(0, m_progress.filesTotal - m_progress.filesDone);
            m_report.stopped->message += QStringLiteral("; %1 files were not imported").arg(notImported);
        }
        m_report.seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
        return std::move(m_report);
    }

private:
    bool userCancelled() const { return m_options.cancel && m_options.cancel->load(); }
    // Cancelled by the user, or stopped because nothing more can be written.
    bool cancelled() const
    {
        if (userCancelled())
            m_halt = true;
        return m_halt.load();
    }

    // A failure after which no later file could land either: the disk is full, the case cannot be written, or the
    // file was deleted or replaced under the import. The import stops at once instead of trying every file left.
    bool stopsTheImport(const Problem& p)
    {
        QString why;
        const QString& m = p.message;
        if (m.contains(QLatin1String("database or disk is full")) || m.contains(QLatin1String("disk is full")))
            why = QStringLiteral("disk full: the import stopped; what it committed before is kept");
        else if (m.contains(QLatin1String("disk I/O error")))
            why = QStringLiteral("the case cannot be written (disk I/O error): the import stopped; what it committed before is kept");
        else if (m.contains(QLatin1String("your role on the server may not")))
            why = QStringLiteral("your role on the server may not import into this case (its owner grants roles with `tideline case grant`): the "
                                 "import stopped; what it committed before, if anything, is kept");
        else if (m.contains(QLatin1String("readonly database")))
            why = QStringLiteral("the case can no longer be written (read-only): the import stopped; what it committed before is kept");
        else if (!m_case.stillInPlace())
            why = QStringLiteral("the case file was deleted or replaced during the import: the import stopped, and what it wrote went with the old file");
        if (why.isEmpty())
            return false;
        stop(why);
        return true;
    }
    void stop(const QString& why)
    {
        if (!m_report.stopped)
            m_report.stopped = Problem(m_case.path(), QString(), why);
        m_halt = true;
    }

    // Walker thread: reads files in order, bounded by what is in flight.
    void produce(BundleWalker& walker)
    {
        std::unordered_map<QString, std::pair<std::shared_ptr<const QByteArray>, std::pair<size_t, int>>> lastOfGroup;
        auto push = [this](Job&& job, qint64 bytes) -> bool {
            std::unique_lock lock(m_mutex);
            m_spaceCv.wait(lock, [&] {
                return m_stop || (m_seqProduced - m_seqWritten < kMaxInFlight && m_bytesInFlight < kMaxInFlightBytes);
            });
            if (m_stop)
                return false;
            job.seq = ++m_seqProduced;
            m_bytesInFlight += bytes;
            m_jobs.push_back(std::move(job));
            m_jobCv.notify_one();
            return true;
        };
        walker.run(
            [&](BundleEntry&& e) -> bool {
                Job job;
                auto& last = lastOfGroup[e.groupKey];
                const int position = last.first ? last.second.second + 1 : 0;
                if (last.first && position % kKeyframeEvery != 0) {
                    job.base = last.first;
                    job.baseSeq = last.second.first;
                }
                auto bytes = std::make_shared<const QByteArray>(e.bytes);
                const qint64 size = e.bytes.size();
                job.entry = std::move(e);
                if (!push(std::move(job), size))
                    return false;
                std::lock_guard lock(m_mutex);
                last = { bytes, { m_seqProduced, position } };
                return true;
            },
            [&](const Problem& p) {
                Job job;
                job.walkProblem = p;
                push(std::move(job), 0);
            },
            &m_halt);
        std::lock_guard lock(m_mutex);
        m_producerDone = true;
        m_jobCv.notify_all();
        m_doneCv.notify_all();
    }

    // Worker threads: hash, detect, parse, group, compress.
    void work()
    {
        JsonDocument json;
        for (;;) {
            Job job;
            {
                std::unique_lock lock(m_mutex);
                m_jobCv.wait(lock, [&] { return m_stop || !m_jobs.empty() || m_producerDone; });
                if (m_stop || (m_jobs.empty() && m_producerDone))
                    return;
                job = std::move(m_jobs.front());
                m_jobs.pop_front();
            }
            QElapsedTimer busy;
            busy.start();
            Prepared p;
            p.seq = job.seq;
            p.walkProblem = job.walkProblem;
            if (!job.walkProblem) {
                p.sha256 = sha256Hex(job.entry.bytes);
                p.parsed = parseFile(job.entry, json);
                if (p.parsed.kind != ParsedFile::Kind::Unknown && p.parsed.kind != ParsedFile::Kind::Failed) {
                    p.encoded = encodeSource(job.entry.bytes, job.base.get());
                    if (p.encoded.codec == QLatin1String("zstd-delta"))
                        p.baseSeq = job.baseSeq;
                }
            }
            p.entry = std::move(job.entry);
            {
                std::lock_guard lock(m_mutex);
                m_done.emplace(p.seq, std::move(p));
                m_report.parseSeconds += static_cast<double>(busy.nsecsElapsed()) / 1e9;
            }
            m_doneCv.notify_one();
        }
    }

    // This thread: commits in order, each file in a transaction of its own.
    void write()
    {
        struct Flush {
            Pipeline* p;
            ~Flush() { p->flushGroup(true); }
        } flushAtEnd { this };
        for (;;) {
            Prepared p;
            {
                std::unique_lock lock(m_mutex);
                m_doneCv.wait(lock, [&] {
                    return m_done.count(m_seqWritten + 1) || (m_producerDone && m_seqWritten == m_seqProduced);
                });
                if (!m_done.count(m_seqWritten + 1))
                    return;
                auto it = m_done.find(m_seqWritten + 1);
                p = std::move(it->second);
                m_done.erase(it);
            }
            const qint64 size = p.entry.bytes.size();
            QElapsedTimer busy;
            busy.start();
            if (!cancelled())
                commit(p);
            flushGroup(false);
            m_report.commitSeconds += static_cast<double>(busy.nsecsElapsed()) / 1e9;
            {
                std::lock_guard lock(m_mutex);
                ++m_seqWritten;
                m_bytesInFlight -= size;
            }
            m_spaceCv.notify_one();
            if (!p.walkProblem && !m_halt) {
                ++m_progress.filesDone;
                m_progress.bytesDone += size;
                m_report.files += 1;
                m_report.bytes += size;
                m_progress.current = p.entry.displayPath;
                if (m_options.progress)
                    m_options.progress(m_progress);
            }
        }
    }

    struct Known {
        qint64 id = 0;
        int depth = 0;
    };

    // One file, in order: checked against the manifest and given its context, then recorded in a savepoint of
    // its own (its source, what it holds, and its log entry), or reported as skipped, duplicate or failed.
    void commit(Prepared& p)
    {
        if (p.walkProblem) {
            m_report.errors.push_back(*p.walkProblem);
            return;
        }
        const BundleEntry& e = p.entry;
        m_seqSha[p.seq] = p.sha256;
        switch (p.parsed.kind) {
        case ParsedFile::Kind::Unknown:
            m_report.skipped.push_back({ e.displayPath, p.parsed.skipReason });
            return;
        case ParsedFile::Kind::Failed:
            m_report.errors.push_back(p.parsed.problem);
            return;
        default:
            break;
        }
        if (!matchesManifest(p))
            return;
        if (e.container.isEmpty() && m_options.trustedRoots.contains(e.displayPath)
            && (p.parsed.kind != ParsedFile::Kind::Evidence || p.parsed.evidence->roots.empty())) {
            m_report.errors.push_back({ e.displayPath, QString(),
                QStringLiteral("given with --trusted-root, but it is not a Sigstore trusted root (application/vnd.dev.sigstore.trustedroot+json)") });
            return;
        }

        ImportedFile out;
        out.path = e.displayPath;
        out.format = p.parsed.format;
        out.sha256 = p.sha256;
        out.size = e.bytes.size();
        ReportInput report;
        if (p.parsed.kind == ParsedFile::Kind::Snapshot && !snapshotContext(p, out, report))
            return;

        if (!m_case.inTransaction()) {
            if (!m_case.stillInPlace()) {
                stop(QStringLiteral("the case file was deleted or replaced during the import: the import stopped, and what it wrote went with the old file"));
                return;
            }
            if (Status b = m_case.begin(); !b) {
                if (!stopsTheImport(b.problem()))
                    m_report.errors.push_back({ e.displayPath, QString(), b.problem().message });
                return;
            }
            if (m_case.othersWrote()) {
                // Another import or review landed since this import's last group: what it knew of the case
                // (latest snapshots, open runs, artifact ids, keys, sources) is read again.
                m_recorder.reset();
                m_evidence.reset();
                m_known.clear();
            }
            m_group.started.start();
        }
        Recording rec;
        const Status st = m_case.savepoint([&]() -> Status { return record(p, out, report, rec); });
        if (!st) {
            m_recorder.reset();
            m_evidence.reset();
            if (stopsTheImport(st.problem())) {
                // Nothing of the open group can be committed now either.
                m_case.rollback();
                m_known.clear();
                for (const ImportedFile& f : m_group.imported)
                    m_report.errors.push_back({ f.path, QString(), QStringLiteral("not imported: the import stopped") });
                m_group = {};
                return;
            }
            Problem problem = st.problem();
            if (problem.file.isEmpty() || problem.file == m_case.path())
                problem.file = e.displayPath;
            m_report.errors.push_back(problem);
            return;
        }
        if (rec.duplicate) {
            // Only to say when and as what: a failed read leaves those out of the message.
            const Result<std::optional<SourceRecord>> found = m_sources.findBySha(p.sha256);
            const std::optional<SourceRecord> existing = found ? *found : std::nullopt;
            m_report.skipped.push_back({ e.displayPath,
                QStringLiteral("already imported: identical bytes (sha256 %1…) were imported %2 as %3%4")
                    .arg(p.sha256.left(12), existing ? timefmt::formatIso(existing->importedAt) : QString(),
                        existing ? existing->name : QString(),
                        out.isSnapshot ? QStringLiteral(" for this environment and time") : QString()) });
            return;
        }
        if (rec.stored)
            m_group.known.emplace_back(p.sha256, *rec.stored);
        m_group.imported.push_back(std::move(out));
    }

    // What recording one file did, beyond what it reports in its ImportedFile.
    struct Recording {
        bool duplicate = false; // nothing new: the savepoint holds no change worth keeping
        std::optional<Known> stored; // the source this file stored
    };

    bool matchesManifest(const Prepared& p)
    {
        const BundleEntry& e = p.entry;
        if (!e.manifest)
            return true;
        auto expected = e.manifest->sha256.find(e.manifestPath);
        if (expected == e.manifest->sha256.end() || expected->second == p.sha256)
            return true;
        m_report.errors.push_back({ e.displayPath, QString(),
            QStringLiteral("sha256 %1 does not match %2 listed in the manifest").arg(p.sha256, expected->second) });
        return false;
    }

    // A snapshot's environment, type and time: the command line wins over the manifest, which wins over the
    // content; what is still missing comes from the import's fallbacks (the dialog's answers) or is an error.
    bool snapshotContext(const Prepared& p, ImportedFile& out, ReportInput& report)
    {
        const BundleEntry& e = p.entry;
        const ParsedSnapshot& s = *p.parsed.snapshot;
        const BundleManifest::Snapshot* m = nullptr;
        if (e.manifest) {
            auto it = e.manifest->snapshots.find(e.manifestPath);
            if (it != e.manifest->snapshots.end())
                m = &it->second;
        }
        QString env = !m_options.environment.isEmpty() ? m_options.environment : m && !m->environment.isEmpty() ? m->environment : s.environment;
        QString type = s.type;
        const QString wantedType = !m_options.type.isEmpty() ? canonicalType(m_options.type) : m ? m->type : QString();
        if (!wantedType.isEmpty()) {
            if (!type.isEmpty() && type != wantedType) {
                m_report.errors.push_back({ e.displayPath, QString(),
                    QStringLiteral("the content is a %1 snapshot, but %2 was given as its type").arg(type, wantedType) });
                return false;
            }
            if (type.isEmpty() && !s.typeCandidates.isEmpty() && !s.typeCandidates.contains(wantedType)) {
                m_report.errors.push_back({ e.displayPath, QString(),
                    QStringLiteral("a payload of this shape is %1, not %2").arg(s.typeCandidates.join(QStringLiteral(", ")), wantedType) });
                return false;
            }
            type = wantedType;
        }
        std::optional<Millis> at = m_options.at ? m_options.at : m && m->takenAt ? m->takenAt : s.takenAt;
        if (env.isEmpty() || type.isEmpty() || !at) {
            if (env.isEmpty())
                env = m_options.fallbackEnvironment;
            if (!at)
                at = m_options.fallbackAt;
            // An environment we already hold knows its type.
            if (!env.isEmpty() && type.isEmpty()) {
                Result<QString> known = existingType(env);
                if (!known) {
                    m_report.errors.push_back({ e.displayPath, QString(), known.problem().message });
                    return false;
                }
                if (!known->isEmpty() && (s.typeCandidates.isEmpty() || s.typeCandidates.contains(*known)))
                    type = *known;
            }
            const QString fallbackType = canonicalType(m_options.fallbackType);
            if (type.isEmpty() && !fallbackType.isEmpty() && (s.typeCandidates.isEmpty() || s.typeCandidates.contains(fallbackType)))
                type = fallbackType;
            if (env.isEmpty() || type.isEmpty() || !at) {
                m_report.errors.push_back({ e.displayPath, QString(), missingContext(env.isEmpty(), type.isEmpty(), !at, s.typeCandidates) });
                return false;
            }
        }
        out.isSnapshot = true;
        out.environment = env;
        out.type = type;
        out.takenAt = *at;
        out.warnings = s.warnings;
        report.environment = env;
        report.type = type;
        report.takenAt = *at;
        report.kosliIndex = s.kosliIndex;
        report.observations = &s.observations;
        report.grouped = &p.parsed.grouped;
        report.serverArtifacts = &s.serverArtifacts;
        report.compliant = s.compliant;
        report.appliedPolicies = QString::fromStdString(s.appliedPoliciesJson);
        return true;
    }

    // Inside the file's savepoint: its source, then what it holds, then the log entry that says so.
    Status record(Prepared& p, ImportedFile& out, ReportInput& report, Recording& rec)
    {
        Result<qint64> sourceId = recordSource(p, out, rec);
        if (!sourceId)
            return sourceId.problem();
        QJsonObject detail { { QStringLiteral("path"), out.path }, { QStringLiteral("sha256"), out.sha256 },
            { QStringLiteral("format"), out.format } };
        Status s;
        switch (p.parsed.kind) {
        case ParsedFile::Kind::Snapshot:
            s = recordSnapshot(report, *sourceId, out, rec, detail);
            break;
        case ParsedFile::Kind::Evidence:
            s = recordEvidence(p, *sourceId, out, rec, detail);
            break;
        case ParsedFile::Kind::Policy:
            // The same policy bytes again are no new version.
            rec.duplicate = out.knownSource;
            if (!rec.duplicate)
                s = recordPolicy(p, *sourceId, out, detail);
            break;
        default:
            rec.duplicate = out.knownSource; // a manifest seen before adds nothing
            break;
        }
        if (!s || rec.duplicate)
            return s;
        return recordLog(p.parsed.kind == ParsedFile::Kind::Policy ? QStringLiteral("policy") : QStringLiteral("import"), detail);
    }

    // The file's original bytes, once per sha256.
    Result<qint64> recordSource(Prepared& p, ImportedFile& out, Recording& rec)
    {
        Result<std::optional<Known>> existing = known(p.sha256);
        if (!existing)
            return existing.problem();
        if (*existing) {
            out.knownSource = true;
            return (*existing)->id;
        }
        Result<Known> added = storeSource(p);
        if (!added)
            return added.problem();
        rec.stored = *added;
        return added->id;
    }

    Status recordSnapshot(ReportInput& report, qint64 sourceId, ImportedFile& out, Recording& rec, QJsonObject& detail)
    {
        report.sourceId = sourceId;
        report.newSource = !out.knownSource;
        Result<ReportOutcome> r = m_recorder.record(report);
        if (!r)
            return r.problem();
        if (r->alreadyRecorded) {
            rec.duplicate = true;
            return {};
        }
        out.snapshotIndex = r->snapshotIndex;
        out.newSnapshot = r->newSnapshot;
        out.workloads = r->workloads;
        detail.insert(QStringLiteral("environment"), out.environment);
        detail.insert(QStringLiteral("type"), out.type);
        detail.insert(QStringLiteral("taken_at"), timefmt::formatIso(out.takenAt));
        detail.insert(QStringLiteral("snapshot"), out.snapshotIndex);
        return {};
    }

    Status recordEvidence(const Prepared& p, qint64 sourceId, ImportedFile& out, Recording& rec, QJsonObject& detail)
    {
        Result<EvidenceOutcome> r = m_evidence.record(*p.parsed.evidence, sourceId, !out.knownSource, evidenceContext(p.entry));
        if (!r)
            return r.problem();
        if (r->nothingNew) {
            rec.duplicate = true;
            return {};
        }
        out.evidence = r->evidence;
        out.bindings = r->bindings;
        out.keys = r->keys;
        out.anchors = r->anchors;
        out.warnings = r->warnings;
        out.packages = r->packages;
        out.advisories = r->advisories;
        out.vex = r->vex;
        detail.insert(QStringLiteral("evidence"), out.evidence);
        detail.insert(QStringLiteral("bindings"), out.bindings);
        for (const auto& [key, n] : { std::pair { "packages", out.packages }, { "advisories", out.advisories }, { "vex_statements", out.vex } })
            if (n > 0)
                detail.insert(QLatin1String(key), n);
        if (!out.keys.isEmpty())
            detail.insert(QStringLiteral("keys"), QJsonArray::fromStringList(out.keys));
        // The log says which keys and roots this import trusted, and which it left untrusted, with where they came from.
        QJsonArray trusted, untrusted;
        for (const AnchorImport& a : out.anchors) {
            const QJsonObject o { { QStringLiteral("kind"), a.kind }, { QStringLiteral("name"), a.name }, { QStringLiteral("sha256"), a.sha256 },
                { QStringLiteral("origin"), a.trust.origin }, { QStringLiteral("how"), a.trust.how } };
            if (a.trustedNow)
                trusted.append(o);
            else if (!a.trust.trusted)
                untrusted.append(o);
        }
        if (!trusted.isEmpty())
            detail.insert(QStringLiteral("trusted"), trusted);
        if (!untrusted.isEmpty())
            detail.insert(QStringLiteral("untrusted"), untrusted);
        return {};
    }

    Status recordPolicy(const Prepared& p, qint64 sourceId, ImportedFile& out, QJsonObject& detail)
    {
        Result<PolicyVersion> v = addPolicyVersion(m_compliance, p.parsed.policy->name, sourceId, m_options.at);
        if (!v)
            return v.problem();
        out.policy = v->name;
        out.policyVersion = v->version;
        detail.insert(QStringLiteral("policy"), v->name);
        detail.insert(QStringLiteral("version"), v->version);
        detail.insert(QStringLiteral("effective_from"), timefmt::formatIso(v->effectiveFrom));
        return {};
    }

    Status recordLog(const QString& action, const QJsonObject& detail)
    {
        return m_log.append(actor(), action, detail).ok() ? Status() : Status(Problem(QStringLiteral("cannot append to the log")));
    }

    // Commits the open group when it is old or big enough (always when final).
    void flushGroup(bool final)
    {
        if (!m_case.inTransaction())
            return;
        if (!final && m_group.started.elapsed() < kGroupMillis && static_cast<int>(m_group.imported.size()) < kGroupFiles)
            return;
        const Status s = m_case.commit();
        if (s) {
            for (auto& [sha, k] : m_group.known)
                m_known[sha] = k;
            for (ImportedFile& f : m_group.imported)
                m_report.imported.push_back(std::move(f));
        } else {
            m_recorder.reset();
            m_evidence.reset();
            m_known.clear(); // it may hold sources of the lost group
            const bool stopped = stopsTheImport(s.problem());
            for (const ImportedFile& f : m_group.imported)
                m_report.errors.push_back({ f.path, QString(), stopped ? QStringLiteral("not imported: the import stopped") : s.problem().message });
        }
        m_group = {};
    }

    // Sources already in the case: those this import stored, else a lookup.
    Result<std::optional<Known>> known(const QString& sha)
    {
        if (auto it = m_known.find(sha); it != m_known.end())
            return std::optional<Known>(it->second);
        // Stored by this import's open group (a delta's base is most often the file just before): no query.
        for (auto it = m_group.known.rbegin(); it != m_group.known.rend(); ++it)
            if (it->first == sha)
                return std::optional<Known>(it->second);
        Result<std::optional<SourceRecord>> r = m_sources.findBySha(sha);
        if (!r)
            return r.problem(); // never taken for "not stored yet": it would be stored twice
        if (!*r)
            return std::optional<Known>();
        m_known[sha] = { (*r)->id, (*r)->depth };
        return std::optional<Known>(m_known[sha]);
    }

    Result<Known> storeSource(Prepared& p)
    {
        SourceRecord meta;
        meta.sha256 = p.sha256;
        meta.name = p.entry.displayPath;
        meta.size = p.entry.bytes.size();
        meta.format = p.parsed.format;
        meta.importedAt = timefmt::now();
        EncodedSource encoded = std::move(p.encoded);
        if (p.baseSeq) {
            // The base must be in the case, and its chain short enough; else store this one whole.
            std::optional<Known> base;
            if (auto sha = m_seqSha.find(p.baseSeq); sha != m_seqSha.end()) {
                Result<std::optional<Known>> b = known(sha->second);
                if (!b)
                    return b.problem();
                base = *b;
            }
            if (base && base->depth + 1 <= SourceStore::kMaxDepth) {
                meta.baseId = base->id;
                meta.depth = base->depth + 1;
            } else {
                encoded = encodeSource(p.entry.bytes, nullptr);
            }
        }
        if (encoded.codec.isEmpty())
            encoded = encodeSource(p.entry.bytes, nullptr);
        Result<qint64> id = m_sources.insert(meta, encoded);
        if (!id)
            return id.problem();
        return Known { *id, meta.depth };
    }

    Result<QString> existingType(const QString& env)
    {
        Result<std::optional<EnvRow>> row = m_timeline.environment(env);
        if (!row)
            return row.problem();
        return *row ? (*row)->type : QString();
    }

    QString actor() const { return m_options.actor.isEmpty() ? LogStore::defaultActor() : m_options.actor; }

    // Bindings and names for an evidence file: the command line's --for/--name win over the manifest's entry.
    EvidenceContext evidenceContext(const BundleEntry& e) const
    {
        EvidenceContext c;
        c.fileName = e.displayPath;
        c.importedAt = timefmt::now();
        const BundleManifest::Evidence* listed = nullptr;
        if (e.manifest) {
            if (auto it = e.manifest->evidence.find(e.manifestPath); it != e.manifest->evidence.end())
                listed = &it->second;
            if (auto it = e.manifest->keys.find(e.manifestPath); it != e.manifest->keys.end())
                c.keyName = it->second.name;
        }
        if (!m_options.forFingerprint.isEmpty()) {
            c.bindFingerprint = m_options.forFingerprint;
            c.bindName = m_options.attestationName;
            c.bindVia = QStringLiteral("for");
        } else if (listed) {
            c.bindFingerprint = listed->fingerprint;
            c.bindName = listed->name;
            c.bindVia = QStringLiteral("manifest");
        } else {
            c.bindName = m_options.attestationName;
        }
        if (c.keyName.isEmpty() && m_options.forFingerprint.isEmpty())
            c.keyName = m_options.attestationName;
        // Where trust comes from: a file named on its own was chosen by the user; one inside a folder or archive came
        // with whatever else is there, and a manifest listing it changes nothing.
        c.actor = actor();
        if (e.container.isEmpty()) {
            c.origin = QStringLiteral("on its own from %1").arg(e.displayPath);
            c.trust = true;
            c.trustHow = m_options.trustedRoots.contains(e.displayPath) ? QStringLiteral("import --trusted-root") : QStringLiteral("imported on its own");
        } else {
            c.origin = QStringLiteral("inside the %1 %2").arg(e.inArchive ? QStringLiteral("archive") : QStringLiteral("folder"), e.container);
        }
        if (m_options.trust && !c.trust) {
            c.trust = true;
            c.trustHow = m_options.trustHow.isEmpty() ? QStringLiteral("import --trust") : m_options.trustHow;
        }
        return c;
    }

    CaseFile& m_case;
    const ImportOptions& m_options;
    SnapshotRecorder m_recorder;
    SourceStore m_sources;
    LogStore m_log;
    TimelineStore m_timeline;
    ComplianceStore m_compliance;
    EvidenceRecorder m_evidence;
    std::unordered_map<QString, Known> m_known;
    struct Group {
        QElapsedTimer started;
        std::vector<ImportedFile> imported;
        std::vector<std::pair<QString, Known>> known;
    } m_group;
    ImportReport m_report;
    ImportProgress m_progress;
    std::map<size_t, QString> m_seqSha;

    std::mutex m_mutex;
    // Producer waits for space, workers for jobs, the writer for the next file in order.
    std::condition_variable m_spaceCv, m_jobCv, m_doneCv;
    std::deque<Job> m_jobs;
    std::map<size_t, Prepared> m_done;
    size_t m_seqProduced = 0;
    size_t m_seqWritten = 0;
    qint64 m_bytesInFlight = 0;
    bool m_producerDone = false;
    bool m_stop = false;
    mutable std::atomic<bool> m_halt { false }; // no more files are committed: cancelled, or stopped
};

} // namespace

std::vector<AnchorImport> ImportReport::untrusted() const
{
    std::vector<AnchorImport> out;
    for (const ImportedFile& f : imported)
        for (const AnchorImport& a : f.anchors) {
            if (a.trust.trusted)
                continue;
            bool seen = false;
            for (const AnchorImport& o : out)
                seen = seen || (o.kind == a.kind && o.sha256 == a.sha256);
            if (!seen)
                out.push_back(a);
        }
    return out;
}

ImportReport importPaths(CaseFile& kase, const QStringList& paths, const ImportOptions& options)
{
    if (kase.readOnly()) {
        ImportReport r;
        r.errors.push_back({ kase.path(), QString(), QStringLiteral("the case is open read-only") });
        return r;
    }
    Pipeline pipeline(kase, options);
    return pipeline.run(paths);
}

} // namespace tideline
