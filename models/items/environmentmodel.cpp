// SPDX-License-Identifier: GPL-3.0-or-later
#include "environmentmodel.h"

namespace tideline {

namespace {

// "2026-03-01 00:00 → 03-07 05:30 UTC": the year once when both ends share it.
QString spanText(Millis first, Millis last)
{
    const QString a = timefmt::formatIso(first).left(16).replace(QLatin1Char('T'), QLatin1Char(' '));
    QString b = timefmt::formatIso(last).left(16).replace(QLatin1Char('T'), QLatin1Char(' '));
    if (a.left(4) == b.left(4))
        b = b.mid(5);
    return a + QStringLiteral(" → ") + b + QStringLiteral(" UTC");
}

} // namespace

EnvironmentModel::EnvironmentModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void EnvironmentModel::setEnvironments(std::vector<Environment> environments)
{
    const QStringList keep = chosen();
    beginResetModel();
    m_envs = std::move(environments);
    m_checked.assign(m_envs.size(), false);
    for (size_t i = 0; i < m_envs.size(); ++i)
        m_checked[i] = keep.contains(m_envs[i].name);
    endResetModel();
    if (chosen() != keep)
        emit chosenChanged(chosen());
}

QStringList EnvironmentModel::chosen() const
{
    QStringList out;
    for (size_t i = 0; i < m_envs.size(); ++i)
        if (m_checked[i])
            out << m_envs[i].name;
    return out;
}

void EnvironmentModel::setChosen(const QStringList& names)
{
    const QStringList before = chosen();
    for (size_t i = 0; i < m_envs.size(); ++i)
        m_checked[i] = names.contains(m_envs[i].name);
    if (!m_envs.empty())
        emit dataChanged(index(0, NameColumn), index(rowCount() - 1, NameColumn), { Qt::CheckStateRole });
    if (chosen() != before)
        emit chosenChanged(chosen());
}

void EnvironmentModel::setFindings(std::optional<std::map<QString, Findings>> findings)
{
    m_findings = std::move(findings);
    if (!m_envs.empty())
        emit dataChanged(index(0, ComplianceColumn), index(rowCount() - 1, ComplianceColumn));
}

int EnvironmentModel::rowOf(const QString& name) const
{
    for (size_t i = 0; i < m_envs.size(); ++i)
        if (m_envs[i].name == name)
            return static_cast<int>(i);
    return -1;
}

int EnvironmentModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(m_envs.size()); }

int EnvironmentModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant EnvironmentModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Environment& e = m_envs[static_cast<size_t>(index.row())];
    switch (role) {
    case NameRole:
        return e.name;
    case FirstRole:
        return e.first;
    case LastRole:
        return e.last;
    case OpenFindingsRole: {
        if (!m_findings)
            return {};
        const auto it = m_findings->find(e.name);
        return it == m_findings->end() ? 0 : it->second.open;
    }
    case Qt::CheckStateRole:
        return index.column() == NameColumn ? QVariant(m_checked[static_cast<size_t>(index.row())] ? Qt::Checked : Qt::Unchecked) : QVariant();
    case Qt::ToolTipRole:
        return tr("%1 (%2): %n snapshot(s) from %3 to %4", nullptr, e.snapshots)
            .arg(e.name, e.type, timefmt::formatIso(e.first), timefmt::formatIso(e.last));
    case Qt::TextAlignmentRole:
        return index.column() == SnapshotsColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return e.name;
        case TypeColumn:
            return e.type;
        case SnapshotsColumn:
            return e.snapshots;
        case SpanColumn:
            return e.snapshots > 0 ? spanText(e.first, e.last) : tr("no snapshots");
        case ComplianceColumn: {
            if (!m_findings)
                return tr("not checked");
            const auto it = m_findings->find(e.name);
            const Findings f = it == m_findings->end() ? Findings() : it->second;
            // Short: the environment list shows it after "findings:" in a narrow column.
            if (f.total == 0)
                return tr("none");
            if (f.suppressed > 0) {
                QStringList parts;
                if (f.open > 0)
                    parts << tr("%1 open").arg(f.open);
                if (f.total - f.open - f.suppressed > 0)
                    parts << tr("%1 decided").arg(f.total - f.open - f.suppressed);
                parts << tr("%1 suppressed by VEX").arg(f.suppressed);
                return parts.join(QStringLiteral(", "));
            }
            if (f.open == 0)
                return f.total == 1 ? tr("1, decided") : tr("%1, all decided").arg(f.total);
            if (f.open == f.total)
                return tr("%1 open").arg(f.open);
            return tr("%1 open, %2 decided").arg(f.open).arg(f.total - f.open);
        }
        }
        break;
    default:
        break;
    }
    return {};
}

bool EnvironmentModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || role != Qt::CheckStateRole
        || index.column() != NameColumn)
        return false;
    const bool on = value.value<Qt::CheckState>() == Qt::Checked || value.toInt() == Qt::Checked;
    if (m_checked[static_cast<size_t>(index.row())] == on)
        return true;
    m_checked[static_cast<size_t>(index.row())] = on;
    emit dataChanged(index, index, { Qt::CheckStateRole });
    emit chosenChanged(chosen());
    return true;
}

Qt::ItemFlags EnvironmentModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == NameColumn)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant EnvironmentModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Environment");
    case TypeColumn:
        return tr("Type");
    case SnapshotsColumn:
        return tr("Snapshots");
    case SpanColumn:
        return tr("Time span (UTC)");
    case ComplianceColumn:
        return tr("Findings");
    }
    return {};
}

} // namespace tideline
