// SPDX-License-Identifier: GPL-3.0-or-later
#include "statemodel.h"

#include "domain/imagename.h"
#include "items/copyrole.h"

namespace tideline {

StateModel::StateModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void StateModel::setStates(std::vector<State> states)
{
    beginResetModel();
    m_states = std::move(states);
    m_rows.clear();
    for (size_t s = 0; s < m_states.size(); ++s)
        for (size_t w = 0; w < m_states[s].workloads.size(); ++w)
            m_rows.emplace_back(s, w);
    endResetModel();
}

int StateModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(m_rows.size()); }

int StateModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant StateModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto [si, wi] = m_rows[static_cast<size_t>(index.row())];
    const State& s = m_states[si];
    const Workload& w = s.workloads[wi];
    switch (role) {
    case FingerprintRole:
        return w.fingerprint;
    case EnvironmentRole:
        return s.environment.name;
    case SnapshotShaRole:
        return s.snapshot.sourceSha256;
    case CopyRole:
        if (index.column() == NameColumn)
            return w.name;
        if (index.column() == FingerprintColumn)
            return w.unknown() ? QVariant() : QVariant(w.fingerprint);
        return {};
    case Qt::ToolTipRole: {
        QString tip = w.name + QLatin1Char('\n') + (w.unknown() ? tr("unknown fingerprint") : QStringLiteral("sha256:") + w.fingerprint);
        if (!w.instanceNames.isEmpty())
            tip += QLatin1Char('\n') + w.instanceNames.mid(0, 8).join(QLatin1Char('\n'));
        return tip;
    }
    case Qt::TextAlignmentRole:
        return index.column() == InstancesColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::DisplayRole:
        switch (index.column()) {
        case EnvironmentColumn:
            return s.environment.name;
        case NameColumn:
            return imageWithoutRegistry(w.name); // the registry is in the tooltip and what is copied
        case FingerprintColumn:
            return w.unknown() ? tr("unknown") : w.fingerprint.left(12) + QStringLiteral("…");
        case InstancesColumn:
            return w.instances;
        case SinceColumn:
            return timefmt::formatIso(w.runningSince);
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant StateModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case EnvironmentColumn:
        return tr("Environment");
    case NameColumn:
        return tr("Workload");
    case FingerprintColumn:
        return tr("Fingerprint");
    case InstancesColumn:
        return tr("Instances");
    case SinceColumn:
        return tr("Running since (UTC)");
    }
    return {};
}

} // namespace tideline
