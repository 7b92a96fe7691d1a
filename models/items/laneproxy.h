// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>

namespace tideline {

// Filters lanes by text (environments stay while a lane under them matches) and sorts them by name or by
// when they first ran.
class LaneProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    enum class Order { ByName, ByFirstSeen };
    explicit LaneProxy(QObject* parent = nullptr);
    void setOrder(Order order);
    Order order() const { return m_order; }

protected:
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    Order m_order = Order::ByName;
};

} // namespace tideline
