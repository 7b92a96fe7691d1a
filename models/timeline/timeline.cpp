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

Result<std::vector<Environment>> Timeline::environments()
{
    Result<std::vector<EnvRow>> rows = m_store->environments();
    if (!rows)
        return rows.problem();
    std::vector<Environment> out;
    for (const EnvRow& e : *rows) {
        Environment env;
        env.id = e.id;
        env.name = e.name;
        env.type = e.type;
        Result<int> count = m_store->snapshotCount(e.id);
        Result<std::optional<SnapshotRow>> first = m_store->snapshotBySeq(e.id, 1);
        Result<std::optional<SnapshotRow>> last = m_store->latestSnapshot(e.id);
        if (!count || !first || !last)
            return !count ? count.problem() : !first ? first.problem() : last.problem();
        env.snapshots = *count;
        if (*first)
            env.first = (*first)->takenAt;
        if (*last)
            env.last = (*last)->confirmedUntil;
        out.push_back(env);
    }
    return out;
}

Result<Environment> Timeline::environment(const QString& name)
{
    Result<std::vector<Environment>> all = environments();
    if (!all)
        return all.problem();
    for (const Environment& e : *all)
        if (e.name == name)
            return e;
    return noSuchEnvironment(name);
}

Result<EnvRow> Timeline::environmentRow(const QString& name)
{
    Result<std::optional<EnvRow>> env = m_store->environment(name);
    if (!env)
        return env.problem();
    if (!*env)
        return noSuchEnvironment(name);
    return **env;
}

Result<std::vector<Snapshot>> Timeline::snapshots(const QString& environment)
{
    Result<EnvRow> env = environmentRow(environment);
    if (!env)
        return env.problem();
    Result<std::vector<SnapshotRow>> rows = m_store->snapshots(env->id);
    if (!rows)
        return rows.problem();
    std::vector<Snapshot> out;
    for (const SnapshotRow& r : *rows)
        out.push_back(toSnapshot(r, env->name));
    return out;
}

Result<Snapshot> Timeline::resolve(const QString& selector)
{
    Result<SnapshotSelector> sel = parseSelector(selector);
    if (!sel)
        return sel.problem();
    Result<EnvRow> env = environmentRow(sel->environment);
    if (!env)
        return env.problem();
    Result<std::optional<SnapshotRow>> newest = m_store->latestSnapshot(env->id);
    if (!newest)
        return newest.problem();
    const std::optional<SnapshotRow> latest = *newest;
    if (!latest)
        return Problem(QStringLiteral("environment '%1' has no snapshots").arg(env->name));
    Result<std::optional<SnapshotRow>> found = std::optional<SnapshotRow>();
    switch (sel->kind) {
    case SnapshotSelector::Kind::Latest:
        found = latest;
        break;
    case SnapshotSelector::Kind::Index:
        if (latest->kosliIndex)
            found = m_store->snapshotByKosliIndex(env->id, sel->number);
        else if (sel->number <= INT_MAX)
            found = m_store->snapshotBySeq(env->id, static_cast<int>(sel->number));
        if (found && !*found)
            return Problem(QStringLiteral("%1 has no snapshot #%2 (it has %3, the latest #%4)")
                    .arg(env->name)
                    .arg(sel->number)
                    .arg(latest->seq)
                    .arg(latest->kosliIndex ? *latest->kosliIndex : latest->seq));
        break;
    case SnapshotSelector::Kind::Back:
        if (sel->number >= latest->seq)
            return Problem(QStringLiteral("%1 has %2 snapshots: ~%3 reaches before the first").arg(env->name).arg(latest->seq).arg(sel->number));
        found = m_store->snapshotBySeq(env->id, latest->seq - static_cast<int>(sel->number));
        break;
    case SnapshotSelector::Kind::Time:
        found = m_store->snapshotAt(env->id, sel->time);
        if (found && !*found)
            return Problem(QStringLiteral("nothing recorded in %1 at %2: its first snapshot is later").arg(env->name, timefmt::formatIso(sel->time)));
        break;
    }
    if (!found)
        return found.problem();
    if (!*found)
        return Problem(QStringLiteral("no such snapshot: %1").arg(selector));
    return toSnapshot(**found, env->name);
}

Result<std::vector<Workload>> Timeline::workloads(const Snapshot& snapshot)
{
    Result<std::vector<RunRow>> read = m_store->runsAt(snapshot.envId, snapshot.seq);
    if (!read)
        return read.problem();
    const std::vector<RunRow>& runs = *read;
    std::set<int> sinceSeqs;
    for (const RunRow& r : runs)
        sinceSeqs.insert(r.sinceSeq);
    Result<std::map<int, Millis>> since = m_store->takenAt(snapshot.envId, sinceSeqs);
    if (!since)
        return since.problem();
    std::map<int, Millis> sinceTimes = std::move(since).value();
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
    Result<std::optional<SnapshotRow>> latest = m_store->latestSnapshot(snap->envId);
    if (!latest)
        return latest.problem();
    s.observed = !(*latest && (*latest)->seq == snap->seq && s.at > snap->confirmedUntil);
    Result<std::vector<Workload>> w = workloads(*snap);
    if (!w)
        return w.problem();
    s.workloads = std::move(w).value();
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
    Result<std::vector<Workload>> wa = workloads(*a);
    Result<std::vector<Workload>> wb = workloads(*b);
    if (!wa || !wb)
        return !wa ? wa.problem() : wb.problem();
    std::map<QString, Workload> left, right;
    for (Workload& w : *wa)
        left[w.key()] = std::move(w);
    for (Workload& w : *wb)
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

Result<std::vector<RunInterval>> Timeline::merge(const std::vector<RunRow>& runs)
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
            Result<std::vector<SnapshotRow>> rows = m_store->snapshots(envId);
            if (!rows)
                return rows.problem();
            snaps[envId] = std::move(rows).value();
            Result<std::optional<EnvRow>> e = m_store->environmentById(envId);
            if (!e)
                return e.problem();
            if (*e)
                envNames[envId] = (*e)->name;
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

Result<std::vector<FingerprintMatch>> Timeline::search(const QString& query)
{
    QString q = query.trimmed();
    if (q.startsWith(QLatin1String("sha256:"), Qt::CaseInsensitive))
        q = q.mid(7);
    bool hex = !q.isEmpty() && q.size() <= 64;
    for (QChar c : q)
        hex = hex && (c.isDigit() || (c.toLower() >= QLatin1Char('a') && c.toLower() <= QLatin1Char('f')));
    std::vector<RunRow> runs;
    if (hex) {
        Result<std::vector<RunRow>> byPrefix = m_store->runsByFingerprintPrefix(q.toLower());
        if (!byPrefix)
            return byPrefix.problem();
        runs = std::move(byPrefix).value();
    }
    if (runs.empty() && !query.trimmed().isEmpty()) {
        Result<std::vector<RunRow>> byName = m_store->runsByName(query.trimmed());
        if (!byName)
            return byName.problem();
        runs = std::move(byName).value();
    }
    Result<std::vector<RunInterval>> merged = merge(runs);
    if (!merged)
        return merged.problem();
    std::map<QString, FingerprintMatch> byKey;
    for (RunInterval& iv : *merged) {
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

Result<std::vector<RunInterval>> Timeline::intervalsOf(const std::vector<QString>& fingerprints, bool unknown)
{
    Result<std::vector<RunRow>> runs = m_store->runsOfFingerprints(fingerprints, unknown);
    if (!runs)
        return runs.problem();
    return merge(*runs);
}

Result<std::vector<RunInterval>> Timeline::intervals(const QString& environment)
{
    Result<EnvRow> env = environmentRow(environment);
    if (!env)
        return env.problem();
    Result<std::vector<RunRow>> runs = m_store->allRuns(env->id);
    if (!runs)
        return runs.problem();
    return merge(*runs);
}

} // namespace tideline
