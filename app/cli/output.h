// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/evidence.h"
#include "domain/model.h"
#include "domain/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <vector>

namespace tideline {
struct ImportReport;
struct ExposureWindow;
}

namespace tideline::cli {

// A text for JSON output: null when empty.
inline QJsonValue text(const QString& s) { return s.isEmpty() ? QJsonValue() : QJsonValue(s); }

void out(const QString& text); // stdout, with a newline
void err(const QString& text); // stderr, with a newline
// --json: a command that fails without printing its document prints one with its errors instead
// ({"ok": false, "exit_code": N, "error": first, "errors": [...]}). run() calls these around a command.
void expectJson(bool json);
void finishJson(int exitCode);
// While a command waits for another writer of the case: a line on stderr every five seconds.
void sayWaiting(const QString& casePath, qint64 waitedMs);
// How far a long read has come, on stderr: on a terminal one line rewritten in place ("verify-case: 45 % of
// 2.6 GB read back, 420 MB/s"), elsewhere a line every ten seconds; nothing for a run that ends within a second.
// done() clears the line.
class ProgressLine {
public:
    explicit ProgressLine(QString what);
    ~ProgressLine();
    void update(qint64 bytesDone, qint64 bytesTotal);
    void done();

private:
    QString m_what;
    qint64 m_startedMs = 0;
    qint64 m_lastMs = 0;
    bool m_terminal = false;
    bool m_shown = false;
};
void printJson(const QJsonValue& value);
// A plain-text table: columns padded to their widest cell.
void printTable(const QStringList& headers, const std::vector<QStringList>& rows);

QJsonValue time(Millis t); // ISO 8601 UTC, null for 0
QJsonObject toJson(const Environment& e);
QJsonObject toJson(const Snapshot& s);
QJsonObject toJson(const Workload& w);
QJsonObject toJson(const State& s);
QJsonObject toJson(const SnapshotDiff& d);
QJsonObject toJson(const RunInterval& r);
QJsonObject toJson(const ExposureWindow& w); // from, to, first_snapshot, last_snapshot
QJsonObject toJson(const FingerprintMatch& m);
QJsonObject toJson(const Problem& p);
QJsonObject toJson(const ImportReport& r);

QString shortFingerprint(const QString& fp); // "8ba20a0f…f332e"

// A key or trusted root an import brought: one line of the report, and its JSON.
QString anchorLine(const AnchorImport& a);
QJsonObject toJson(const AnchorImport& a);
QJsonObject toJson(const TrustRecord& t);

} // namespace tideline::cli
