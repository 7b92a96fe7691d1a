// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "domain/timefmt.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QStringList>

#include <memory>
#include <vector>

namespace tideline {

struct LogEntry;

namespace sql {
class StatementCache;
}

// What one imported source put into the case, table by table: what retracting it takes out again.
struct SourceFootprint {
    qint64 sourceId = 0;
    QStringList environments; // where its snapshot reports landed
    int reports = 0;
    int evidence = 0;
    int keys = 0;
    int trustedRoots = 0;
    int policies = 0;
    int trails = 0;
    int provenance = 0;
    int templates = 0;
    // Evidence of other sources that a key or trusted root of this one verified: their verdicts rest on it.
    int verifiedByIt = 0;
    bool empty() const
    {
        return reports + evidence + keys + trustedRoots + policies + trails + provenance + templates == 0;
    }
};

// An import taken back: what it had brought left every view and every check; its bytes, its import entry and this
// retraction stay in the log, whose chain is never rewritten.
struct Retraction {
    QString sourceSha256;
    QString path;
    QStringList imports; // hashes of the import entries taken back
    QStringList environments; // whose timelines were replayed without it
    QStringList environmentsRemoved; // left with no snapshot at all, so gone
    SourceFootprint removed; // what the source's records were (before)
    bool recordsRemoved = false; // false when another import of the same bytes stays and keeps them
    QString reason;
    QString actor;
    Millis at = 0;
    QString logHash; // the retraction's own entry
};

// The retractions the log records ("retract" entries), oldest first.
std::vector<Retraction> retractions(const std::vector<LogEntry>& log);
QJsonObject footprintJson(const SourceFootprint& f);

// The SQL of a retraction. The source's bytes and the log stay; the records parsed from it go, and an
// environment's timeline is cleared so that the imports that remain can be replayed into it.
class RetractionStore {
public:
    explicit RetractionStore(QSqlDatabase& db);
    ~RetractionStore();

    Result<SourceFootprint> footprint(qint64 sourceId);
    // Every snapshot, report, run and server artifact of an environment.
    Status clearTimeline(qint64 envId);
    Status deleteEnvironment(qint64 envId);
    // The evidence (with its bindings and signatures), keys, trusted roots, trails, provenance, flow templates and
    // policy versions parsed from a source. References to its trails and templates from other records are cleared.
    Status removeRecordsOf(qint64 sourceId);

private:
    std::unique_ptr<sql::StatementCache> m_sql;
};

} // namespace tideline
