// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/model.h"

#include <QAbstractTableModel>

#include <vector>

namespace tideline {

// What ran at one instant, in one or more environments.
class StateModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { EnvironmentColumn, NameColumn, FingerprintColumn, InstancesColumn, SinceColumn, ColumnCount };
    enum Role { FingerprintRole = Qt::UserRole + 1, EnvironmentRole, SnapshotShaRole };

    explicit StateModel(QObject* parent = nullptr);
    void setStates(std::vector<State> states);
    const std::vector<State>& states() const { return m_states; }
    int workloadCount() const { return static_cast<int>(m_rows.size()); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<State> m_states;
    std::vector<std::pair<size_t, size_t>> m_rows; // (state, workload)
};

} // namespace tideline
