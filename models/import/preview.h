// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Before an import lands: what it adds to each environment, and what looks wrong about it (a snapshot far from the
// environment's own history, or one that shares no workload with it: most likely another system's).

#include "domain/result.h"
#include "domain/timefmt.h"
#include "import/probe.h"

#include <QString>
#include <QStringList>

#include <set>
#include <vector>

namespace tideline {

// An environment of the case as the preview compares against it.
struct EnvironmentExtent {
    QString name;
    Millis first = 0;
    Millis last = 0;
    std::set<QString> fingerprints;
    std::set<QString> repositories; // imageRepository() of the workloads' names ("shop/cart")
};

// What the probed files add to one environment.
struct EnvironmentPreview {
    QString environment;
    bool isNew = false; // the case has no environment of that name yet
    int snapshots = 0;
    std::optional<Millis> first;
    std::optional<Millis> last;
    int workloads = 0; // distinct, over its snapshots
    int sharedWorkloads = 0; // of those, how many the case's environment already ran (by fingerprint or repository)
    QStringList warnings; // in words, each a reason to look twice
};

// A snapshot more than this far outside an environment's recorded history (or its own length, when that is longer)
// is called far.
constexpr Millis kFarOutside = 7LL * 24 * 3600 * 1000;

class CaseFile;
// The case's environments as the preview compares against them.
Result<std::vector<EnvironmentExtent>> environmentExtents(CaseFile& kase);

std::vector<EnvironmentPreview> previewImport(const ImportProbe& probe, const std::vector<EnvironmentExtent>& environments);

} // namespace tideline
