// SPDX-License-Identifier: GPL-3.0-or-later
#include "caseproperties.h"

#include "store/casefile.h"
#include "store/logstore.h"
#include "store/sql.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace tideline {

Result<CaseProperties> caseProperties(QSqlDatabase& db)
{
    CaseProperties p;
    QSqlQuery q(db);
    if (Status s = sql::exec(q, QStringLiteral("SELECT detail FROM log WHERE action = 'properties' ORDER BY id DESC LIMIT 1")); !s)
        return Problem(QStringLiteral("cannot read the case's properties: ") + s.problem().message);
    if (!q.next()) {
        if (q.lastError().isValid())
            return Problem(QStringLiteral("cannot read the case's properties: ") + q.lastError().databaseText());
        return p; // never set
    }
    const QJsonObject d = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
    p.title = d[QLatin1String("title")].toString();
    p.watchFolder = d[QLatin1String("watch_folder")].toString();
    return p;
}

Status setCaseProperties(CaseFile& kase, const CaseProperties& properties, const QString& actor)
{
    if (kase.readOnly())
        return Problem(kase.path(), QString(), QStringLiteral("the case is open read-only"));
    const CaseProperties p { properties.title.simplified(), properties.watchFolder.trimmed() };
    if (p.title.size() > 200)
        return Problem(QStringLiteral("a case title of at most 200 characters, please"));
    return kase.transaction([&]() -> Status {
        LogStore log(kase.db());
        Result<LogEntry> e = log.append(actor.isEmpty() ? LogStore::defaultActor() : actor, QStringLiteral("properties"),
            QJsonObject { { QStringLiteral("title"), p.title }, { QStringLiteral("watch_folder"), p.watchFolder } });
        return e ? Status() : Status(e.problem());
    });
}

} // namespace tideline
