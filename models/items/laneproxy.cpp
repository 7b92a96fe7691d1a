// SPDX-License-Identifier: GPL-3.0-or-later
#include "laneproxy.h"

#include "items/lanemodel.h"

namespace tideline {

LaneProxy::LaneProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setFilterKeyColumn(LaneModel::LabelColumn);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

void LaneProxy::setOrder(Order order)
{
    if (m_order == order)
        return;
    m_order = order;
    invalidate();
}

bool LaneProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    // Environments keep the order they were chosen in.
    if (left.data(LaneModel::RowKindRole).toInt() == LaneModel::EnvironmentRow)
        return left.row() < right.row();
    if (m_order == Order::ByFirstSeen) {
        const qint64 a = left.data(LaneModel::FirstSeenRole).toLongLong();
        const qint64 b = right.data(LaneModel::FirstSeenRole).toLongLong();
        if (a != b)
            return a < b;
    }
    return QString::localeAwareCompare(left.data().toString(), right.data().toString()) < 0;
}

} // namespace tideline
