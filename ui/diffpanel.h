// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/model.h"

#include <QWidget>

#include <array>

class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace tideline {
class DiffModel;
class DiffProxy;
}

namespace tideline::ui {

// Two snapshots side by side: what was added, removed, scaled or left alone, with counts, colours and a filter.
class DiffPanel : public QWidget {
    Q_OBJECT
public:
    explicit DiffPanel(QWidget* parent = nullptr);
    void setDiff(const SnapshotDiff& diff);
    void setProblem(const QString& message);
    void clear();
    // The two selectors, for the compare row.
    void setSelectors(const QString& from, const QString& to);
    DiffModel* model() const { return m_model; }
    DiffProxy* proxy() const { return m_proxy; }
    QTableView* table() const { return m_table; }
    QToolButton* changeButton(int change) const { return m_buttons[static_cast<size_t>(change)]; }
    QLineEdit* filterEdit() const { return m_filter; }

signals:
    void compareRequested(const QString& from, const QString& to);

private:
    void updateButtons();

    DiffModel* m_model;
    DiffProxy* m_proxy;
    QStackedWidget* m_stack;
    QLabel* m_empty;
    QLabel* m_title;
    QTableView* m_table;
    QLineEdit* m_filter;
    QLineEdit* m_from;
    QLineEdit* m_to;
    std::array<QToolButton*, 4> m_buttons {};
};

} // namespace tideline::ui
