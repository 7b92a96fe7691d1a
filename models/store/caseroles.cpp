// SPDX-License-Identifier: GPL-3.0-or-later
#include "caseroles.h"

#include "store/caseaddress.h"
#include "store/casefile.h"
#include "store/logstore.h"
#include "store/sql.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>

namespace tideline {

namespace {

// The tables a group writes (beyond the log, which every group appends to under its row policy).
const QStringList kReviewTables { QStringLiteral("reviews"), QStringLiteral("allowlist") };

QString quoted(const QString& identifier) { return QLatin1Char('"') + QString(identifier).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"'); }

QString literal(const QString& text) { return QLatin1Char('\'') + QString(text).replace(QLatin1Char('\''), QStringLiteral("''")) + QLatin1Char('\''); }

Status run(CaseFile& kase, const QString& statement)
{
    if (Status s = sql::run(kase.db(), statement); !s)
        return Problem(kase.path(), QString(), s.problem().message);
    return {};
}

// The case's tables, as the server lists them.
Result<QStringList> tables(CaseFile& kase)
{
    QSqlQuery q(kase.db());
    if (Status s = sql::exec(q, QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'"),
            { kase.serverCase() });
        !s)
        return s.problem();
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

Status setUp(CaseFile& kase)
{
    const QString name = kase.serverCase();
    const QString schema = quoted(name);
    const QString viewer = caseGroupRole(name, CaseRole::Viewer), reviewer = caseGroupRole(name, CaseRole::Reviewer),
                  importer = caseGroupRole(name, CaseRole::Importer), owner = caseGroupRole(name, CaseRole::Owner);
    for (const QString& group : { viewer, reviewer, importer, owner }) {
        QSqlQuery q(kase.db());
        if (Status s = sql::exec(q, QStringLiteral("SELECT count(*) FROM pg_roles WHERE rolname = ?"), { group }); !s)
            return s;
        q.next();
        if (q.value(0).toInt() == 0)
            if (Status s = run(kase, QStringLiteral("CREATE ROLE %1 NOLOGIN").arg(quoted(group))); !s)
                return Problem(kase.path(), QString(),
                    QStringLiteral("cannot create the role %1 (granting needs a role that may create roles: CREATEROLE): %2").arg(group, s.problem().message));
    }
    // Every group reads and appends to the log; the others are viewers that write more.
    for (const QString& group : { reviewer, importer, owner })
        if (Status s = run(kase, QStringLiteral("GRANT %1 TO %2").arg(quoted(viewer), quoted(group))); !s)
            return s;
    for (const QString& group : { reviewer, importer })
        if (Status s = run(kase, QStringLiteral("GRANT %1 TO %2").arg(quoted(group), quoted(owner))); !s)
            return s;
    Result<QStringList> all = tables(kase);
    if (!all)
        return all.problem();
    QStringList statements {
        QStringLiteral("GRANT USAGE ON SCHEMA %1 TO %2").arg(schema, quoted(viewer)),
        QStringLiteral("GRANT SELECT ON ALL TABLES IN SCHEMA %1 TO %2").arg(schema, quoted(viewer)),
        QStringLiteral("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %1 TO %2").arg(schema, quoted(viewer)),
        QStringLiteral("GRANT INSERT ON %1.log, %1.log_keys TO %2").arg(schema, quoted(viewer)),
        QStringLiteral("GRANT UPDATE (signature) ON %1.log TO %2").arg(schema, quoted(viewer)),
        QStringLiteral("GRANT INSERT ON %1.reviews, %1.allowlist TO %2").arg(schema, quoted(reviewer)),
        QStringLiteral("GRANT ALL ON ALL TABLES IN SCHEMA %1 TO %2").arg(schema, quoted(owner)),
    };
    for (const QString& t : *all)
        if (!kReviewTables.contains(t) && t != QLatin1String("log") && t != QLatin1String("meta"))
            statements << QStringLiteral("GRANT INSERT, UPDATE, DELETE ON %1.%2 TO %3").arg(schema, quoted(t), quoted(importer));
    // Each entry is the writer's own, and of an action its group may take.
    const QString member = QStringLiteral("pg_has_role(session_user, %1, 'MEMBER')");
    const QString check = QStringLiteral("actor = session_user AND (action = 'export' OR (action IN ('review', 'allow') AND %1) OR "
                                         "(action IN ('import', 'policy', 'retract', 'trust', 'untrust') AND %2) OR %3)")
                              .arg(member.arg(literal(reviewer)), member.arg(literal(importer)), member.arg(literal(owner)));
    statements << QStringLiteral("ALTER TABLE %1.log ENABLE ROW LEVEL SECURITY").arg(schema)
               << QStringLiteral("DROP POLICY IF EXISTS log_read ON %1.log").arg(schema)
               << QStringLiteral("DROP POLICY IF EXISTS log_append ON %1.log").arg(schema)
               << QStringLiteral("DROP POLICY IF EXISTS log_seal ON %1.log").arg(schema)
               << QStringLiteral("CREATE POLICY log_read ON %1.log FOR SELECT USING (true)").arg(schema)
               << QStringLiteral("CREATE POLICY log_append ON %1.log FOR INSERT WITH CHECK (%2)").arg(schema, check)
               << QStringLiteral("CREATE POLICY log_seal ON %1.log FOR UPDATE USING (actor = session_user) WITH CHECK (actor = session_user)").arg(schema);
    for (const QString& s : statements)
        if (Status st = run(kase, s); !st)
            return st;
    return {};
}

Status members(CaseFile& kase, CaseRole role, const QStringList& people, bool grant)
{
    if (!kase.onServer())
        return Problem(kase.path(), QString(), QStringLiteral("roles are for shared cases on a server: a case file's readers and writers are those its "
                                                              "file permissions allow"));
    if (people.isEmpty())
        return Problem(kase.path(), QString(), QStringLiteral("name the roles to %1").arg(grant ? QStringLiteral("grant to") : QStringLiteral("revoke from")));
    return kase.transaction([&]() -> Status {
        if (Status s = setUp(kase); !s)
            return s;
        const QString group = quoted(caseGroupRole(kase.serverCase(), role));
        for (const QString& person : people) {
            QSqlQuery q(kase.db());
            if (Status s = sql::exec(q, QStringLiteral("SELECT count(*) FROM pg_roles WHERE rolname = ?"), { person }); !s)
                return s;
            q.next();
            if (q.value(0).toInt() == 0)
                return Problem(kase.path(), QString(),
                    QStringLiteral("the server has no role '%1': create it first (createuser %1)").arg(person));
            const QString statement = grant ? QStringLiteral("GRANT %1 TO %2").arg(group, quoted(person)) : QStringLiteral("REVOKE %1 FROM %2").arg(group, quoted(person));
            if (Status s = run(kase, statement); !s)
                return s;
        }
        // Who may do what is part of the record: the change goes in the log like any other.
        LogStore log(kase.db());
        const QJsonObject detail { { QStringLiteral("role"), caseRoleName(role) }, { QStringLiteral("group"), caseGroupRole(kase.serverCase(), role) },
            { QStringLiteral("members"), QJsonArray::fromStringList(people) } };
        if (Result<LogEntry> e = log.append(LogStore::defaultActor(), grant ? QStringLiteral("grant") : QStringLiteral("revoke"), detail); !e)
            return e.problem();
        return {};
    });
}

} // namespace

QString caseRoleName(CaseRole role)
{
    switch (role) {
    case CaseRole::Viewer:
        return QStringLiteral("viewer");
    case CaseRole::Reviewer:
        return QStringLiteral("reviewer");
    case CaseRole::Importer:
        return QStringLiteral("importer");
    case CaseRole::Owner:
        return QStringLiteral("owner");
    }
    return QString();
}

std::optional<CaseRole> caseRoleFromName(const QString& name)
{
    for (CaseRole r : { CaseRole::Viewer, CaseRole::Reviewer, CaseRole::Importer, CaseRole::Owner })
        if (caseRoleName(r) == name)
            return r;
    return std::nullopt;
}

QString caseGroupRole(const QString& caseName, CaseRole role) { return caseName.left(50) + QLatin1Char('_') + caseRoleName(role); }

Status grantCaseRole(CaseFile& kase, CaseRole role, const QStringList& people) { return members(kase, role, people, true); }

Status revokeCaseRole(CaseFile& kase, CaseRole role, const QStringList& people) { return members(kase, role, people, false); }

QString CaseRights::whyNot(const QString& what) const
{
    return QStringLiteral("your role on the server (%1) may not %2 in this case: its owner grants roles with `tideline case grant`").arg(role, what);
}

Result<CaseRights> caseRights(CaseFile& kase)
{
    CaseRights r;
    if (!kase.onServer())
        return r;
    const QString s = kase.serverCase();
    QSqlQuery q(kase.db());
    // The table owner (the role that created the case) is held by no policy; others by their groups.
    if (Status st = sql::exec(q,
            QStringLiteral("SELECT session_user, "
                           "pg_has_role(session_user, (SELECT tableowner FROM pg_tables WHERE schemaname = ? AND tablename = 'log'), 'MEMBER'), "
                           "has_table_privilege(session_user, ?, 'INSERT'), has_table_privilege(session_user, ?, 'INSERT'), "
                           "has_table_privilege(session_user, ?, 'INSERT')"),
            { s, QString(quoted(s) + QStringLiteral(".reviews")), QString(quoted(s) + QStringLiteral(".sources")),
                QString(quoted(s) + QStringLiteral(".log")) });
        !st)
        return st.problem();
    q.next();
    r.role = q.value(0).toString();
    const bool tableOwner = q.value(1).toBool();
    auto inGroup = [&](CaseRole role) {
        QSqlQuery g(kase.db());
        return sql::exec(g, QStringLiteral("SELECT pg_has_role(session_user, oid, 'MEMBER') FROM pg_roles WHERE rolname = ?"), { caseGroupRole(s, role) })
            && g.next() && g.value(0).toBool();
    };
    r.own = tableOwner || inGroup(CaseRole::Owner);
    r.review = r.own || (q.value(2).toBool() && inGroup(CaseRole::Reviewer));
    r.import = r.own || (q.value(3).toBool() && inGroup(CaseRole::Importer));
    r.exportPacks = r.own || q.value(4).toBool();
    return r;
}

} // namespace tideline
