// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Keeps chart series small: at most two points per pixel column, whatever the number of snapshots.

#include "timeline/overview.h"

#include <QPointF>

#include <vector>

namespace tideline {

struct StackedSteps {
    // levels[c]: the top edge of category c stacked on the categories below it; x in Millis, y a count.
    std::vector<std::vector<QPointF>> levels;
    double maxY = 0;
};

enum class ActivityMeasure { Workloads, Instances };

// The series over [from, to] in `buckets` columns; each column holds the highest value of each stacked
// level within it, so a short spike never disappears between two pixels.
StackedSteps downsampleStacked(const ActivitySeries& series, ActivityMeasure measure, Millis from, Millis to, int buckets);

} // namespace tideline
