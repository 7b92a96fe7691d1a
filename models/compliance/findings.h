// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "compliance/policy.h"
#include "domain/finding.h"
#include "domain/result.h"

#include <QString>

#include <optional>
#include <vector>

namespace tideline {

class CaseFile;

struct CheckOptions {
    QString environment; // empty: every environment
    std::optional<Millis> from;
    std::optional<Millis> to;
    Millis blindSpotThreshold = 24LL * 3600 * 1000;
    // When set, only these policies are evaluated (check --policy); otherwise the case's policies in force
    // at each snapshot, with the server's applied policies for Kosli snapshots.
    std::optional<std::vector<Policy>> policies;
};

// Every workload that ran without what its policies require, with exposure windows, plus blind spots,
// minus what the allow-list allows. Finding ids are stable: the same workload and kind in the same
// environment keeps its id, so reviews stay attached.
Result<CheckReport> checkCase(CaseFile& kase, const CheckOptions& options = {});

// "F-" and 8 hex digits of sha256(environment, workload key, kind).
QString findingId(const QString& environment, const QString& workloadKey, FindingKind kind);

} // namespace tideline
