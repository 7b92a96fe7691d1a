// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "compliance/contents.h"
#include "domain/contents.h"

#include <QAbstractTableModel>

#include <vector>

namespace tideline {

// The packages an artifact's SBOMs list: one row per package.
class PackageModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, VersionColumn, PurlColumn, LicencesColumn, HashesColumn, ColumnCount };

    explicit PackageModel(QObject* parent = nullptr);
    void setPackages(std::vector<Package> packages);
    const Package& package(int row) const { return m_packages[static_cast<size_t>(row)]; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<Package> m_packages;
};

// A "Contents" search: every run of every workload whose SBOMs list the package, one row per run.
class ContentsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { WorkloadColumn, PackageColumn, EnvironmentColumn, FingerprintColumn, FromColumn, ToColumn, ExposureColumn, ColumnCount };

    explicit ContentsModel(QObject* parent = nullptr);
    void setReport(PackageReport report);
    const PackageReport& report() const { return m_report; }
    // The run of a row as the timeline takes it.
    RunInterval run(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    PackageReport m_report;
    std::vector<std::pair<size_t, size_t>> m_rows; // (workload, run)
};

} // namespace tideline
