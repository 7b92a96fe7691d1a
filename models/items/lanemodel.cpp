// SPDX-License-Identifier: GPL-3.0-or-later
#include "lanemodel.h"

#include "domain/imagename.h"

#include <algorithm>
#include <map>

namespace tideline {

LaneModel::LaneModel(QObject* parent)
    : QAbstractItemModel(parent)
{
}

QString LaneModel::laneLabel(const QString& workloadName)
{
    return imageRepository(workloadName);
}

void LaneModel::setOverview(std::shared_ptr<const TimelineOverview> overview)
{
    beginResetModel();
    m_overview = std::move(overview);
    m_lanes.clear();
    if (m_overview) {
        for (size_t e = 0; e < m_overview->environments.size(); ++e) {
            std::map<QString, Lane> byLabel;
            for (const RunInterval& iv : m_overview->environments[e].intervals) {
                const QString label = laneLabel(iv.name);
                Lane& l = byLabel[label];
                if (l.intervals.empty()) {
                    l.label = label;
                    l.environment = static_cast<int>(e);
                    l.first = iv.from;
                    l.last = iv.to;
                }
                l.first = std::min(l.first, iv.from);
                l.last = std::max(l.last, iv.to);
                l.longest = std::max(l.longest, iv.duration());
                l.unknownIntervals += iv.fingerprint.isEmpty() ? 1 : 0;
                if (!l.names.contains(iv.name))
                    l.names << iv.name;
                l.intervals.push_back(iv);
            }
            std::vector<Lane> lanes;
            lanes.reserve(byLabel.size());
            for (auto& [label, lane] : byLabel) {
                std::stable_sort(lane.intervals.begin(), lane.intervals.end(),
                    [](const RunInterval& a, const RunInterval& b) { return a.from < b.from; });
                lanes.push_back(std::move(lane));
            }
            m_lanes.push_back(std::move(lanes));
        }
    }
    endResetModel();
}

const LaneModel::Lane* LaneModel::lane(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() == 0)
        return nullptr;
    const auto& lanes = m_lanes[index.internalId() - 1];
    return &lanes[static_cast<size_t>(index.row())];
}

const EnvironmentTimeline* LaneModel::environment(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this || !m_overview)
        return nullptr;
    const size_t env = index.internalId() == 0 ? static_cast<size_t>(index.row()) : index.internalId() - 1;
    return &m_overview->environments[env];
}

QModelIndex LaneModel::environmentIndex(int environment) const
{
    return environment >= 0 && environment < rowCount() ? index(environment, 0) : QModelIndex();
}

QModelIndex LaneModel::findLane(const QString& environment, const QString& fingerprint, const QString& name) const
{
    if (!m_overview)
        return {};
    for (size_t e = 0; e < m_overview->environments.size(); ++e) {
        if (m_overview->environments[e].environment.name != environment)
            continue;
        const auto& lanes = m_lanes[e];
        for (size_t i = 0; i < lanes.size(); ++i)
            for (const RunInterval& iv : lanes[i].intervals)
                if (fingerprint.isEmpty() ? (iv.fingerprint.isEmpty() && iv.name == name) : iv.fingerprint == fingerprint)
                    return index(static_cast<int>(i), 0, index(static_cast<int>(e), 0));
    }
    return {};
}

int LaneModel::laneCount() const
{
    int n = 0;
    for (const auto& l : m_lanes)
        n += static_cast<int>(l.size());
    return n;
}

QModelIndex LaneModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < static_cast<int>(m_lanes.size()) ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0 || parent.row() >= static_cast<int>(m_lanes.size()))
        return {};
    if (row >= static_cast<int>(m_lanes[static_cast<size_t>(parent.row())].size()))
        return {};
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex LaneModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, quintptr(0));
}

int LaneModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return static_cast<int>(m_lanes.size());
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    return static_cast<int>(m_lanes[static_cast<size_t>(parent.row())].size());
}

int LaneModel::columnCount(const QModelIndex&) const { return ColumnCount; }

QVariant LaneModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const bool envRow = index.internalId() == 0;
    if (role == RowKindRole)
        return envRow ? EnvironmentRow : LaneRow;
    if (envRow) {
        const EnvironmentTimeline& e = m_overview->environments[static_cast<size_t>(index.row())];
        switch (role) {
        case Qt::DisplayRole:
            return index.column() == LabelColumn ? QStringLiteral("%1  ·  %2").arg(e.environment.name, e.environment.type) : QVariant();
        case Qt::ToolTipRole:
            return tr("%1 (%2): %n snapshot(s), %3 workloads; click a snapshot mark to pick it for a diff", nullptr,
                static_cast<int>(e.snapshots.size()))
                .arg(e.environment.name, e.environment.type)
                .arg(m_lanes[static_cast<size_t>(index.row())].size());
        case EnvironmentRole:
            return e.environment.name;
        case FirstSeenRole:
            return e.environment.first;
        case LastSeenRole:
            return e.environment.last;
        default:
            return {};
        }
    }
    const Lane& l = *lane(index);
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == LabelColumn ? l.label : QVariant();
    case Qt::ToolTipRole: {
        QString tip = l.names.mid(0, 6).join(QLatin1Char('\n'));
        if (l.names.size() > 6)
            tip += tr("\n… and %n more version(s)", nullptr, static_cast<int>(l.names.size() - 6));
        return QString(tip + tr("\nran %1 → %2").arg(timefmt::formatIso(l.first), timefmt::formatIso(l.last)));
    }
    case EnvironmentRole:
        return m_overview->environments[static_cast<size_t>(l.environment)].environment.name;
    case FirstSeenRole:
        return l.first;
    case LastSeenRole:
        return l.last;
    case UnknownRole:
        return l.unknownIntervals > 0;
    default:
        return {};
    }
}

QVariant LaneModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return section == LabelColumn ? tr("Workload") : tr("Time (UTC)");
    return QAbstractItemModel::headerData(section, orientation, role);
}

} // namespace tideline
