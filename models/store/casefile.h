// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

namespace tideline {

// One case: a single SQLite file holding every imported source, what was parsed from it, and the log; or the
// same tables in a schema of a PostgreSQL database, shared by several people (a postgresql:// address).
// A CaseFile is one connection and belongs to the thread that opened it; other threads open their own.
//
// Several processes may write to one case: a writer waits for the one before it (each write transaction
// takes the write lock as it begins, so none fails half-way for another's sake) up to lockTimeoutSeconds(),
// then fails with a message that says so. A case whose file or folder cannot be written (an archive on
// read-only media) opens read-only, immutable where nothing is left to recover.
struct ServerAddress;

// A case on a server, as `cases --server` lists it.
struct ServerCase {
    QString name;
    QString address; // postgresql://…?case=NAME
    QString caseId;
    int schemaVersion = 0;
    qint64 createdAt = 0; // ms since the epoch
};

class CaseFile {
public:
    enum class Mode {
        OpenOrCreate,
        OpenExisting,
        ReadOnly,
        ReadOnlyIfProtected, // writable where the file and its folder are, read-only otherwise (the window)
    };

    static Result<std::unique_ptr<CaseFile>> open(const QString& path, Mode mode = Mode::OpenOrCreate);
    // Whether the file (or, for a new case, its folder) can be written: false on read-only media or folders.
    static bool writableLocation(const QString& path);
    // On a server: deletes the case, every table of it (a failed copy's, a benchmark's). Not for a file, nor read-only.
    Status deleteFromServer();
    // The cases on the server and database an address names (its case=, if any, is ignored).
    static Result<std::vector<ServerCase>> casesOnServer(const QString& address);
    // How long a writer waits for another: TIDELINE_LOCK_TIMEOUT seconds, 120 by default.
    static int lockTimeoutSeconds();
    ~CaseFile();
    CaseFile(const CaseFile&) = delete;
    CaseFile& operator=(const CaseFile&) = delete;

    QSqlDatabase& db() { return m_db; }
    // The file's path, or for a shared case its server address (never with a password).
    const QString& path() const { return m_path; }
    // A shared case on a PostgreSQL server (path() is its postgresql:// address), not a file.
    bool onServer() const { return m_server; }
    // On a server: the case's name (its schema). Empty for a file.
    const QString& serverCase() const { return m_schema; }
    // On a server: the database role this connection acts as (session_user; what the log records as actor).
    const QString& serverRole() const { return m_role; }
    // On a server: the channel a committed write is announced on (NOTIFY; the payload is "actor\naction"). Empty
    // for a file.
    QString notifyChannel() const;
    QString caseId() const { return m_caseId; }
    int schemaVersion() const { return m_schemaVersion; }
    bool readOnly() const { return m_readOnly; }

    // Runs fn in one transaction: committed when it succeeds, rolled back (leaving no trace) when not.
    Status transaction(const std::function<Status()>& fn);

    // Group commit for bulk work: begin() once, then savepoint() per unit (each unit a nested transaction
    // that leaves no trace when it fails), commit() now and then. Work not yet committed is lost, whole,
    // if the process dies: never half of a unit.
    Status begin();
    Status savepoint(const std::function<Status()>& fn);
    Status commit();
    void rollback();
    bool inTransaction() const { return m_inTransaction; }
    // Whether another connection committed to the case between this connection's previous write transaction and
    // the one begin() just opened (true for the first): what a writer cached from the case is then stale.
    bool othersWrote() const { return m_othersWrote; }

    // Runs fn over one consistent view of the case: its queries share one read transaction (one lock, not
    // one per statement) and see no import that lands meanwhile. Inside a transaction fn just runs.
    Status reading(const std::function<Status()>& fn);

    // SQLite's own consistency check: "ok", or what is wrong.
    QString integrityCheck();

    // Called about once a second while this connection waits for another writer to finish (milliseconds
    // waited so far), so that a long wait can be shown; nothing while nobody else writes.
    void setWaitObserver(std::function<void(qint64 waitedMs)> observer);
    // False once the file this connection opened has been deleted or replaced by another (a running import
    // checks, so as not to keep writing into a file nobody will see again).
    bool stillInPlace() const;

    // The schema version this build writes; a newer case file is refused rather than misread.
    static int currentSchemaVersion();

private:
    CaseFile() = default;
    static Status connectToServer(QSqlDatabase& db, const ServerAddress& address, const QString& connection);
    static Result<std::unique_ptr<CaseFile>> openOnServer(const QString& address, Mode mode);
    Status initialise(Mode mode);
    Status initialiseOnServer(Mode mode);
    Status createOnServer();
    Status createTables(); // meta, every migration's tables, the case's id: inside the creating transaction
    Status announceWrites();
    Status migrate();
    Status useWal();
    Status beginWriteOnServer();
    Status beginWrite(); // BEGIN IMMEDIATE: the write lock now, waiting for another writer, or a clear refusal
    void installBusyHandler();
    struct Wait;
    Status seal();

    QSqlDatabase m_db;
    QString m_connection;
    QString m_path;
    QString m_caseId;
    int m_schemaVersion = 0;
    bool m_readOnly = false;
    bool m_server = false;
    QString m_schema; // on a server: the case's schema
    QString m_role; // on a server: session_user
    bool m_inTransaction = false;
    bool m_reading = false;
    bool m_othersWrote = true;
    qint64 lastLogId(); // on a server: the id of the log's last entry, -1 when it cannot be read
    qint64 m_dataVersion = -1; // SQLite's data_version as the last write transaction began; on a server the log's
                               // last id as this connection last committed
    std::shared_ptr<Wait> m_wait;
    quint64 m_device = 0, m_inode = 0; // the file opened, to notice it being replaced
};

} // namespace tideline
