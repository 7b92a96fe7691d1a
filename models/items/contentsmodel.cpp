// SPDX-License-Identifier: GPL-3.0-or-later
#include "contentsmodel.h"

namespace tideline {

PackageModel::PackageModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void PackageModel::setPackages(std::vector<Package> packages)
{
    beginResetModel();
    m_packages = std::move(packages);
    endResetModel();
}

int PackageModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(m_packages.size()); }
int PackageModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant PackageModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Package& p = m_packages[static_cast<size_t>(index.row())];
    if (role == Qt::ToolTipRole)
        return QStringList { p.purl, p.cpe, p.hashes.join(QLatin1Char('\n')) }.join(QLatin1Char('\n')).trimmed();
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return p.depth > 0 ? QString(p.depth * 2, QLatin1Char(' ')) + p.name : p.name;
    case VersionColumn:
        return p.version;
    case PurlColumn:
        return p.purl;
    case LicencesColumn:
        return p.licences.join(QStringLiteral(", "));
    case HashesColumn: {
        QStringList short_;
        for (const QString& h : p.hashes)
            short_ << h.left(h.indexOf(QLatin1Char(':')) + 13) + QStringLiteral("…");
        return short_.join(QStringLiteral(", "));
    }
    }
    return {};
}

QVariant PackageModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Package");
    case VersionColumn:
        return tr("Version");
    case PurlColumn:
        return tr("purl");
    case LicencesColumn:
        return tr("Licences");
    case HashesColumn:
        return tr("Hashes");
    }
    return {};
}

ContentsModel::ContentsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ContentsModel::setReport(PackageReport report)
{
    beginResetModel();
    m_report = std::move(report);
    m_rows.clear();
    for (size_t w = 0; w < m_report.containing.size(); ++w)
        for (size_t r = 0; r < m_report.containing[w].runs.size(); ++r)
            m_rows.emplace_back(w, r);
    endResetModel();
}

RunInterval ContentsModel::run(int row) const
{
    const auto [w, r] = m_rows[static_cast<size_t>(row)];
    const PackageRun& run = m_report.containing[w].runs[r];
    RunInterval iv;
    iv.environment = run.environment;
    iv.fingerprint = run.fingerprint;
    iv.name = run.name;
    iv.from = run.window.from;
    iv.to = run.window.to;
    iv.firstSnapshot = run.window.firstSnapshot;
    iv.lastSnapshot = run.window.lastSnapshot;
    iv.ongoing = run.ongoing;
    return iv;
}

int ContentsModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(m_rows.size()); }
int ContentsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ContentsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const auto [w, r] = m_rows[static_cast<size_t>(index.row())];
    const ContainingWorkload& c = m_report.containing[w];
    const PackageRun& run = c.runs[r];
    if (role == Qt::ToolTipRole)
        return tr("%1 in %2\nsha256:%3\nSBOM: %4").arg(run.name, run.environment, run.fingerprint, c.sboms.join(QStringLiteral("; ")));
    if (role == Qt::TextAlignmentRole)
        return index.column() == ExposureColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case WorkloadColumn:
        return run.name;
    case PackageColumn:
        return c.packages.join(QStringLiteral(", "));
    case EnvironmentColumn:
        return run.environment;
    case FingerprintColumn:
        return QString(run.fingerprint.left(12) + QStringLiteral("…"));
    case FromColumn:
        return timefmt::formatIso(run.window.from);
    case ToColumn:
        return run.ongoing ? tr("still running") : timefmt::formatIso(run.window.to);
    case ExposureColumn:
        return timefmt::formatDuration(run.window.duration());
    }
    return {};
}

QVariant ContentsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case WorkloadColumn:
        return tr("Workload");
    case PackageColumn:
        return tr("Package");
    case EnvironmentColumn:
        return tr("Environment");
    case FingerprintColumn:
        return tr("Fingerprint");
    case FromColumn:
        return tr("From");
    case ToColumn:
        return tr("To");
    case ExposureColumn:
        return tr("Exposure");
    }
    return {};
}

} // namespace tideline
