// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/finding.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTableView;

namespace tideline {
class FindingModel;
class FindingProxy;
}

namespace tideline::ui {

class FindingDetail;

// The findings of the latest check: filtered by environment, kind, disposition and text, one opened in
// full beside the list with the form that records a decision on it. Before a check it says so, with the
// button that runs one; a clean check says what was checked.
class FindingsPanel : public QWidget {
    Q_OBJECT
public:
    explicit FindingsPanel(QWidget* parent = nullptr);
    ~FindingsPanel() override;

    void setCasePath(const QString& path); // a new case: not checked yet
    void setChecking();
    void setReport(CheckReport report);
    void setProblem(const QString& message);
    // A decision recorded: the list and the open finding take it.
    void applyReview(const QString& findingId, const ReviewEntry& review);
    bool selectFinding(const QString& findingId);
    QString selectedId() const;
    // Selects the findings about these workloads of an environment (a lane picked on the timeline); the first
    // becomes current. False when none is listed.
    bool selectWorkloads(const QString& environment, const QStringList& keys);
    // The ids of the selected findings.
    QStringList selectedIds() const;
    // One line per environment over the list: its findings by disposition and severity.
    QLabel* environmentSummary() const { return m_envSummary; }

    FindingModel* model() const { return m_model; }
    FindingProxy* proxy() const { return m_proxy; }
    QTableView* table() const { return m_table; }
    FindingDetail* detail() const { return m_detail; }
    QComboBox* environmentFilter() const { return m_envFilter; }
    QComboBox* kindFilter() const { return m_kindFilter; }
    QComboBox* dispositionFilter() const { return m_dispositionFilter; }
    QLineEdit* textFilter() const { return m_text; }
    QLabel* summary() const { return m_summary; }
    QLabel* message() const { return m_message; }

signals:
    void checkRequested();
    void findingSelected(const tideline::Finding& finding); // the current row changed
    void findingActivated(const tideline::Finding& finding); // double-click or Enter: show it on the timeline

protected:
    void changeEvent(QEvent* event) override;

private:
    void fillFilters();
    void updateSummary();
    void updateEnvironmentSummary();
    void showMessage(const QString& html, bool button);
    void currentChanged();

    FindingModel* m_model;
    FindingProxy* m_proxy;
    QString m_casePath;
    QStackedWidget* m_stack;
    QWidget* m_messagePage;
    QLabel* m_message;
    QPushButton* m_messageCheck;
    QPushButton* m_check;
    QComboBox* m_envFilter;
    QComboBox* m_kindFilter;
    QComboBox* m_dispositionFilter;
    QLineEdit* m_text;
    QLabel* m_summary;
    QLabel* m_envSummary;
    QSplitter* m_splitter;
    QTableView* m_table;
    FindingDetail* m_detail;
};

} // namespace tideline::ui
