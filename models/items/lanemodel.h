// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timeline/overview.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace tideline {

// The timeline's rows: one per environment, and under it one lane per workload (an image repository or a
// function, whatever its versions), each holding the run intervals of every version in time order.
class LaneModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { LabelColumn, TimelineColumn, ColumnCount };
    enum Role { RowKindRole = Qt::UserRole + 1, EnvironmentRole, FirstSeenRole, LastSeenRole, UnknownRole };
    enum RowKind { EnvironmentRow, LaneRow };

    struct Lane {
        QString label;
        int environment = 0; // index into the overview's environments
        std::vector<RunInterval> intervals; // by start time
        Millis first = 0;
        Millis last = 0;
        Millis longest = 0; // the longest interval: bounds the search for the visible ones
        int unknownIntervals = 0;
        QStringList names; // the full names its versions ran under
    };

    explicit LaneModel(QObject* parent = nullptr);

    void setOverview(std::shared_ptr<const TimelineOverview> overview);
    const std::shared_ptr<const TimelineOverview>& overview() const { return m_overview; }
    // For an index of this model: the lane, or the environment row's timeline.
    const Lane* lane(const QModelIndex& index) const;
    const EnvironmentTimeline* environment(const QModelIndex& index) const;
    QModelIndex environmentIndex(int environment) const;
    // The lane that holds a workload (fingerprint, or name when unknown) in an environment.
    QModelIndex findLane(const QString& environment, const QString& fingerprint, const QString& name) const;
    int laneCount() const;

    // "registry.example.com/shop/api:1.4.0" and "…/api@sha256:…" -> "shop/api".
    static QString laneLabel(const QString& workloadName);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const TimelineOverview> m_overview;
    std::vector<std::vector<Lane>> m_lanes; // per environment
};

} // namespace tideline
