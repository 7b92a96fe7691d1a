// SPDX-License-Identifier: GPL-3.0-or-later
#include "diffmodel.h"

#include "domain/imagename.h"
#include "items/copyrole.h"

namespace tideline {

DiffModel::DiffModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

QString DiffModel::changeName(Change change)
{
    switch (change) {
    case Added:
        return tr("added");
    case Removed:
        return tr("removed");
    case Scaled:
        return tr("scaled");
    case Unchanged:
        return tr("unchanged");
    case ChangeCount:
        break;
    }
    return {};
}

void DiffModel::setDiff(const SnapshotDiff& diff)
{
    beginResetModel();
    m_diff = diff;
    m_rows.clear();
    m_counts = {};
    const std::pair<Change, const std::vector<DiffEntry>*> groups[] = { { Added, &diff.added }, { Removed, &diff.removed },
        { Scaled, &diff.scaled }, { Unchanged, &diff.unchanged } };
    for (const auto& [change, entries] : groups) {
        m_counts[static_cast<size_t>(change)] = static_cast<int>(entries->size());
        for (const DiffEntry& e : *entries)
            m_rows.push_back({ change, e });
    }
    m_has = true;
    endResetModel();
}

void DiffModel::clear()
{
    beginResetModel();
    m_diff = {};
    m_rows.clear();
    m_counts = {};
    m_has = false;
    endResetModel();
}

int DiffModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(m_rows.size()); }

int DiffModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant DiffModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& r = m_rows[static_cast<size_t>(index.row())];
    switch (role) {
    case ChangeRole:
        return r.change;
    case FingerprintRole:
        return r.entry.fingerprint;
    case CopyRole:
        if (index.column() == NameColumn)
            return r.entry.name;
        if (index.column() == FingerprintColumn)
            return r.entry.fingerprint.isEmpty() ? QVariant() : QVariant(r.entry.fingerprint);
        return {};
    case Qt::ToolTipRole:
        return r.entry.fingerprint.isEmpty() ? tr("%1\nunknown fingerprint").arg(r.entry.name)
                                             : QStringLiteral("%1\nsha256:%2").arg(r.entry.name, r.entry.fingerprint);
    case Qt::TextAlignmentRole:
        return index.column() >= FromColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::DisplayRole:
        switch (index.column()) {
        case ChangeColumn:
            return changeName(r.change);
        case NameColumn:
            return imageWithoutRegistry(r.entry.name);
        case FingerprintColumn:
            return r.entry.fingerprint.isEmpty() ? tr("unknown") : r.entry.fingerprint.left(12) + QStringLiteral("…");
        case FromColumn:
            return r.entry.fromInstances;
        case ToColumn:
            return r.entry.toInstances;
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant DiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ChangeColumn:
        return tr("Change");
    case NameColumn:
        return tr("Workload");
    case FingerprintColumn:
        return tr("Fingerprint");
    case FromColumn:
        return tr("Instances before");
    case ToColumn:
        return tr("Instances after");
    }
    return {};
}

} // namespace tideline
