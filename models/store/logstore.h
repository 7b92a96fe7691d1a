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
// (entryMessage), so changing or removing any entry breaks every hash after it. signature is the log key's over
// those same bytes: the chain can be recomputed by anyone who can write the file, the signatures only with the
// key, which is kept outside it. A decision can carry a second signature, by the person who took it.
struct LogEntry {
    qint64 id = 0;
    Millis at = 0;
    QString actor;
    QString action; // import, review, policy, allow, export, ...
    QString detail; // compact JSON
    QString prevHash; // the stored hash of the entry before (not stored with this one: it is implied)
    QString hash;
    QByteArray signature; // empty: unsigned (every entry written before the log was signed, or without a key)
    QString signer; // sha256 of the key that made it (log_keys holds the key)
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

    // Appends within the caller's transaction (so an import and its log entry land together), signed by
    // logSigner() when one is set, and also by cosigner when given.
    Result<LogEntry> append(const QString& actor, const QString& action, const QJsonObject& detail, Millis at = timefmt::now(),
        const LogSigner* cosigner = nullptr);
    std::vector<LogEntry> list();
    QString head();
    // The public keys that signed entries, by sha256.
    std::map<QString, SignerKey> keys();

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
    std::set<QString> m_kept; // keys already in log_keys
};

} // namespace tideline
