// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/importer.h"

#include <QWidget>

#include <optional>

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
    QLabel* summary() const { return m_summary; }
    void clear(); // a new case: nothing imported in this session yet

signals:
    // "Retract this import…" on an imported row: its file's sha256.
    void retractRequested(const QString& sha256);

protected:
    void changeEvent(QEvent* event) override;

private:
    void render();
    ImportResultModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QLabel* m_summary;
    QStackedWidget* m_stack;
    QWidget* m_empty;
    QTableView* m_table;
    std::optional<ImportReport> m_report;
};

} // namespace tideline::ui
