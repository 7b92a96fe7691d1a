// SPDX-License-Identifier: GPL-3.0-or-later
#include "timescale.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>

namespace tideline {

namespace {

constexpr Millis kSecond = 1000;
constexpr Millis kMinute = 60 * kSecond;
constexpr Millis kHour = 60 * kMinute;
constexpr Millis kDay = 24 * kHour;
// 1970-01-01 was a Thursday: weeks start on the Monday four days later.
constexpr Millis kWeekOrigin = 4 * kDay;

Millis floorTo(Millis t, Millis step, Millis origin)
{
    Millis d = t - origin;
    Millis q = d / step;
    if (d % step != 0 && d < 0)
        --q;
    return origin + q * step;
}

QString labelFor(Millis t, Millis step)
{
    const QDateTime dt = QDateTime::fromMSecsSinceEpoch(t, Qt::UTC);
    if (step >= kDay || t % kDay == 0)
        return dt.toString(QStringLiteral("yyyy-MM-dd"));
    if (step >= kMinute)
        return dt.toString(QStringLiteral("HH:mm"));
    return dt.toString(QStringLiteral("HH:mm:ss"));
}

} // namespace

double TimeScale::xOf(Millis t) const
{
    const Millis s = span();
    if (s <= 0)
        return left;
    return left + static_cast<double>(t - start) * width / static_cast<double>(s);
}

Millis TimeScale::timeAt(double x) const
{
    if (width <= 0)
        return start;
    return start + static_cast<Millis>(std::llround((x - left) * static_cast<double>(span()) / width));
}

bool TimeScale::operator==(const TimeScale& o) const
{
    return start == o.start && end == o.end && left == o.left && width == o.width;
}

Millis TimeBounds::lo() const { return first - std::max<Millis>((last - first) / 50, minSpan / 2); }
Millis TimeBounds::hi() const { return last + std::max<Millis>((last - first) / 50, minSpan / 2); }

TimeScale clampScale(TimeScale s, const TimeBounds& b)
{
    const Millis lo = b.lo();
    const Millis hi = b.hi();
    Millis span = std::clamp<Millis>(s.span(), std::max<Millis>(b.minSpan, 1), std::max<Millis>(hi - lo, b.minSpan));
    if (span != s.span()) {
        const Millis mid = s.start + s.span() / 2;
        s.start = mid - span / 2;
        s.end = s.start + span;
    }
    if (hi - lo <= span) {
        // The view is wider than the data: centre it.
        s.start = lo - (span - (hi - lo)) / 2;
    } else if (s.start < lo) {
        s.start = lo;
    } else if (s.start + span > hi) {
        s.start = hi - span;
    }
    s.end = s.start + span;
    return s;
}

TimeScale fitScale(const TimeBounds& b, double left, double width)
{
    TimeScale s;
    s.left = left;
    s.width = width;
    s.start = b.lo();
    s.end = std::max(b.hi(), s.start + b.minSpan);
    return clampScale(s, b);
}

TimeScale zoomScale(const TimeScale& s, double factor, double x, const TimeBounds& b)
{
    if (factor <= 0 || s.width <= 0)
        return s;
    const Millis anchor = s.timeAt(x);
    const double frac = (x - s.left) / s.width;
    const Millis span = std::max<Millis>(static_cast<Millis>(std::llround(static_cast<double>(s.span()) / factor)), std::max<Millis>(b.minSpan, 1));
    TimeScale out = s;
    out.start = anchor - static_cast<Millis>(std::llround(frac * static_cast<double>(span)));
    out.end = out.start + span;
    return clampScale(out, b);
}

TimeScale panScale(const TimeScale& s, double dx, const TimeBounds& b)
{
    const Millis shift = static_cast<Millis>(std::llround(dx * s.msPerPixel()));
    TimeScale out = s;
    out.start -= shift;
    out.end -= shift;
    return clampScale(out, b);
}

TimeScale showScale(const TimeScale& s, Millis from, Millis to, const TimeBounds& b)
{
    if (to < from)
        std::swap(from, to);
    const Millis margin = std::max<Millis>((to - from) / 10, b.minSpan / 2);
    TimeScale out = s;
    out.start = from - margin;
    out.end = to + margin;
    return clampScale(out, b);
}

Millis tickStep(const TimeScale& s, double minSpacing)
{
    static const Millis steps[] = { kSecond, 2 * kSecond, 5 * kSecond, 10 * kSecond, 15 * kSecond, 30 * kSecond, kMinute,
        2 * kMinute, 5 * kMinute, 10 * kMinute, 15 * kMinute, 30 * kMinute, kHour, 2 * kHour, 3 * kHour, 6 * kHour,
        12 * kHour, kDay, 2 * kDay, 7 * kDay, 14 * kDay, 28 * kDay, 91 * kDay, 364 * kDay };
    const double wanted = s.msPerPixel() * std::max(1.0, minSpacing);
    for (Millis step : steps)
        if (static_cast<double>(step) >= wanted)
            return step;
    return 364 * kDay * static_cast<Millis>(std::ceil(wanted / static_cast<double>(364 * kDay)));
}

std::vector<TimeTick> timeTicks(const TimeScale& s, double minSpacing)
{
    std::vector<TimeTick> out;
    if (s.span() <= 0 || s.width <= 0)
        return out;
    const Millis step = tickStep(s, minSpacing);
    const Millis origin = step >= 7 * kDay ? kWeekOrigin : 0;
    for (Millis t = floorTo(s.start, step, origin); t <= s.end; t += step) {
        if (t < s.start)
            continue;
        TimeTick tick;
        tick.at = t;
        tick.label = labelFor(t, step);
        tick.major = step >= kDay ? (t % (7 * kDay) == kWeekOrigin % (7 * kDay)) : t % kDay == 0;
        out.push_back(std::move(tick));
        if (out.size() > 10000)
            break;
    }
    return out;
}

} // namespace tideline
