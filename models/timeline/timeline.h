// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/model.h"
#include "domain/result.h"

#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace tideline {

class CaseFile;
class TimelineStore;
struct SnapshotRow;
struct RunRow;
struct EnvRow;

// Questions about what ran when, answered from the case's snapshots and run intervals.
class Timeline {
public:
    explicit Timeline(CaseFile& kase);
    ~Timeline();

    // Every answer carries its failure: a case that cannot be read is never taken for an empty one.
    Result<std::vector<Environment>> environments();
    Result<Environment> environment(const QString& name);
    Result<std::vector<Snapshot>> snapshots(const QString& environment);

    // ENV, ENV#N, ENV~N, ENV@{TIME}.
    Result<Snapshot> resolve(const QString& selector);
    // What ran in a snapshot.
    Result<std::vector<Workload>> workloads(const Snapshot& snapshot);
    // What ran at a time (the snapshot in force then), or in the snapshot a selector names.
    Result<State> state(const QString& environmentOrSelector, std::optional<Millis> at = std::nullopt);
    Result<SnapshotDiff> diff(const QString& from, const QString& to);
    // Where and when fingerprints starting with a prefix ran; a query that is not hex matches names.
    Result<std::vector<FingerprintMatch>> search(const QString& query);
    // Every run interval of an environment, merged into unbroken stretches per workload, in time order.
    Result<std::vector<RunInterval>> intervals(const QString& environment);
    // The same, in every environment, for the artifacts with these fingerprints only (and unknown workloads when
    // asked): cheaper than every interval when they are few.
    Result<std::vector<RunInterval>> intervalsOf(const std::vector<QString>& fingerprints, bool unknown);

private:
    Snapshot toSnapshot(const SnapshotRow& row, const QString& env);
    Result<std::vector<RunInterval>> merge(const std::vector<RunRow>& runs);
    Result<EnvRow> environmentRow(const QString& name); // or "no such environment"

    std::unique_ptr<TimelineStore> m_store;
};

} // namespace tideline
