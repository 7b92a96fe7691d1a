// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "domain/timefmt.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <functional>
#include <map>
#include <set>
#include <initializer_list>
#include <memory>
#include <optional>
#include <vector>

namespace tideline {

namespace sql {
class Statement;
class StatementCache;
}

struct EnvRow {
    qint64 id = 0;
    QString name;
    QString type;
};

struct SnapshotRow {
    qint64 id = 0;
    qint64 envId = 0;
    int seq = 0;
    std::optional<qint64> kosliIndex;
    Millis takenAt = 0;
    Millis confirmedUntil = 0;
    int workloads = 0;
    int instances = 0;
    qint64 sourceId = 0;
    QString sourceSha256; // filled by the queries that join it
    std::optional<bool> compliant;
    QString appliedPolicies;
};

// One stretch of consecutive snapshots in which a workload ran with the same instances.
struct RunRow {
    qint64 id = 0;
    qint64 envId = 0;
    qint64 artifactId = 0; // 0: unknown workload, keyed by name
    QString fingerprint; // filled by queries; empty for unknown
    QString name;
    QString artifactName; // the artifact's own name (a run stores its name only where it differs)
    int firstSeq = 0;
    qint64 lastSeq = 0; // schema::kOpen while in the latest snapshot
    int sinceSeq = 0; // first snapshot of the unbroken presence this run belongs to
    int instances = 0;
    QString detail; // one line per instance: "<created s[.ms]>\t<instance>[\t<name if not the run's>]"
    qint64 sourceId = 0;
};

struct ServerArtifactRow {
    QString fingerprint;
    QString name;
    bool running = true;
    QString annotation;
    std::optional<bool> compliant;
    QString flows;
    QString policyDecisions;
};

// The SQL behind environments, snapshots, reports and run intervals. Statements are prepared once per store.
class TimelineStore {
public:
    explicit TimelineStore(QSqlDatabase& db);
    ~TimelineStore();

    // Environments.
    // Reads return their failure: an unreadable case is never taken for an empty one.
    Result<std::vector<EnvRow>> environments();
    Result<std::optional<EnvRow>> environment(const QString& name);
    Result<std::optional<EnvRow>> environmentById(qint64 id);
    Result<EnvRow> createEnvironment(const QString& name, const QString& type);

    // Artifacts: the id of a fingerprint, created on first sight.
    Result<qint64> artifactId(const QString& fingerprint, const QString& name);
    Result<std::optional<qint64>> findArtifact(const QString& fingerprint);
    Result<QString> artifactName(qint64 id);

    // Snapshots.
    Result<std::vector<SnapshotRow>> snapshots(qint64 envId);
    Result<std::optional<SnapshotRow>> latestSnapshot(qint64 envId);
    Result<std::optional<SnapshotRow>> snapshotBySeq(qint64 envId, int seq);
    Result<std::optional<SnapshotRow>> snapshotByKosliIndex(qint64 envId, qint64 index);
    Result<std::optional<SnapshotRow>> snapshotAt(qint64 envId, Millis t); // latest taken at or before t
    Result<int> snapshotCount(qint64 envId);
    Result<std::map<int, Millis>> takenAt(qint64 envId, const std::set<int>& seqs);
    Result<qint64> insertSnapshot(const SnapshotRow& s);
    Status updateSnapshotTimes(qint64 id, Millis takenAt, Millis confirmedUntil);
    Status updateSnapshotSource(qint64 id, qint64 sourceId);
    Status shiftSnapshots(qint64 envId, int fromSeq); // seq >= fromSeq move up by one, runs with them

    // Reports.
    Result<bool> reportExists(qint64 sourceId, qint64 envId, Millis takenAt);
    Status insertReport(qint64 sourceId, qint64 envId, Millis takenAt, qint64 snapshotId);
    Result<std::vector<std::pair<Millis, qint64>>> reportsOf(qint64 snapshotId); // (taken_at, source_id)
    // Every report of an environment's snapshots, by snapshot id, each in time order: one query.
    Result<std::map<qint64, std::vector<Millis>>> reportTimesOfEnvironment(qint64 envId);
    Status moveReportsAfter(qint64 fromSnapshot, Millis after, qint64 toSnapshot);

    // Runs.
    Result<std::vector<RunRow>> openRuns(qint64 envId);
    Result<std::vector<RunRow>> allRuns(qint64 envId);
    Result<std::vector<RunRow>> runsAt(qint64 envId, int seq);
    Result<qint64> insertRun(const RunRow& r);
    Status closeRun(qint64 id, qint64 lastSeq);
    // The same for many rows at once: on a server in a few statements (a round trip each), on a file one by one
    // (SQLite's own interface is quicker per row than any batch). insertRuns gives the ids in the rows' order.
    Result<std::vector<qint64>> insertRuns(const std::vector<RunRow>& rows);
    Status closeRuns(const std::vector<qint64>& ids, qint64 lastSeq);
    Status updateRun(const RunRow& r); // first, last, since
    Status deleteRun(qint64 id);
    // Runs of the artifacts whose fingerprints start with prefix, in every environment.
    Result<std::vector<RunRow>> runsByFingerprintPrefix(const QString& prefix);
    // Runs whose name contains text (case-insensitive), in every environment.
    Result<std::vector<RunRow>> runsByName(const QString& text);
    Result<std::vector<RunRow>> runsOfArtifact(qint64 artifactId, qint64 envId);
    // Every run, in every environment, of the artifacts with these fingerprints (64 lowercase hex; others are
    // ignored), and of unknown workloads too when asked: one query, however many.
    Result<std::vector<RunRow>> runsOfFingerprints(const std::vector<QString>& fingerprints, bool unknown);

    // Kosli server snapshot details.
    Status insertServerArtifact(qint64 snapshotId, const ServerArtifactRow& a);
    Result<std::vector<ServerArtifactRow>> serverArtifacts(qint64 snapshotId);
    // The Kosli server artifacts of an environment's snapshots, by snapshot id, each in stored order: one query.
    Result<std::map<qint64, std::vector<ServerArtifactRow>>> serverArtifactsOfEnvironment(qint64 envId);
    // What the latest Kosli server snapshot holding a fingerprint says of it, and where it says so.
    struct ServerView {
        ServerArtifactRow artifact;
        QString environment;
        qint64 snapshotIndex = 0;
    };
    Result<std::optional<ServerView>> latestServerView(const QString& fingerprint);

private:
    Result<std::vector<EnvRow>> readEnvironments(sql::Statement& st, std::initializer_list<QVariant> values, const QString& what);
    Result<std::vector<RunRow>> readRuns(sql::Statement& st, std::initializer_list<QVariant> values, const QString& what);
    Result<std::vector<SnapshotRow>> readSnapshots(sql::Statement& st, std::initializer_list<QVariant> values, const QString& what);

    QSqlQuery* batch(std::map<int, std::unique_ptr<QSqlQuery>>& cache, int rows, const std::function<QString(int)>& text);

    std::unique_ptr<sql::StatementCache> m_cache;
    bool m_server = false;
    std::map<int, std::unique_ptr<QSqlQuery>> m_insertBatches, m_closeBatches; // by number of rows
};

} // namespace tideline
