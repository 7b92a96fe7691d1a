// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Running workloads over time by what the latest check says of them, for the window's chart: stacked
// like the environment's own activity (one step per snapshot), in other categories.

#include "domain/finding.h"
#include "timeline/overview.h"

#include <vector>

namespace tideline {

// Bottom first: "open finding" (someone still has to act), "decided finding", "no finding".
enum FindingCategory { OpenFinding = 0, DecidedFinding = 1, NoFinding = 2, FindingCategoryCount };
QStringList findingCategories();

// For each snapshot of env, how many of the workloads it ran lay inside an exposure window of a finding
// still open (or escalated), inside only windows of decided ones, or inside none. Blind spots are not
// about a workload and count nowhere. Workloads only: instances stay zero.
ActivitySeries findingActivity(const EnvironmentTimeline& env, const std::vector<Finding>& findings);

// Summed over the overview's environments.
ActivitySeries findingActivity(const TimelineOverview& overview, const std::vector<Finding>& findings);

} // namespace tideline
