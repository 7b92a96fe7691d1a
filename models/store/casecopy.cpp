// SPDX-License-Identifier: GPL-3.0-or-later
#include "casecopy.h"

#include "store/casefile.h"
#include "store/logstore.h"
#include "store/schema.h"
#include "store/sql.h"

#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>

#include <limits>
#include <map>
#include <set>
#include <vector>

namespace tideline {

namespace {

// The case's tables in an order where every table comes after those it refers to (read from the schema's own
// statements, so both backends agree), meta first.
std::vector<QString> tablesInOrder()
{
    static const QRegularExpression create(QStringLiteral(R"(^CREATE TABLE (?:IF NOT EXISTS )?(\w+))"));
    static const QRegularExpression alter(QStringLiteral(R"(^ALTER TABLE (\w+))"));
    static const QRegularExpression refs(QStringLiteral(R"(REFERENCES (\w+)\s*\()"));
    std::vector<QString> created;
    std::map<QString, std::set<QString>> needs;
    for (const auto& m : schema::migrations())
        for (const QString& stmt : m.statements) {
            QString table;
            if (const auto c = create.match(stmt); c.hasMatch()) {
                table = c.captured(1);
                if (!needs.count(table))
                    created.push_back(table);
                needs[table];
            } else if (const auto a = alter.match(stmt); a.hasMatch()) {
                table = a.captured(1);
            } else {
                continue;
            }
            for (auto it = refs.globalMatch(stmt); it.hasNext();) {
                const QString to = it.next().captured(1);
                if (to != table)
                    needs[table].insert(to);
            }
        }
    std::vector<QString> order { QStringLiteral("meta") };
    std::set<QString> placed { QStringLiteral("meta") };
    // Creation order, each table once all it refers to are placed (a later ALTER may add a reference forward).
    while (placed.size() < created.size() + 1) {
        bool progress = false;
        for (const QString& t : created) {
            if (placed.count(t))
                continue;
            bool ready = true;
            for (const QString& n : needs[t])
                ready = ready && (placed.count(n) || !needs.count(n));
            if (ready) {
                order.push_back(t);
                placed.insert(t);
                progress = true;
            }
        }
        if (!progress)
            break; // a cycle: the schema has none; the rest go in creation order and the database will say
    }
    for (const QString& t : created)
        if (!placed.count(t))
            order.push_back(t);
    return order;
}

class Copier {
public:
    Copier(CaseFile& from, CaseFile& to, const std::function<void(qint64)>& progress)
        : m_from(from)
        , m_to(to)
        , m_progress(progress)
        // Many rows per statement: one round trip each on a server.
        , m_batch(100)
    {
    }

    Status table(const QString& name)
    {
        const QSqlRecord target = m_to.db().record(name);
        const QSqlRecord source = m_from.db().record(name);
        if (target.isEmpty() || source.isEmpty())
            return Problem(QStringLiteral("table %1 is missing from the %2 case").arg(name, target.isEmpty() ? QStringLiteral("new") : QStringLiteral("original")));
        QStringList columns;
        for (int i = 0; i < target.count(); ++i) {
            if (!source.contains(target.fieldName(i)))
                return Problem(QStringLiteral("column %1.%2 is missing from the original case").arg(name, target.fieldName(i)));
            columns << target.fieldName(i);
        }
        if (columns.size() != source.count())
            return Problem(QStringLiteral("table %1 has other columns in the two cases").arg(name));
        const bool keyed = columns.contains(QStringLiteral("id"));
        const QString select = QStringLiteral("SELECT %1 FROM %2").arg(columns.join(QLatin1String(", ")), name);
        ++m_report.tables;
        std::vector<QVariant> pending;
        qint64 lastId = std::numeric_limits<qint64>::min();
        // Tables with ids are read in pages by id, so that a server never sends a whole table of sources at once.
        while (true) {
            QSqlQuery q(m_from.db());
            q.setForwardOnly(true);
            Status read = keyed ? sql::exec(q, select + QStringLiteral(" WHERE id > ? ORDER BY id LIMIT 500"), { lastId }) : sql::exec(q, select);
            if (!read)
                return Problem(QStringLiteral("cannot read %1 from the original case: %2").arg(name, read.problem().message));
            int rows = 0;
            while (q.next()) {
                ++rows;
                for (int i = 0; i < columns.size(); ++i) {
                    QVariant v = q.value(i);
                    if (v.isNull())
                        v = QVariant(target.field(i).metaType()); // a typed NULL, as the target column has it
                    pending.push_back(std::move(v));
                }
                if (keyed)
                    lastId = q.value(columns.indexOf(QStringLiteral("id"))).toLongLong();
                if (name == QLatin1String("sources"))
                    m_report.sourceBytes += q.value(columns.indexOf(QStringLiteral("data"))).toByteArray().size();
                if (name == QLatin1String("log"))
                    ++m_report.logEntries;
                if (static_cast<int>(pending.size()) >= m_batch * columns.size())
                    if (Status s = flush(name, columns, pending); !s)
                        return s;
            }
            if (q.lastError().isValid())
                return Problem(QStringLiteral("cannot read %1 from the original case: %2").arg(name, q.lastError().databaseText()));
            if (!keyed || rows < 500)
                break;
        }
        if (Status s = flush(name, columns, pending); !s)
            return s;
        if (keyed && m_to.onServer()) {
            // Ids were given, not drawn: the identity's sequence goes on after the last.
            if (Status s = sql::run(m_to.db(),
                    QStringLiteral("SELECT setval(pg_get_serial_sequence('%1', 'id'), (SELECT max(id) FROM %1)) WHERE EXISTS (SELECT 1 FROM %1)").arg(name));
                !s)
                return s;
        }
        return {};
    }

    CaseCopyReport& report() { return m_report; }

private:
    Status flush(const QString& name, const QStringList& columns, std::vector<QVariant>& values)
    {
        if (values.empty())
            return {};
        const int rows = static_cast<int>(values.size() / size_t(columns.size()));
        QSqlQuery& q = insert(name, columns, rows);
        for (const QVariant& v : values)
            q.addBindValue(v);
        if (!q.exec()) {
            Problem p = sql::failure(q, QStringLiteral("cannot copy %1").arg(name));
            p.message = QStringLiteral("cannot copy %1: %2").arg(name, p.message);
            return p;
        }
        m_report.rows += rows;
        if (m_progress)
            m_progress(m_report.rows);
        values.clear();
        return {};
    }

    QSqlQuery& insert(const QString& name, const QStringList& columns, int rows)
    {
        auto& slot = m_inserts[{ name, rows }];
        if (!slot) {
            slot = std::make_unique<QSqlQuery>(m_to.db());
            slot->prepare(QStringLiteral("INSERT INTO %1(%2) VALUES %3").arg(name, columns.join(QLatin1String(", ")), sql::rowPlaceholders(rows, int(columns.size()))));
        }
        return *slot;
    }

    CaseFile& m_from;
    CaseFile& m_to;
    std::function<void(qint64)> m_progress;
    int m_batch;
    CaseCopyReport m_report;
    std::map<std::pair<QString, int>, std::unique_ptr<QSqlQuery>> m_inserts;
};

} // namespace

Result<CaseCopyReport> copyCase(CaseFile& from, CaseFile& to, const std::function<void(qint64)>& progress)
{
    if (to.readOnly())
        return Problem(to.path(), QString(), QStringLiteral("the case to copy into is open read-only"));
    if (from.schemaVersion() != to.schemaVersion())
        return Problem(from.path(), QString(),
            QStringLiteral("the case has schema version %1 and the new one %2: open it writable once to upgrade it").arg(from.schemaVersion()).arg(to.schemaVersion()));
    // Only into a case that holds nothing yet: a copy is the same case, never a merge.
    for (const char* table : { "log", "sources" }) {
        QSqlQuery q(to.db());
        if (Status s = sql::exec(q, QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))); !s)
            return Problem(to.path(), QString(), s.problem().message);
        if (q.next() && q.value(0).toLongLong() > 0)
            return Problem(to.path(), QString(), QStringLiteral("the case to copy into already holds records: a copy goes into a new case"));
    }
    Copier copier(from, to, progress);
    CaseCopyReport report;
    const Status copied = to.transaction([&]() -> Status {
        if (Status s = sql::run(to.db(), QStringLiteral("DELETE FROM meta")); !s)
            return s;
        // The original seen as of one moment, even while someone writes to it.
        return from.reading([&]() -> Status {
            for (const QString& t : tablesInOrder())
                if (Status s = copier.table(t); !s)
                    return s;
            LogStore log(from.db());
            Result<QString> head = log.head();
            if (!head)
                return head.problem();
            copier.report().logHead = *head;
            return {};
        });
    });
    if (!copied) {
        Problem p = copied.problem();
        if (p.file.isEmpty())
            p.file = to.path();
        return p;
    }
    return copier.report();
}

} // namespace tideline
