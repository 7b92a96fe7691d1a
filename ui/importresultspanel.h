// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/importer.h"

#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;

namespace tideline {
class ImportResultModel;
}

namespace tideline::ui {

// The end of an import: what was imported, skipped or failed, and why, with the totals.
class ImportResultsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ImportResultsPanel(QWidget* parent = nullptr);
    void setReport(const ImportReport& report);
    ImportResultModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }

private:
    ImportResultModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QLabel* m_summary;
    QStackedWidget* m_stack;
    QTableView* m_table;
};

} // namespace tideline::ui
