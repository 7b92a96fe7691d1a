// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "domain/timefmt.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tideline {

struct GroupedWorkload;
struct Observation;
struct ServerArtifact;

struct ReportInput {
    QString environment;
    QString type;
    Millis takenAt = 0;
    std::optional<qint64> kosliIndex;
    qint64 sourceId = 0;
    bool newSource = false; // first time these bytes are seen: no earlier report of them can exist
    const std::vector<Observation>* observations = nullptr;
    const std::vector<GroupedWorkload>* grouped = nullptr; // observations already grouped, if at hand
    const std::vector<ServerArtifact>* serverArtifacts = nullptr;
    std::optional<bool> compliant;
    QString appliedPolicies;
};

struct ReportOutcome {
    qint64 snapshotIndex = 0; // as shown and selected (Kosli's index where the source has one)
    int seq = 0;
    bool newSnapshot = false;
    bool alreadyRecorded = false; // this source was already applied to this environment at this time
    int workloads = 0;
    int instances = 0;
};

// Applies reports to environments' timelines inside the caller's transaction: a new snapshot only where the
// running set changed, confirmed_until moved forward by identical later reports, and run intervals kept as
// the compact record of what ran. Reports may arrive in any time order.
class SnapshotRecorder {
public:
    explicit SnapshotRecorder(QSqlDatabase& db);
    ~SnapshotRecorder();

    Result<ReportOutcome> record(const ReportInput& input);

    // Forget cached state; call after a rolled-back transaction.
    void reset();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tideline
