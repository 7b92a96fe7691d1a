// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timeline/overview.h"

#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QToolButton;

namespace tideline::ui {

class ActivityChart;
class PeriodPicker;
class TimelineView;

// The middle of the window: one strip of chart (running workloads by finding, or running instances by fingerprint,
// one at a time, foldable away) over the timeline, with the period, the lane filter and order between them; the
// timeline takes the rest. The chart's plot area stays over exactly the timeline's time column.
class TimelinePage : public QWidget {
    Q_OBJECT
public:
    explicit TimelinePage(QWidget* parent = nullptr);

    TimelineView* timeline() const { return m_timeline; }
    ActivityChart* workloadsChart() const { return m_workloadsChart; }
    ActivityChart* instancesChart() const { return m_instancesChart; }
    QLineEdit* laneFilter() const { return m_laneFilter; }
    PeriodPicker* periodPicker() const { return m_period; }
    QWidget* chartStrip() const { return m_strip; }
    QComboBox* chartChoice() const { return m_chartChoice; }

    // Draws an overview (nothing: clears); the lane count says what it holds. keepView: the same case, other
    // environments: the stretch of time shown stays.
    void setOverview(const std::shared_ptr<const TimelineOverview>& overview, bool keepView = false);
    void focusLaneFilter();
    void clearLaneFilter();
    // The chart strip shown or folded away (remembered).
    void setChartsVisible(bool visible);
    bool chartsVisible() const;

signals:
    // A time picked on the timeline or on a chart (the timeline's cursor is there).
    void timeClicked(tideline::Millis at);
    void chartsVisibleChanged(bool visible);

private:
    void alignCharts();
    void showHover(std::optional<Millis> at);

    QWidget* m_strip;
    QStackedWidget* m_charts;
    QComboBox* m_chartChoice;
    ActivityChart* m_workloadsChart;
    ActivityChart* m_instancesChart;
    PeriodPicker* m_period;
    QLineEdit* m_laneFilter;
    QComboBox* m_laneOrder;
    QLabel* m_laneCount;
    QLabel* m_hint;
    TimelineView* m_timeline;
};

} // namespace tideline::ui
