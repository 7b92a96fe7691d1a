// SPDX-License-Identifier: GPL-3.0-or-later
#include "overview.h"

#include "store/casefile.h"
#include "store/overviewstore.h"
#include "store/schema.h"
#include "timeline/timeline.h"

#include <algorithm>
#include <limits>

namespace tideline {

QStringList activityCategories()
{
    return { QStringLiteral("unknown fingerprint"), QStringLiteral("known fingerprint") };
}

bool TimelineOverview::empty() const
{
    return std::none_of(environments.begin(), environments.end(), [](const EnvironmentTimeline& e) { return !e.snapshots.empty(); });
}

long ActivitySeries::pointAt(Millis t) const
{
    auto it = std::upper_bound(times.begin(), times.end(), t);
    return static_cast<long>(it - times.begin()) - 1;
}

namespace {

// Counts per snapshot from the runs, by difference arrays over the snapshot sequence.
ActivitySeries activityOf(const std::vector<Snapshot>& snaps, const std::vector<RunSpanRow>& runs)
{
    ActivitySeries a;
    a.categories = activityCategories();
    const int cols = a.columns();
    const size_t n = snaps.size();
    if (n == 0)
        return a;
    const int latest = snaps.back().seq;
    std::vector<int> dw((n + 1) * static_cast<size_t>(cols), 0);
    std::vector<int> di((n + 1) * static_cast<size_t>(cols), 0);
    for (const RunSpanRow& r : runs) {
        const int first = r.firstSeq;
        const int last = r.lastSeq >= schema::kOpen ? latest : static_cast<int>(std::min<qint64>(r.lastSeq, latest));
        if (first < 1 || first > last)
            continue;
        const int c = r.unknown ? UnknownFingerprint : KnownFingerprint;
        const size_t a0 = static_cast<size_t>(first - 1) * static_cast<size_t>(cols) + static_cast<size_t>(c);
        const size_t a1 = static_cast<size_t>(last) * static_cast<size_t>(cols) + static_cast<size_t>(c);
        dw[a0] += 1;
        dw[a1] -= 1;
        di[a0] += r.instances;
        di[a1] -= r.instances;
    }
    a.times.reserve(n);
    a.workloads.resize(n * static_cast<size_t>(cols));
    a.instances.resize(n * static_cast<size_t>(cols));
    std::vector<int> w(static_cast<size_t>(cols), 0), in(static_cast<size_t>(cols), 0);
    for (size_t i = 0; i < n; ++i) {
        a.times.push_back(snaps[i].takenAt);
        for (size_t c = 0; c < static_cast<size_t>(cols); ++c) {
            w[c] += dw[i * static_cast<size_t>(cols) + c];
            in[c] += di[i * static_cast<size_t>(cols) + c];
            a.workloads[i * static_cast<size_t>(cols) + c] = w[c];
            a.instances[i * static_cast<size_t>(cols) + c] = in[c];
        }
    }
    a.end = snaps.back().confirmedUntil;
    return a;
}

} // namespace

ActivitySeries sumActivity(const std::vector<const ActivitySeries*>& parts)
{
    ActivitySeries out;
    if (parts.empty())
        return out;
    out.categories = parts.front()->categories;
    const size_t cols = static_cast<size_t>(out.columns());
    std::vector<Millis> times;
    for (const ActivitySeries* p : parts) {
        times.insert(times.end(), p->times.begin(), p->times.end());
        if (!p->times.empty())
            times.push_back(p->end);
        out.end = std::max(out.end, p->end);
    }
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    // The final instant only closes the series.
    if (!times.empty() && times.back() == out.end)
        times.pop_back();
    std::vector<size_t> cursor(parts.size(), 0);
    out.times.reserve(times.size());
    out.workloads.assign(times.size() * cols, 0);
    out.instances.assign(times.size() * cols, 0);
    for (size_t i = 0; i < times.size(); ++i) {
        const Millis t = times[i];
        out.times.push_back(t);
        for (size_t k = 0; k < parts.size(); ++k) {
            const ActivitySeries& p = *parts[k];
            if (p.times.empty() || t < p.times.front() || t >= p.end)
                continue;
            size_t& c = cursor[k];
            while (c + 1 < p.times.size() && p.times[c + 1] <= t)
                ++c;
            for (size_t j = 0; j < cols; ++j) {
                out.workloads[i * cols + j] += p.workloads[c * cols + j];
                out.instances[i * cols + j] += p.instances[c * cols + j];
            }
        }
    }
    return out;
}

Result<TimelineOverview> loadOverview(CaseFile& kase, const QStringList& environments)
{
    Timeline timeline(kase);
    OverviewStore store(kase.db());
    TimelineOverview o;
    o.first = std::numeric_limits<Millis>::max();
    o.last = std::numeric_limits<Millis>::min();
    const std::vector<Environment> all = timeline.environments();
    for (const QString& name : environments) {
        auto it = std::find_if(all.begin(), all.end(), [&](const Environment& e) { return e.name == name; });
        if (it == all.end())
            return Problem { kase.path(), QString(), QStringLiteral("no environment named '%1' in this case").arg(name) };
        EnvironmentTimeline env;
        env.environment = *it;
        Result<std::vector<Snapshot>> snaps = timeline.snapshots(name);
        if (!snaps)
            return snaps.problem();
        env.snapshots = std::move(snaps).value();
        Result<std::vector<RunInterval>> intervals = timeline.intervals(name);
        if (!intervals)
            return intervals.problem();
        env.intervals = std::move(intervals).value();
        env.activity = activityOf(env.snapshots, store.runSpans(it->id));
        if (!env.snapshots.empty()) {
            o.first = std::min(o.first, env.snapshots.front().takenAt);
            o.last = std::max(o.last, env.snapshots.back().confirmedUntil);
        }
        o.environments.push_back(std::move(env));
    }
    if (o.first > o.last)
        o.first = o.last = 0;
    std::vector<const ActivitySeries*> parts;
    for (const EnvironmentTimeline& e : o.environments)
        parts.push_back(&e.activity);
    o.activity = sumActivity(parts);
    if (o.activity.categories.isEmpty())
        o.activity.categories = activityCategories();
    return o;
}

} // namespace tideline
