// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>

namespace tideline {

// One case: a single SQLite file holding every imported source, what was parsed from it, and the log.
// A CaseFile is one connection and belongs to the thread that opened it; other threads open their own.
class CaseFile {
public:
    enum class Mode { OpenOrCreate, OpenExisting, ReadOnly };

    static Result<std::unique_ptr<CaseFile>> open(const QString& path, Mode mode = Mode::OpenOrCreate);
    ~CaseFile();
    CaseFile(const CaseFile&) = delete;
    CaseFile& operator=(const CaseFile&) = delete;

    QSqlDatabase& db() { return m_db; }
    const QString& path() const { return m_path; }
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

    // Runs fn over one consistent view of the case: its queries share one read transaction (one lock, not
    // one per statement) and see no import that lands meanwhile. Inside a transaction fn just runs.
    Status reading(const std::function<Status()>& fn);

    // SQLite's own consistency check: "ok", or what is wrong.
    QString integrityCheck();

    // The schema version this build writes; a newer case file is refused rather than misread.
    static int currentSchemaVersion();

private:
    CaseFile() = default;
    Status initialise(Mode mode);

    QSqlDatabase m_db;
    QString m_connection;
    QString m_path;
    QString m_caseId;
    int m_schemaVersion = 0;
    bool m_readOnly = false;
    bool m_inTransaction = false;
    bool m_reading = false;
};

} // namespace tideline
