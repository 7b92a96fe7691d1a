// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelinepage.h"

#include "activitychart.h"
#include "items/lanemodel.h"
#include "items/laneproxy.h"
#include "periodpicker.h"
#include "timelineview.h"
#include "timetext.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSettings>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace tideline::ui {

TimelinePage::TimelinePage(QWidget* parent)
    : QWidget(parent)
{
    auto* tl = new QVBoxLayout(this);
    tl->setContentsMargins(0, 0, 0, 0);
    tl->setSpacing(0);

    // One strip of chart: the two measures take turns in it, so that the timeline keeps the room.
    m_strip = new QWidget(this);
    m_strip->setObjectName(QStringLiteral("chartStrip"));
    auto* strip = new QVBoxLayout(m_strip);
    strip->setContentsMargins(0, 0, 0, 0);
    strip->setSpacing(0);
    m_charts = new QStackedWidget(m_strip);
    m_workloadsChart = new ActivityChart(ActivityMeasure::Workloads, tr("Running workloads"), m_charts);
    m_instancesChart = new ActivityChart(ActivityMeasure::Instances, tr("Running instances"), m_charts);
    m_workloadsChart->setObjectName(QStringLiteral("workloadsChart"));
    m_instancesChart->setObjectName(QStringLiteral("instancesChart"));
    m_charts->addWidget(m_workloadsChart);
    m_charts->addWidget(m_instancesChart);
    m_charts->setFixedHeight(fontMetrics().height() * 6);
    strip->addWidget(m_charts);
    tl->addWidget(m_strip);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 4);
    m_chartChoice = new QComboBox(this);
    m_chartChoice->setObjectName(QStringLiteral("chartChoice"));
    m_chartChoice->addItem(tr("Chart: workloads by finding"));
    m_chartChoice->addItem(tr("Chart: instances by fingerprint"));
    m_chartChoice->addItem(tr("Chart: hidden"));
    m_chartChoice->setToolTip(tr("What the strip above the timeline shows (View › Show Chart Strip hides it)"));
    m_period = new PeriodPicker(this);
    m_period->setObjectName(QStringLiteral("periodPicker"));
    m_laneFilter = new QLineEdit(this);
    m_laneFilter->setPlaceholderText(tr("Filter workloads (Ctrl+L)"));
    m_laneFilter->setClearButtonEnabled(true);
    m_laneFilter->setMinimumWidth(fontMetrics().averageCharWidth() * 16);
    m_laneOrder = new QComboBox(this);
    m_laneOrder->addItem(tr("by name"));
    m_laneOrder->addItem(tr("by first seen"));
    m_laneOrder->setToolTip(tr("Order of the lanes"));
    m_laneCount = new QLabel(this);
    m_laneCount->setForegroundRole(QPalette::PlaceholderText);
    bar->addWidget(m_chartChoice);
    bar->addWidget(m_period);
    bar->addWidget(m_laneFilter, 1);
    bar->addWidget(m_laneOrder);
    bar->addWidget(m_laneCount);
    tl->addLayout(bar);

    // The time under the mouse, or how to use the timeline when it is elsewhere.
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("timelineHint"));
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->setContentsMargins(8, 0, 8, 2);
    m_hint->setMinimumWidth(1); // a long hint never widens the window
    tl->addWidget(m_hint);

    m_timeline = new TimelineView(this);
    m_timeline->setObjectName(QStringLiteral("timeline"));
    tl->addWidget(m_timeline, 1);
    connect(
        m_laneFilter, &QLineEdit::textChanged, m_timeline->laneProxy(), &QSortFilterProxyModel::setFilterFixedString);
    connect(m_laneOrder, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_timeline->laneProxy()->setOrder(i == 1 ? LaneProxy::Order::ByFirstSeen : LaneProxy::Order::ByName);
    });
    connect(m_chartChoice, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i < 2)
            m_charts->setCurrentIndex(i);
        const bool visible = i < 2;
        m_strip->setVisible(visible);
        QSettings().setValue(QStringLiteral("timeline/chart"), i);
        emit chartsVisibleChanged(visible);
        alignCharts();
    });
    connect(m_timeline, &TimelineView::scaleChanged, this, [this] { alignCharts(); });
    connect(m_timeline->header(), &QHeaderView::sectionResized, this, [this] { alignCharts(); });
    connect(m_timeline, &TimelineView::timeClicked, this, &TimelinePage::timeClicked);
    connect(m_timeline, &TimelineView::hoverTimeChanged, this, [this](std::optional<Millis> at) { showHover(at); });
    // A click on a chart moves the timeline's cursor there, as a click on the timeline does.
    for (ActivityChart* chart : { m_workloadsChart, m_instancesChart })
        connect(chart, &ActivityChart::timeClicked, this, [this](Millis at) {
            m_timeline->setTimeCursor(at);
            emit timeClicked(at);
        });
    m_chartChoice->setCurrentIndex(std::clamp(QSettings().value(QStringLiteral("timeline/chart"), 0).toInt(), 0, 2));
    showHover(std::nullopt);
}

void TimelinePage::showHover(std::optional<Millis> at)
{
    m_hint->setText(at ? tr("%1 under the pointer · click: state then · double-click a bar: its finding · right-click: more").arg(utcText(*at))
                       : tr("wheel: zoom · drag: pan · click: state at that time · ← →: snapshot to snapshot · two snapshot marks: diff · "
                            "double-click a bar: its finding · right-click: more"));
}

void TimelinePage::setChartsVisible(bool visible)
{
    if (visible == chartsVisible())
        return;
    m_chartChoice->setCurrentIndex(visible ? 0 : 2);
}

bool TimelinePage::chartsVisible() const
{
    return m_chartChoice->currentIndex() < 2;
}

void TimelinePage::setOverview(const std::shared_ptr<const TimelineOverview>& overview, bool keepView)
{
    m_timeline->setOverview(overview, keepView);
    m_workloadsChart->setOverview(overview);
    m_instancesChart->setOverview(overview);
    alignCharts();
    if (!overview || overview->empty()) {
        m_laneCount->clear();
        m_period->setRecorded(std::nullopt, std::nullopt);
        return;
    }
    m_period->setRecorded(overview->first, overview->last);
    int intervals = 0;
    for (const EnvironmentTimeline& e : overview->environments)
        intervals += static_cast<int>(e.intervals.size());
    m_laneCount->setText(tr("%1 lanes · %2 runs").arg(m_timeline->laneModel()->laneCount()).arg(intervals));
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
