// SPDX-License-Identifier: GPL-3.0-or-later
#include "selector.h"

#include <QRegularExpression>

namespace tideline {

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
        static const QRegularExpression relative(QStringLiteral("^(\\d+)\\.(minute|hour|day|week|month)s?\\.ago$"));
        const auto m = relative.match(when);
        if (m.hasMatch()) {
            const qint64 n = m.captured(1).toLongLong();
            const QString unit = m.captured(2);
            const qint64 ms = unit == QLatin1String("minute") ? 60000LL
                : unit == QLatin1String("hour")               ? 3600000LL
                : unit == QLatin1String("day")                ? 86400000LL
                : unit == QLatin1String("week")               ? 7 * 86400000LL
                                                              : 30 * 86400000LL;
            s.time = now - n * ms;
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
