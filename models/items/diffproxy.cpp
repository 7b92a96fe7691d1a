// SPDX-License-Identifier: GPL-3.0-or-later
#include "diffproxy.h"

namespace tideline {

DiffProxy::DiffProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void DiffProxy::setChangeVisible(DiffModel::Change change, bool visible)
{
    if (m_visible[static_cast<size_t>(change)] == visible)
        return;
    m_visible[static_cast<size_t>(change)] = visible;
    invalidateRowsFilter();
}

void DiffProxy::setText(const QString& text)
{
    if (m_text == text.trimmed())
        return;
    m_text = text.trimmed();
    invalidateRowsFilter();
}

bool DiffProxy::filterAcceptsRow(int row, const QModelIndex& parent) const
{
    const QModelIndex i = sourceModel()->index(row, DiffModel::NameColumn, parent);
    const int change = i.data(DiffModel::ChangeRole).toInt();
    if (change < 0 || change >= DiffModel::ChangeCount || !m_visible[static_cast<size_t>(change)])
        return false;
    if (m_text.isEmpty())
        return true;
    return i.data().toString().contains(m_text, Qt::CaseInsensitive)
        || i.data(DiffModel::FingerprintRole).toString().startsWith(m_text, Qt::CaseInsensitive);
}

} // namespace tideline
