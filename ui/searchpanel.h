// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/model.h"

#include <QWidget>

class QLabel;
class QStackedWidget;
class QTableView;

namespace tideline {
class ContentsModel;
class SearchModel;
struct PackageReport;
}

namespace tideline::ui {

// Every run of the workloads a search found, in every environment; activating one jumps the timeline there.
class SearchPanel : public QWidget {
    Q_OBJECT
public:
    explicit SearchPanel(QWidget* parent = nullptr);
    void setResults(const QString& query, std::vector<FingerprintMatch> matches);
    // The "Contents" result: every run of every workload whose SBOMs list the package searched for.
    void setContents(PackageReport report);
    SearchModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    ContentsModel* contentsModel() const { return m_contents; }
    QTableView* contentsTable() const { return m_contentsTable; }
    QLabel* contentsTitle() const { return m_contentsTitle; }
    QLabel* title() const { return m_title; }
    void clear();
    QWidget* currentPage() const;

signals:
    void runActivated(const tideline::RunInterval& run);

private:
    SearchModel* m_model;
    QLabel* m_title;
    QStackedWidget* m_stack;
    QLabel* m_empty;
    QLabel* m_nothing; // a search that found nothing: said alone, not beside the hint
    QTableView* m_table;
    ContentsModel* m_contents;
    QLabel* m_contentsTitle;
    QTableView* m_contentsTable;
};

} // namespace tideline::ui
