#include "findingproxy.h"

#include "items/findingmodel.h"

namespace tideline {

FindingProxy::FindingProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(FindingModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void FindingProxy::set(QString& field, const QString& value)
{
    if (field == value) return;
    field = value;
    invalidateRowsFilter();
}

void FindingProxy::setEnvironment(const QString& environment)
{
    set(m_environment, environment);
}
void FindingProxy::setKind(const QString& kind)
{
    set(m_kind, kind);
}
void FindingProxy::setDisposition(const QString& disposition)
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
    if (!m_kind.isEmpty() && i.data(FindingModel::KindRole).toString() != m_kind) return false;
    if (!m_disposition.isEmpty() && i.data(FindingModel::DispositionRole).toString() != m_disposition) return false;
    return m_text.isEmpty() || i.data(FindingModel::SearchTextRole).toString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace tideline
