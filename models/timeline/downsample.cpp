// SPDX-License-Identifier: GPL-3.0-or-later
#include "downsample.h"

#include <algorithm>

namespace tideline {

StackedSteps downsampleStacked(const ActivitySeries& a, ActivityMeasure measure, Millis from, Millis to, int buckets)
{
    StackedSteps out;
    const int cols = a.columns();
    out.levels.resize(static_cast<size_t>(cols));
    if (buckets < 1 || to <= from || cols == 0)
        return out;
    const std::vector<int>& values = measure == ActivityMeasure::Workloads ? a.workloads : a.instances;
    const double width = static_cast<double>(to - from) / buckets;
    std::vector<int> level(static_cast<size_t>(cols));
    std::vector<int> best(static_cast<size_t>(cols));
    std::vector<int> last(static_cast<size_t>(cols), -1);
    // The stacked levels of point p (0 outside the series).
    auto levelsOf = [&](long p, Millis t) {
        int sum = 0;
        for (int c = 0; c < cols; ++c) {
            const bool inside = p >= 0 && t < a.end;
            sum += inside ? values[static_cast<size_t>(p) * static_cast<size_t>(cols) + static_cast<size_t>(c)] : 0;
            level[static_cast<size_t>(c)] = sum;
        }
    };
    long p = a.pointAt(from);
    const long n = static_cast<long>(a.size());
    for (int b = 0; b < buckets; ++b) {
        const Millis b0 = from + static_cast<Millis>(width * b);
        const Millis b1 = b + 1 == buckets ? to : from + static_cast<Millis>(width * (b + 1));
        levelsOf(p, b0);
        best = level;
        // Every change inside the column, including the series' end.
        while (p + 1 < n && a.times[static_cast<size_t>(p + 1)] < b1) {
            ++p;
            levelsOf(p, a.times[static_cast<size_t>(p)]);
            for (size_t c = 0; c < best.size(); ++c)
                best[c] = std::max(best[c], level[c]);
        }
        const double x0 = static_cast<double>(b0);
        const double x1 = static_cast<double>(b1);
        for (size_t c = 0; c < best.size(); ++c) {
            auto& pts = out.levels[c];
            if (best[c] == last[c] && pts.size() >= 2) {
                pts.back().setX(x1); // a flat run: stretch the last segment
            } else {
                pts.emplace_back(x0, best[c]);
                pts.emplace_back(x1, best[c]);
            }
            last[c] = best[c];
            out.maxY = std::max(out.maxY, static_cast<double>(best[c]));
        }
    }
    return out;
}

} // namespace tideline
