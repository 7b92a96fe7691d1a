// SPDX-License-Identifier: GPL-3.0-or-later
#include "overviewstore.h"

#include <QSqlQuery>
#include <QVariant>

namespace tideline {

OverviewStore::OverviewStore(QSqlDatabase& db)
    : m_db(db)
{
}

std::vector<RunSpanRow> OverviewStore::runSpans(qint64 envId)
{
    std::vector<RunSpanRow> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(QStringLiteral("SELECT artifact_id IS NULL, first_seq, last_seq, instances FROM runs WHERE env_id = ?")))
        return out;
    q.addBindValue(envId);
    if (!q.exec())
        return out;
    while (q.next())
        out.push_back({ q.value(0).toInt() != 0, q.value(1).toInt(), q.value(2).toLongLong(), q.value(3).toInt() });
    return out;
}

} // namespace tideline
