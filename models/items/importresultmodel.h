// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/importer.h"

#include <QAbstractTableModel>

#include <vector>

namespace tideline {

// What an import did with each file: imported (and as what), skipped (and why) or failed (and why).
class ImportResultModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Outcome { Imported, Skipped, Failed };
    enum Column { OutcomeColumn, PathColumn, DetailColumn, ColumnCount };
    enum Role { OutcomeRole = Qt::UserRole + 1, Sha256Role };

    explicit ImportResultModel(QObject* parent = nullptr);
    void setReport(const ImportReport& report);
    int count(Outcome outcome) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        Outcome outcome;
        QString path;
        QString detail;
        QString sha256; // what was imported: the file's sha256, by which it can be retracted
    };
    std::vector<Row> m_rows;
};

} // namespace tideline
