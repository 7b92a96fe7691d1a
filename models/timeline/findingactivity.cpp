// SPDX-License-Identifier: GPL-3.0-or-later
#include "findingactivity.h"

#include <algorithm>
#include <iterator>
#include <map>

namespace tideline {

namespace {

constexpr Disposition kByUrgency[] = { Disposition::Open, Disposition::Escalated, Disposition::AcceptedRisk, Disposition::FalsePositive,
    Disposition::Remediated };

struct Window {
    Millis from;
    Millis to;
    int category;
};

} // namespace

QStringList findingCategories()
{
    QStringList out;
    for (Disposition d : kByUrgency)
        out << dispositionName(d);
    out << QStringLiteral("suppressed by VEX") << QStringLiteral("no finding");
    return out;
}

FindingCategory findingCategory(Disposition d)
{
    for (int i = 0; i < int(std::size(kByUrgency)); ++i)
        if (kByUrgency[i] == d)
            return static_cast<FindingCategory>(i);
    return OpenFinding;
}

std::optional<Disposition> categoryDisposition(int category)
{
    if (category < 0 || category >= int(std::size(kByUrgency)))
        return std::nullopt;
    return kByUrgency[category];
}

FindingCategory activityCategory(const Finding& f)
{
    return f.suppressedByVex() ? SuppressedFinding : findingCategory(f.disposition);
}

ActivitySeries findingActivity(const EnvironmentTimeline& env, const std::vector<Finding>& findings)
{
    ActivitySeries a;
    a.categories = findingCategories();
    const size_t cols = FindingCategoryCount;
    const auto& snaps = env.snapshots;
    if (snaps.empty()) return a;
    // The windows of each workload of this environment, by its key (the fingerprint, or "?" + name).
    std::map<QString, std::vector<Window>> windows;
    for (const Finding& f : findings) {
        if (f.environment != env.environment.name || f.kind == FindingKind::BlindSpot) continue;
        auto& ws = windows[workloadKey(f)];
        for (const ExposureWindow& w : f.windows)
            ws.push_back({ w.from, w.to, int(activityCategory(f)) });
    }
    a.times.reserve(snaps.size());
    for (const Snapshot& s : snaps)
        a.times.push_back(s.takenAt);
    a.workloads.assign(snaps.size() * cols, 0);
    a.instances.assign(snaps.size() * cols, 0);
    a.end = snaps.back().confirmedUntil;
    // Snapshots are in time order with seq from 1: a run's snapshots are snaps[firstSeq - 1 .. lastSeq - 1].
    for (const RunInterval& iv : env.intervals) {
        const auto it = windows.find(workloadKey(iv));
        const std::vector<Window>* ws = it == windows.end() ? nullptr : &it->second;
        const size_t first = static_cast<size_t>(std::max(1, iv.firstSeq) - 1);
        const size_t last = std::min(snaps.size(), static_cast<size_t>(std::max(1, iv.lastSeq)));
        for (size_t i = first; i < last; ++i) {
            const Millis t = snaps[i].takenAt;
            int category = NoFinding;
            if (ws)
                for (const Window& w : *ws)
                    if (w.from <= t && t < w.to)
                        category = std::min(category, w.category);
            ++a.workloads[i * cols + static_cast<size_t>(category)];
        }
    }
    return a;
}

ActivitySeries findingActivity(const TimelineOverview& overview, const std::vector<Finding>& findings)
{
    std::vector<ActivitySeries> parts;
    parts.reserve(overview.environments.size());
    for (const EnvironmentTimeline& e : overview.environments)
        parts.push_back(findingActivity(e, findings));
    std::vector<const ActivitySeries*> ptrs;
    for (const ActivitySeries& p : parts)
        ptrs.push_back(&p);
    ActivitySeries sum = sumActivity(ptrs);
    if (sum.categories.isEmpty()) sum.categories = findingCategories();
    return sum;
}

} // namespace tideline
