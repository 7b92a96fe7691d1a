// SPDX-License-Identifier: GPL-3.0-or-later
#include "snapshotrecorder.h"

#include "domain/observation.h"
#include "store/schema.h"
#include "store/timelinestore.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace tideline {

namespace {

QString qs(const std::string& s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }


} // namespace


namespace {

// Runs and workloads are keyed by artifact id, or for unknown workloads by a negative id of their name.
using RunKey = qint64;

struct TailRun {
    qint64 runId = 0;
    std::string detail;
    int sinceSeq = 0;
    quint64 seen = 0;
};

struct EnvTail {
    EnvRow env;
    std::optional<SnapshotRow> latest;
    std::unordered_map<RunKey, TailRun> open;
    quint64 generation = 0;
};

// A report's workloads with artifact ids resolved, keyed as runs are.
struct Keyed {
    RunKey runKey;
    const GroupedWorkload* w;
    qint64 artifactId;
    QString artifactName;
};

} // namespace

struct SnapshotRecorder::Impl {
    QSqlDatabase& db;
    TimelineStore store;
    struct ArtifactRef {
        qint64 id;
        QString name; // the name the artifact was first seen under
    };
    std::unordered_map<std::string, ArtifactRef> artifactIds;
    std::unordered_map<std::string, RunKey> unknownKeys;
    std::map<QString, EnvTail> tails;

    RunKey unknownKey(const std::string& name)
    {
        auto [it, inserted] = unknownKeys.try_emplace(name, 0);
        if (inserted)
            it->second = -static_cast<RunKey>(unknownKeys.size());
        return it->second;
    }

    RunKey runKey(const RunRow& r) { return r.artifactId > 0 ? r.artifactId : unknownKey(r.name.toStdString()); }

    explicit Impl(QSqlDatabase& database)
        : db(database)
        , store(database)
    {
    }

    Result<const ArtifactRef*> artifact(const std::string& fingerprint, const std::string& name)
    {
        if (auto it = artifactIds.find(fingerprint); it != artifactIds.end())
            return &it->second;
        const QString fp = qs(fingerprint);
        Result<qint64> id = store.artifactId(fp, qs(name));
        if (!id)
            return id.problem();
        Result<QString> stored = store.artifactName(*id);
        if (!stored)
            return stored.problem();
        return &artifactIds.emplace(fingerprint, ArtifactRef { *id, *stored }).first->second;
    }

    Result<EnvTail*> tail(const QString& name, const QString& type)
    {
        auto it = tails.find(name);
        if (it != tails.end()) {
            if (!type.isEmpty() && it->second.env.type != type)
                return typeClash(it->second.env, type);
            return &it->second;
        }
        EnvTail t;
        Result<std::optional<EnvRow>> found = store.environment(name);
        if (!found)
            return found.problem();
        if (const std::optional<EnvRow>& env = *found) {
            if (!type.isEmpty() && env->type != type)
                return typeClash(*env, type);
            t.env = *env;
        } else {
            if (type.isEmpty())
                return Problem(QStringLiteral("environment '%1' is new and its type is not known").arg(name));
            Result<EnvRow> created = store.createEnvironment(name, type);
            if (!created)
                return created.problem();
            t.env = *created;
        }
        if (Status s = reload(t); !s)
            return s.problem();
        return &tails.emplace(name, std::move(t)).first->second;
    }

    static Problem typeClash(const EnvRow& env, const QString& type)
    {
        return Problem(QStringLiteral("environment '%1' is of type %2; this report is %3 (Kosli refuses reports of another type too)")
                .arg(env.name, env.type, type));
    }

    Result<std::vector<Keyed>> keyed(const std::vector<GroupedWorkload>& grouped)
    {
        std::vector<Keyed> out;
        out.reserve(grouped.size());
        for (const GroupedWorkload& w : grouped) {
            if (w.fingerprint.empty()) {
                out.push_back({ unknownKey(w.name), &w, 0, QString() });
                continue;
            }
            Result<const ArtifactRef*> a = artifact(w.fingerprint, w.name);
            if (!a)
                return a.problem();
            out.push_back({ (*a)->id, &w, (*a)->id, (*a)->name });
        }
        return out;
    }

    static bool sameAsTail(const std::vector<Keyed>& k, const EnvTail& t)
    {
        if (k.size() != t.open.size())
            return false;
        for (const Keyed& x : k) {
            auto it = t.open.find(x.runKey);
            if (it == t.open.end() || it->second.detail != x.w->detail)
                return false;
        }
        return true;
    }

    bool sameAsRuns(const std::vector<Keyed>& k, const std::vector<RunRow>& runs)
    {
        if (k.size() != runs.size())
            return false;
        std::unordered_map<RunKey, const RunRow*> byKey;
        for (const RunRow& r : runs)
            byKey[runKey(r)] = &r;
        for (const Keyed& x : k) {
            auto it = byKey.find(x.runKey);
            if (it == byKey.end() || it->second->detail.toStdString() != x.w->detail)
                return false;
        }
        return true;
    }

    Status addServerArtifacts(qint64 snapshotId, const ReportInput& in)
    {
        if (!in.serverArtifacts)
            return {};
        for (const ServerArtifact& a : *in.serverArtifacts) {
            ServerArtifactRow row { qs(a.fingerprint), qs(a.name), a.running, qs(a.annotation), a.compliant,
                qs(a.flowsJson.empty() ? std::string("[]") : a.flowsJson),
                qs(a.policyDecisionsJson.empty() ? std::string("[]") : a.policyDecisionsJson) };
            if (Status s = store.insertServerArtifact(snapshotId, row); !s)
                return s;
        }
        return {};
    }

    // Appends after the latest snapshot, touching only the runs that changed.
    Result<ReportOutcome> append(EnvTail& t, const std::vector<Keyed>& k, const ReportInput& in, int instances)
    {
        const int seq = t.latest ? t.latest->seq + 1 : 1;
        SnapshotRow s;
        s.envId = t.env.id;
        s.seq = seq;
        s.kosliIndex = in.kosliIndex;
        s.takenAt = in.takenAt;
        s.confirmedUntil = in.takenAt;
        s.workloads = static_cast<int>(k.size());
        s.instances = instances;
        s.sourceId = in.sourceId;
        s.compliant = in.compliant;
        s.appliedPolicies = in.appliedPolicies;
        Result<qint64> id = store.insertSnapshot(s);
        if (!id)
            return id.problem();
        s.id = *id;

        // Runs with the same instances go on; the others end at the previous snapshot. The ends and the new runs
        // are written together (on a server, a round trip for many).
        const quint64 gen = ++t.generation;
        std::vector<qint64> ended;
        std::vector<RunRow> started;
        std::vector<TailRun*> startedTails;
        for (const Keyed& x : k) {
            auto [it, fresh] = t.open.try_emplace(x.runKey);
            TailRun& tr = it->second;
            if (!fresh && tr.detail == x.w->detail) {
                tr.seen = gen;
                continue;
            }
            if (!fresh)
                ended.push_back(tr.runId);
            RunRow r;
            r.envId = t.env.id;
            r.artifactId = x.artifactId;
            r.artifactName = x.artifactName;
            r.name = qs(x.w->name);
            r.firstSeq = seq;
            r.lastSeq = schema::kOpen;
            r.sinceSeq = fresh ? seq : tr.sinceSeq;
            r.instances = x.w->instances;
            r.detail = qs(x.w->detail);
            r.sourceId = in.sourceId;
            tr = TailRun { 0, x.w->detail, r.sinceSeq, gen };
            started.push_back(std::move(r));
            startedTails.push_back(&tr);
        }
        for (auto it = t.open.begin(); it != t.open.end();) {
            if (it->second.seen == gen) {
                ++it;
                continue;
            }
            ended.push_back(it->second.runId);
            it = t.open.erase(it);
        }
        if (Status st = store.closeRuns(ended, seq - 1); !st)
            return st.problem();
        Result<std::vector<qint64>> runIds = store.insertRuns(started);
        if (!runIds)
            return runIds.problem();
        for (size_t i = 0; i < startedTails.size(); ++i)
            startedTails[i]->runId = (*runIds)[i];
        if (Status st = store.insertReport(in.sourceId, t.env.id, in.takenAt, s.id); !st)
            return st.problem();
        if (Status st = addServerArtifacts(s.id, in); !st)
            return st.problem();
        t.latest = s;
        return ReportOutcome { displayIndex(s), seq, true, false, s.workloads, s.instances };
    }

    static qint64 displayIndex(const SnapshotRow& s) { return s.kosliIndex ? *s.kosliIndex : s.seq; }

    Status confirm(const SnapshotRow& s, const ReportInput& in)
    {
        const Millis until = std::max(s.confirmedUntil, in.takenAt);
        if (Status st = store.updateSnapshotTimes(s.id, std::min(s.takenAt, in.takenAt), until); !st)
            return st;
        return store.insertReport(in.sourceId, s.envId, in.takenAt, s.id);
    }

    // Inserts a snapshot at position q (1-based), shifting later ones, and splices the runs:
    // runs spanning q either continue through it (same instances) or split around it.
    Result<qint64> insertAt(EnvTail& t, int q, const std::vector<Keyed>& k, const SnapshotRow& proto)
    {
        Result<int> counted = store.snapshotCount(t.env.id);
        if (!counted)
            return counted.problem();
        const int count = *counted;
        if (Status s = store.shiftSnapshots(t.env.id, q); !s)
            return s.problem();
        struct Work {
            RunRow row;
            RunKey key;
            std::string detail;
            bool dead = false;
            struct {
                int firstSeq;
                qint64 lastSeq;
                int sinceSeq;
            } loaded {};
        };
        std::vector<Work> runs;
        Result<std::vector<RunRow>> all = store.allRuns(t.env.id);
        if (!all)
            return all.problem();
        for (RunRow& r : *all) {
            const RunKey key = runKey(r);
            std::string detail = r.detail.toStdString();
            Work w { std::move(r), key, std::move(detail) };
            w.loaded = { w.row.firstSeq, w.row.lastSeq, w.row.sinceSeq };
            runs.push_back(std::move(w));
        }
        // Open runs reach the old latest snapshot, which now sits at count + 1 unless q is past it.
        const int openTo = q > count ? count : count + 1;
        for (Work& w : runs)
            if (w.row.lastSeq == schema::kOpen)
                w.row.lastSeq = openTo;

        std::unordered_map<RunKey, const Keyed*> want;
        for (const Keyed& x : k)
            want[x.runKey] = &x;
        std::unordered_map<RunKey, bool> handled;
        const size_t existing = runs.size();
        for (size_t i = 0; i < existing; ++i) {
            Work& w = runs[i];
            if (!(w.row.firstSeq < q && w.row.lastSeq >= q + 1))
                continue;
            auto it = want.find(w.key);
            if (it != want.end() && it->second->w->detail == w.detail) {
                handled[w.key] = true; // it simply runs through q
                continue;
            }
            Work tailPart = w;
            tailPart.row.id = 0;
            tailPart.row.firstSeq = q + 1;
            w.row.lastSeq = q - 1;
            runs.push_back(std::move(tailPart));
        }

        std::unordered_map<RunKey, std::vector<size_t>> byKey;
        for (size_t i = 0; i < runs.size(); ++i)
            byKey[runs[i].key].push_back(i);
        for (const Keyed& x : k) {
            if (handled.count(x.runKey))
                continue;
            Work* endsBefore = nullptr;
            Work* startsAfter = nullptr;
            for (size_t i : byKey[x.runKey]) {
                Work& w = runs[i];
                if (w.dead || w.detail != x.w->detail)
                    continue;
                if (w.row.lastSeq == q - 1)
                    endsBefore = &w;
                else if (w.row.firstSeq == q + 1)
                    startsAfter = &w;
            }
            if (endsBefore && startsAfter) {
                endsBefore->row.lastSeq = startsAfter->row.lastSeq;
                startsAfter->dead = true;
            } else if (endsBefore) {
                endsBefore->row.lastSeq = q;
            } else if (startsAfter) {
                startsAfter->row.firstSeq = q;
            } else {
                Work w;
                w.row.envId = t.env.id;
                w.row.artifactId = x.artifactId;
                w.row.artifactName = x.artifactName;
                w.row.name = qs(x.w->name);
                w.row.firstSeq = q;
                w.row.lastSeq = q;
                w.row.instances = x.w->instances;
                w.row.detail = qs(x.w->detail);
                w.row.sourceId = proto.sourceId;
                w.key = x.runKey;
                w.detail = x.w->detail;
                byKey[w.key].push_back(runs.size());
                runs.push_back(std::move(w));
            }
        }

        // since_seq: the start of each key's unbroken presence.
        for (auto& [key, indices] : byKey) {
            std::vector<Work*> list;
            for (size_t i : indices)
                if (!runs[i].dead)
                    list.push_back(&runs[i]);
            std::sort(list.begin(), list.end(), [](const Work* a, const Work* b) { return a->row.firstSeq < b->row.firstSeq; });
            for (size_t n = 0; n < list.size(); ++n) {
                const int since = n > 0 && list[n - 1]->row.lastSeq == list[n]->row.firstSeq - 1 ? list[n - 1]->row.sinceSeq
                                                                                                : list[n]->row.firstSeq;
                list[n]->row.sinceSeq = since;
            }
        }

        const int newLatest = count + 1;
        for (Work& w : runs) {
            if (w.dead) {
                if (w.row.id > 0)
                    if (Status s = store.deleteRun(w.row.id); !s)
                        return s.problem();
                continue;
            }
            if (w.row.lastSeq == newLatest)
                w.row.lastSeq = schema::kOpen;
            if (w.row.id == 0) {
                if (Result<qint64> id = store.insertRun(w.row); !id)
                    return id.problem();
            } else if (w.row.firstSeq != w.loaded.firstSeq || w.row.lastSeq != w.loaded.lastSeq
                || w.row.sinceSeq != w.loaded.sinceSeq) {
                if (Status s = store.updateRun(w.row); !s)
                    return s.problem();
            }
        }

        SnapshotRow s = proto;
        s.envId = t.env.id;
        s.seq = q;
        s.workloads = static_cast<int>(k.size());
        return store.insertSnapshot(s);
    }

    // The general path, for a report that is not simply later than everything recorded.
    Result<ReportOutcome> insert(EnvTail& t, const std::vector<Keyed>& k, const ReportInput& in, int instances)
    {
        Result<std::optional<SnapshotRow>> before = store.snapshotAt(t.env.id, in.takenAt);
        if (!before)
            return before.problem();
        const std::optional<SnapshotRow> prev = *before;
        const bool kosli = in.kosliIndex.has_value();
        Result<std::vector<RunRow>> prevRunsNow = prev ? store.runsAt(t.env.id, prev->seq) : Result<std::vector<RunRow>>(std::vector<RunRow>());
        if (!prevRunsNow)
            return prevRunsNow.problem();
        if (prev && !kosli && !prev->kosliIndex && sameAsRuns(k, *prevRunsNow)) {
            if (Status s = confirm(*prev, in); !s)
                return s.problem();
            if (Status s = reload(t); !s)
                return s.problem();
            return ReportOutcome { displayIndex(*prev), prev->seq, false, false, prev->workloads, prev->instances };
        }
        const int q = prev ? prev->seq + 1 : 1;
        // Reports of prev later than this one saw prev's running set again after it: they become a copy of prev.
        std::vector<std::pair<Millis, qint64>> laterReports;
        if (prev && !prev->kosliIndex) {
            Result<std::vector<std::pair<Millis, qint64>>> reports = store.reportsOf(prev->id);
            if (!reports)
                return reports.problem();
            for (const auto& rep : *reports)
                if (rep.first > in.takenAt)
                    laterReports.push_back(rep);
        }

        if (laterReports.empty() && !kosli) {
            Result<std::optional<SnapshotRow>> after = store.snapshotBySeq(t.env.id, q);
            if (!after)
                return after.problem();
            const std::optional<SnapshotRow> next = *after;
            Result<std::vector<RunRow>> nextRuns = next ? store.runsAt(t.env.id, next->seq) : Result<std::vector<RunRow>>(std::vector<RunRow>());
            if (!nextRuns)
                return nextRuns.problem();
            if (next && !next->kosliIndex && sameAsRuns(k, *nextRuns)) {
                // The next snapshot's running set was already there earlier than we knew.
                if (Status s = store.updateSnapshotTimes(next->id, in.takenAt, next->confirmedUntil); !s)
                    return s.problem();
                if (Status s = store.updateSnapshotSource(next->id, in.sourceId); !s)
                    return s.problem();
                if (Status s = store.insertReport(in.sourceId, t.env.id, in.takenAt, next->id); !s)
                    return s.problem();
                if (Status s = reload(t); !s)
                    return s.problem();
                return ReportOutcome { displayIndex(*next), next->seq, false, false, next->workloads, next->instances };
            }
        }

        const std::vector<RunRow> prevRuns = laterReports.empty() ? std::vector<RunRow>() : *prevRunsNow;

        SnapshotRow proto;
        proto.kosliIndex = in.kosliIndex;
        proto.takenAt = in.takenAt;
        proto.confirmedUntil = in.takenAt;
        proto.instances = instances;
        proto.sourceId = in.sourceId;
        proto.compliant = in.compliant;
        proto.appliedPolicies = in.appliedPolicies;
        Result<qint64> id = insertAt(t, q, k, proto);
        if (!id)
            return id.problem();
        if (Status s = store.insertReport(in.sourceId, t.env.id, in.takenAt, *id); !s)
            return s.problem();
        if (Status s = addServerArtifacts(*id, in); !s)
            return s.problem();

        if (!laterReports.empty()) {
            // prev's running set again, right after the new snapshot.
            std::vector<GroupedWorkload> copies;
            copies.reserve(prevRuns.size());
            for (const RunRow& r : prevRuns)
                copies.push_back({ std::string(), r.fingerprint.toStdString(), r.name.toStdString(), r.instances, r.detail.toStdString() });
            std::vector<Keyed> ck;
            for (size_t i = 0; i < prevRuns.size(); ++i)
                ck.push_back({ runKey(prevRuns[i]), &copies[i], prevRuns[i].artifactId, prevRuns[i].artifactName });
            SnapshotRow again;
            again.takenAt = laterReports.front().first;
            again.confirmedUntil = laterReports.back().first;
            again.instances = prev->instances;
            again.sourceId = laterReports.front().second;
            Result<qint64> againId = insertAt(t, q + 1, ck, again);
            if (!againId)
                return againId.problem();
            if (Status s = store.moveReportsAfter(prev->id, in.takenAt, *againId); !s)
                return s.problem();
            Millis until = prev->takenAt;
            Result<std::vector<std::pair<Millis, qint64>>> reports = store.reportsOf(prev->id);
            if (!reports)
                return reports.problem();
            for (const auto& rep : *reports)
                until = std::max(until, rep.first);
            if (Status s = store.updateSnapshotTimes(prev->id, prev->takenAt, until); !s)
                return s.problem();
        }
        if (Status s = reload(t); !s)
            return s.problem();
        return ReportOutcome { in.kosliIndex ? *in.kosliIndex : q, q, true, false, static_cast<int>(k.size()), instances };
    }

    // The environment's latest snapshot and open runs, as the case holds them now.
    Status reload(EnvTail& t)
    {
        Result<std::optional<SnapshotRow>> latest = store.latestSnapshot(t.env.id);
        if (!latest)
            return latest.problem();
        Result<std::vector<RunRow>> open = store.openRuns(t.env.id);
        if (!open)
            return open.problem();
        t.latest = *latest;
        t.open.clear();
        for (const RunRow& r : *open)
            t.open[runKey(r)] = { r.id, r.detail.toStdString(), r.sinceSeq };
        return {};
    }

    Result<ReportOutcome> record(const ReportInput& in)
    {
        Result<EnvTail*> tr = tail(in.environment, in.type);
        if (!tr)
            return tr.problem();
        EnvTail& t = **tr;
        if (!in.newSource && t.latest) {
            Result<bool> seen = store.reportExists(in.sourceId, t.env.id, in.takenAt);
            if (!seen)
                return seen.problem();
            if (*seen) {
                ReportOutcome o;
                o.alreadyRecorded = true;
                return o;
            }
        }
        if (in.kosliIndex) {
            Result<std::optional<SnapshotRow>> sameIndex = store.snapshotByKosliIndex(t.env.id, *in.kosliIndex);
            if (!sameIndex)
                return sameIndex.problem();
            if (const std::optional<SnapshotRow>& same = *sameIndex) {
                // Another copy of a server snapshot we hold: one more report of it.
                if (Status s = store.insertReport(in.sourceId, t.env.id, in.takenAt, same->id); !s)
                    return s.problem();
                return ReportOutcome { *in.kosliIndex, same->seq, false, false, same->workloads, same->instances };
            }
        }
        std::vector<GroupedWorkload> own;
        if (!in.grouped)
            own = groupObservations(*in.observations);
        const std::vector<GroupedWorkload>& grouped = in.grouped ? *in.grouped : own;
        Result<std::vector<Keyed>> k = keyed(grouped);
        if (!k)
            return k.problem();
        int instances = 0;
        for (const GroupedWorkload& w : grouped)
            instances += w.instances;

        const bool kosli = in.kosliIndex.has_value();
        if (!t.latest)
            return append(t, *k, in, instances);
        const SnapshotRow& latest = *t.latest;
        if (in.takenAt >= latest.takenAt && !kosli && !latest.kosliIndex && sameAsTail(*k, t)) {
            if (Status s = confirm(latest, in); !s)
                return s.problem();
            t.latest->confirmedUntil = std::max(latest.confirmedUntil, in.takenAt);
            return ReportOutcome { displayIndex(latest), latest.seq, false, false, latest.workloads, latest.instances };
        }
        if (in.takenAt >= latest.confirmedUntil && in.takenAt >= latest.takenAt)
            return append(t, *k, in, instances);
        return insert(t, *k, in, instances);
    }
};

SnapshotRecorder::SnapshotRecorder(QSqlDatabase& db)
    : d(std::make_unique<Impl>(db))
{
}

SnapshotRecorder::~SnapshotRecorder() = default;

Result<ReportOutcome> SnapshotRecorder::record(const ReportInput& input) { return d->record(input); }

void SnapshotRecorder::reset()
{
    d->artifactIds.clear();
    d->tails.clear();
}

} // namespace tideline
