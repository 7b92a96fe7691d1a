// SPDX-License-Identifier: GPL-3.0-or-later
#include "retractionstore.h"

#include "store/logstore.h"
#include "store/sql.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace tideline {

QJsonObject footprintJson(const SourceFootprint& f)
{
    return { { QStringLiteral("reports"), f.reports }, { QStringLiteral("evidence"), f.evidence }, { QStringLiteral("keys"), f.keys },
        { QStringLiteral("trusted_roots"), f.trustedRoots }, { QStringLiteral("policies"), f.policies },
        { QStringLiteral("trails"), f.trails }, { QStringLiteral("provenance"), f.provenance },
        { QStringLiteral("flow_templates"), f.templates } };
}

namespace {

SourceFootprint footprintFrom(const QJsonObject& o)
{
    SourceFootprint f;
    f.reports = o[QLatin1String("reports")].toInt();
    f.evidence = o[QLatin1String("evidence")].toInt();
    f.keys = o[QLatin1String("keys")].toInt();
    f.trustedRoots = o[QLatin1String("trusted_roots")].toInt();
    f.policies = o[QLatin1String("policies")].toInt();
    f.trails = o[QLatin1String("trails")].toInt();
    f.provenance = o[QLatin1String("provenance")].toInt();
    f.templates = o[QLatin1String("flow_templates")].toInt();
    return f;
}

} // namespace


RetractionStore::RetractionStore(QSqlDatabase& db)
    : m_sql(std::make_unique<sql::StatementCache>(db))
{
}

RetractionStore::~RetractionStore() = default;

Result<SourceFootprint> RetractionStore::footprint(qint64 sourceId)
{
    SourceFootprint f;
    f.sourceId = sourceId;
    {
        auto st = (*m_sql)("SELECT e.name, COUNT(*) FROM reports r JOIN environments e ON e.id = r.env_id"
                           " WHERE r.source_id = ? GROUP BY e.name ORDER BY e.name");
        if (Status s = st->run({ sourceId }); !s)
            return s.problem();
        while (st->query().next()) {
            f.environments << st->query().value(0).toString();
            f.reports += st->query().value(1).toInt();
        }
    }
    auto count = [&](const char* text, int& out) -> Status {
        auto st = (*m_sql)(text);
        if (Status s = st->run({ sourceId }); !s)
            return s;
        out = st->query().next() ? st->query().value(0).toInt() : 0;
        return {};
    };
    for (const auto& [text, out] : std::initializer_list<std::pair<const char*, int*>> {
             { "SELECT COUNT(*) FROM evidence WHERE source_id = ?", &f.evidence },
             { "SELECT COUNT(*) FROM keys WHERE source_id = ?", &f.keys },
             { "SELECT COUNT(*) FROM trusted_roots WHERE source_id = ?", &f.trustedRoots },
             { "SELECT COUNT(*) FROM policies WHERE source_id = ?", &f.policies },
             { "SELECT COUNT(*) FROM trails WHERE source_id = ?", &f.trails },
             { "SELECT COUNT(*) FROM provenance WHERE source_id = ?", &f.provenance },
             { "SELECT COUNT(*) FROM flow_templates WHERE source_id = ?", &f.templates } })
        if (Status s = count(text, *out); !s)
            return s.problem();
    int byKey = 0, bySignature = 0, byRoot = 0;
    {
        auto st = (*m_sql)("SELECT COUNT(*) FROM evidence WHERE source_id <> ? AND key_id IN (SELECT id FROM keys WHERE source_id = ?)");
        if (Status s = st->run({ sourceId, sourceId }); !s)
            return s.problem();
        byKey = st->query().next() ? st->query().value(0).toInt() : 0;
    }
    {
        auto st = (*m_sql)("SELECT COUNT(*) FROM evidence_signatures g JOIN evidence e ON e.id = g.evidence_id"
                           " WHERE e.source_id <> ? AND g.key_id IN (SELECT id FROM keys WHERE source_id = ?)");
        if (Status s = st->run({ sourceId, sourceId }); !s)
            return s.problem();
        bySignature = st->query().next() ? st->query().value(0).toInt() : 0;
    }
    {
        auto st = (*m_sql)("SELECT COUNT(*) FROM evidence WHERE source_id <> ? AND trusted_root_id IN (SELECT id FROM trusted_roots WHERE source_id = ?)");
        if (Status s = st->run({ sourceId, sourceId }); !s)
            return s.problem();
        byRoot = st->query().next() ? st->query().value(0).toInt() : 0;
    }
    f.verifiedByIt = std::max(byKey, bySignature) + byRoot;
    return f;
}

Status RetractionStore::clearTimeline(qint64 envId)
{
    for (const char* text : { "DELETE FROM server_artifacts WHERE snapshot_id IN (SELECT id FROM snapshots WHERE env_id = ?)",
             "DELETE FROM reports WHERE env_id = ?", "DELETE FROM runs WHERE env_id = ?", "DELETE FROM snapshots WHERE env_id = ?" })
        if (Status s = (*m_sql)(text)->run({ envId }); !s)
            return s;
    return {};
}

Status RetractionStore::deleteEnvironment(qint64 envId)
{
    return (*m_sql)("DELETE FROM environments WHERE id = ?")->run({ envId });
}

Status RetractionStore::removeRecordsOf(qint64 sourceId)
{
    // Children first, then what they point at; references from other sources' records are cleared, not followed.
    for (const char* text : {
             "DELETE FROM evidence_signatures WHERE evidence_id IN (SELECT id FROM evidence WHERE source_id = ?)",
             "DELETE FROM evidence_bindings WHERE evidence_id IN (SELECT id FROM evidence WHERE source_id = ?)",
             "DELETE FROM evidence WHERE source_id = ?",
             "UPDATE evidence SET trail_id = NULL WHERE trail_id IN (SELECT id FROM trails WHERE source_id = ?)",
             "UPDATE provenance SET trail_id = NULL WHERE trail_id IN (SELECT id FROM trails WHERE source_id = ?)",
             "DELETE FROM provenance WHERE source_id = ?",
             "DELETE FROM trails WHERE source_id = ?",
             "UPDATE trails SET template_id = NULL WHERE template_id IN (SELECT id FROM flow_templates WHERE source_id = ?)",
             "DELETE FROM template_requirements WHERE template_id IN (SELECT id FROM flow_templates WHERE source_id = ?)",
             "DELETE FROM flow_templates WHERE source_id = ?",
             "UPDATE evidence SET key_id = NULL WHERE key_id IN (SELECT id FROM keys WHERE source_id = ?)",
             "UPDATE evidence_signatures SET key_id = NULL WHERE key_id IN (SELECT id FROM keys WHERE source_id = ?)",
             "DELETE FROM keys WHERE source_id = ?",
             "UPDATE evidence SET trusted_root_id = NULL WHERE trusted_root_id IN (SELECT id FROM trusted_roots WHERE source_id = ?)",
             "DELETE FROM trusted_roots WHERE source_id = ?",
             "DELETE FROM policies WHERE source_id = ?" })
        if (Status s = (*m_sql)(text)->run({ sourceId }); !s)
            return s;
    return {};
}

std::vector<Retraction> retractions(const std::vector<LogEntry>& log)
{
    std::vector<Retraction> out;
    for (const LogEntry& e : log) {
        if (e.action != QLatin1String("retract"))
            continue;
        const QJsonObject d = QJsonDocument::fromJson(e.detail.toUtf8()).object();
        Retraction r;
        r.sourceSha256 = d[QLatin1String("sha256")].toString();
        r.path = d[QLatin1String("path")].toString();
        for (const QJsonValue v : d[QLatin1String("imports")].toArray())
            r.imports << v.toString();
        for (const QJsonValue v : d[QLatin1String("environments")].toArray())
            r.environments << v.toString();
        for (const QJsonValue v : d[QLatin1String("environments_removed")].toArray())
            r.environmentsRemoved << v.toString();
        r.recordsRemoved = d[QLatin1String("records_removed")].toBool();
        r.removed = footprintFrom(d[QLatin1String("removed")].toObject());
        r.reason = d[QLatin1String("reason")].toString();
        r.actor = e.actor;
        r.at = e.at;
        r.logHash = e.hash;
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace tideline
