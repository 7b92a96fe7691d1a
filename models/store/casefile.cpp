// SPDX-License-Identifier: GPL-3.0-or-later
#include "casefile.h"

#include "store/caseaddress.h"
#include "store/logstore.h"
#include "store/schema.h"
#include "store/sql.h"

#include <QAtomicInteger>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUrl>
#include <QUuid>

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>

namespace tideline {

namespace {

QAtomicInteger<quint64> g_connections;

bool identity(const QString& path, quint64& device, quint64& inode)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return false;
    device = static_cast<quint64>(st.st_dev);
    inode = static_cast<quint64>(st.st_ino);
    return true;
}

bool isBusy(const Status& s)
{
    const QString& m = s.problem().message;
    return m.contains(QLatin1String("database is locked")) || m.contains(QLatin1String("database is busy"))
        || m.contains(QLatin1String("holds the case file locked")); // as sql::failure words it
}

sqlite3* nativeHandle(QSqlDatabase& db)
{
    const QVariant handle = db.driver()->handle();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
        return *static_cast<sqlite3* const*>(handle.data());
    return nullptr;
}

} // namespace

struct CaseFile::Wait {
    qint64 limitMs = 0;
    QElapsedTimer since; // the current wait
    qint64 reported = 0;
    std::function<void(qint64)> observer;
};

bool CaseFile::writableLocation(const QString& path)
{
    if (isServerAddress(path))
        return true; // the server decides, by role
    if (path == QLatin1String(":memory:"))
        return true;
    const QFileInfo info(path);
    const QFileInfo folder(info.absolutePath());
    if (!folder.isWritable())
        return false; // SQLite writes its -wal and -shm beside the case
    return !info.exists() || info.isWritable();
}

int CaseFile::lockTimeoutSeconds()
{
    bool ok = false;
    const int s = qEnvironmentVariableIntValue("TIDELINE_LOCK_TIMEOUT", &ok);
    return ok && s >= 0 ? s : 120;
}

void CaseFile::setWaitObserver(std::function<void(qint64 waitedMs)> observer)
{
    if (m_wait)
        m_wait->observer = std::move(observer);
}

bool CaseFile::stillInPlace() const
{
    if (m_server || m_path == QLatin1String(":memory:"))
        return true;
    quint64 device = 0, inode = 0;
    return identity(m_path, device, inode) && device == m_device && inode == m_inode;
}

void CaseFile::installBusyHandler()
{
    sqlite3* h = nativeHandle(m_db);
    if (!h)
        return;
    m_wait = std::make_shared<Wait>();
    m_wait->limitMs = qint64(lockTimeoutSeconds()) * 1000;
    // Instead of SQLite's fixed timeout: short sleeps, a word to the observer about once a second, and up to
    // the limit the user set.
    sqlite3_busy_handler(
        h,
        [](void* arg, int count) -> int {
            auto* w = static_cast<Wait*>(arg);
            if (count == 0) {
                w->since.start();
                w->reported = 0;
            }
            const qint64 waited = w->since.elapsed();
            if (waited >= w->limitMs)
                return 0;
            if (w->observer && waited - w->reported >= 1000) {
                w->reported = waited;
                w->observer(waited);
            }
            QThread::msleep(static_cast<unsigned long>(std::min(200, 20 + 10 * count)));
            return 1;
        },
        m_wait.get());
}

Status CaseFile::beginWrite()
{
    if (m_readOnly)
        return Problem(m_path, QString(), QStringLiteral("the case is open read-only"));
    if (m_server)
        return beginWriteOnServer();
    const Status s = sql::run(m_db, QStringLiteral("BEGIN IMMEDIATE"));
    if (s)
        return s;
    if (isBusy(s))
        return Problem(m_path, QString(),
            QStringLiteral("another Tideline is writing to this case and has not finished after %1 s: nothing was written; try again "
                           "when it is done, or wait longer with TIDELINE_LOCK_TIMEOUT=SECONDS")
                .arg(lockTimeoutSeconds()));
    return Problem(m_path, QString(), QStringLiteral("cannot begin a transaction: %1").arg(s.problem().message));
}

int CaseFile::currentSchemaVersion() { return static_cast<int>(schema::migrations().size()); }

Result<std::unique_ptr<CaseFile>> CaseFile::open(const QString& path, Mode mode)
{
    if (isServerAddress(path))
        return openOnServer(path, mode);
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

    const bool writable = writableLocation(path);
    if (!writable && mode != Mode::ReadOnly && mode != Mode::ReadOnlyIfProtected)
        return Problem(path, QString(),
            info.exists() ? QStringLiteral("the case is read-only here (the file or its folder cannot be written): it can be read, not changed")
                          : QStringLiteral("cannot create a case here: the folder cannot be written"));

    std::unique_ptr<CaseFile> c(new CaseFile);
    c->m_path = path;
    c->m_readOnly = mode == Mode::ReadOnly || !writable;
    c->m_connection = QStringLiteral("tideline-case-%1").arg(++g_connections);
    c->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), c->m_connection);
    if (writable) {
        // Read-only cases are opened read-write at the file level all the same where they can be, with writes
        // refused by query_only: after a crash SQLite must be able to recover the write-ahead log before anyone
        // reads.
        c->m_db.setDatabaseName(path);
        c->m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    } else {
        // Nothing can be written beside the file: it is read as it is on the medium. A write-ahead log left
        // over from a crash cannot be recovered there, and reading without it would miss what it holds.
        const QFileInfo wal(path + QStringLiteral("-wal"));
        if (wal.exists() && wal.size() > 0)
            return Problem(path, QString(),
                QStringLiteral("the case is on a read-only medium with unfinished changes in %1: copy the case and that file to a "
                               "writable folder and open it there once")
                    .arg(wal.fileName()));
        c->m_db.setDatabaseName(QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()).toString(QUrl::FullyEncoded)
            + QStringLiteral("?immutable=1"));
        c->m_db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"));
    }
    if (!c->m_db.open())
        return Problem { path, QString(), QStringLiteral("cannot open: %1").arg(c->m_db.lastError().text()) };
    identity(path, c->m_device, c->m_inode);
    c->installBusyHandler();
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
    if (m_readOnly)
        if (Status s = sql::run(m_db, QStringLiteral("PRAGMA query_only=ON")); !s)
            return s;

    // Whether the file is a case (or empty) is read before anything is set that would change a foreign file.
    QSqlQuery q(m_db);
    if (Status s = sql::exec(q, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'")); !s)
        return Problem(QStringLiteral("not a readable SQLite database: ") + s.problem().message);
    q.next();
    const bool hasMeta = q.value(0).toInt() > 0;
    q.finish(); // a statement left open holds a read transaction, in which WAL cannot be turned on
    if (!hasMeta) {
        QSqlQuery any(m_db);
        sql::exec(any, QStringLiteral("SELECT count(*) FROM sqlite_master"));
        any.next();
        const bool foreign = any.value(0).toInt() > 0;
        any.finish();
        if (foreign)
            return Problem(QStringLiteral("an SQLite file, but not a Tideline case"));
        if (m_readOnly || mode == Mode::OpenExisting || mode == Mode::ReadOnlyIfProtected)
            return Problem(QStringLiteral("empty file, not a Tideline case"));
        if (Status s = useWal(); !s)
            return s;
        // A new case is created whole, schema included, in one transaction: a process killed while
        // creating it leaves an empty file or a complete case, never a half-migrated one.
        const Status created = transaction([this]() -> Status {
            // Another process may have created the case since we looked: with the write lock held, look again.
            QSqlQuery again(m_db);
            if (Status s = sql::exec(again, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'")); !s)
                return s;
            again.next();
            const bool madeMeanwhile = again.value(0).toInt() > 0;
            again.finish();
            if (madeMeanwhile)
                return {};
            return createTables();
        });
        if (!created)
            return created;
    }

    if (!m_readOnly && hasMeta)
        if (Status s = useWal(); !s)
            return s;
    if (Status s = sql::run(m_db, QStringLiteral("PRAGMA foreign_keys=ON")); !s)
        return s;

    return migrate();
}

Status CaseFile::createTables()
{
    if (Status s = sql::run(m_db, QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")); !s)
        return s;
    const auto& migrations = schema::migrations(m_server);
    for (const auto& migration : migrations)
        for (const QString& stmt : migration.statements)
            if (Status s = sql::run(m_db, stmt); !s)
                return Problem(QStringLiteral("cannot create the case's tables (%1): %2").arg(migration.description, s.problem().message));
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    for (const auto& [k, v] : { std::pair { QStringLiteral("case_id"), id }, std::pair { QStringLiteral("schema_version"), QString::number(migrations.size()) },
             std::pair { QStringLiteral("created_at"), QString::number(QDateTime::currentMSecsSinceEpoch()) } })
        if (Status s = sql::run(m_db, QStringLiteral("INSERT INTO meta(key, value) VALUES (?, ?)"), { k, v }); !s)
            return s;
    return {};
}

Status CaseFile::migrate()
{
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
    const auto& migrations = schema::migrations(m_server);
    if (m_schemaVersion > static_cast<int>(migrations.size()))
        return Problem(QStringLiteral("case file has schema version %1; this Tideline reads up to %2: update Tideline")
                .arg(m_schemaVersion)
                .arg(migrations.size()));
    if (m_schemaVersion < static_cast<int>(migrations.size())) {
        if (m_readOnly)
            return Problem(QStringLiteral("case file has schema version %1 and needs upgrading; open it writable once").arg(m_schemaVersion));
        for (size_t v = static_cast<size_t>(m_schemaVersion); v < migrations.size(); ++v) {
            bool doneMeanwhile = false;
            const Status migrated = transaction([&]() -> Status {
                // Another process may have migrated since the version was read: with the write lock held, look again.
                QSqlQuery now(m_db);
                if (Status s = sql::exec(now, QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'")); !s)
                    return s;
                doneMeanwhile = now.next() && now.value(0).toInt() > static_cast<int>(v);
                now.finish();
                if (doneMeanwhile)
                    return {};
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

Status CaseFile::useWal()
{
    // WAL: readers (the window) never block the importer; NORMAL sync is safe against a killed process.
    if (Status s = sql::run(m_db, QStringLiteral("PRAGMA journal_mode=WAL")); !s)
        return s;
    return sql::run(m_db, QStringLiteral("PRAGMA synchronous=NORMAL"));
}

Status CaseFile::transaction(const std::function<Status()>& fn)
{
    if (Status b = beginWrite(); !b)
        return b;
    Status s = fn();
    if (s)
        s = seal();
    if (!s) {
        LogStore::takeUnsealed(m_db);
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
    // On a server, one snapshot for the whole transaction (its default takes one per statement).
    if (m_server && !sql::run(m_db, QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))) {
        m_db.rollback();
        return fn();
    }
    m_reading = true;
    Status s = fn();
    m_reading = false;
    if (!m_db.commit())
        m_db.rollback();
    return s;
}

QString CaseFile::integrityCheck()
{
    if (m_server)
        return QStringLiteral("ok"); // the server checks its own pages; what the case holds is checked by verify-case
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
    if (Status b = beginWrite(); !b)
        return b;
    m_inTransaction = true;
    if (m_server) {
        // Every write to a case appends to its log (imports, decisions, retractions, trust): the log's last entry
        // moved since this connection's last commit only if another wrote.
        const qint64 last = lastLogId();
        m_othersWrote = last < 0 || last != m_dataVersion;
        return {};
    }
    // data_version moves only for commits of other connections (ours leave it), and none can commit while this
    // transaction holds the write lock: a change since the last begin() is another writer's.
    QSqlQuery q(m_db);
    const qint64 version = sql::exec(q, QStringLiteral("PRAGMA data_version")) && q.next() ? q.value(0).toLongLong() : -1;
    m_othersWrote = version < 0 || version != m_dataVersion;
    m_dataVersion = version;
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

Status CaseFile::seal()
{
    // What was appended to the log here is signed before it is committed, in the same transaction.
    const std::shared_ptr<const LogSigner> key = LogStore::takeUnsealed(m_db);
    if (!key)
        return {};
    LogStore log(m_db);
    return log.seal(*key);
}

qint64 CaseFile::lastLogId()
{
    QSqlQuery q(m_db);
    return sql::exec(q, QStringLiteral("SELECT coalesce(max(id), 0) FROM log")) && q.next() ? q.value(0).toLongLong() : -1;
}

Status CaseFile::commit()
{
    m_inTransaction = false;
    if (Status s = seal(); !s) {
        m_db.rollback();
        return s;
    }
    const qint64 last = m_server ? lastLogId() : -1;
    if (!m_db.commit()) {
        const QSqlError err = m_db.lastError();
        m_db.rollback();
        return Problem { m_path, QString(), sql::failure(err.nativeErrorCode(), err.text(), QStringLiteral("cannot commit")).message };
    }
    if (m_server)
        m_dataVersion = last;
    return {};
}

void CaseFile::rollback()
{
    m_inTransaction = false;
    LogStore::takeUnsealed(m_db);
    m_db.rollback();
}

// --- Shared cases on a PostgreSQL server -------------------------------------------------------------------

namespace {

// A libpq conninfo value, quoted (Qt joins the options with spaces).
QString conninfoValue(const QString& v)
{
    QString q = v;
    q.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    q.replace(QLatin1Char('\''), QStringLiteral("\\'"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}

// What libpq said, on one line, without its "FATAL:" / "ERROR:" prefixes.
QString serverSaid(const QSqlError& e)
{
    QString t = e.databaseText().isEmpty() ? e.text() : e.databaseText();
    t = t.simplified();
    for (const QLatin1String prefix : { QLatin1String("FATAL:"), QLatin1String("ERROR:") })
        if (t.startsWith(prefix))
            t = t.mid(prefix.size()).trimmed();
    return t;
}

} // namespace

Result<std::unique_ptr<CaseFile>> CaseFile::openOnServer(const QString& text, Mode mode)
{
    Result<ServerAddress> parsed = parseServerAddress(text, true);
    if (!parsed)
        return parsed.problem();
    const ServerAddress& a = *parsed;
    std::unique_ptr<CaseFile> c(new CaseFile);
    c->m_connection = QStringLiteral("tideline-case-%1").arg(++g_connections);
    if (Status s = connectToServer(c->m_db, a, c->m_connection); !s)
        return s.problem();
    c->m_server = true;
    c->m_path = a.display();
    c->m_schema = a.schema();
    c->m_readOnly = mode == Mode::ReadOnly;
    if (Status s = c->initialiseOnServer(mode); !s) {
        Problem p = s.problem();
        p.file = c->m_path;
        return p;
    }
    return c;
}

Status CaseFile::connectToServer(QSqlDatabase& db, const ServerAddress& a, const QString& connection)
{
    const QString where = a.display();
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return Problem(where, QString(),
            QStringLiteral("this Tideline cannot reach PostgreSQL: Qt's QPSQL driver is not installed (Debian package libqt6sql6-psql)"));
    db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
    QStringList options;
    auto option = [&](const QString& k, const QString& v) { options << k + QLatin1Char('=') + conninfoValue(v); };
    // Qt's own fields are left empty where the address is silent, so that libpq's defaults (PGHOST, PGUSER,
    // a service) apply; several hosts or ports go to libpq as they are.
    if (!a.host.isEmpty())
        option(QStringLiteral("host"), a.host);
    if (!a.port.isEmpty())
        option(QStringLiteral("port"), a.port);
    if (!a.user.isEmpty())
        option(QStringLiteral("user"), a.user);
    if (!a.database.isEmpty())
        db.setDatabaseName(a.database);
    bool named = false;
    for (const auto& [k, v] : a.options) {
        option(k, v);
        named = named || k == QLatin1String("application_name");
    }
    if (!named)
        option(QStringLiteral("application_name"), QStringLiteral("tideline"));
    db.setConnectOptions(options.join(QLatin1Char(';')));
    if (!db.open()) {
        return Problem(where, QString(), QStringLiteral("cannot reach the case's server: %1").arg(serverSaid(db.lastError())));
    }
    // Notices (an index that already exists) are not for the user.
    sql::run(db, QStringLiteral("SET client_min_messages = warning"));
    return {};
}

Status CaseFile::initialiseOnServer(Mode mode)
{
    {
        QSqlQuery who(m_db);
        if (Status s = sql::exec(who, QStringLiteral("SELECT session_user")); !s || !who.next())
            return Problem(QStringLiteral("cannot learn the database role this connection acts as: ") + (s ? who.lastError().databaseText() : s.problem().message));
        m_role = who.value(0).toString();
    }
    const QString quoted = QLatin1Char('"') + m_schema + QLatin1Char('"'); // a checked name: no quoting needed inside
    if (Status s = sql::run(m_db, QStringLiteral("SET search_path TO ") + quoted); !s)
        return s;
    if (m_readOnly)
        if (Status s = sql::run(m_db, QStringLiteral("SET default_transaction_read_only = on")); !s)
            return s;
    QSqlQuery q(m_db);
    if (Status s = sql::exec(q,
            QStringLiteral("SELECT (SELECT count(*) FROM information_schema.schemata WHERE schema_name = ?), "
                           "(SELECT count(*) FROM information_schema.columns WHERE table_schema = ? AND table_name = 'meta' "
                           "AND column_name IN ('key', 'value'))"),
            { m_schema, m_schema });
        !s)
        return Problem(QStringLiteral("cannot read the server's schemas: ") + s.problem().message);
    q.next();
    const bool schemaExists = q.value(0).toInt() > 0;
    const bool hasMeta = q.value(1).toInt() == 2; // Tideline's meta(key, value), not another program's table
    q.finish();
    if (!hasMeta) {
        if (schemaExists) {
            QSqlQuery any(m_db);
            sql::exec(any, QStringLiteral("SELECT count(*) FROM information_schema.tables WHERE table_schema = ?"), { m_schema });
            any.next();
            if (any.value(0).toInt() > 0)
                return Problem(QStringLiteral("the schema '%1' on the server holds tables, but not a Tideline case").arg(m_schema));
        }
        if (m_readOnly || mode != Mode::OpenOrCreate)
            return Problem(QStringLiteral("the server holds no case named '%1' (`tideline cases --server …` lists them)").arg(m_schema));
        if (Status s = createOnServer(); !s)
            return s;
    }
    if (Status s = migrate(); !s)
        return s;
    // A role that may not add the trigger (only the case's owner may) leaves it to the owner's next open.
    if (!m_readOnly)
        announceWrites();
    return {};
}

QString CaseFile::notifyChannel() const { return m_server ? QStringLiteral("tl_") + m_schema.left(60) : QString(); }

Status CaseFile::announceWrites()
{
    // Every write to a case appends to its log: a trigger there tells those listening (a window open on the case)
    // who did what, once per transaction and kind of entry, when it commits.
    QSqlQuery q(m_db);
    if (Status s = sql::exec(q, QStringLiteral("SELECT count(*) FROM pg_trigger WHERE tgname = 'log_notify' AND tgrelid = 'log'::regclass")); !s)
        return s;
    if (q.next() && q.value(0).toInt() > 0)
        return {};
    q.finish();
    return transaction([this]() -> Status {
        const QString function = QStringLiteral(
            "CREATE OR REPLACE FUNCTION log_notify() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN "
            "PERFORM pg_notify('%1', NEW.actor || chr(10) || NEW.action); RETURN NEW; END $f$")
                                     .arg(notifyChannel());
        if (Status s = sql::run(m_db, function); !s)
            return s;
        if (Status s = sql::run(m_db, QStringLiteral("DROP TRIGGER IF EXISTS log_notify ON log")); !s)
            return s;
        return sql::run(m_db, QStringLiteral("CREATE TRIGGER log_notify AFTER INSERT ON log FOR EACH ROW EXECUTE FUNCTION log_notify()"));
    });
}

Status CaseFile::createOnServer()
{
    // Whole or not at all, as a case file is: PostgreSQL's DDL is transactional.
    return transaction([this]() -> Status {
        QSqlQuery again(m_db);
        if (Status s = sql::exec(again, QStringLiteral("SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = 'meta'"),
                { m_schema });
            !s)
            return s;
        again.next();
        if (again.value(0).toInt() > 0)
            return {}; // made meanwhile by another
        again.finish();
        if (Status s = sql::run(m_db, QStringLiteral("CREATE SCHEMA IF NOT EXISTS \"%1\"").arg(m_schema)); !s)
            return Problem(QStringLiteral("cannot create the case's schema: ") + s.problem().message);
        return createTables();
    });
}

Status CaseFile::deleteFromServer()
{
    if (!m_server || m_readOnly)
        return Problem(m_path, QString(), m_server ? QStringLiteral("the case is open read-only") : QStringLiteral("not a shared case"));
    return sql::run(m_db, QStringLiteral("DROP SCHEMA \"%1\" CASCADE").arg(m_schema)); // a checked name: no quoting needed inside
}

Status CaseFile::beginWriteOnServer()
{
    // Writers of one case take turns, as on a file: a transaction-scoped advisory lock on the case's name, waited
    // for up to the user's limit. The log's appends (each reads the head it chains to) are serialised by it in the
    // database, whichever client writes.
    if (!m_db.transaction())
        return Problem(m_path, QString(), QStringLiteral("cannot begin a transaction: %1").arg(serverSaid(m_db.lastError())));
    const int limitMs = std::max(1, lockTimeoutSeconds() * 1000);
    Status s = sql::run(m_db, QStringLiteral("SET LOCAL lock_timeout = %1").arg(limitMs));
    if (s)
        s = sql::run(m_db, QStringLiteral("SELECT pg_advisory_xact_lock(hashtext(?))"), { QString(QStringLiteral("tideline case ") + m_schema) });
    if (s)
        return s;
    m_db.rollback();
    if (s.problem().message.contains(QLatin1String("lock timeout")) || s.problem().message.contains(QLatin1String("55P03")))
        return Problem(m_path, QString(),
            QStringLiteral("another Tideline is writing to this case and has not finished after %1 s: nothing was written; try again "
                           "when it is done, or wait longer with TIDELINE_LOCK_TIMEOUT=SECONDS")
                .arg(lockTimeoutSeconds()));
    return Problem(m_path, QString(), QStringLiteral("cannot begin a transaction: %1").arg(s.problem().message));
}

Result<std::vector<ServerCase>> CaseFile::casesOnServer(const QString& text)
{
    Result<ServerAddress> parsed = parseServerAddress(text, false);
    if (!parsed)
        return parsed.problem();
    const QString connection = QStringLiteral("tideline-cases-%1").arg(++g_connections);
    std::vector<ServerCase> out;
    Status status;
    {
        QSqlDatabase db;
        if (Status s = connectToServer(db, *parsed, connection); !s) {
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(connection);
            return s.problem();
        }
        QSqlQuery q(db);
        status = sql::exec(q, QStringLiteral("SELECT table_schema FROM information_schema.tables WHERE table_name = 'meta' "
                                             "AND table_schema NOT IN ('public', 'information_schema') ORDER BY table_schema"));
        std::vector<QString> schemas;
        while (status && q.next())
            schemas.push_back(q.value(0).toString());
        q.finish();
        for (const QString& schema : schemas) {
            if (!caseNameProblem(schema).isEmpty())
                continue; // not a name Tideline gives
            QSqlQuery m(db);
            if (!sql::exec(m, QStringLiteral("SELECT key, value FROM \"%1\".meta").arg(schema)))
                continue; // a schema this role may not read
            ServerCase c;
            c.name = schema;
            c.address = parsed->withCase(schema).display();
            while (m.next()) {
                const QString key = m.value(0).toString();
                if (key == QLatin1String("case_id"))
                    c.caseId = m.value(1).toString();
                else if (key == QLatin1String("schema_version"))
                    c.schemaVersion = m.value(1).toInt();
                else if (key == QLatin1String("created_at"))
                    c.createdAt = m.value(1).toLongLong();
            }
            if (!c.caseId.isEmpty())
                out.push_back(std::move(c));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    if (!status)
        return Problem(parsed->display(), QString(), QStringLiteral("cannot list the server's cases: ") + status.problem().message);
    return out;
}

} // namespace tideline
