// SPDX-License-Identifier: GPL-3.0-or-later
#include "findingproxy.h"

#include "items/findingmodel.h"

namespace tideline {

FindingProxy::FindingProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(FindingModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

template <typename T>
void FindingProxy::set(T& field, const T& value)
{
    if (field == value) return;
    field = value;
    invalidateRowsFilter();
}

void FindingProxy::setEnvironment(const QString& environment)
{
    set(m_environment, environment);
}
void FindingProxy::setKind(std::optional<FindingKind> kind)
{
    set(m_kind, kind);
}
void FindingProxy::setDisposition(std::optional<Disposition> disposition)
{
    set(m_disposition, disposition);
}
void FindingProxy::setText(const QString& text)
{
    set(m_text, text.trimmed());
}

bool FindingProxy::filterAcceptsRow(int row, const QModelIndex& parent) const
{
    const QModelIndex i = sourceModel()->index(row, FindingModel::IdColumn, parent);
    if (!m_environment.isEmpty() && i.data(FindingModel::EnvironmentRole).toString() != m_environment) return false;
    if (m_kind && i.data(FindingModel::KindRole).toInt() != static_cast<int>(*m_kind)) return false;
    if (m_disposition && i.data(FindingModel::DispositionRole).toInt() != static_cast<int>(*m_disposition)) return false;
    return m_text.isEmpty() || i.data(FindingModel::SearchTextRole).toString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace tideline
