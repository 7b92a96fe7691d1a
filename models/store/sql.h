// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Small helpers for the store's own use: prepared statements whose failures become Problems.

#include "domain/result.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <type_traits>
#include <vector>

namespace tideline::sql {

// Values that are absent bind as typed SQL NULL: an empty text, a zero id, no time.
inline QVariant nullableText(const QString& s) { return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s); }
inline QVariant nullableId(qint64 id) { return id > 0 ? QVariant(id) : QVariant(QMetaType(QMetaType::LongLong)); }
inline QVariant nullableTime(const std::optional<qint64>& t) { return t ? QVariant(*t) : QVariant(QMetaType(QMetaType::LongLong)); }
inline QVariant nullableBool(const std::optional<bool>& b) { return b ? QVariant(*b ? 1 : 0) : QVariant(QMetaType(QMetaType::Int)); }

// A failed statement as a message a person can act on: what the case file refused and why (a duplicate record, a
// full disk, a locked or damaged file), never the raw statement. what: the step, for causes not recognised.
Problem failure(const QSqlQuery& q, const QString& what);
// The same from a driver's native error code (SQLite's result code, PostgreSQL's SQLSTATE) and message.
Problem failure(const QString& nativeCode, const QString& message, const QString& what);

// Placeholders for a statement of many rows: "?, ?, ?" for n values, "(?, ?), (?, ?)" for rows of columns.
inline QString placeholders(int n)
{
    QString s;
    for (int i = 0; i < n; ++i)
        s += i ? QStringLiteral(", ?") : QStringLiteral("?");
    return s;
}
inline QString rowPlaceholders(int rows, int columns)
{
    const QString row = QLatin1Char('(') + placeholders(columns) + QLatin1Char(')');
    QString s;
    for (int i = 0; i < rows; ++i)
        s += i ? QStringLiteral(", ") + row : row;
    return s;
}

// Prepares and runs a statement with positional values; one without values runs as it is (PostgreSQL cannot
// prepare SET, LOCK and the like).
inline Status exec(QSqlQuery& q, const QString& text, std::initializer_list<QVariant> values = {})
{
    if (values.size() == 0) {
        if (!q.exec(text))
            return failure(q, QStringLiteral("cannot run \"%1\"").arg(text.left(60)));
        return {};
    }
    if (!q.prepare(text))
        return failure(q, QStringLiteral("cannot prepare \"%1\"").arg(text.left(60)));
    for (const QVariant& v : values)
        q.addBindValue(v);
    if (!q.exec())
        return failure(q, QStringLiteral("cannot run \"%1\"").arg(text.left(60)));
    return {};
}

inline Status run(QSqlDatabase& db, const QString& text, std::initializer_list<QVariant> values = {})
{
    QSqlQuery q(db);
    return exec(q, text, values);
}

// A statement prepared once and run many times. On SQLite, statements that change rows run through
// SQLite's own interface (binding through QSqlQuery costs more than the insert itself); reads, and
// every statement on other drivers, go through QSqlQuery.
class Statement {
public:
    Statement(QSqlDatabase& db, const QString& text);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Status run(std::initializer_list<QVariant> values);
    // A read: what names what is read ("the environments"), and a failure says that it could not be read and
    // why, without the statement. After the rows, rowsRead() says whether the last step failed part-way (a
    // damaged page), which would otherwise look like the end of the rows.
    Status read(std::initializer_list<QVariant> values, const QString& what);
    Status rowsRead(const QString& what) const;
    QSqlQuery& query() { return m_q; }
    // The id of the row an INSERT just made: from its RETURNING row where the statement has one
    // (PostgreSQL), else from the driver.
    std::optional<qint64> insertedId();

private:
    Status runNative(std::initializer_list<QVariant> values);

    QSqlQuery m_q;
    QString m_text;
    bool m_prepared = false;
    void* m_sqlite = nullptr; // sqlite3*
    void* m_native = nullptr; // sqlite3_stmt*
};

// Every row a read returns, each made by from(query); a failure, also one part-way through the rows, says that
// what could not be read.
template <typename From>
auto rows(Statement& st, std::initializer_list<QVariant> values, const QString& what, From from)
    -> Result<std::vector<std::decay_t<decltype(from(st.query()))>>>
{
    if (Status s = st.read(values, what); !s)
        return s.problem();
    std::vector<std::decay_t<decltype(from(st.query()))>> out;
    while (st.query().next())
        out.push_back(from(st.query()));
    if (Status s = st.rowsRead(what); !s)
        return s.problem();
    return out;
}

// The first of the rows read, or nothing.
template <typename T>
Result<std::optional<T>> firstOf(Result<std::vector<T>>&& rows)
{
    if (!rows)
        return rows.problem();
    if (rows->empty())
        return std::optional<T>();
    return std::optional<T>(std::move(rows->front()));
}

// Statements prepared once per connection and looked up by a literal's address. Each use is reset when
// it ends, so that no cursor outlives it (an open cursor blocks a commit).
class StatementCache {
public:
    explicit StatementCache(QSqlDatabase& db)
        : m_db(db)
    {
    }

    class Use {
    public:
        explicit Use(Statement& s)
            : m_s(&s)
        {
        }
        Use(const Use&) = delete;
        Use(Use&& o) noexcept
            : m_s(o.m_s)
        {
            o.m_s = nullptr;
        }
        ~Use()
        {
            if (m_s)
                m_s->query().finish();
        }
        Statement* operator->() const { return m_s; }
        Statement& operator*() const { return *m_s; }

    private:
        Statement* m_s;
    };

    // key must be a string literal (its address identifies the statement).
    Use operator()(const char* key)
    {
        auto& slot = m_statements[key];
        if (!slot)
            slot = std::make_unique<Statement>(m_db, QString::fromUtf8(key));
        return Use(*slot);
    }

    // An INSERT whose new id is wanted: read it with insertedId().
    Use insert(const char* key)
    {
        auto& slot = m_statements[key];
        if (!slot) {
            QString text = QString::fromUtf8(key);
            if (m_db.driverName() != QLatin1String("QSQLITE"))
                text += QStringLiteral(" RETURNING id");
            slot = std::make_unique<Statement>(m_db, text);
        }
        return Use(*slot);
    }

    QSqlDatabase& db() { return m_db; }

private:
    QSqlDatabase& m_db;
    std::map<const char*, std::unique_ptr<Statement>> m_statements;
};

} // namespace tideline::sql
