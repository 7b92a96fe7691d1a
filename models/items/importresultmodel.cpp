// SPDX-License-Identifier: GPL-3.0-or-later
#include "importresultmodel.h"

#include <algorithm>

namespace tideline {

ImportResultModel::ImportResultModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ImportResultModel::setReport(const ImportReport& report)
{
    beginResetModel();
    m_rows.clear();
    // Failures first: they are what the reader must act on.
    for (const Problem& p : report.errors) {
        QString detail = p.message;
        if (!p.where.isEmpty())
            detail = p.where + QStringLiteral(": ") + detail;
        m_rows.push_back({ Failed, p.file, detail, QString() });
    }
    for (const SkippedFile& s : report.skipped)
        m_rows.push_back({ Skipped, s.path, s.reason, QString() });
    for (const ImportedFile& f : report.imported) {
        QString detail = f.format;
        if (f.isSnapshot)
            detail = tr("%1 snapshot of %2 (%3) at %4: #%5, %6 workloads%7")
                         .arg(f.format, f.environment, f.type, timefmt::formatIso(f.takenAt))
                         .arg(f.snapshotIndex)
                         .arg(f.workloads)
                         .arg(f.newSnapshot ? QString() : tr(", confirms the one before"));
        for (const Problem& w : f.warnings)
            detail += tr("; warning: %1").arg(w.toString());
        m_rows.push_back({ Imported, f.path, detail, f.sha256 });
    }
    endResetModel();
}

int ImportResultModel::count(Outcome outcome) const
{
    return static_cast<int>(std::count_if(m_rows.begin(), m_rows.end(), [&](const Row& r) { return r.outcome == outcome; }));
}

int ImportResultModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(m_rows.size()); }

int ImportResultModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ImportResultModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& r = m_rows[static_cast<size_t>(index.row())];
    switch (role) {
    case OutcomeRole:
        return r.outcome;
    case Sha256Role:
        return r.sha256;
    case Qt::ToolTipRole:
        return QStringLiteral("%1\n%2").arg(r.path, r.detail);
    case Qt::DisplayRole:
        switch (index.column()) {
        case OutcomeColumn:
            return r.outcome == Imported ? tr("imported") : r.outcome == Skipped ? tr("skipped") : tr("failed");
        case PathColumn:
            return r.path;
        case DetailColumn:
            return r.detail;
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant ImportResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case OutcomeColumn:
        return tr("Outcome");
    case PathColumn:
        return tr("File");
    case DetailColumn:
        return tr("What and why");
    }
    return {};
}

} // namespace tideline
