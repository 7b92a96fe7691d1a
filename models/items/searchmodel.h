// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/model.h"

#include <QAbstractTableModel>

#include <vector>

namespace tideline {

// Where and when the workloads a search found ran: one row per run interval, in every environment.
class SearchModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, FingerprintColumn, EnvironmentColumn, FromColumn, ToColumn, SnapshotsColumn, ColumnCount };
    enum Role { FingerprintRole = Qt::UserRole + 1, EnvironmentRole, FromRole, ToRole };

    explicit SearchModel(QObject* parent = nullptr);
    void setResults(const QString& query, std::vector<FingerprintMatch> matches);
    const QString& query() const { return m_query; }
    int matchCount() const { return static_cast<int>(m_matches.size()); }
    const RunInterval& run(int row) const { return m_matches[m_rows[static_cast<size_t>(row)].first].runs[m_rows[static_cast<size_t>(row)].second]; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString m_query;
    std::vector<FingerprintMatch> m_matches;
    std::vector<std::pair<size_t, size_t>> m_rows;
};

} // namespace tideline
