// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timeline/overview.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;

namespace tideline::ui {

class ActivityChart;
class TimelineView;

// The middle of the window: the running-workloads and running-instances charts over the timeline, with the
// lane filter and order between them. The charts' plot areas stay over exactly the timeline's time column.
class TimelinePage : public QWidget {
    Q_OBJECT
public:
    explicit TimelinePage(QWidget* parent = nullptr);

    TimelineView* timeline() const { return m_timeline; }
    ActivityChart* workloadsChart() const { return m_workloadsChart; }
    ActivityChart* instancesChart() const { return m_instancesChart; }
    QLineEdit* laneFilter() const { return m_laneFilter; }

    // Draws an overview (nothing: clears); the lane count says what it holds.
    void setOverview(const std::shared_ptr<const TimelineOverview>& overview);
    void focusLaneFilter();
    void clearLaneFilter();

signals:
    // A time picked on the timeline or on a chart (the timeline's cursor is there).
    void timeClicked(tideline::Millis at);

private:
    void alignCharts();

    ActivityChart* m_workloadsChart;
    ActivityChart* m_instancesChart;
    QLineEdit* m_laneFilter;
    QComboBox* m_laneOrder;
    QLabel* m_laneCount;
    TimelineView* m_timeline;
};

} // namespace tideline::ui
