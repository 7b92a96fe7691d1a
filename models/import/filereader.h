// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "compliance/policy.h"
#include "domain/observation.h"
#include "domain/result.h"
#include "import/snapshotformats.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace tideline {

class JsonDocument;
struct BundleEntry;
struct EvidenceFile;

// What one file turned out to be, decided from its content alone. Runs on worker threads.
struct ParsedFile {
    enum class Kind {
        Snapshot, // a runtime snapshot in one of the formats of snapshotformats.h
        Manifest, // tideline-bundle.json (kept as a source; read while preparing)
        Policy, // a Kosli environment policy (YAML)
        Evidence, // evidence, keys, Kosli trails and templates (evidence/evidencefile.h)
        Unknown, // no format we read: skipped with the reason
        Failed, // a format we read, but broken: an error
    };
    Kind kind = Kind::Unknown;
    QString format;
    QString skipReason;
    Problem problem;
    std::optional<ParsedSnapshot> snapshot;
    std::vector<GroupedWorkload> grouped; // the snapshot's workloads, grouped off the writing thread
    std::optional<tideline::Policy> policy; // named after its file
    std::shared_ptr<EvidenceFile> evidence;
};

ParsedFile parseFile(const BundleEntry& entry, JsonDocument& json);

// A short description of content we do not read, for the "skipped" reason.
QString describeUnknownContent(const QByteArray& bytes);

} // namespace tideline
