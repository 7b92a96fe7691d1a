// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/model.h"

#include <QAbstractTableModel>

#include <array>
#include <vector>

namespace tideline {

// The rows of a snapshot diff: every workload once, as added, removed, scaled or unchanged.
class DiffModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Change { Added, Removed, Scaled, Unchanged, ChangeCount };
    enum Column { ChangeColumn, NameColumn, FingerprintColumn, FromColumn, ToColumn, ColumnCount };
    enum Role { ChangeRole = Qt::UserRole + 1, FingerprintRole };

    explicit DiffModel(QObject* parent = nullptr);

    void setDiff(const SnapshotDiff& diff);
    void clear();
    bool hasDiff() const { return m_has; }
    const SnapshotDiff& diff() const { return m_diff; }
    int count(Change change) const { return m_counts[static_cast<size_t>(change)]; }
    static QString changeName(Change change);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        Change change;
        DiffEntry entry;
    };
    SnapshotDiff m_diff;
    std::vector<Row> m_rows;
    std::array<int, ChangeCount> m_counts {};
    bool m_has = false;
};

} // namespace tideline
