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

signals:
    // Asks for the source of the snapshot a row belongs to.
    void sourceRequested(const QString& sha256);
    void searchRequested(const QString& fingerprintOrName);

private:
    StateModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QLabel* m_title;
    QLineEdit* m_filter;
    QStackedWidget* m_stack;
    QLabel* m_empty;
    QTableView* m_table;
};

} // namespace tideline::ui
