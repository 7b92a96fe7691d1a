// SPDX-License-Identifier: GPL-3.0-or-later
#include "contents.h"

#include "domain/cvss.h"

namespace tideline {

std::optional<AdvisorySeverity> Advisory::strongest() const
{
    std::optional<AdvisorySeverity> best;
    auto rank = [](const AdvisorySeverity& s) { return s.score ? *s.score : cvss::ratingRank(s.rating).value_or(-1) * 2.5; };
    for (const AdvisorySeverity& s : severities) {
        if (!s.score && s.rating.isEmpty())
            continue;
        if (!best || rank(s) > rank(*best))
            best = s;
    }
    return best;
}

QString vexStatusName(VexStatus s)
{
    switch (s) {
    case VexStatus::NotAffected:
        return QStringLiteral("not_affected");
    case VexStatus::Fixed:
        return QStringLiteral("fixed");
    case VexStatus::Affected:
        return QStringLiteral("affected");
    case VexStatus::UnderInvestigation:
        return QStringLiteral("under_investigation");
    }
    return QString();
}

std::optional<VexStatus> vexStatusFromName(const QString& name)
{
    const QString n = name.trimmed().toLower();
    // OpenVEX's statuses, and CycloneDX's analysis states mapped onto them.
    if (n == QLatin1String("not_affected") || n == QLatin1String("false_positive"))
        return VexStatus::NotAffected;
    if (n == QLatin1String("fixed") || n == QLatin1String("resolved") || n == QLatin1String("resolved_with_pedigree"))
        return VexStatus::Fixed;
    if (n == QLatin1String("affected") || n == QLatin1String("exploitable"))
        return VexStatus::Affected;
    if (n == QLatin1String("under_investigation") || n == QLatin1String("in_triage"))
        return VexStatus::UnderInvestigation;
    return std::nullopt;
}

} // namespace tideline
