// SPDX-License-Identifier: GPL-3.0-or-later
#include "findingmodel.h"

#include "domain/imagename.h"
#include "items/copyrole.h"

#include <algorithm>

namespace tideline {

FindingModel::FindingModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void FindingModel::setReport(CheckReport report)
{
    beginResetModel();
    m_report = std::move(report);
    m_checked = true;
    endResetModel();
    emit reportChanged();
}

void FindingModel::clear()
{
    beginResetModel();
    m_report = CheckReport();
    m_checked = false;
    endResetModel();
    emit reportChanged();
}

int FindingModel::rowOf(const QString& findingId) const
{
    for (size_t i = 0; i < m_report.findings.size(); ++i)
        if (m_report.findings[i].id == findingId) return static_cast<int>(i);
    return -1;
}

bool FindingModel::applyReview(const QString& findingId, const ReviewEntry& review)
{
    const int row = rowOf(findingId);
    if (row < 0) return false;
    Finding& f = m_report.findings[static_cast<size_t>(row)];
    const bool wasOpen = f.countsOpen(), wasSuppressed = f.suppressedByVex();
    f.history.push_back(review);
    f.disposition = review.disposition;
    m_report.open += (f.countsOpen() ? 1 : 0) - (wasOpen ? 1 : 0);
    m_report.suppressed += (f.suppressedByVex() ? 1 : 0) - (wasSuppressed ? 1 : 0);
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    emit reportChanged();
    return true;
}

QString FindingModel::kindLabel(FindingKind kind)
{
    return findingKindName(kind).replace(QLatin1Char('-'), QLatin1Char(' '));
}

QString FindingModel::dispositionLabel(Disposition disposition)
{
    return dispositionName(disposition).replace(QLatin1Char('-'), QLatin1Char(' '));
}

QString FindingModel::workloadText(const Finding& f)
{
    if (f.kind == FindingKind::BlindSpot) return tr("all of %1").arg(f.environment);
    return f.names.isEmpty() ? tr("(no name)") : f.names.join(QStringLiteral(", "));
}

QString FindingModel::shortName(const QString& name)
{
    return imageWithoutRegistry(name);
}

int FindingModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_report.findings.size());
}

int FindingModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FindingModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Finding& f = finding(index.row());
    switch (role) {
    case FindingIdRole:
        return f.id;
    case KindRole:
        return static_cast<int>(f.kind);
    case EnvironmentRole:
        return f.environment;
    case DispositionRole:
        return static_cast<int>(f.disposition);
    case FingerprintRole:
        return f.fingerprint;
    case SeverityRole:
        return static_cast<int>(f.severity);
    case CopyRole:
        if (index.column() == WorkloadColumn && f.kind != FindingKind::BlindSpot)
            return f.names.join(QStringLiteral(", "));
        if (index.column() == FingerprintColumn)
            return f.fingerprint.isEmpty() ? QVariant() : QVariant(f.fingerprint);
        return {};
    case SearchTextRole:
        // What the text filter looks in: the id, the names, the full fingerprint, what is wrong.
        return QStringList { f.id, f.names.join(QLatin1Char(' ')), f.fingerprint, f.detail, f.attestations.join(QLatin1Char(' ')),
            f.vulnerability ? f.vulnerability->aliases.join(QLatin1Char(' ')) + QLatin1Char(' ') + f.vulnerability->purls.join(QLatin1Char(' ')) : QString() }
            .join(QLatin1Char('\n'));
    case SortRole:
        switch (index.column()) {
        case FirstSeenColumn:
            return f.firstSeen;
        case LastSeenColumn:
            return f.lastSeen;
        case ExposureColumn:
            return f.totalSeconds;
        case KindColumn:
            return static_cast<int>(std::find(findingKinds().begin(), findingKinds().end(), f.kind) - findingKinds().begin());
        case SeverityColumn:
            return static_cast<int>(f.severity);
        case DispositionColumn:
            return static_cast<int>(std::find(dispositions().begin(), dispositions().end(), f.disposition) - dispositions().begin());
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::ToolTipRole:
        return tr("%1 · %2 · %3 in %4\n%5\n%6 in all, %7")
            .arg(f.id, severityName(f.severity), kindLabel(f.kind), f.environment, f.detail, timefmt::formatDuration(f.totalSeconds * 1000),
                f.windows.size() == 1 ? tr("one exposure window") : tr("%1 exposure windows").arg(f.windows.size()));
    case Qt::TextAlignmentRole:
        return index.column() == ExposureColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn:
            return f.id;
        case SeverityColumn:
            return severityName(f.severity);
        case KindColumn:
            return kindLabel(f.kind);
        case EnvironmentColumn:
            return f.environment;
        case WorkloadColumn: {
            if (f.kind == FindingKind::BlindSpot) return workloadText(f);
            QStringList names;
            for (const QString& n : f.names)
                names << shortName(n);
            return names.join(QStringLiteral(", "));
        }
        case FingerprintColumn:
            return f.fingerprint.isEmpty() ? (f.kind == FindingKind::BlindSpot ? QString() : tr("unknown"))
                                           : f.fingerprint.left(12) + QStringLiteral("…");
        case FirstSeenColumn:
            return timefmt::formatIso(f.firstSeen);
        case LastSeenColumn:
            return timefmt::formatIso(f.lastSeen);
        case ExposureColumn:
            return timefmt::formatDuration(f.totalSeconds * 1000);
        case DispositionColumn:
            return f.suppressedByVex() ? tr("%1 · suppressed by VEX").arg(dispositionLabel(f.disposition)) : dispositionLabel(f.disposition);
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant FindingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("Finding");
    case SeverityColumn:
        return tr("Severity");
    case KindColumn:
        return tr("Kind");
    case EnvironmentColumn:
        return tr("Environment");
    case WorkloadColumn:
        return tr("Workload");
    case FingerprintColumn:
        return tr("Fingerprint");
    case FirstSeenColumn:
        return tr("First seen (UTC)");
    case LastSeenColumn:
        return tr("Last seen (UTC)");
    case ExposureColumn:
        return tr("Exposure");
    case DispositionColumn:
        return tr("Disposition");
    }
    return {};
}

} // namespace tideline
