// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelinepage.h"

#include "activitychart.h"
#include "items/lanemodel.h"
#include "items/laneproxy.h"
#include "timelineview.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QVBoxLayout>

namespace tideline::ui {

TimelinePage::TimelinePage(QWidget* parent)
    : QWidget(parent)
{
    auto* tl = new QVBoxLayout(this);
    tl->setContentsMargins(0, 0, 0, 0);
    tl->setSpacing(0);
    m_workloadsChart = new ActivityChart(ActivityMeasure::Workloads, tr("Running workloads"), this);
    m_instancesChart = new ActivityChart(ActivityMeasure::Instances, tr("Running instances"), this);
    m_workloadsChart->setObjectName(QStringLiteral("workloadsChart"));
    m_instancesChart->setObjectName(QStringLiteral("instancesChart"));
    const int chartHeight = fontMetrics().height() * 6;
    m_workloadsChart->setFixedHeight(chartHeight);
    m_instancesChart->setFixedHeight(chartHeight);
    tl->addWidget(m_workloadsChart);
    tl->addWidget(m_instancesChart);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 4);
    m_laneFilter = new QLineEdit(this);
    m_laneFilter->setPlaceholderText(tr("Filter workloads (Ctrl+L)"));
    m_laneFilter->setClearButtonEnabled(true);
    m_laneOrder = new QComboBox(this);
    m_laneOrder->addItem(tr("by name"));
    m_laneOrder->addItem(tr("by first seen"));
    m_laneCount = new QLabel(this);
    m_laneCount->setForegroundRole(QPalette::PlaceholderText);
    auto* hint
        = new QLabel(tr("wheel: zoom · drag: pan · click: state at that time · click two snapshot marks: diff"), this);
    hint->setForegroundRole(QPalette::PlaceholderText);
    bar->addWidget(m_laneFilter, 2);
    bar->addWidget(new QLabel(tr("Sort"), this));
    bar->addWidget(m_laneOrder);
    bar->addWidget(m_laneCount);
    bar->addStretch(1);
    bar->addWidget(hint);
    tl->addLayout(bar);

    m_timeline = new TimelineView(this);
    m_timeline->setObjectName(QStringLiteral("timeline"));
    tl->addWidget(m_timeline, 1);
    connect(
        m_laneFilter, &QLineEdit::textChanged, m_timeline->laneProxy(), &QSortFilterProxyModel::setFilterFixedString);
    connect(m_laneOrder, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_timeline->laneProxy()->setOrder(i == 1 ? LaneProxy::Order::ByFirstSeen : LaneProxy::Order::ByName);
    });
    connect(m_timeline, &TimelineView::scaleChanged, this, [this] { alignCharts(); });
    connect(m_timeline->header(), &QHeaderView::sectionResized, this, [this] { alignCharts(); });
    connect(m_timeline, &TimelineView::timeClicked, this, &TimelinePage::timeClicked);
    // A click on a chart moves the timeline's cursor there, as a click on the timeline does.
    for (ActivityChart* chart : { m_workloadsChart, m_instancesChart })
        connect(chart, &ActivityChart::timeClicked, this, [this](Millis at) {
            m_timeline->setTimeCursor(at);
            emit timeClicked(at);
        });
}

void TimelinePage::setOverview(const std::shared_ptr<const TimelineOverview>& overview)
{
    m_timeline->setOverview(overview);
    m_workloadsChart->setOverview(overview);
    m_instancesChart->setOverview(overview);
    alignCharts();
    if (!overview) {
        m_laneCount->clear();
        return;
    }
    int intervals = 0;
    for (const EnvironmentTimeline& e : overview->environments)
        intervals += static_cast<int>(e.intervals.size());
    m_laneCount->setText(tr("%1 lanes · %2 run intervals").arg(m_timeline->laneModel()->laneCount()).arg(intervals));
}

void TimelinePage::focusLaneFilter()
{
    m_laneFilter->setFocus();
    m_laneFilter->selectAll();
}

void TimelinePage::clearLaneFilter()
{
    m_laneFilter->clear();
}

void TimelinePage::alignCharts()
{
    // The charts' plot areas sit over exactly the pixels of the timeline column.
    TimeScale s = m_timeline->scale();
    for (ActivityChart* chart : { m_workloadsChart, m_instancesChart }) {
        const QPoint origin = m_timeline->viewport()->mapTo(this, QPoint(0, 0)) - chart->mapTo(this, QPoint(0, 0));
        TimeScale local = s;
        local.left += origin.x();
        chart->setScale(local);
    }
}

} // namespace tideline::ui
