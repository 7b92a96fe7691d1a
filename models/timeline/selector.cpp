// SPDX-License-Identifier: GPL-3.0-or-later
#include "selector.h"

#include <QRegularExpression>

namespace tideline {

namespace {

std::optional<Millis> relativeTime(const QString& when, Millis now)
{
    static const QRegularExpression relative(QStringLiteral("^(\\d{1,6})\\.(minute|hour|day|week|month)s?\\.ago$"));
    const auto m = relative.match(when);
    if (!m.hasMatch())
        return std::nullopt;
    const qint64 n = m.captured(1).toLongLong();
    const QString unit = m.captured(2);
    const qint64 ms = unit == QLatin1String("minute") ? 60000LL
        : unit == QLatin1String("hour")               ? 3600000LL
        : unit == QLatin1String("day")                ? 86400000LL
        : unit == QLatin1String("week")               ? 7 * 86400000LL
                                                      : 30 * 86400000LL;
    const Millis t = now - n * ms;
    return t >= timefmt::kMin ? std::optional<Millis>(t) : std::nullopt;
}

} // namespace

std::optional<Millis> parseTimeText(const QString& text, Millis now)
{
    const QString t = text.trimmed();
    std::optional<Millis> at;
    if (t.compare(QLatin1String("now"), Qt::CaseInsensitive) == 0)
        at = now;
    else if (!(at = relativeTime(t, now)))
        at = timefmt::parseIso(t);
    if (at)
        *at -= *at % 1000;
    return at;
}

Result<TimeInput> parseTimeInput(const QString& text, const QStringList& environments, Millis now)
{
    TimeInput in;
    const QString t = text.trimmed();
    if ((in.time = parseTimeText(t, now)))
        return in;
    const bool selects = t.contains(QLatin1Char('#')) || t.contains(QLatin1Char('~')) || t.endsWith(QLatin1Char('}'));
    if (!selects && !environments.contains(t))
        return Problem(QStringLiteral("'%1' is neither a time (2026-03-03T13:00:00Z, 3.hours.ago) nor a snapshot (%2#12, %2~1, %2@{…})")
                           .arg(t, environments.value(0, QStringLiteral("prod"))));
    Result<SnapshotSelector> s = parseSelector(t, now);
    if (!s)
        return s.problem();
    in.snapshot = *s;
    return in;
}

Result<SnapshotSelector> parseSelector(const QString& text, Millis now)
{
    SnapshotSelector s;
    const QString t = text.trimmed();
    auto bad = [&](const QString& why) {
        return Problem(QStringLiteral("'%1' is not a snapshot selector: %2").arg(text, why));
    };
    if (t.isEmpty())
        return bad(QStringLiteral("empty"));
    if (t.endsWith(QLatin1Char('}'))) {
        const int open = t.lastIndexOf(QStringLiteral("@{"));
        if (open <= 0)
            return bad(QStringLiteral("expected ENV@{TIME}"));
        s.environment = t.left(open);
        s.kind = SnapshotSelector::Kind::Time;
        const QString when = t.mid(open + 2, t.size() - open - 3).trimmed();
        if (const auto ago = relativeTime(when, now)) {
            s.time = *ago;
            return s;
        }
        const auto at = timefmt::parseIso(when);
        if (!at)
            return bad(QStringLiteral("'%1' is not an ISO 8601 UTC time or N.hours.ago").arg(when));
        s.time = *at;
        return s;
    }
    static const QRegularExpression indexed(QStringLiteral("^(.+)([#~])(\\d+)$"));
    const auto m = indexed.match(t);
    if (m.hasMatch()) {
        s.environment = m.captured(1);
        s.kind = m.captured(2) == QLatin1String("#") ? SnapshotSelector::Kind::Index : SnapshotSelector::Kind::Back;
        bool ok = false;
        s.number = m.captured(3).toLongLong(&ok);
        if (!ok)
            return bad(QStringLiteral("number out of range"));
        return s;
    }
    s.environment = t;
    return s;
}

} // namespace tideline
