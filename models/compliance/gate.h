// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What a CI gate fails on (check --fail-on, watch --fail-on).

#include "domain/finding.h"
#include "domain/result.h"

#include <QStringList>

#include <optional>
#include <set>
#include <vector>

namespace tideline {

// Only findings still open count (stillOpen: open or escalated): a decided finding never fails a gate.
struct FailOn {
    bool anyOpen = false; // "open": any finding
    std::set<FindingKind> kinds; // "no-provenance", ...: a finding of that kind
    std::optional<Severity> atLeast; // "critical", "high", ...: a finding of that severity or worse
    bool never = false; // "none": report, never fail

    static FailOn openFindings() { return FailOn { true, {}, std::nullopt, false }; }
};

// Words, each possibly comma-separated: open, none, a kind or a severity name. Nothing given: open.
Result<FailOn> parseFailOn(const QStringList& words);
// The findings that trip the gate, in report order (empty: it passes).
std::vector<const Finding*> failing(const std::vector<Finding>& findings, const FailOn& gate);
// "open findings", "no-provenance or unknown-fingerprint findings", "critical findings or worse" ...
QString describeFailOn(const FailOn& gate);

} // namespace tideline
