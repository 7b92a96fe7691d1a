// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "domain/timefmt.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <vector>

namespace tideline {

// One entry of the case's append-only log. hash = sha256 over the previous entry's hash and this entry,
// so changing or removing any entry breaks every hash after it.
struct LogEntry {
    qint64 id = 0;
    Millis at = 0;
    QString actor;
    QString action; // import, review, policy, allow, export, ...
    QString detail; // compact JSON
    QString prevHash; // the stored hash of the entry before (not stored with this one: it is implied)
    QString hash;
};

namespace sql {
class StatementCache;
}

class LogStore {
public:
    explicit LogStore(QSqlDatabase& db);
    ~LogStore();

    // Appends within the caller's transaction (so an import and its log entry land together).
    Result<LogEntry> append(const QString& actor, const QString& action, const QJsonObject& detail, Millis at = timefmt::now());
    std::vector<LogEntry> list();
    QString head();

    static QString genesisHash();
    static QString entryHash(const QString& prevHash, Millis at, const QString& actor, const QString& action, const QString& detail);
    // The person acting: TIDELINE_ACTOR, else the login name.
    static QString defaultActor();

private:
    std::unique_ptr<sql::StatementCache> m_sql;
};

} // namespace tideline
