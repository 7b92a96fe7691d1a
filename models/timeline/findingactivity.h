// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Running workloads over time by what the latest check says of them, for the window's chart: stacked
// like the environment's own activity (one step per snapshot), in other categories.

#include "domain/finding.h"
#include "timeline/overview.h"

#include <optional>
#include <vector>

namespace tideline {

// One category per disposition, bottom first and most urgent first (what someone still has to act on sits on the
// axis), then "no finding". Named as dispositions are ("open", "escalated", "accepted-risk", ...).
enum FindingCategory {
    OpenFinding = 0,
    EscalatedFinding,
    AcceptedFinding,
    FalsePositiveFinding,
    RemediatedFinding,
    SuppressedFinding, // a vulnerable-package finding a VEX statement suppresses, not reviewed since
    NoFinding,
    FindingCategoryCount
};
QStringList findingCategories();
FindingCategory findingCategory(Disposition d);
// Where a finding counts: its disposition's category, or SuppressedFinding.
FindingCategory activityCategory(const Finding& f);
// The disposition a category stands for (nothing for SuppressedFinding and NoFinding).
std::optional<Disposition> categoryDisposition(int category);

// For each snapshot of env, how many of the workloads it ran lay inside an exposure window of a finding, under
// the most urgent disposition among the findings whose windows hold then, or inside none. Blind spots are not
// about a workload and count nowhere. Workloads only: instances stay zero.
ActivitySeries findingActivity(const EnvironmentTimeline& env, const std::vector<Finding>& findings);

// Summed over the overview's environments.
ActivitySeries findingActivity(const TimelineOverview& overview, const std::vector<Finding>& findings);

} // namespace tideline
