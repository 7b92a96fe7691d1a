// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/finding.h"

#include <QAbstractTableModel>

#include <vector>

namespace tideline {

// The findings of the latest check, one row each. Until a check has run the model is empty and says so
// (checked() is false): "no findings" and "not checked" are different answers.
class FindingModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        SeverityColumn,
        KindColumn,
        EnvironmentColumn,
        WorkloadColumn,
        FingerprintColumn,
        FirstSeenColumn,
        LastSeenColumn,
        ExposureColumn,
        DispositionColumn,
        ColumnCount
    };
    enum Role {
        FindingIdRole = Qt::UserRole + 1,
        KindRole, // FindingKind, as an int
        EnvironmentRole,
        DispositionRole, // Disposition, as an int
        FingerprintRole,
        SortRole,
        SearchTextRole,
        SeverityRole // Severity, as an int
    };

    explicit FindingModel(QObject* parent = nullptr);

    void setReport(CheckReport report);
    void clear(); // back to "not checked"
    bool checked() const { return m_checked; }
    const CheckReport& report() const { return m_report; }
    const Finding& finding(int row) const { return m_report.findings[static_cast<size_t>(row)]; }
    int rowOf(const QString& findingId) const;
    int openCount() const { return m_report.open; }
    // A decision recorded since the check: the finding takes it as the engine would on the next check
    // (its disposition becomes the latest decision's, the decision joins its history).
    bool applyReview(const QString& findingId, const ReviewEntry& review);

    // "no provenance", "accepted risk": the names with spaces.
    static QString kindLabel(FindingKind kind);
    static QString dispositionLabel(Disposition disposition);
    // What a finding is about, in a few words: its workload names, or its environment for a blind spot.
    static QString workloadText(const Finding& f);
    // An image name without its registry host, which every row of a case tends to share, and without
    // its digest: "registry.example.com/shop/api:1.4.0@sha256:…" -> "shop/api:1.4.0".
    static QString shortName(const QString& name);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void reportChanged();

private:
    CheckReport m_report;
    bool m_checked = false;
};

} // namespace tideline
