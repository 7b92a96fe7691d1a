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

namespace tideline::sql {

inline Problem failure(const QSqlQuery& q, const QString& what)
{
    return Problem(what + QStringLiteral(": ") + q.lastError().text());
}

// Prepares and runs a statement with positional values.
inline Status exec(QSqlQuery& q, const QString& text, std::initializer_list<QVariant> values = {})
{
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
