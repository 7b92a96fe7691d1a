// SPDX-License-Identifier: GPL-3.0-or-later
#include "logstore.h"

#include "store/sql.h"

#include <QCryptographicHash>
#include <QJsonDocument>

namespace tideline {

LogStore::LogStore(QSqlDatabase& db)
    : m_sql(std::make_unique<sql::StatementCache>(db))
{
}

LogStore::~LogStore() = default;

QString LogStore::genesisHash() { return QString(64, QLatin1Char('0')); }

QString LogStore::entryHash(const QString& prevHash, Millis at, const QString& actor, const QString& action, const QString& detail)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(QByteArrayView("tideline-log-v1\n"));
    for (const QString& part : { prevHash, QString::number(at), actor, action, detail }) {
        h.addData(part.toUtf8());
        h.addData(QByteArrayView("\n"));
    }
    return QString::fromLatin1(h.result().toHex());
}

QString LogStore::head()
{
    auto st = (*m_sql)("SELECT hash FROM log ORDER BY id DESC LIMIT 1");
    if (!st->run({}) || !st->query().next())
        return genesisHash();
    return st->query().value(0).toString();
}

Result<LogEntry> LogStore::append(const QString& actor, const QString& action, const QJsonObject& detail, Millis at)
{
    LogEntry e;
    e.at = at;
    e.actor = actor;
    e.action = action;
    e.detail = QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact));
    e.prevHash = head();
    e.hash = entryHash(e.prevHash, e.at, e.actor, e.action, e.detail);
    auto st = (*m_sql).insert("INSERT INTO log(at, actor, action, detail, hash) VALUES (?, ?, ?, ?, ?)");
    if (Status s = st->run({ e.at, e.actor, e.action, e.detail, e.hash }); !s)
        return s.problem();
    const auto id = st->insertedId();
    if (!id)
        return Problem(QStringLiteral("log insert returned no id"));
    e.id = *id;
    return e;
}

std::vector<LogEntry> LogStore::list()
{
    std::vector<LogEntry> out;
    auto st = (*m_sql)("SELECT id, at, actor, action, detail, hash FROM log ORDER BY id");
    if (!st->run({}))
        return out;
    QSqlQuery& q = st->query();
    QString prev = genesisHash();
    while (q.next()) {
        out.push_back({ q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toString(),
            q.value(4).toString(), prev, q.value(5).toString() });
        prev = out.back().hash;
    }
    return out;
}

QString LogStore::defaultActor()
{
    for (const char* var : { "TIDELINE_ACTOR", "USER", "USERNAME", "LOGNAME" }) {
        const QString v = qEnvironmentVariable(var);
        if (!v.isEmpty())
            return v;
    }
    return QStringLiteral("unknown");
}

} // namespace tideline
