#include "casefile.h"

#include "store/schema.h"
#include "store/sql.h"

#include <QAtomicInteger>
#include <QDateTime>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace tideline {

namespace {
QAtomicInteger<quint64> g_connections;
}

int CaseFile::currentSchemaVersion() { return static_cast<int>(schema::migrations().size()); }

Result<std::unique_ptr<CaseFile>> CaseFile::open(const QString& path, Mode mode)
{
    const QFileInfo info(path);
    if (mode != Mode::OpenOrCreate && !info.exists())
        return Problem { path, QString(), QStringLiteral("no such case file") };
    if (info.exists() && !info.isFile())
        return Problem { path, QString(), QStringLiteral("not a file") };
    if (info.exists() && info.size() > 0) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return Problem { path, QString(), QStringLiteral("cannot read: %1").arg(f.errorString()) };
        if (f.read(16) != QByteArray("SQLite format 3\0", 16))
            return Problem { path, QString(), QStringLiteral("not a Tideline case file (not SQLite)") };
    }

    std::unique_ptr<CaseFile> c(new CaseFile);
    c->m_path = path;
    c->m_readOnly = mode == Mode::ReadOnly;
    c->m_connection = QStringLiteral("tideline-case-%1").arg(++g_connections);
    c->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), c->m_connection);
    c->m_db.setDatabaseName(path);
    // Read-only cases are opened read-write at the file level all the same, with writes refused by
    // query_only: after a crash SQLite must be able to recover the write-ahead log before anyone reads.
    c->m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!c->m_db.open())
        return Problem { path, QString(), QStringLiteral("cannot open: %1").arg(c->m_db.lastError().text()) };
    if (Status s = c->initialise(mode); !s) {
        Problem p = s.problem();
        p.file = path;
        return p;
    }
    return c;
}

CaseFile::~CaseFile()
{
    if (m_db.isOpen())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
}

Status CaseFile::initialise(Mode mode)
{
    if (!m_readOnly) {
        // WAL: readers (the window) never block the importer; NORMAL sync is safe against a killed process.
        if (Status s = sql::run(m_db, QStringLiteral("PRAGMA journal_mode=WAL")); !s)
            return s;
        if (Status s = sql::run(m_db, QStringLiteral("PRAGMA synchronous=NORMAL")); !s)
            return s;
    }
    if (Status s = sql::run(m_db, QStringLiteral("PRAGMA foreign_keys=ON")); !s)
        return s;
    if (m_readOnly)
        if (Status s = sql::run(m_db, QStringLiteral("PRAGMA query_only=ON")); !s)
            return s;

    QSqlQuery q(m_db);
    if (Status s = sql::exec(q, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'")); !s)
        return Problem(QStringLiteral("not a readable SQLite database: ") + s.problem().message);
    q.next();
    const bool hasMeta = q.value(0).toInt() > 0;
    if (!hasMeta) {
        QSqlQuery any(m_db);
        sql::exec(any, QStringLiteral("SELECT count(*) FROM sqlite_master"));
        any.next();
        if (any.value(0).toInt() > 0)
            return Problem(QStringLiteral("an SQLite file, but not a Tideline case"));
        if (m_readOnly || mode == Mode::OpenExisting)
            return Problem(QStringLiteral("empty file, not a Tideline case"));
        // A new case is created whole, schema included, in one transaction: a process killed while
        // creating it leaves an empty file or a complete case, never a half-migrated one.
        const Status created = transaction([this]() -> Status {
            if (Status s = sql::run(m_db, QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")); !s)
                return s;
            for (const auto& migration : schema::migrations())
                for (const QString& stmt : migration.statements)
                    if (Status s = sql::run(m_db, stmt); !s)
                        return s;
            const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            for (const auto& [k, v] : { std::pair { QStringLiteral("case_id"), id },
                     std::pair { QStringLiteral("schema_version"), QString::number(schema::migrations().size()) },
                     std::pair { QStringLiteral("created_at"), QString::number(QDateTime::currentMSecsSinceEpoch()) } })
                if (Status s = sql::run(m_db, QStringLiteral("INSERT INTO meta(key, value) VALUES (?, ?)"), { k, v }); !s)
                    return s;
            return {};
        });
        if (!created)
            return created;
    }

    QSqlQuery meta(m_db);
    if (Status s = sql::exec(meta, QStringLiteral("SELECT key, value FROM meta")); !s)
        return s;
    while (meta.next()) {
        const QString key = meta.value(0).toString();
        if (key == QLatin1String("case_id"))
            m_caseId = meta.value(1).toString();
        else if (key == QLatin1String("schema_version"))
            m_schemaVersion = meta.value(1).toInt();
    }
    if (m_caseId.isEmpty())
        return Problem(QStringLiteral("case file has no case id: damaged"));
    const auto& migrations = schema::migrations();
    if (m_schemaVersion > static_cast<int>(migrations.size()))
        return Problem(QStringLiteral("case file has schema version %1; this Tideline reads up to %2: update Tideline")
                .arg(m_schemaVersion)
                .arg(migrations.size()));
    if (m_schemaVersion < static_cast<int>(migrations.size())) {
        if (m_readOnly)
            return Problem(QStringLiteral("case file has schema version %1 and needs upgrading; open it writable once").arg(m_schemaVersion));
        for (size_t v = static_cast<size_t>(m_schemaVersion); v < migrations.size(); ++v) {
            const Status migrated = transaction([&]() -> Status {
                for (const QString& stmt : migrations[v].statements)
                    if (Status s = sql::run(m_db, stmt); !s)
                        return s;
                return sql::run(m_db, QStringLiteral("UPDATE meta SET value = ? WHERE key = 'schema_version'"),
                    { QString::number(v + 1) });
            });
            if (!migrated)
                return Problem(QStringLiteral("migration to schema %1 (%2) failed: %3")
                        .arg(v + 1)
                        .arg(migrations[v].description, migrated.problem().message));
            m_schemaVersion = static_cast<int>(v + 1);
        }
    }
    return {};
}

Status CaseFile::transaction(const std::function<Status()>& fn)
{
    if (m_readOnly)
        return Problem { m_path, QString(), QStringLiteral("the case is open read-only") };
    if (!m_db.transaction())
        return Problem { m_path, QString(),
            sql::failure(m_db.lastError().nativeErrorCode(), m_db.lastError().text(), QStringLiteral("cannot begin a transaction")).message };
    Status s = fn();
    if (!s) {
        m_db.rollback();
        return s;
    }
    if (!m_db.commit()) {
        const QSqlError err = m_db.lastError();
        m_db.rollback();
        return Problem { m_path, QString(), sql::failure(err.nativeErrorCode(), err.text(), QStringLiteral("cannot commit")).message };
    }
    return {};
}

Status CaseFile::reading(const std::function<Status()>& fn)
{
    if (m_inTransaction || m_reading)
        return fn();
    // A deferred BEGIN takes no lock until the first read; query_only connections may open one too.
    if (!m_db.transaction())
        return fn(); // no shared view to be had: every statement reads on its own, as without it
    m_reading = true;
    Status s = fn();
    m_reading = false;
    if (!m_db.commit())
        m_db.rollback();
    return s;
}

QString CaseFile::integrityCheck()
{
    QSqlQuery q(m_db);
    if (!sql::exec(q, QStringLiteral("PRAGMA integrity_check")))
        return QStringLiteral("cannot run the integrity check: ") + q.lastError().text();
    QStringList lines;
    while (q.next())
        lines << q.value(0).toString();
    return lines.join(QLatin1Char('\n'));
}

Status CaseFile::begin()
{
    if (m_readOnly)
        return Problem { m_path, QString(), QStringLiteral("the case is open read-only") };
    if (!m_db.transaction())
        return Problem { m_path, QString(),
            sql::failure(m_db.lastError().nativeErrorCode(), m_db.lastError().text(), QStringLiteral("cannot begin a transaction")).message };
    m_inTransaction = true;
    return {};
}

Status CaseFile::savepoint(const std::function<Status()>& fn)
{
    if (Status s = sql::run(m_db, QStringLiteral("SAVEPOINT unit")); !s)
        return s;
    Status s = fn();
    if (!s) {
        sql::run(m_db, QStringLiteral("ROLLBACK TO unit"));
        sql::run(m_db, QStringLiteral("RELEASE unit"));
        return s;
    }
    return sql::run(m_db, QStringLiteral("RELEASE unit"));
}

Status CaseFile::commit()
{
    m_inTransaction = false;
    if (!m_db.commit()) {
        const QSqlError err = m_db.lastError();
        m_db.rollback();
        return Problem { m_path, QString(), sql::failure(err.nativeErrorCode(), err.text(), QStringLiteral("cannot commit")).message };
    }
    return {};
}

void CaseFile::rollback()
{
    m_inTransaction = false;
    m_db.rollback();
}

} // namespace tideline
