// SPDX-License-Identifier: GPL-3.0-or-later
#include "sql.h"

#include <QSqlDriver>

#include <sqlite3.h>

#include <vector>

namespace tideline::sql {

namespace {

bool changesRows(const QString& text)
{
    const QString t = text.trimmed();
    return t.startsWith(QLatin1String("INSERT"), Qt::CaseInsensitive) || t.startsWith(QLatin1String("UPDATE"), Qt::CaseInsensitive)
        || t.startsWith(QLatin1String("DELETE"), Qt::CaseInsensitive);
}

// The table a SQLite constraint message names: "UNIQUE constraint failed: evidence_bindings.name, …".
QString constraintTable(const QString& message)
{
    const int colon = message.indexOf(QLatin1String("failed: "));
    if (colon < 0)
        return QString();
    const QString rest = message.mid(colon + 8);
    const int dot = rest.indexOf(QLatin1Char('.'));
    return dot > 0 ? rest.left(dot) : QString();
}

QString inTable(const QString& table) { return table.isEmpty() ? QString() : QStringLiteral(" (in %1)").arg(table); }

} // namespace

Problem failure(const QSqlQuery& q, const QString& what)
{
    const QSqlError e = q.lastError();
    return failure(e.nativeErrorCode(), e.databaseText().isEmpty() ? e.text() : e.databaseText(), what);
}

Problem failure(const QString& nativeCode, const QString& message, const QString& what)
{
    const QString table = constraintTable(message);
    // SQLite's result codes are decimal numbers under 10000; PostgreSQL's SQLSTATEs are five characters, some of them
    // digits only (42501): those must not be read as SQLite's.
    bool numeric = false;
    const int code = nativeCode.toInt(&numeric) & 0xff;
    numeric = numeric && nativeCode.size() < 5;
    QString cause;
    if (message.contains(QLatin1String("UNIQUE constraint")) || nativeCode == QLatin1String("23505"))
        cause = QStringLiteral("the case already holds a record like this one%1").arg(inTable(table));
    else if (message.contains(QLatin1String("NOT NULL constraint")) || nativeCode == QLatin1String("23502"))
        cause = QStringLiteral("a value the case needs is missing%1").arg(inTable(table));
    else if (message.contains(QLatin1String("FOREIGN KEY constraint")) || nativeCode == QLatin1String("23503"))
        cause = QStringLiteral("it refers to a record the case does not hold%1").arg(inTable(table));
    else if ((numeric && code == SQLITE_FULL) || nativeCode == QLatin1String("53100"))
        cause = QStringLiteral("the disk is full");
    else if (numeric && (code == SQLITE_BUSY || code == SQLITE_LOCKED))
        cause = QStringLiteral("another program holds the case file locked");
    else if (nativeCode == QLatin1String("42501"))
        cause = QStringLiteral("your role on the server may not do this in this case (its owner grants roles with `tideline case grant`)");
    else if ((numeric && code == SQLITE_READONLY) || nativeCode == QLatin1String("25006"))
        cause = QStringLiteral("the case file is read-only");
    else if (numeric && (code == SQLITE_CORRUPT || code == SQLITE_NOTADB))
        cause = QStringLiteral("the case file is damaged (run `tideline verify-case`)");
    else if (numeric && (code == SQLITE_IOERR || code == SQLITE_CANTOPEN))
        cause = QStringLiteral("the case file cannot be read or written (an I/O error)");
    else if (numeric && code == SQLITE_TOOBIG)
        cause = QStringLiteral("a value is too large for the case file");
    if (cause.isEmpty())
        return Problem(QStringLiteral("the case file refused it: %1 (%2)").arg(message, what));
    return Problem(QStringLiteral("cannot store it in the case: ") + cause);
}

Statement::Statement(QSqlDatabase& db, const QString& text)
    : m_q(db)
    , m_text(text)
{
    m_q.setForwardOnly(true);
    if (db.driverName() == QLatin1String("QSQLITE") && changesRows(text)) {
        const QVariant handle = db.driver()->handle();
        if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0) {
            sqlite3* h = *static_cast<sqlite3* const*>(handle.data());
            sqlite3_stmt* stmt = nullptr;
            const QByteArray utf8 = text.toUtf8();
            if (h && sqlite3_prepare_v3(h, utf8.constData(), static_cast<int>(utf8.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) == SQLITE_OK) {
                m_sqlite = h;
                m_native = stmt;
                m_prepared = true;
                return;
            }
        }
    }
    m_prepared = m_q.prepare(text);
}

Statement::~Statement()
{
    if (m_native)
        sqlite3_finalize(static_cast<sqlite3_stmt*>(m_native));
}

Status Statement::runNative(std::initializer_list<QVariant> values)
{
    auto* stmt = static_cast<sqlite3_stmt*>(m_native);
    sqlite3_reset(stmt);
    std::vector<QByteArray> keep; // text bound by reference must live until the step
    keep.reserve(values.size());
    int i = 1;
    for (const QVariant& v : values) {
        int rc = SQLITE_OK;
        if (v.isNull()) {
            rc = sqlite3_bind_null(stmt, i);
        } else {
            switch (v.typeId()) {
            case QMetaType::Bool:
            case QMetaType::Int:
            case QMetaType::UInt:
            case QMetaType::Long:
            case QMetaType::LongLong:
            case QMetaType::ULongLong:
                rc = sqlite3_bind_int64(stmt, i, v.toLongLong());
                break;
            case QMetaType::Double:
                rc = sqlite3_bind_double(stmt, i, v.toDouble());
                break;
            case QMetaType::QByteArray: {
                const QByteArray& b = *static_cast<const QByteArray*>(v.constData());
                rc = sqlite3_bind_blob64(stmt, i, b.constData(), static_cast<sqlite3_uint64>(b.size()), SQLITE_STATIC);
                break;
            }
            default:
                keep.push_back(v.toString().toUtf8());
                rc = sqlite3_bind_text64(stmt, i, keep.back().constData(), static_cast<sqlite3_uint64>(keep.back().size()),
                    SQLITE_STATIC, SQLITE_UTF8);
                break;
            }
        }
        if (rc != SQLITE_OK)
            return Problem(QStringLiteral("cannot bind value %1 of \"%2\": %3").arg(i).arg(m_text.left(60), QString::fromUtf8(sqlite3_errmsg(static_cast<sqlite3*>(m_sqlite)))));
        ++i;
    }
    const int rc = sqlite3_step(stmt);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        const QString message = QString::fromUtf8(sqlite3_errmsg(static_cast<sqlite3*>(m_sqlite)));
        const int code = sqlite3_extended_errcode(static_cast<sqlite3*>(m_sqlite));
        sqlite3_reset(stmt);
        return failure(QString::number(code), message, QStringLiteral("cannot run \"%1\"").arg(m_text.left(60)));
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return {};
}

Status Statement::read(std::initializer_list<QVariant> values, const QString& what)
{
    if (Status s = run(values); !s) {
        const QString why = m_q.lastError().isValid() ? m_q.lastError().databaseText() : s.problem().message;
        return Problem(QStringLiteral("cannot read %1 from the case: %2").arg(what, why.isEmpty() ? s.problem().message : why));
    }
    return {};
}

Status Statement::rowsRead(const QString& what) const
{
    if (!m_q.lastError().isValid())
        return {};
    return Problem(QStringLiteral("cannot read %1 from the case: %2").arg(what, m_q.lastError().databaseText()));
}

Status Statement::run(std::initializer_list<QVariant> values)
{
    if (!m_prepared)
        return failure(m_q, QStringLiteral("cannot prepare \"%1\"").arg(m_text.left(60)));
    if (m_native)
        return runNative(values);
    int i = 0;
    for (const QVariant& v : values) {
        // An empty QString binds as '' here as it does natively; only a null QVariant is NULL. (Qt's drivers bind a
        // null QString as NULL, so a lookup by '' would miss the '' the native path stored.)
        if (v.typeId() == QMetaType::QString && !v.isNull() && v.toString().isNull())
            m_q.bindValue(i++, QStringLiteral(""));
        else
            m_q.bindValue(i++, v);
    }
    if (!m_q.exec())
        return failure(m_q, QStringLiteral("cannot run \"%1\"").arg(m_text.left(60)));
    return {};
}

std::optional<qint64> Statement::insertedId()
{
    if (m_native)
        return sqlite3_last_insert_rowid(static_cast<sqlite3*>(m_sqlite));
    if (m_q.isSelect())
        return m_q.next() ? std::optional<qint64>(m_q.value(0).toLongLong()) : std::nullopt;
    const QVariant id = m_q.lastInsertId();
    return id.isValid() ? std::optional<qint64>(id.toLongLong()) : std::nullopt;
}

} // namespace tideline::sql
