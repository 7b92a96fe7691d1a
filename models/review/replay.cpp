// SPDX-License-Identifier: GPL-3.0-or-later
#include "replay.h"

#include "domain/json.h"
#include "import/bundle.h"
#include "import/filereader.h"
#include "store/logstore.h"
#include "timeline/snapshotrecorder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tideline {

std::set<QString> retractedImports(const std::vector<LogEntry>& log)
{
    std::set<QString> out;
    for (const LogEntry& e : log)
        if (e.action == QLatin1String("retract"))
            for (const QJsonValue v : QJsonDocument::fromJson(e.detail.toUtf8())[QLatin1String("imports")].toArray())
                out.insert(v.toString());
    return out;
}

std::vector<ImportRecord> importRecords(const std::vector<LogEntry>& log)
{
    const std::set<QString> retracted = retractedImports(log);
    std::vector<ImportRecord> out;
    for (const LogEntry& e : log) {
        if (e.action != QLatin1String("import") && e.action != QLatin1String("policy"))
            continue;
        const QJsonObject d = QJsonDocument::fromJson(e.detail.toUtf8()).object();
        ImportRecord r;
        r.logId = e.id;
        r.logHash = e.hash;
        r.at = e.at;
        r.actor = e.actor;
        r.action = e.action;
        r.path = d[QLatin1String("path")].toString();
        r.sha256 = d[QLatin1String("sha256")].toString();
        r.format = d[QLatin1String("format")].toString();
        r.isSnapshot = e.action == QLatin1String("import") && d.contains(QLatin1String("environment"));
        if (r.isSnapshot) {
            r.environment = d[QLatin1String("environment")].toString();
            r.type = d[QLatin1String("type")].toString();
            r.takenAt = timefmt::parseIso(d[QLatin1String("taken_at")].toString()).value_or(0);
        }
        r.retracted = retracted.count(e.hash) > 0;
        out.push_back(std::move(r));
    }
    return out;
}

ParsedFile parseForReplay(const ImportRecord& import, const QByteArray& bytes, JsonDocument& json)
{
    BundleEntry entry;
    entry.displayPath = import.path;
    entry.bytes = bytes;
    return parseFile(entry, json);
}

Result<ReportOutcome> recordReplayed(SnapshotRecorder& recorder, const ImportRecord& import, const ParsedFile& parsed, qint64 sourceId)
{
    if (parsed.kind != ParsedFile::Kind::Snapshot)
        return Problem(import.path, QString(), QStringLiteral("its source no longer reads as a snapshot"));
    ReportInput in;
    in.environment = import.environment;
    in.type = import.type;
    in.takenAt = import.takenAt;
    in.kosliIndex = parsed.snapshot->kosliIndex;
    in.sourceId = sourceId;
    in.observations = &parsed.snapshot->observations;
    in.grouped = &parsed.grouped;
    in.serverArtifacts = &parsed.snapshot->serverArtifacts;
    in.compliant = parsed.snapshot->compliant;
    in.appliedPolicies = QString::fromStdString(parsed.snapshot->appliedPoliciesJson);
    return recorder.record(in);
}

Result<ReportOutcome> replaySnapshot(SnapshotRecorder& recorder, const ImportRecord& import, const QByteArray& bytes, qint64 sourceId,
    JsonDocument& json)
{
    return recordReplayed(recorder, import, parseForReplay(import, bytes, json), sourceId);
}

} // namespace tideline
