// SPDX-License-Identifier: GPL-3.0-or-later
#include "compliancestore.h"

#include "store/sql.h"

namespace tideline {

namespace {

QVariant nullableTime(const std::optional<Millis>& t) { return t ? QVariant(*t) : QVariant(QMetaType(QMetaType::LongLong)); }
QVariant nullableText(const QString& s) { return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s); }

Review reviewFrom(const QSqlQuery& q)
{
    // A name no version wrote (the row was edited by hand) reads as open: the finding stays to be looked at,
    // and verify-case reports the row against its log entry.
    return { q.value(0).toLongLong(), q.value(1).toString(), dispositionFromName(q.value(2).toString()).value_or(Disposition::Open),
        q.value(3).toString(), q.value(4).toString(), q.value(5).toLongLong(), q.value(6).toLongLong(), q.value(7).toString() };
}

} // namespace

ComplianceStore::ComplianceStore(QSqlDatabase& db)
    : m_sql(std::make_unique<sql::StatementCache>(db))
{
}

ComplianceStore::~ComplianceStore() = default;

std::vector<PolicyVersion> ComplianceStore::policies()
{
    std::vector<PolicyVersion> out;
    auto st = (*m_sql)("SELECT p.id, p.name, p.version, p.source_id, s.sha256, p.effective_from, p.imported_at FROM policies p"
                       " JOIN sources s ON s.id = p.source_id ORDER BY p.name, p.version");
    if (!st->run({}))
        return out;
    QSqlQuery& q = st->query();
    while (q.next())
        out.push_back({ q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toInt(), q.value(3).toLongLong(), q.value(4).toString(),
            q.value(5).toLongLong(), q.value(6).toLongLong() });
    return out;
}

std::optional<PolicyVersion> ComplianceStore::latestPolicy(const QString& name)
{
    std::optional<PolicyVersion> latest;
    for (PolicyVersion& p : policies())
        if (p.name == name)
            latest = std::move(p);
    return latest;
}

Result<qint64> ComplianceStore::insertPolicy(const PolicyVersion& p)
{
    auto st = (*m_sql).insert("INSERT INTO policies(name, version, source_id, effective_from, imported_at) VALUES (?, ?, ?, ?, ?)");
    if (Status s = st->run({ p.name, p.version, p.sourceId, p.effectiveFrom, p.importedAt }); !s)
        return s.problem();
    const auto id = st->insertedId();
    if (!id)
        return Problem(QStringLiteral("policy insert returned no id"));
    return *id;
}

std::vector<AllowEntry> ComplianceStore::allowList()
{
    std::vector<AllowEntry> out;
    auto st = (*m_sql)("SELECT id, environment, fingerprint, name_pattern, reason, who, valid_from, valid_until, created_at, log_id"
                       " FROM allowlist ORDER BY id");
    if (!st->run({}))
        return out;
    QSqlQuery& q = st->query();
    while (q.next()) {
        AllowEntry a;
        a.id = q.value(0).toLongLong();
        a.environment = q.value(1).toString();
        a.fingerprint = q.value(2).toString();
        a.namePattern = q.value(3).toString();
        a.reason = q.value(4).toString();
        a.who = q.value(5).toString();
        if (!q.value(6).isNull())
            a.validFrom = q.value(6).toLongLong();
        if (!q.value(7).isNull())
            a.validUntil = q.value(7).toLongLong();
        a.createdAt = q.value(8).toLongLong();
        a.logId = q.value(9).toLongLong();
        out.push_back(std::move(a));
    }
    return out;
}

Result<qint64> ComplianceStore::insertAllow(const AllowEntry& a)
{
    auto st = (*m_sql).insert("INSERT INTO allowlist(environment, fingerprint, name_pattern, reason, who, valid_from, valid_until,"
                              " created_at, log_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (Status s = st->run({ nullableText(a.environment), nullableText(a.fingerprint), nullableText(a.namePattern), a.reason, a.who,
            nullableTime(a.validFrom), nullableTime(a.validUntil), a.createdAt, a.logId });
        !s)
        return s.problem();
    const auto id = st->insertedId();
    if (!id)
        return Problem(QStringLiteral("allow-list insert returned no id"));
    return *id;
}

std::vector<Review> ComplianceStore::reviews()
{
    std::vector<Review> out;
    auto st = (*m_sql)("SELECT r.id, r.finding_id, r.disposition, r.note, r.reviewer, r.at, r.log_id, l.hash FROM reviews r "
                       "LEFT JOIN log l ON l.id = r.log_id ORDER BY r.id");
    if (!st->run({}))
        return out;
    while (st->query().next())
        out.push_back(reviewFrom(st->query()));
    return out;
}

std::vector<Review> ComplianceStore::reviewsOf(const QString& findingId)
{
    std::vector<Review> out;
    auto st = (*m_sql)("SELECT r.id, r.finding_id, r.disposition, r.note, r.reviewer, r.at, r.log_id, l.hash FROM reviews r "
                       "LEFT JOIN log l ON l.id = r.log_id WHERE r.finding_id = ? ORDER BY r.id");
    if (!st->run({ findingId }))
        return out;
    while (st->query().next())
        out.push_back(reviewFrom(st->query()));
    return out;
}

Result<qint64> ComplianceStore::insertReview(const Review& r)
{
    auto st = (*m_sql).insert("INSERT INTO reviews(finding_id, disposition, note, reviewer, at, log_id) VALUES (?, ?, ?, ?, ?, ?)");
    if (Status s = st->run({ r.findingId, dispositionName(r.disposition), r.note, r.reviewer, r.at, r.logId }); !s)
        return s.problem();
    const auto id = st->insertedId();
    if (!id)
        return Problem(QStringLiteral("review insert returned no id"));
    return *id;
}

} // namespace tideline
