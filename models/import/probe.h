// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A look at what an import would find, before importing: how much there is, and whether some snapshot
// payloads carry no environment, type or capture time (so the window asks for them, and only then).

#include "domain/result.h"
#include "domain/timefmt.h"
#include "import/bundle.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <atomic>
#include <optional>
#include <vector>

namespace tideline {

// One file as the probe found it: what an import of it would add.
struct ProbedFile {
    QString path;
    QString what; // "snapshot", "evidence", "policy", "manifest", "skipped", "unreadable"
    QString format;
    QString detail; // why skipped or unreadable
    // Snapshots: where and for when (as far as the content and a manifest say) and what ran.
    QString environment;
    QString type;
    std::optional<Millis> takenAt;
    int workloads = 0;
    int instances = 0;
    QStringList fingerprints; // distinct sha256 of its workloads
    QStringList names; // distinct workload names
};

struct ImportProbe {
    int files = 0;
    qint64 bytes = 0;
    int snapshots = 0; // snapshot payloads found
    // Snapshot payloads that neither their content nor a manifest gives these for.
    int lackEnvironment = 0;
    int lackType = 0;
    int lackTime = 0;
    QStringList typeCandidates; // what the payloads lacking a type could be
    QStringList environments; // environments the content and manifests name
    QStringList examples; // a few files that lack context, for the dialog to name
    std::vector<Problem> problems;
    std::vector<ProbedFile> entries; // every file, in the order the import takes them
    bool cancelled = false;

    bool needsContext() const { return lackEnvironment > 0 || lackType > 0 || lackTime > 0; }
};

// knownTypes: environments the case already holds, by name, with their type (they need no type).
ImportProbe probeImport(const QStringList& paths, const QMap<QString, QString>& knownTypes = {},
    const ArchiveLimits& limits = {}, const std::atomic<bool>* cancel = nullptr);

} // namespace tideline
