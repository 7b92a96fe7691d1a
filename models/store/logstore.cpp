#include "logstore.h"

#include "store/sql.h"

#include <QCryptographicHash>
#include <QJsonDocument>

#include <mutex>

namespace tideline {

namespace {

std::mutex g_signerMutex;
std::shared_ptr<const LogSigner> g_signer;

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
{
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

QString LogStore::head()
{
    auto st = (*m_sql)("SELECT hash FROM log ORDER BY id DESC LIMIT 1");
    if (!st->run({}) || !st->query().next())
        return genesisHash();
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
    e.action = action;
    e.detail = QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact));
    e.prevHash = head();
    const QByteArray message = entryMessage(e.prevHash, e.at, e.actor, e.action, e.detail);
    e.hash = QString::fromLatin1(QCryptographicHash::hash(message, QCryptographicHash::Sha256).toHex());
    // Signed as it is written, in the same transaction: an entry is never in the case without its signature.
    auto sign = [&](const LogSigner& by, const QString& role, QByteArray& signature, QString& keySha) -> Status {
        Result<SignerKey> key = by.key();
        if (!key)
            return Problem { key.problem().file, key.problem().where, QStringLiteral("cannot sign the log with the %1: %2").arg(role, key.problem().message) };
        Result<QByteArray> sig = by.signMessage(message);
        if (!sig)
            return Problem { key->sha256, QString(), QStringLiteral("cannot sign the log with the %1: %2").arg(role, sig.problem().message) };
        if (Status s = keep(*key); !s)
            return s;
        signature = std::move(sig).value();
        keySha = key->sha256;
        return {};
    };
    if (const std::shared_ptr<const LogSigner> signer = logSigner())
        if (Status s = sign(*signer, QStringLiteral("log key"), e.signature, e.signer); !s)
            return s.problem();
    if (cosigner)
        if (Status s = sign(*cosigner, QStringLiteral("key of %1").arg(actor), e.cosignature, e.cosigner); !s)
            return s.problem();
    auto null = [](const QByteArray& b) { return b.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(b); };
    auto nullText = [](const QString& t) { return t.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(t); };
    auto st = (*m_sql).insert("INSERT INTO log(at, actor, action, detail, hash, signature, signer, cosignature, cosigner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (Status s = st->run({ e.at, e.actor, e.action, e.detail, e.hash, null(e.signature), nullText(e.signer), null(e.cosignature), nullText(e.cosigner) }); !s)
        return s.problem();
    const auto id = st->insertedId();
    if (!id)
        return Problem { QString(), QString(), QStringLiteral("log insert returned no id") };
    e.id = *id;
    return e;
}

std::vector<LogEntry> LogStore::list()
{
    std::vector<LogEntry> out;
    auto st = (*m_sql)("SELECT id, at, actor, action, detail, hash, signature, signer, cosignature, cosigner FROM log ORDER BY id");
    if (!st->run({}))
        return out;
    QSqlQuery& q = st->query();
    QString prev = genesisHash();
    while (q.next()) {
        out.push_back({ q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toString(),
            q.value(4).toString(), prev, q.value(5).toString(), q.value(6).toByteArray(), q.value(7).toString(), q.value(8).toByteArray(),
            q.value(9).toString() });
        prev = out.back().hash;
    }
    return out;
}

std::map<QString, SignerKey> LogStore::keys()
{
    std::map<QString, SignerKey> out;
    auto st = (*m_sql)("SELECT sha256, algorithm, spki FROM log_keys");
    if (!st->run({}))
        return out;
    QSqlQuery& q = st->query();
    while (q.next())
        out[q.value(0).toString()] = SignerKey { q.value(0).toString(), q.value(1).toString(), q.value(2).toByteArray() };
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
