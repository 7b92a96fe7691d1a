// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeline.h"

#include "domain/digest.h"
#include "store/casefile.h"
#include "store/schema.h"
#include "store/timelinestore.h"
#include "timeline/selector.h"

#include <algorithm>
#include <climits>
#include <map>
#include <set>

namespace tideline {

namespace {

Problem noSuchEnvironment(const QString& name)
{
    return Problem(QStringLiteral("no environment named '%1' in this case").arg(name));
}

struct Instance {
    Millis created;
    QString instance;
    QString name;
};

std::vector<Instance> instancesOf(const RunRow& r)
{
    std::vector<Instance> out;
    const auto lines = QStringView(r.detail).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const auto& line : lines) {
        const auto parts = line.split(QLatin1Char('\t'));
        const auto created = parts.value(0).split(QLatin1Char('.'));
        const Millis ms = created.value(0).toLongLong() * 1000 + (created.size() > 1 ? created[1].toLongLong() : 0);
        Instance i { ms, parts.size() > 1 ? parts[1].toString() : QString(),
            parts.size() > 2 ? parts[2].toString() : r.name };
        out.push_back(std::move(i));
    }
    return out;
}

} // namespace

Timeline::Timeline(CaseFile& kase)
    : m_store(std::make_unique<TimelineStore>(kase.db()))
{
}

Timeline::~Timeline() = default;

Snapshot Timeline::toSnapshot(const SnapshotRow& row, const QString& env)
{
    Snapshot s;
    s.id = row.id;
    s.environment = env;
    s.envId = row.envId;
    s.seq = row.seq;
    s.index = row.kosliIndex ? *row.kosliIndex : row.seq;
    s.kosliIndex = row.kosliIndex.has_value();
    s.takenAt = row.takenAt;
    s.confirmedUntil = row.confirmedUntil;
    s.workloads = row.workloads;
    s.instances = row.instances;
    s.sourceSha256 = row.sourceSha256;
    return s;
}

std::vector<Environment> Timeline::environments()
{
    std::vector<Environment> out;
    for (const EnvRow& e : m_store->environments()) {
        Environment env;
        env.id = e.id;
        env.name = e.name;
        env.type = e.type;
        env.snapshots = m_store->snapshotCount(e.id);
        if (auto first = m_store->snapshotBySeq(e.id, 1))
            env.first = first->takenAt;
        if (auto last = m_store->latestSnapshot(e.id))
            env.last = last->confirmedUntil;
        out.push_back(env);
    }
    return out;
}

Result<Environment> Timeline::environment(const QString& name)
{
    for (const Environment& e : environments())
        if (e.name == name)
            return e;
    return noSuchEnvironment(name);
}

Result<std::vector<Snapshot>> Timeline::snapshots(const QString& environment)
{
    const auto env = m_store->environment(environment);
    if (!env)
        return noSuchEnvironment(environment);
    std::vector<Snapshot> out;
    for (const SnapshotRow& r : m_store->snapshots(env->id))
        out.push_back(toSnapshot(r, env->name));
    return out;
}

Result<Snapshot> Timeline::resolve(const QString& selector)
{
    Result<SnapshotSelector> sel = parseSelector(selector);
    if (!sel)
        return sel.problem();
    const auto env = m_store->environment(sel->environment);
    if (!env)
        return noSuchEnvironment(sel->environment);
    const auto latest = m_store->latestSnapshot(env->id);
    if (!latest)
        return Problem(QStringLiteral("environment '%1' has no snapshots").arg(env->name));
    std::optional<SnapshotRow> row;
    switch (sel->kind) {
    case SnapshotSelector::Kind::Latest:
        row = latest;
        break;
    case SnapshotSelector::Kind::Index:
        row = latest->kosliIndex ? m_store->snapshotByKosliIndex(env->id, sel->number)
                                 : (sel->number <= INT_MAX ? m_store->snapshotBySeq(env->id, static_cast<int>(sel->number)) : std::nullopt);
        if (!row)
            return Problem(QStringLiteral("%1 has no snapshot #%2 (it has %3, the latest #%4)")
                    .arg(env->name)
                    .arg(sel->number)
                    .arg(m_store->snapshotCount(env->id))
                    .arg(latest->kosliIndex ? *latest->kosliIndex : latest->seq));
        break;
    case SnapshotSelector::Kind::Back:
        if (sel->number >= latest->seq)
            return Problem(QStringLiteral("%1 has %2 snapshots: ~%3 reaches before the first").arg(env->name).arg(latest->seq).arg(sel->number));
        row = m_store->snapshotBySeq(env->id, latest->seq - static_cast<int>(sel->number));
        break;
    case SnapshotSelector::Kind::Time:
        row = m_store->snapshotAt(env->id, sel->time);
        if (!row)
            return Problem(QStringLiteral("nothing recorded in %1 at %2: its first snapshot is later").arg(env->name, timefmt::formatIso(sel->time)));
        break;
    }
    if (!row)
        return Problem(QStringLiteral("no such snapshot: %1").arg(selector));
    return toSnapshot(*row, env->name);
}

std::vector<Workload> Timeline::workloads(const Snapshot& snapshot)
{
    const std::vector<RunRow> runs = m_store->runsAt(snapshot.envId, snapshot.seq);
    std::set<int> sinceSeqs;
    for (const RunRow& r : runs)
        sinceSeqs.insert(r.sinceSeq);
    std::map<int, Millis> sinceTimes = m_store->takenAt(snapshot.envId, sinceSeqs);
    std::vector<Workload> out;
    out.reserve(runs.size());
    for (const RunRow& r : runs) {
        Workload w;
        w.fingerprint = r.fingerprint;
        w.name = r.name;
        w.instances = r.instances;
        w.runningSince = sinceTimes[r.sinceSeq];
        std::set<QString> names;
        for (const Instance& i : instancesOf(r)) {
            if (!i.instance.isEmpty())
                w.instanceNames << i.instance;
            names.insert(i.name);
            if (i.created > 0 && (w.created == 0 || i.created < w.created))
                w.created = i.created;
        }
        w.names = QStringList(names.begin(), names.end());
        out.push_back(std::move(w));
    }
    std::sort(out.begin(), out.end(), [](const Workload& a, const Workload& b) {
        if (a.name != b.name)
            return a.name < b.name;
        return a.fingerprint < b.fingerprint;
    });
    return out;
}

Result<State> Timeline::state(const QString& environmentOrSelector, std::optional<Millis> at)
{
    Result<Snapshot> snap = at ? resolve(environmentOrSelector + QStringLiteral("@{") + timefmt::formatIso(*at) + QLatin1Char('}'))
                               : resolve(environmentOrSelector);
    if (!snap)
        return snap.problem();
    State s;
    Result<Environment> env = environment(snap->environment);
    if (env)
        s.environment = *env;
    s.snapshot = *snap;
    s.at = at ? *at : snap->confirmedUntil;
    const auto latest = m_store->latestSnapshot(snap->envId);
    s.observed = !(latest && latest->seq == snap->seq && s.at > snap->confirmedUntil);
    s.workloads = workloads(*snap);
    return s;
}

Result<SnapshotDiff> Timeline::diff(const QString& from, const QString& to)
{
    Result<Snapshot> a = resolve(from);
    if (!a)
        return a.problem();
    Result<Snapshot> b = resolve(to);
    if (!b)
        return b.problem();
    SnapshotDiff d;
    d.from = *a;
    d.to = *b;
    std::map<QString, Workload> left, right;
    for (Workload& w : workloads(*a))
        left[w.key()] = std::move(w);
    for (Workload& w : workloads(*b))
        right[w.key()] = std::move(w);
    for (const auto& [key, w] : left) {
        auto it = right.find(key);
        if (it == right.end()) {
            d.removed.push_back({ w.name, w.fingerprint, w.instances, 0 });
        } else if (it->second.instances != w.instances) {
            d.scaled.push_back({ it->second.name, w.fingerprint, w.instances, it->second.instances });
        } else {
            d.unchanged.push_back({ it->second.name, w.fingerprint, w.instances, it->second.instances });
        }
    }
    for (const auto& [key, w] : right)
        if (!left.count(key))
            d.added.push_back({ w.name, w.fingerprint, 0, w.instances });
    return d;
}

std::vector<RunInterval> Timeline::merge(const std::vector<RunRow>& runs)
{
    // Group by (environment, workload key), then join runs whose snapshot ranges touch.
    std::map<std::pair<qint64, QString>, std::vector<const RunRow*>> groups;
    for (const RunRow& r : runs)
        groups[{ r.envId, workloadKey(r.artifactId > 0 ? r.fingerprint : QString(), r.name) }].push_back(&r);
    std::map<qint64, std::vector<SnapshotRow>> snaps;
    std::map<qint64, QString> envNames;
    std::vector<RunInterval> out;
    for (auto& [key, list] : groups) {
        const qint64 envId = key.first;
        if (!snaps.count(envId)) {
            snaps[envId] = m_store->snapshots(envId);
            if (auto e = m_store->environmentById(envId))
                envNames[envId] = e->name;
        }
        const std::vector<SnapshotRow>& s = snaps[envId];
        if (s.empty())
            continue;
        const int latestSeq = s.back().seq;
        std::sort(list.begin(), list.end(), [](const RunRow* a, const RunRow* b) { return a->firstSeq < b->firstSeq; });
        auto seqTo = [](qint64 last, int latest) { return last >= schema::kOpen ? latest : static_cast<int>(last); };
        size_t i = 0;
        while (i < list.size()) {
            RunInterval iv;
            iv.environment = envNames[envId];
            iv.envId = envId;
            iv.fingerprint = list[i]->fingerprint;
            iv.name = list[i]->name;
            iv.firstSeq = list[i]->firstSeq;
            iv.lastSeq = seqTo(list[i]->lastSeq, latestSeq);
            iv.maxInstances = list[i]->instances;
            size_t j = i + 1;
            while (j < list.size() && list[j]->firstSeq <= iv.lastSeq + 1) {
                iv.lastSeq = std::max(iv.lastSeq, seqTo(list[j]->lastSeq, latestSeq));
                iv.maxInstances = std::max(iv.maxInstances, list[j]->instances);
                ++j;
            }
            if (iv.firstSeq < 1 || iv.lastSeq > latestSeq || iv.firstSeq > iv.lastSeq) {
                i = j;
                continue; // damaged rows; verify-case reports them
            }
            const SnapshotRow& first = s[static_cast<size_t>(iv.firstSeq - 1)];
            const SnapshotRow& last = s[static_cast<size_t>(iv.lastSeq - 1)];
            iv.firstSnapshot = first.kosliIndex ? *first.kosliIndex : first.seq;
            iv.lastSnapshot = last.kosliIndex ? *last.kosliIndex : last.seq;
            iv.from = first.takenAt;
            iv.lastSeen = last.confirmedUntil;
            iv.ongoing = iv.lastSeq == latestSeq;
            iv.to = iv.ongoing ? last.confirmedUntil : s[static_cast<size_t>(iv.lastSeq)].takenAt;
            out.push_back(iv);
            i = j;
        }
    }
    std::sort(out.begin(), out.end(), [](const RunInterval& a, const RunInterval& b) {
        if (a.environment != b.environment)
            return a.environment < b.environment;
        if (a.from != b.from)
            return a.from < b.from;
        return a.name < b.name;
    });
    return out;
}

std::vector<FingerprintMatch> Timeline::search(const QString& query)
{
    QString q = query.trimmed();
    if (q.startsWith(QLatin1String("sha256:"), Qt::CaseInsensitive))
        q = q.mid(7);
    bool hex = !q.isEmpty() && q.size() <= 64;
    for (QChar c : q)
        hex = hex && (c.isDigit() || (c.toLower() >= QLatin1Char('a') && c.toLower() <= QLatin1Char('f')));
    std::vector<RunRow> runs;
    if (hex)
        runs = m_store->runsByFingerprintPrefix(q.toLower());
    if (runs.empty() && !query.trimmed().isEmpty())
        runs = m_store->runsByName(query.trimmed());
    std::map<QString, FingerprintMatch> byKey;
    for (RunInterval& iv : merge(runs)) {
        const QString key = workloadKey(iv);
        FingerprintMatch& m = byKey[key];
        m.fingerprint = iv.fingerprint;
        if (!m.names.contains(iv.name))
            m.names << iv.name;
        m.runs.push_back(std::move(iv));
    }
    std::vector<FingerprintMatch> out;
    for (auto& [k, m] : byKey) {
        m.names.sort();
        out.push_back(std::move(m));
    }
    return out;
}

std::vector<RunInterval> Timeline::intervalsOf(const std::vector<QString>& fingerprints, bool unknown)
{
    return merge(m_store->runsOfFingerprints(fingerprints, unknown));
}

Result<std::vector<RunInterval>> Timeline::intervals(const QString& environment)
{
    const auto env = m_store->environment(environment);
    if (!env)
        return noSuchEnvironment(environment);
    return merge(m_store->allRuns(env->id));
}

} // namespace tideline
