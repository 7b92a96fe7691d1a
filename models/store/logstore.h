// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "domain/timefmt.h"
#include "store/logsigning.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

#include <map>
#include <memory>
#include <set>
#include <vector>

namespace tideline {

// One entry of the case's append-only log. hash = sha256 over the previous entry's hash and this entry
// (entryMessage), so changing or removing any entry breaks every hash after it. The chain can be recomputed by
// anyone who can write the file; a signature only with the log key, which is kept outside it. Every entry names the
// log key it was written under (signer); the last entry each transaction writes is signed by it, over the same
// bytes its hash covers, and that signature seals it and every entry of that key since the one signed before (the
// hash before it chains them all). A decision can carry a second signature, by the person who took it.
struct LogEntry {
    qint64 id = 0;
    Millis at = 0;
    QString actor;
    QString action; // import, review, policy, allow, export, ...
    QString detail; // compact JSON
    QString prevHash; // the stored hash of the entry before (not stored with this one: it is implied)
    QString hash;
    QString signer; // sha256 of the log key it was written under (log_keys holds the key); empty: unsigned
    QByteArray signature; // on the last entry of a transaction: the signer's, sealing the entries since its last one
    QByteArray cosignature; // by the person acting with their own key (a reviewer), over the same bytes
    QString cosigner;
};

namespace sql {
class StatementCache;
}

class LogStore {
public:
    explicit LogStore(QSqlDatabase& db);
    ~LogStore();

    // Appends within the caller's transaction (so an import and its log entry land together), under logSigner()
    // when one is set (CaseFile signs the transaction's last entry as it commits), and signed by cosigner when given.
    Result<LogEntry> append(const QString& actor, const QString& action, const QJsonObject& detail, Millis at = timefmt::now(),
        const LogSigner* cosigner = nullptr);
    // Signs the log's last entry with the log key it was written under, unless it is signed already (CaseFile calls
    // it before each commit of a transaction in which entries were appended on this connection).
    Status seal(const LogSigner& key);
    // The log key entries were appended under on the connection since its last commit or rollback (null: none);
    // forgotten once taken.
    static std::shared_ptr<const LogSigner> takeUnsealed(const QSqlDatabase& db);
    Result<std::vector<LogEntry>> list();
    Result<QString> head();
    // The public keys that signed entries, by sha256.
    Result<std::map<QString, SignerKey>> keys();

    static QString genesisHash();
    // The bytes an entry's hash and signatures cover: "tideline-log-v1\n" then the previous hash, the time (ms
    // since the epoch), actor, action and detail, each followed by "\n".
    static QByteArray entryMessage(const QString& prevHash, Millis at, const QString& actor, const QString& action, const QString& detail);
    static QString entryHash(const QString& prevHash, Millis at, const QString& actor, const QString& action, const QString& detail);
    // The person acting: TIDELINE_ACTOR, else the login name.
    static QString defaultActor();

private:
    Status keep(const SignerKey& key);

    std::unique_ptr<sql::StatementCache> m_sql;
    QString m_connection;
    std::set<QString> m_kept; // keys already in log_keys
    QString m_serverRole; // on a server: session_user, the actor of every entry
};

} // namespace tideline
