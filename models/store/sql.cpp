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

} // namespace

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
        sqlite3_reset(stmt);
        return Problem(QStringLiteral("cannot run \"%1\": %2").arg(m_text.left(60), message));
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return {};
}

Status Statement::run(std::initializer_list<QVariant> values)
{
    if (!m_prepared)
        return failure(m_q, QStringLiteral("cannot prepare \"%1\"").arg(m_text.left(60)));
    if (m_native)
        return runNative(values);
    int i = 0;
    for (const QVariant& v : values)
        m_q.bindValue(i++, v);
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
