// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/model.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <map>
#include <optional>
#include <vector>

namespace tideline {

// The case's environments, each with a check box: the checked ones are drawn on the timeline.
class EnvironmentModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, TypeColumn, SnapshotsColumn, SpanColumn, ComplianceColumn, ColumnCount };
    enum Role { NameRole = Qt::UserRole + 1, FirstRole, LastRole, OpenFindingsRole };

    // What the latest check found in an environment.
    struct Findings {
        int total = 0;
        int open = 0; // open and not suppressed by VEX
        int suppressed = 0; // suppressed by a VEX statement, no decision since
    };

    explicit EnvironmentModel(QObject* parent = nullptr);

    void setEnvironments(std::vector<Environment> environments);
    const std::vector<Environment>& environments() const { return m_envs; }
    // Checked environments, in the model's order.
    QStringList chosen() const;
    void setChosen(const QStringList& names);
    int rowOf(const QString& name) const;
    // The latest check's counts per environment (an environment it does not name had none); nothing: not checked.
    void setFindings(std::optional<std::map<QString, Findings>> findings);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void chosenChanged(const QStringList& chosen);

private:
    std::vector<Environment> m_envs;
    std::vector<bool> m_checked;
    std::optional<std::map<QString, Findings>> m_findings;
};

} // namespace tideline
