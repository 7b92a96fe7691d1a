// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The one table every benchmark prints: workload, figure, measured value, target, the floor measured in the same
// run (where there is one) and the ratio to it. A loaded machine makes the values worse and the ratios less so:
// each benchmark prints the load average beside its table.

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace tideline::bench {

struct Row {
    std::string workload;
    std::string figure;
    double value = 0;
    std::string unit;
    // The target on the value: value >= target when higherIsBetter, else value <= target. NaN: none.
    double target = NAN;
    bool higherIsBetter = true;
    // A floor: the same work's unavoidable part, measured in the same run (NaN: none), and a target on
    // value / floor (NaN: the ratio is informative only).
    double floor = NAN;
    std::string floorName;
    double ratioTarget = NAN;

    double ratio() const { return std::isnan(floor) || floor == 0 ? NAN : value / floor; }
    bool ok() const
    {
        bool good = true;
        if (!std::isnan(target))
            good = higherIsBetter ? value >= target : value <= target;
        if (!std::isnan(ratioTarget) && !std::isnan(ratio()))
            good = good && ratio() >= ratioTarget;
        return good;
    }
};

inline std::string loadAverage()
{
    double l[3] = { 0, 0, 0 };
    if (getloadavg(l, 3) != 3)
        return "unknown";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f %.2f %.2f", l[0], l[1], l[2]);
    return buf;
}

class Table {
public:
    void add(Row r) { m_rows.push_back(std::move(r)); }
    bool allOk() const
    {
        for (const Row& r : m_rows)
            if (!r.ok())
                return false;
        return true;
    }

    void print(const char* title) const
    {
        std::printf("\n%s (load average %s)\n", title, loadAverage().c_str());
        std::printf("  %-22s %-42s %14s %16s %26s %16s  %s\n", "workload", "figure", "measured", "target", "floor (same run)", "ratio",
            "verdict");
        for (const Row& r : m_rows) {
            char value[32], target[32] = "-", floor[48] = "-", ratio[32] = "-";
            std::snprintf(value, sizeof value, "%.*f %s", precision(r.value), r.value, r.unit.c_str());
            if (!std::isnan(r.target))
                std::snprintf(target, sizeof target, "%s %.*f %s", r.higherIsBetter ? ">=" : "<=", precision(r.target), r.target, r.unit.c_str());
            if (!std::isnan(r.floor))
                std::snprintf(floor, sizeof floor, "%.*f %s %s", precision(r.floor), r.floor, r.unit.c_str(), r.floorName.c_str());
            if (!std::isnan(r.ratio())) {
                if (std::isnan(r.ratioTarget))
                    std::snprintf(ratio, sizeof ratio, "%.3f", r.ratio());
                else
                    std::snprintf(ratio, sizeof ratio, "%.3f (>= %.2f)", r.ratio(), r.ratioTarget);
            }
            std::printf("  %-22s %-42s %14s %16s %26s %16s  %s\n", r.workload.c_str(), r.figure.c_str(), value, target, floor, ratio,
                r.ok() ? "ok" : "MISSED");
        }
    }

private:
    static int precision(double v)
    {
        const double a = std::fabs(v);
        return a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
    }
    std::vector<Row> m_rows;
};

} // namespace tideline::bench
