// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Replaying the snapshot imports the log records: verify-case replays all of them into a case in memory and
// compares; a retraction replays those of an environment that remain into the case itself.

#include "domain/result.h"
#include "domain/timefmt.h"

#include <QString>

#include <set>
#include <vector>

namespace tideline {

class JsonDocument;
class SnapshotRecorder;
struct LogEntry;
struct ParsedFile;
struct ReportOutcome;

// One import of a file into the case, as its log entry records it (action "import" or "policy").
struct ImportRecord {
    qint64 logId = 0;
    QString logHash;
    Millis at = 0;
    QString actor;
    QString action;
    QString path;
    QString sha256;
    QString format;
    // Snapshots only (isSnapshot): where and for when the report landed.
    bool isSnapshot = false;
    QString environment;
    QString type;
    Millis takenAt = 0;
    bool retracted = false; // a later "retract" entry took it back
};

// The hashes of the import entries that "retract" entries took back.
std::set<QString> retractedImports(const std::vector<LogEntry>& log);
// Every import the log records, in log order, marked when retracted.
std::vector<ImportRecord> importRecords(const std::vector<LogEntry>& log);

// Parses bytes as the snapshot an import brought and records it, under the environment, type and time the import
// gave it. sourceId: the source row the recorder writes against (in the case replayed into).
Result<ReportOutcome> replaySnapshot(SnapshotRecorder& recorder, const ImportRecord& import, const QByteArray& bytes, qint64 sourceId,
    JsonDocument& json);
// The same in two steps, so that the parsing can run on another thread than the recording: parseForReplay is
// safe on any thread (with a JsonDocument of its own), recordReplayed writes, on the recorder's.
ParsedFile parseForReplay(const ImportRecord& import, const QByteArray& bytes, JsonDocument& json);
Result<ReportOutcome> recordReplayed(SnapshotRecorder& recorder, const ImportRecord& import, const ParsedFile& parsed, qint64 sourceId);

} // namespace tideline
