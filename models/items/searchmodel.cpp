// SPDX-License-Identifier: GPL-3.0-or-later
#include "searchmodel.h"

#include "domain/imagename.h"
#include "items/copyrole.h"

namespace tideline {

SearchModel::SearchModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void SearchModel::setResults(const QString& query, std::vector<FingerprintMatch> matches)
{
    beginResetModel();
    m_query = query;
    m_matches = std::move(matches);
    m_rows.clear();
    for (size_t m = 0; m < m_matches.size(); ++m)
        for (size_t r = 0; r < m_matches[m].runs.size(); ++r)
            m_rows.emplace_back(m, r);
    endResetModel();
}

int SearchModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(m_rows.size()); }

int SearchModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant SearchModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RunInterval& r = run(index.row());
    switch (role) {
    case FingerprintRole:
        return r.fingerprint;
    case EnvironmentRole:
        return r.environment;
    case FromRole:
        return r.from;
    case ToRole:
        return r.to;
    case CopyRole:
        if (index.column() == NameColumn)
            return r.name;
        if (index.column() == FingerprintColumn)
            return r.fingerprint.isEmpty() ? QVariant() : QVariant(r.fingerprint);
        return {};
    case Qt::ToolTipRole:
        return tr("%1\n%2\nin %3, %4 → %5%6")
            .arg(r.name, r.fingerprint.isEmpty() ? tr("unknown fingerprint") : QStringLiteral("sha256:") + r.fingerprint, r.environment,
                timefmt::formatIso(r.from), timefmt::formatIso(r.to), r.ongoing ? tr(" (still running)") : QString());
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return imageWithoutRegistry(r.name);
        case FingerprintColumn:
            return r.fingerprint.isEmpty() ? tr("unknown") : r.fingerprint.left(12) + QStringLiteral("…");
        case EnvironmentColumn:
            return r.environment;
        case FromColumn:
            return timefmt::formatIso(r.from);
        case ToColumn:
            return r.ongoing ? tr("still running") : timefmt::formatIso(r.to);
        case SnapshotsColumn:
            return r.firstSnapshot == r.lastSnapshot ? QStringLiteral("#%1").arg(r.firstSnapshot)
                                                     : QStringLiteral("#%1–#%2").arg(r.firstSnapshot).arg(r.lastSnapshot);
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant SearchModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Workload");
    case FingerprintColumn:
        return tr("Fingerprint");
    case EnvironmentColumn:
        return tr("Environment");
    case FromColumn:
        return tr("From (UTC)");
    case ToColumn:
        return tr("To (UTC)");
    case SnapshotsColumn:
        return tr("Snapshots");
    }
    return {};
}

} // namespace tideline
