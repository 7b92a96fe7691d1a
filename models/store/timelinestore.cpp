// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelinestore.h"

#include "domain/digest.h"

#include "store/schema.h"
#include "store/sql.h"

#include <QSqlError>
#include <QStringList>

#include <algorithm>

namespace tideline {

namespace {

using sql::nullableBool;
using sql::nullableId;
using sql::nullableText;
using sql::firstOf;
using sql::nullableTime;

#define RUN_COLUMNS                                                                                                    \
    "r.id, r.env_id, r.artifact_id, a.fingerprint, coalesce(r.name, a.name), r.first_seq, r.last_seq, r.since_seq, r.instances, "        \
    "r.detail, r.source_id, a.name FROM runs r LEFT JOIN artifacts a ON a.id = r.artifact_id "
#define SNAPSHOT_COLUMNS                                                                                               \
    "s.id, s.env_id, s.seq, s.kosli_index, s.taken_at, s.confirmed_until, s.workloads, s.instances, s.source_id, "     \
    "src.sha256, s.compliant, s.applied_policies FROM snapshots s JOIN sources src ON src.id = s.source_id "



// One value of one row (count(*), a name), or nothing when there is no row.
Result<std::optional<QVariant>> oneValue(sql::Statement& st, std::initializer_list<QVariant> values, const QString& what)
{
    if (Status s = st.read(values, what); !s)
        return s.problem();
    if (!st.query().next()) {
        if (Status s = st.rowsRead(what); !s)
            return s.problem();
        return std::optional<QVariant>();
    }
    return std::optional<QVariant>(st.query().value(0));
}

} // namespace

TimelineStore::TimelineStore(QSqlDatabase& db)
    : m_cache(std::make_unique<sql::StatementCache>(db))
    , m_server(db.driverName() != QLatin1String("QSQLITE"))
{
}

TimelineStore::~TimelineStore() = default;


Result<std::vector<EnvRow>> TimelineStore::readEnvironments(sql::Statement& st, std::initializer_list<QVariant> values, const QString& what)
{
    if (Status s = st.read(values, what); !s)
        return s.problem();
    std::vector<EnvRow> out;
    while (st.query().next())
        out.push_back({ st.query().value(0).toLongLong(), st.query().value(1).toString(), st.query().value(2).toString() });
    if (Status s = st.rowsRead(what); !s)
        return s.problem();
    return out;
}

Result<std::vector<EnvRow>> TimelineStore::environments()
{
    auto st = (*m_cache)("SELECT id, name, type FROM environments ORDER BY name");
    return readEnvironments(*st, {}, QStringLiteral("the environments"));
}

Result<std::optional<EnvRow>> TimelineStore::environment(const QString& name)
{
    auto st = (*m_cache)("SELECT id, name, type FROM environments WHERE name = ?");
    return firstOf(readEnvironments(*st, { name }, QStringLiteral("environment %1").arg(name)));
}

Result<std::optional<EnvRow>> TimelineStore::environmentById(qint64 id)
{
    auto st = (*m_cache)("SELECT id, name, type FROM environments WHERE id = ?");
    return firstOf(readEnvironments(*st, { id }, QStringLiteral("environment %1").arg(id)));
}

Result<EnvRow> TimelineStore::createEnvironment(const QString& name, const QString& type)
{
    auto st = (*m_cache).insert("INSERT INTO environments(name, type) VALUES (?, ?)");
    if (Status s = st->run({ name, type }); !s)
        return s.problem();
    const auto id = st->insertedId();
    if (!id)
        return Problem(QStringLiteral("environment insert returned no id"));
    return EnvRow { *id, name, type };
}

Result<std::optional<qint64>> TimelineStore::findArtifact(const QString& fingerprint)
{
    auto st = (*m_cache)("SELECT id FROM artifacts WHERE fingerprint = ?");
    Result<std::optional<QVariant>> v = oneValue(*st, { fingerprint }, QStringLiteral("artifact %1").arg(fingerprint.left(12)));
    if (!v)
        return v.problem();
    return *v ? std::optional<qint64>((*v)->toLongLong()) : std::nullopt;
}

Result<QString> TimelineStore::artifactName(qint64 id)
{
    auto st = (*m_cache)("SELECT name FROM artifacts WHERE id = ?");
    Result<std::optional<QVariant>> v = oneValue(*st, { id }, QStringLiteral("the name of artifact %1").arg(id));
    if (!v)
        return v.problem();
    return *v ? (*v)->toString() : QString();
}

Result<qint64> TimelineStore::artifactId(const QString& fingerprint, const QString& name)
{
    Result<std::optional<qint64>> found = findArtifact(fingerprint);
    if (!found)
        return found.problem();
    if (*found)
        return **found;
    auto st = (*m_cache).insert("INSERT INTO artifacts(fingerprint, name) VALUES (?, ?)");
    if (Status s = st->run({ fingerprint, name }); !s)
        return s.problem();
    const auto id = st->insertedId();
    if (!id)
        return Problem(QStringLiteral("artifact insert returned no id"));
    return *id;
}

Result<std::vector<SnapshotRow>> TimelineStore::readSnapshots(sql::Statement& st, std::initializer_list<QVariant> values, const QString& what)
{
    if (Status s = st.read(values, what); !s)
        return s.problem();
    std::vector<SnapshotRow> out;
    QSqlQuery& q = st.query();
    while (q.next()) {
        SnapshotRow s;
        s.id = q.value(0).toLongLong();
        s.envId = q.value(1).toLongLong();
        s.seq = q.value(2).toInt();
        if (!q.value(3).isNull())
            s.kosliIndex = q.value(3).toLongLong();
        s.takenAt = q.value(4).toLongLong();
        s.confirmedUntil = q.value(5).toLongLong();
        s.workloads = q.value(6).toInt();
        s.instances = q.value(7).toInt();
        s.sourceId = q.value(8).toLongLong();
        s.sourceSha256 = q.value(9).toString();
        if (!q.value(10).isNull())
            s.compliant = q.value(10).toInt() != 0;
        s.appliedPolicies = q.value(11).toString();
        out.push_back(std::move(s));
    }
    if (Status s = st.rowsRead(what); !s)
        return s.problem();
    return out;
}

Result<std::vector<SnapshotRow>> TimelineStore::snapshots(qint64 envId)
{
    auto st = (*m_cache)("SELECT " SNAPSHOT_COLUMNS "WHERE s.env_id = ? ORDER BY s.seq");
    return readSnapshots(*st, { envId }, QStringLiteral("the snapshots"));
}

Result<std::optional<SnapshotRow>> TimelineStore::latestSnapshot(qint64 envId)
{
    auto st = (*m_cache)("SELECT " SNAPSHOT_COLUMNS "WHERE s.env_id = ? ORDER BY s.seq DESC LIMIT 1");
    return firstOf(readSnapshots(*st, { envId }, QStringLiteral("the latest snapshot")));
}

Result<std::optional<SnapshotRow>> TimelineStore::snapshotBySeq(qint64 envId, int seq)
{
    auto st = (*m_cache)("SELECT " SNAPSHOT_COLUMNS "WHERE s.env_id = ? AND s.seq = ?");
    return firstOf(readSnapshots(*st, { envId, seq }, QStringLiteral("a snapshot")));
}

Result<std::optional<SnapshotRow>> TimelineStore::snapshotByKosliIndex(qint64 envId, qint64 index)
{
    auto st = (*m_cache)("SELECT " SNAPSHOT_COLUMNS "WHERE s.env_id = ? AND s.kosli_index = ? ORDER BY s.seq LIMIT 1");
    return firstOf(readSnapshots(*st, { envId, index }, QStringLiteral("snapshot #%1").arg(index)));
}

Result<std::optional<SnapshotRow>> TimelineStore::snapshotAt(qint64 envId, Millis t)
{
    auto st = (*m_cache)("SELECT " SNAPSHOT_COLUMNS "WHERE s.env_id = ? AND s.taken_at <= ? ORDER BY s.taken_at DESC, s.seq DESC LIMIT 1");
    return firstOf(readSnapshots(*st, { envId, t }, QStringLiteral("the snapshot at a time")));
}

Result<int> TimelineStore::snapshotCount(qint64 envId)
{
    auto st = (*m_cache)("SELECT count(*) FROM snapshots WHERE env_id = ?");
    Result<std::optional<QVariant>> v = oneValue(*st, { envId }, QStringLiteral("the number of snapshots"));
    if (!v)
        return v.problem();
    return *v ? (*v)->toInt() : 0;
}

Result<std::map<int, Millis>> TimelineStore::takenAt(qint64 envId, const std::set<int>& seqs)
{
    std::map<int, Millis> out;
    if (seqs.empty())
        return out;
    const QString what = QStringLiteral("the snapshots' times");
    auto st = (*m_cache)("SELECT seq, taken_at FROM snapshots WHERE env_id = ? AND seq >= ? AND seq <= ?");
    if (Status s = st->read({ envId, *seqs.begin(), *seqs.rbegin() }, what); !s)
        return s.problem();
    while (st->query().next()) {
        const int seq = st->query().value(0).toInt();
        if (seqs.count(seq))
            out[seq] = st->query().value(1).toLongLong();
    }
    if (Status s = st->rowsRead(what); !s)
        return s.problem();
    return out;
}

Result<qint64> TimelineStore::insertSnapshot(const SnapshotRow& s)
{
    auto st = (*m_cache).insert("INSERT INTO snapshots(env_id, seq, kosli_index, taken_at, confirmed_until, workloads, instances, source_id,"
        " compliant, applied_policies) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const QVariant kosli = s.kosliIndex ? QVariant(*s.kosliIndex) : QVariant(QMetaType(QMetaType::LongLong));
    const QVariant compliant = s.compliant ? QVariant(*s.compliant ? 1 : 0) : QVariant(QMetaType(QMetaType::Int));
    const QVariant policies = s.appliedPolicies.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s.appliedPolicies);
    if (Status r = st->run({ s.envId, s.seq, kosli, s.takenAt, s.confirmedUntil, s.workloads, s.instances, s.sourceId,
            compliant, policies });
        !r)
        return r.problem();
    const auto id = st->insertedId();
    if (!id)
        return Problem(QStringLiteral("snapshot insert returned no id"));
    return *id;
}

Status TimelineStore::updateSnapshotTimes(qint64 id, Millis takenAt, Millis confirmedUntil)
{
    return (*m_cache)("UPDATE snapshots SET taken_at = ?, confirmed_until = ? WHERE id = ?")->run({ takenAt, confirmedUntil, id });
}

Status TimelineStore::updateSnapshotSource(qint64 id, qint64 sourceId)
{
    return (*m_cache)("UPDATE snapshots SET source_id = ? WHERE id = ?")->run({ sourceId, id });
}

Status TimelineStore::shiftSnapshots(qint64 envId, int fromSeq)
{
    // Runs still open (kOpen) stay open: they run through the latest snapshot, whatever its number.
    // Two steps so that UNIQUE(env_id, seq) holds after every row.
    if (Status s = (*m_cache)("UPDATE snapshots SET seq = -(seq + 1) WHERE env_id = ? AND seq >= ?")->run({ envId, fromSeq }); !s)
        return s;
    if (Status s = (*m_cache)("UPDATE snapshots SET seq = -seq WHERE env_id = ? AND seq < 0")->run({ envId }); !s)
        return s;
    if (Status s = (*m_cache)("UPDATE runs SET first_seq = first_seq + 1 WHERE env_id = ? AND first_seq >= ?")->run({ envId, fromSeq }); !s)
        return s;
    if (Status s = (*m_cache)("UPDATE runs SET last_seq = last_seq + 1 WHERE env_id = ? AND last_seq >= ? AND last_seq < ?")->run({ envId, fromSeq, schema::kOpen });
        !s)
        return s;
    return (*m_cache)("UPDATE runs SET since_seq = since_seq + 1 WHERE env_id = ? AND since_seq >= ?")->run({ envId, fromSeq });
}

Result<bool> TimelineStore::reportExists(qint64 sourceId, qint64 envId, Millis takenAt)
{
    auto st = (*m_cache)("SELECT 1 FROM reports WHERE source_id = ? AND env_id = ? AND taken_at = ?");
    Result<std::optional<QVariant>> v = oneValue(*st, { sourceId, envId, takenAt }, QStringLiteral("the reports"));
    if (!v)
        return v.problem();
    return v->has_value();
}

Status TimelineStore::insertReport(qint64 sourceId, qint64 envId, Millis takenAt, qint64 snapshotId)
{
    return (*m_cache)("INSERT INTO reports(source_id, env_id, taken_at, snapshot_id) VALUES (?, ?, ?, ?)")->run({ sourceId, envId, takenAt, snapshotId });
}

Result<std::vector<std::pair<Millis, qint64>>> TimelineStore::reportsOf(qint64 snapshotId)
{
    const QString what = QStringLiteral("the reports of a snapshot");
    std::vector<std::pair<Millis, qint64>> out;
    auto st = (*m_cache)("SELECT taken_at, source_id FROM reports WHERE snapshot_id = ? ORDER BY taken_at");
    if (Status s = st->read({ snapshotId }, what); !s)
        return s.problem();
    while (st->query().next())
        out.emplace_back(st->query().value(0).toLongLong(), st->query().value(1).toLongLong());
    if (Status s = st->rowsRead(what); !s)
        return s.problem();
    return out;
}

Result<std::map<qint64, std::vector<Millis>>> TimelineStore::reportTimesOfEnvironment(qint64 envId)
{
    const QString what = QStringLiteral("the reports of an environment's snapshots");
    std::map<qint64, std::vector<Millis>> out;
    auto st = (*m_cache)("SELECT r.snapshot_id, r.taken_at FROM reports r JOIN snapshots s ON s.id = r.snapshot_id"
                         " WHERE s.env_id = ? ORDER BY r.snapshot_id, r.taken_at");
    if (Status s = st->read({ envId }, what); !s)
        return s.problem();
    QSqlQuery& q = st->query();
    while (q.next())
        out[q.value(0).toLongLong()].push_back(q.value(1).toLongLong());
    if (Status s = st->rowsRead(what); !s)
        return s.problem();
    return out;
}

Status TimelineStore::moveReportsAfter(qint64 fromSnapshot, Millis after, qint64 toSnapshot)
{
    return (*m_cache)("UPDATE reports SET snapshot_id = ? WHERE snapshot_id = ? AND taken_at > ?")->run({ toSnapshot, fromSnapshot, after });
}

Result<std::vector<RunRow>> TimelineStore::readRuns(sql::Statement& st, std::initializer_list<QVariant> values, const QString& what)
{
    if (Status s = st.read(values, what); !s)
        return s.problem();
    std::vector<RunRow> out;
    QSqlQuery& q = st.query();
    while (q.next()) {
        RunRow r;
        r.id = q.value(0).toLongLong();
        r.envId = q.value(1).toLongLong();
        r.artifactId = q.value(2).isNull() ? 0 : q.value(2).toLongLong();
        r.fingerprint = q.value(3).toString();
        r.name = q.value(4).toString();
        r.firstSeq = q.value(5).toInt();
        r.lastSeq = q.value(6).toLongLong();
        r.sinceSeq = q.value(7).toInt();
        r.instances = q.value(8).toInt();
        r.detail = q.value(9).toString();
        r.sourceId = q.value(10).toLongLong();
        r.artifactName = q.value(11).toString();
        out.push_back(std::move(r));
    }
    if (Status s = st.rowsRead(what); !s)
        return s.problem();
    return out;
}

Result<std::vector<RunRow>> TimelineStore::openRuns(qint64 envId)
{
    auto st = (*m_cache)("SELECT " RUN_COLUMNS "WHERE r.env_id = ? AND r.last_seq = ?");
    return readRuns(*st, { envId, schema::kOpen }, QStringLiteral("the run intervals"));
}

Result<std::vector<RunRow>> TimelineStore::allRuns(qint64 envId)
{
    auto st = (*m_cache)("SELECT " RUN_COLUMNS "WHERE r.env_id = ? ORDER BY r.first_seq, r.id");
    return readRuns(*st, { envId }, QStringLiteral("the run intervals"));
}

Result<std::vector<RunRow>> TimelineStore::runsAt(qint64 envId, int seq)
{
    // Either bound alone narrows well on one side of the history: let the near one drive the index
    // (a unary + keeps the other column's index out of the plan).
    Result<int> counted = snapshotCount(envId);
    if (!counted)
        return counted.problem();
    const int count = *counted;
    auto st = seq * 2 > count
        ? (*m_cache)("SELECT " RUN_COLUMNS "WHERE r.env_id = ? AND +r.first_seq <= ? AND r.last_seq >= ?")
        : (*m_cache)("SELECT " RUN_COLUMNS "WHERE r.env_id = ? AND r.first_seq <= ? AND +r.last_seq >= ?");
    return readRuns(*st, { envId, seq, seq }, QStringLiteral("the run intervals"));
}

Result<qint64> TimelineStore::insertRun(const RunRow& r)
{
    auto st = (*m_cache).insert("INSERT INTO runs(env_id, artifact_id, name, first_seq, last_seq, since_seq, instances, detail, source_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const QVariant name = r.artifactId > 0 && r.name == r.artifactName ? QVariant(QMetaType(QMetaType::QString)) : QVariant(r.name);
    if (Status s = st->run({ r.envId, nullableId(r.artifactId), name, r.firstSeq, r.lastSeq, r.sinceSeq, r.instances,
            r.detail, r.sourceId });
        !s)
        return s.problem();
    const auto id = st->insertedId();
    if (!id)
        return Problem(QStringLiteral("run insert returned no id"));
    return *id;
}

namespace {
constexpr int kBatchRows = 64; // rows per statement on a server
} // namespace

QSqlQuery* TimelineStore::batch(std::map<int, std::unique_ptr<QSqlQuery>>& cache, int rows, const std::function<QString(int)>& text)
{
    auto& slot = cache[rows];
    if (!slot) {
        slot = std::make_unique<QSqlQuery>(m_cache->db());
        if (!slot->prepare(text(rows))) {
            slot.reset();
            return nullptr;
        }
    }
    return slot.get();
}

Result<std::vector<qint64>> TimelineStore::insertRuns(const std::vector<RunRow>& rows)
{
    std::vector<qint64> ids;
    ids.reserve(rows.size());
    if (!m_server) {
        for (const RunRow& r : rows) {
            Result<qint64> id = insertRun(r);
            if (!id)
                return id.problem();
            ids.push_back(*id);
        }
        return ids;
    }
    for (size_t at = 0; at < rows.size(); at += kBatchRows) {
        const int n = static_cast<int>(std::min<size_t>(kBatchRows, rows.size() - at));
        QSqlQuery* q = batch(m_insertBatches, n, [](int k) {
            return QStringLiteral("INSERT INTO runs(env_id, artifact_id, name, first_seq, last_seq, since_seq, instances, detail, source_id) "
                                  "VALUES %1 RETURNING id, artifact_id, name")
                .arg(sql::rowPlaceholders(k, 9));
        });
        if (!q)
            return Problem(QStringLiteral("cannot prepare the run insert: ") + m_cache->db().lastError().text());
        // Each row comes back with its id by its key (the artifact, or for an unknown workload its name): nothing
        // rests on the order RETURNING gives them in.
        std::map<std::pair<qint64, QString>, size_t> place;
        for (int i = 0; i < n; ++i) {
            const RunRow& r = rows[at + size_t(i)];
            const QVariant name = r.artifactId > 0 && r.name == r.artifactName ? QVariant(QMetaType(QMetaType::QString)) : QVariant(r.name);
            place[{ r.artifactId > 0 ? r.artifactId : 0, r.artifactId > 0 ? QString() : r.name }] = at + size_t(i);
            q->addBindValue(r.envId);
            q->addBindValue(nullableId(r.artifactId));
            q->addBindValue(name);
            q->addBindValue(r.firstSeq);
            q->addBindValue(r.lastSeq);
            q->addBindValue(r.sinceSeq);
            q->addBindValue(r.instances);
            q->addBindValue(r.detail.isNull() ? QStringLiteral("") : r.detail);
            q->addBindValue(r.sourceId);
        }
        if (static_cast<int>(place.size()) != n)
            return Problem(QStringLiteral("two runs of one batch have the same key"));
        if (!q->exec())
            return sql::failure(*q, QStringLiteral("cannot store runs"));
        ids.resize(at + size_t(n), 0);
        int got = 0;
        while (q->next()) {
            const qint64 artifact = q->value(1).isNull() ? 0 : q->value(1).toLongLong();
            auto it = place.find({ artifact, artifact > 0 ? QString() : q->value(2).toString() });
            if (it == place.end())
                return Problem(QStringLiteral("the run insert returned a row it was not given"));
            ids[it->second] = q->value(0).toLongLong();
            ++got;
        }
        q->finish();
        if (got != n)
            return Problem(QStringLiteral("the run insert returned %1 ids for %2 rows").arg(got).arg(n));
    }
    return ids;
}

Status TimelineStore::closeRuns(const std::vector<qint64>& ids, qint64 lastSeq)
{
    if (!m_server) {
        for (qint64 id : ids)
            if (Status s = closeRun(id, lastSeq); !s)
                return s;
        return {};
    }
    for (size_t at = 0; at < ids.size(); at += kBatchRows) {
        const int n = static_cast<int>(std::min<size_t>(kBatchRows, ids.size() - at));
        QSqlQuery* q = batch(m_closeBatches, n, [](int k) {
            return QStringLiteral("UPDATE runs SET last_seq = ? WHERE id IN (%1)").arg(sql::placeholders(k));
        });
        if (!q)
            return Problem(QStringLiteral("cannot prepare the run update: ") + m_cache->db().lastError().text());
        q->addBindValue(lastSeq);
        for (int i = 0; i < n; ++i)
            q->addBindValue(ids[at + size_t(i)]);
        if (!q->exec())
            return sql::failure(*q, QStringLiteral("cannot end runs"));
    }
    return {};
}

Status TimelineStore::closeRun(qint64 id, qint64 lastSeq)
{
    return (*m_cache)("UPDATE runs SET last_seq = ? WHERE id = ?")->run({ lastSeq, id });
}

Status TimelineStore::updateRun(const RunRow& r)
{
    return (*m_cache)("UPDATE runs SET first_seq = ?, last_seq = ?, since_seq = ? WHERE id = ?")->run({ r.firstSeq, r.lastSeq, r.sinceSeq, r.id });
}

Status TimelineStore::deleteRun(qint64 id) { return (*m_cache)("DELETE FROM runs WHERE id = ?")->run({ id }); }

Result<std::vector<RunRow>> TimelineStore::runsByFingerprintPrefix(const QString& prefix)
{
    // A range on the unique index serves a prefix search on any SQL engine.
    QString upper = prefix;
    upper.append(QChar(0x7f));
    auto st = (*m_cache)("SELECT " RUN_COLUMNS "WHERE r.artifact_id IN (SELECT id FROM artifacts WHERE fingerprint >= ? AND fingerprint < ?)"
        " ORDER BY a.fingerprint, r.env_id, r.first_seq");
    return readRuns(*st, { prefix, upper }, QStringLiteral("the run intervals"));
}

Result<std::vector<RunRow>> TimelineStore::runsByName(const QString& text)
{
    auto st = (*m_cache)("SELECT " RUN_COLUMNS "WHERE lower(coalesce(r.name, a.name)) LIKE ? ESCAPE '\\' ORDER BY a.fingerprint, r.env_id, r.first_seq");
    QString pattern = text.toLower();
    pattern.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('%'), QStringLiteral("\\%"))
        .replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return readRuns(*st, { QString(QLatin1Char('%') + pattern + QLatin1Char('%')) }, QStringLiteral("the run intervals"));
}

Result<std::vector<RunRow>> TimelineStore::runsOfArtifact(qint64 artifactId, qint64 envId)
{
    auto st = (*m_cache)("SELECT " RUN_COLUMNS "WHERE r.artifact_id = ? AND r.env_id = ? ORDER BY r.first_seq");
    return readRuns(*st, { artifactId, envId }, QStringLiteral("the run intervals"));
}

Result<std::vector<RunRow>> TimelineStore::runsOfFingerprints(const std::vector<QString>& fingerprints, bool unknown)
{
    // The fingerprints go into the statement's text: only 64-hex ones, so nothing in them is SQL.
    QStringList quoted;
    for (const QString& f : fingerprints)
        if (digest::isSha256Hex(f.toStdString()))
            quoted << QLatin1Char('\'') + f + QLatin1Char('\'');
    if (quoted.isEmpty() && !unknown)
        return std::vector<RunRow>();
    QString text = QStringLiteral("SELECT " RUN_COLUMNS "WHERE ");
    if (!quoted.isEmpty())
        text += QStringLiteral("r.artifact_id IN (SELECT id FROM artifacts WHERE fingerprint IN (%1))").arg(quoted.join(QLatin1Char(',')));
    if (unknown)
        text += (quoted.isEmpty() ? QString() : QStringLiteral(" OR ")) + QStringLiteral("r.artifact_id IS NULL");
    text += QStringLiteral(" ORDER BY r.env_id, r.first_seq, r.id");
    sql::Statement st(m_cache->db(), text);
    return readRuns(st, {}, QStringLiteral("the run intervals"));
}

Status TimelineStore::insertServerArtifact(qint64 snapshotId, const ServerArtifactRow& a)
{
    const QVariant compliant = a.compliant ? QVariant(*a.compliant ? 1 : 0) : QVariant(QMetaType(QMetaType::Int));
    return (*m_cache)("INSERT INTO server_artifacts(snapshot_id, fingerprint, name, running, annotation, compliant, flows,"
        " policy_decisions) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")->run({ snapshotId, a.fingerprint, a.name, a.running ? 1 : 0, a.annotation, compliant, a.flows, a.policyDecisions });
}

namespace {

ServerArtifactRow serverArtifactRow(const QSqlQuery& q, int from)
{
    ServerArtifactRow a;
    a.fingerprint = q.value(from).toString();
    a.name = q.value(from + 1).toString();
    a.running = q.value(from + 2).toInt() != 0;
    a.annotation = q.value(from + 3).toString();
    if (!q.value(from + 4).isNull())
        a.compliant = q.value(from + 4).toInt() != 0;
    a.flows = q.value(from + 5).toString();
    a.policyDecisions = q.value(from + 6).toString();
    return a;
}

} // namespace

Result<std::vector<ServerArtifactRow>> TimelineStore::serverArtifacts(qint64 snapshotId)
{
    const QString what = QStringLiteral("a Kosli snapshot's artifacts");
    std::vector<ServerArtifactRow> out;
    auto st = (*m_cache)("SELECT fingerprint, name, running, annotation, compliant, flows, policy_decisions FROM server_artifacts"
        " WHERE snapshot_id = ? ORDER BY id");
    if (Status s = st->read({ snapshotId }, what); !s)
        return s.problem();
    QSqlQuery& q = st->query();
    while (q.next())
        out.push_back(serverArtifactRow(q, 0));
    if (Status s = st->rowsRead(what); !s)
        return s.problem();
    return out;
}

Result<std::map<qint64, std::vector<ServerArtifactRow>>> TimelineStore::serverArtifactsOfEnvironment(qint64 envId)
{
    const QString what = QStringLiteral("the Kosli artifacts of an environment's snapshots");
    std::map<qint64, std::vector<ServerArtifactRow>> out;
    auto st = (*m_cache)("SELECT a.snapshot_id, a.fingerprint, a.name, a.running, a.annotation, a.compliant, a.flows, a.policy_decisions"
                         " FROM server_artifacts a JOIN snapshots s ON s.id = a.snapshot_id WHERE s.env_id = ? ORDER BY a.snapshot_id, a.id");
    if (Status s = st->read({ envId }, what); !s)
        return s.problem();
    QSqlQuery& q = st->query();
    while (q.next())
        out[q.value(0).toLongLong()].push_back(serverArtifactRow(q, 1));
    if (Status s = st->rowsRead(what); !s)
        return s.problem();
    return out;
}

Result<std::optional<TimelineStore::ServerView>> TimelineStore::latestServerView(const QString& fingerprint)
{
    const QString what = QStringLiteral("what Kosli said of %1").arg(fingerprint.left(12));
    auto st = (*m_cache)("SELECT a.fingerprint, a.name, a.running, a.annotation, a.compliant, a.flows, a.policy_decisions, e.name,"
                         " coalesce(s.kosli_index, s.seq) FROM server_artifacts a JOIN snapshots s ON s.id = a.snapshot_id"
                         " JOIN environments e ON e.id = s.env_id WHERE a.fingerprint = ? ORDER BY s.taken_at DESC LIMIT 1");
    if (Status s = st->read({ fingerprint }, what); !s)
        return s.problem();
    if (!st->query().next()) {
        if (Status s = st->rowsRead(what); !s)
            return s.problem();
        return std::optional<ServerView>();
    }
    const QSqlQuery& q = st->query();
    ServerView v;
    v.artifact.fingerprint = q.value(0).toString();
    v.artifact.name = q.value(1).toString();
    v.artifact.running = q.value(2).toInt() != 0;
    v.artifact.annotation = q.value(3).toString();
    if (!q.value(4).isNull())
        v.artifact.compliant = q.value(4).toInt() != 0;
    v.artifact.flows = q.value(5).toString();
    v.artifact.policyDecisions = q.value(6).toString();
    v.environment = q.value(7).toString();
    v.snapshotIndex = q.value(8).toLongLong();
    return std::optional<ServerView>(std::move(v));
}

} // namespace tideline
