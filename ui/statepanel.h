// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/model.h"

#include <QWidget>

#include <vector>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;

namespace tideline {
class StateModel;
}

namespace tideline::ui {

// What was running at the time cursor, in each environment on the timeline.
class StatePanel : public QWidget {
    Q_OBJECT
public:
    explicit StatePanel(QWidget* parent = nullptr);
    void setStates(Millis at, std::vector<State> states, const QStringList& problems);
    void clear();
    StateModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    // "At": a time or a snapshot, as the Diff fields and the command line name them (prod@{2026-03-03T13:00:00Z},
    // prod#12, prod~1, 2026-03-03 13:00, 3.hours.ago).
    QLineEdit* atField() const { return m_at; }
    void focusAt();
    // What the At field could not go to, said under it.
    void setGoToProblem(const QString& message);
    QLabel* title() const { return m_title; }

signals:
    // Asks for the source of the snapshot a row belongs to.
    void sourceRequested(const QString& sha256);
    void searchRequested(const QString& fingerprintOrName);
    void goToRequested(const QString& text);
    void stepRequested(int step); // -1: the snapshot before, +1: the one after

private:
    StateModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QLabel* m_title;
    QLineEdit* m_at;
    QLabel* m_atProblem;
    QLineEdit* m_filter;
    QStackedWidget* m_stack;
    QLabel* m_empty;
    QTableView* m_table;
};

} // namespace tideline::ui
