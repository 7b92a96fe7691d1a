// SPDX-License-Identifier: GPL-3.0-or-later
#include "gate.h"

namespace tideline {

Result<FailOn> parseFailOn(const QStringList& words)
{
    FailOn gate;
    QStringList parts;
    for (const QString& w : words)
        for (const QString& p : w.split(QLatin1Char(','), Qt::SkipEmptyParts))
            parts << p.trimmed().toLower();
    if (parts.isEmpty())
        return FailOn::openFindings();
    for (const QString& p : std::as_const(parts)) {
        if (p == QLatin1String("open"))
            gate.anyOpen = true;
        else if (p == QLatin1String("none"))
            gate.never = true;
        else if (auto k = findingKindFromName(p))
            gate.kinds.insert(*k);
        else if (auto s = severityFromName(p))
            gate.atLeast = gate.atLeast ? std::max(*gate.atLeast, *s) : *s; // the broader of two: high takes in critical
        else {
            QStringList kinds;
            for (FindingKind k : findingKinds())
                kinds << findingKindName(k);
            QStringList levels;
            for (Severity s : severities())
                levels << severityName(s);
            return Problem(QStringLiteral("--fail-on '%1': give open, none, a kind (%2) or a severity (%3)")
                               .arg(p, kinds.join(QStringLiteral(", ")), levels.join(QStringLiteral(", "))));
        }
    }
    if (gate.never && (gate.anyOpen || !gate.kinds.empty() || gate.atLeast))
        return Problem(QStringLiteral("--fail-on none cannot be combined with what to fail on"));
    return gate;
}

std::vector<const Finding*> failing(const std::vector<Finding>& findings, const FailOn& gate)
{
    std::vector<const Finding*> out;
    if (gate.never)
        return out;
    for (const Finding& f : findings) {
        if (!f.countsOpen())
            continue;
        const bool trips = gate.anyOpen || gate.kinds.count(f.kind) || (gate.atLeast && f.severity <= *gate.atLeast);
        if (trips)
            out.push_back(&f);
    }
    return out;
}

QString describeFailOn(const FailOn& gate)
{
    if (gate.never)
        return QStringLiteral("nothing (--fail-on none)");
    if (gate.anyOpen)
        return QStringLiteral("open findings");
    QStringList what;
    for (FindingKind k : gate.kinds)
        what << findingKindName(k);
    if (gate.atLeast)
        what << (*gate.atLeast == Severity::Critical ? severityName(*gate.atLeast) : severityName(*gate.atLeast) + QStringLiteral("-or-worse"));
    return QStringLiteral("open %1 findings").arg(what.join(QStringLiteral(" or ")));
}

} // namespace tideline
