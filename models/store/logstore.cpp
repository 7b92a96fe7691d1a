// SPDX-License-Identifier: GPL-3.0-or-later
#include "logstore.h"

#include <QSqlError>
#include <QSqlQuery>

#include "store/sql.h"

#include <QCryptographicHash>
#include <QJsonDocument>

#include <mutex>

namespace tideline {

namespace {

std::mutex g_signerMutex;
std::shared_ptr<const LogSigner> g_signer;
// Connections with entries appended since their last commit, and the log key they were appended under: a
// transaction keeps the key it began with, even if another is set meanwhile (the window's settings).
std::map<QString, std::shared_ptr<const LogSigner>> g_unsealed;

} // namespace

void setLogSigner(std::shared_ptr<const LogSigner> signer)
{
    const std::lock_guard<std::mutex> lock(g_signerMutex);
    g_signer = std::move(signer);
}

std::shared_ptr<const LogSigner> logSigner()
{
    const std::lock_guard<std::mutex> lock(g_signerMutex);
    return g_signer;
}

LogStore::LogStore(QSqlDatabase& db)
    : m_sql(std::make_unique<sql::StatementCache>(db))
    , m_connection(db.connectionName())
{
}

std::shared_ptr<const LogSigner> LogStore::takeUnsealed(const QSqlDatabase& db)
{
    const std::lock_guard<std::mutex> lock(g_signerMutex);
    const auto it = g_unsealed.find(db.connectionName());
    if (it == g_unsealed.end())
        return nullptr;
    std::shared_ptr<const LogSigner> signer = std::move(it->second);
    g_unsealed.erase(it);
    return signer;
}

LogStore::~LogStore() = default;

QString LogStore::genesisHash() { return QString(64, QLatin1Char('0')); }

QByteArray LogStore::entryMessage(const QString& prevHash, Millis at, const QString& actor, const QString& action, const QString& detail)
{
    QByteArray m("tideline-log-v1\n");
    for (const QString& part : { prevHash, QString::number(at), actor, action, detail }) {
        m += part.toUtf8();
        m += '\n';
    }
    return m;
}

QString LogStore::entryHash(const QString& prevHash, Millis at, const QString& actor, const QString& action, const QString& detail)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(entryMessage(prevHash, at, actor, action, detail), QCryptographicHash::Sha256).toHex());
}

Result<QString> LogStore::head()
{
    // A log that cannot be read has no head: taking the genesis hash instead would fork the chain.
    const QString what = QStringLiteral("the log's head");
    auto st = (*m_sql)("SELECT hash FROM log ORDER BY id DESC LIMIT 1");
    if (Status s = st->read({}, what); !s)
        return s.problem();
    if (!st->query().next()) {
        if (Status s = st->rowsRead(what); !s)
            return s.problem();
        return genesisHash();
    }
    return st->query().value(0).toString();
}

Status LogStore::keep(const SignerKey& key)
{
    if (m_kept.count(key.sha256))
        return {};
    auto st = (*m_sql)("INSERT INTO log_keys(sha256, algorithm, spki, added_at) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING");
    if (Status s = st->run({ key.sha256, key.algorithm, key.spki, timefmt::now() }); !s)
        return s;
    m_kept.insert(key.sha256);
    return {};
}

Result<LogEntry> LogStore::append(const QString& actor, const QString& action, const QJsonObject& detail, Millis at, const LogSigner* cosigner)
{
    LogEntry e;
    e.at = at;
    e.actor = actor;
    if (m_sql->db().driverName() == QLatin1String("QPSQL")) {
        // On a server the actor is the database role that writes (the log's row policy holds every writer to it);
        // the name a person gives (--reviewer, --who) stays in the entry's detail. Asked once per store.
        if (m_serverRole.isEmpty()) {
            QSqlQuery q(m_sql->db());
            if (!q.exec(QStringLiteral("SELECT session_user")) || !q.next())
                return Problem(QStringLiteral("cannot learn the database role that writes: ") + q.lastError().databaseText());
            m_serverRole = q.value(0).toString();
        }
        e.actor = m_serverRole;
    }
    e.action = action;
    e.detail = QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact));
    Result<QString> prev = head();
    if (!prev)
        return prev.problem();
    e.prevHash = *prev;
    const QByteArray message = entryMessage(e.prevHash, e.at, e.actor, e.action, e.detail);
    e.hash = QString::fromLatin1(QCryptographicHash::hash(message, QCryptographicHash::Sha256).toHex());
    // The log key is named now and signs at commit, in the same transaction: no entry is ever committed unsealed.
    // A person's own key signs their entry itself.
    auto keyOf = [&](const LogSigner& by, const QString& role) -> Result<SignerKey> {
        Result<SignerKey> key = by.key();
        if (!key)
            return Problem { key.problem().file, key.problem().where, QStringLiteral("cannot sign the log with the %1: %2").arg(role, key.problem().message) };
        if (Status s = keep(*key); !s)
            return s.problem();
        return key;
    };
    std::shared_ptr<const LogSigner> signer;
    {
        const std::lock_guard<std::mutex> lock(g_signerMutex);
        const auto open = g_unsealed.find(m_connection);
        signer = open != g_unsealed.end() ? open->second : g_signer;
    }
    if (signer) {
        Result<SignerKey> key = keyOf(*signer, QStringLiteral("log key"));
        if (!key)
            return key.problem();
        e.signer = key->sha256;
    }
    if (cosigner) {
        const QString role = QStringLiteral("key of %1").arg(actor);
        Result<SignerKey> key = keyOf(*cosigner, role);
        if (!key)
            return key.problem();
        Result<QByteArray> sig = cosigner->signMessage(message);
        if (!sig)
            return Problem { key->sha256, QString(), QStringLiteral("cannot sign the log with the %1: %2").arg(role, sig.problem().message) };
        e.cosignature = std::move(sig).value();
        e.cosigner = key->sha256;
    }
    auto null = [](const QByteArray& b) { return b.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(b); };
    auto nullText = [](const QString& t) { return t.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(t); };
    auto st = (*m_sql).insert("INSERT INTO log(at, actor, action, detail, hash, signature, signer, cosignature, cosigner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (Status s = st->run({ e.at, e.actor, e.action, e.detail, e.hash, null(e.signature), nullText(e.signer), null(e.cosignature), nullText(e.cosigner) }); !s)
        return s.problem();
    const auto id = st->insertedId();
    if (!id)
        return Problem(QStringLiteral("log insert returned no id"));
    e.id = *id;
    if (signer) {
        const std::lock_guard<std::mutex> lock(g_signerMutex);
        g_unsealed.emplace(m_connection, signer);
    }
    return e;
}

Status LogStore::seal(const LogSigner& key)
{
    auto last = (*m_sql)("SELECT id, at, actor, action, detail, signer, signature IS NOT NULL FROM log ORDER BY id DESC LIMIT 1");
    if (Status s = last->run({}); !s)
        return s;
    QSqlQuery& q = last->query();
    if (!q.next() || q.value(5).isNull() || q.value(6).toBool())
        return {}; // nothing written under a log key, or signed already
    const qint64 id = q.value(0).toLongLong();
    const Millis at = q.value(1).toLongLong();
    const QString actor = q.value(2).toString(), action = q.value(3).toString(), detail = q.value(4).toString(), signer = q.value(5).toString();
    QString prev = genesisHash();
    auto before = (*m_sql)("SELECT hash FROM log WHERE id < ? ORDER BY id DESC LIMIT 1");
    if (Status s = before->run({ id }); !s)
        return s;
    if (before->query().next())
        prev = before->query().value(0).toString();
    Result<SignerKey> info = key.key();
    if (!info || info->sha256 != signer)
        return Problem { QString(), QString(),
            QStringLiteral("cannot seal log entry %1: it was written under the log key %2…, not this one").arg(id).arg(signer.left(16)) };
    Result<QByteArray> sig = key.signMessage(entryMessage(prev, at, actor, action, detail));
    if (!sig)
        return Problem { sig.problem().file, QString(), QStringLiteral("cannot sign the log with the log key: ") + sig.problem().message };
    auto update = (*m_sql)("UPDATE log SET signature = ? WHERE id = ?");
    return update->run({ *sig, id });
}

Result<std::vector<LogEntry>> LogStore::list()
{
    const QString what = QStringLiteral("the log");
    std::vector<LogEntry> out;
    auto st = (*m_sql)("SELECT id, at, actor, action, detail, hash, signature, signer, cosignature, cosigner FROM log ORDER BY id");
    if (Status s = st->read({}, what); !s)
        return s.problem();
    QSqlQuery& q = st->query();
    QString prev = genesisHash();
    while (q.next()) {
        LogEntry e;
        e.id = q.value(0).toLongLong();
        e.at = q.value(1).toLongLong();
        e.actor = q.value(2).toString();
        e.action = q.value(3).toString();
        e.detail = q.value(4).toString();
        e.prevHash = prev;
        e.hash = q.value(5).toString();
        e.signature = q.value(6).toByteArray();
        e.signer = q.value(7).toString();
        e.cosignature = q.value(8).toByteArray();
        e.cosigner = q.value(9).toString();
        out.push_back(std::move(e));
        prev = out.back().hash;
    }
    if (Status s = st->rowsRead(what); !s)
        return s.problem();
    return out;
}

Result<std::map<QString, SignerKey>> LogStore::keys()
{
    const QString what = QStringLiteral("the log's keys");
    std::map<QString, SignerKey> out;
    auto st = (*m_sql)("SELECT sha256, algorithm, spki FROM log_keys");
    if (Status s = st->read({}, what); !s)
        return s.problem();
    QSqlQuery& q = st->query();
    while (q.next())
        out[q.value(0).toString()] = SignerKey { q.value(0).toString(), q.value(1).toString(), q.value(2).toByteArray() };
    if (Status s = st->rowsRead(what); !s)
        return s.problem();
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
