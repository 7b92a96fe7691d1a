// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The pure time<->pixel maths behind the timeline, its axis and the charts above it (no Qt Gui).

#include "domain/timefmt.h"

#include <QString>

#include <vector>

namespace tideline {

// A visible stretch of time [start, end] laid over the pixels [left, left + width].
struct TimeScale {
    Millis start = 0;
    Millis end = 1;
    double left = 0;
    double width = 1;

    Millis span() const { return end - start; }
    double msPerPixel() const { return width > 0 ? static_cast<double>(span()) / width : 0; }
    double xOf(Millis t) const;
    Millis timeAt(double x) const;
    bool operator==(const TimeScale& o) const;
    bool operator!=(const TimeScale& o) const { return !(*this == o); }
};

// Where the view may go: never narrower than minSpan, never wider than the data (plus a margin).
struct TimeBounds {
    Millis first = 0;
    Millis last = 0;
    Millis minSpan = 10 * 1000;
    Millis lo() const;
    Millis hi() const;
};

// The whole of the data, with a small margin either side.
TimeScale fitScale(const TimeBounds& bounds, double left, double width);
// factor > 1 zooms in; the time under x stays under x.
TimeScale zoomScale(const TimeScale& s, double factor, double x, const TimeBounds& bounds);
// Moves the view by dx pixels (dragging right shows earlier times).
TimeScale panScale(const TimeScale& s, double dx, const TimeBounds& bounds);
// Shows [from, to], widened by a margin and kept within bounds.
TimeScale showScale(const TimeScale& s, Millis from, Millis to, const TimeBounds& bounds);
// Keeps span and position legal.
TimeScale clampScale(TimeScale s, const TimeBounds& bounds);

struct TimeTick {
    Millis at = 0;
    QString label; // UTC: "2026-03-02", "14:05", "14:05:30"
    bool major = false; // a day boundary (or a larger unit when steps are days)
};

// Tick marks at a round UTC step chosen so labels sit at least minSpacing pixels apart.
std::vector<TimeTick> timeTicks(const TimeScale& s, double minSpacing);
// The step timeTicks picks, in milliseconds.
Millis tickStep(const TimeScale& s, double minSpacing);

} // namespace tideline
