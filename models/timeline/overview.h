// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Everything the window draws for a set of environments, loaded in one go on a worker thread.

#include "domain/model.h"
#include "domain/result.h"

#include <QStringList>

#include <vector>

namespace tideline {

class CaseFile;

// Counts over time as step functions, stacked by category: a count holds from times[i] until times[i+1]
// (the last until `end`). Categories are known and unknown fingerprints today; compliance states can
// replace them without changing the shape.
struct ActivitySeries {
    QStringList categories; // stacking order, bottom first
    std::vector<Millis> times; // where a count changes, ascending
    std::vector<int> workloads; // times.size() × categories.size(), row-major
    std::vector<int> instances;
    Millis end = 0;

    int columns() const { return static_cast<int>(categories.size()); }
    size_t size() const { return times.size(); }
    int workloadsAt(size_t point, int category) const { return workloads[point * static_cast<size_t>(columns()) + static_cast<size_t>(category)]; }
    int instancesAt(size_t point, int category) const { return instances[point * static_cast<size_t>(columns()) + static_cast<size_t>(category)]; }
    // Index of the point in force at t, or -1 before the first.
    long pointAt(Millis t) const;
};

// Bottom first: the rarer, more worrying category sits on the axis where a thin band still shows.
enum ActivityCategory { UnknownFingerprint = 0, KnownFingerprint = 1, ActivityCategoryCount };
QStringList activityCategories();

struct EnvironmentTimeline {
    Environment environment;
    std::vector<Snapshot> snapshots; // time order
    std::vector<RunInterval> intervals; // merged per workload, time order
    ActivitySeries activity;
};

struct TimelineOverview {
    std::vector<EnvironmentTimeline> environments;
    ActivitySeries activity; // summed over the environments
    Millis first = 0; // earliest snapshot
    Millis last = 0; // latest confirmation
    // Nothing to draw: no environment has a snapshot. A single snapshot (first == last) is an instant,
    // and is drawn: a Kosli server snapshot often comes alone.
    bool empty() const;
};

// Loads the named environments (in the order given; unknown names are an error).
Result<TimelineOverview> loadOverview(CaseFile& kase, const QStringList& environments);

// Sums step series that share categories; each contributes nothing outside [its first time, its end].
ActivitySeries sumActivity(const std::vector<const ActivitySeries*>& parts);

} // namespace tideline
