// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Plain value types the engine hands to the command line, the window and the pack.

#include "domain/timefmt.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace tideline {

// How the engine keys a workload: its fingerprint, or "?" + its name when it has none (an unknown workload is
// never merged with a known one).
inline QString workloadKey(const QString& fingerprint, const QString& name)
{
    return fingerprint.isEmpty() ? QStringLiteral("?") + name : fingerprint;
}

struct Environment {
    qint64 id = 0;
    QString name;
    QString type;
    int snapshots = 0;
    Millis first = 0; // first snapshot taken
    Millis last = 0; // latest confirmation
};

struct Snapshot {
    qint64 id = 0;
    QString environment;
    qint64 envId = 0;
    int seq = 0; // position in time order, from 1
    qint64 index = 0; // as shown and selected: Kosli's own index where the source had one, else seq
    bool kosliIndex = false;
    Millis takenAt = 0;
    Millis confirmedUntil = 0;
    int workloads = 0;
    int instances = 0;
    QString sourceSha256;
};

// A workload as it ran in one snapshot.
struct Workload {
    QString fingerprint; // empty: unknown workload
    QString name;
    QStringList names; // every name its instances ran under
    int instances = 0;
    QStringList instanceNames;
    Millis runningSince = 0; // first snapshot of the unbroken presence that reaches this one
    Millis created = 0; // earliest instance creation the platform reported; 0 unknown
    bool unknown() const { return fingerprint.isEmpty(); }
    QString key() const { return workloadKey(fingerprint, name); }
};

struct State {
    Environment environment;
    Millis at = 0;
    Snapshot snapshot;
    bool observed = true; // false when `at` lies after the last confirmation of the snapshot
    std::vector<Workload> workloads;
};

struct DiffEntry {
    QString name;
    QString fingerprint;
    int fromInstances = 0;
    int toInstances = 0;
};

struct SnapshotDiff {
    Snapshot from;
    Snapshot to;
    std::vector<DiffEntry> added, removed, scaled, unchanged;
};

// One unbroken stretch in which a workload ran in an environment.
struct RunInterval {
    QString environment;
    qint64 envId = 0;
    QString fingerprint;
    QString name;
    int firstSeq = 0;
    int lastSeq = 0;
    qint64 firstSnapshot = 0; // display indexes
    qint64 lastSnapshot = 0;
    Millis from = 0; // taken_at of the first snapshot
    Millis lastSeen = 0; // last confirmation of the last snapshot
    Millis to = 0; // the next snapshot (by then it had stopped), or lastSeen while it still runs
    bool ongoing = false; // present in the environment's latest snapshot
    int maxInstances = 0;
    Millis duration() const { return to - from; }
};
inline QString workloadKey(const RunInterval& run) { return workloadKey(run.fingerprint, run.name); }

struct FingerprintMatch {
    QString fingerprint;
    QStringList names;
    std::vector<RunInterval> runs;
};

} // namespace tideline
