// SPDX-License-Identifier: GPL-3.0-or-later
#include "packfigures.h"

#include "activitychart.h"
#include "pack/pack.h"
#include "pdfdocument.h"
#include "theme.h"
#include "timeline/overview.h"
#include "timelineview.h"

#include <QApplication>
#include <QHeaderView>
#include <QPainter>
#include <QScrollBar>
#include <QVBoxLayout>

#include <algorithm>

namespace tideline::ui {

namespace {

constexpr int kWidth = 860; // widget pixels across the text column: 9 pt widget text prints at 7 pt on A4
constexpr int kChartHeight = 150;
constexpr int kRowsPerPart = 28; // timeline rows per figure: a part fits a page with its caption

} // namespace

// Paper: white, dark text, the window's light colours for everything it draws.
QPalette packPaperPalette()
{
    QPalette p(QColor(0xee, 0xf1, 0xf5));
    const QColor ink(0x1d, 0x1f, 0x23);
    for (auto role : { QPalette::Window, QPalette::Base })
        p.setColor(role, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xf6, 0xf7, 0xf9));
    for (auto role : { QPalette::Text, QPalette::WindowText, QPalette::ButtonText })
        p.setColor(role, ink);
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xb5));
    p.setColor(QPalette::HighlightedText, Qt::white);
    return p;
}

namespace {

PackFigure record(QWidget& widget, const QString& caption)
{
    // The charts lay out their axes (which labels fit) on a posted layout request: let that happen first.
    // Only layout requests: nothing else of the window runs meanwhile.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    PackFigure f;
    QPainter p(&f.picture);
    widget.render(&p, QPoint(), QRegion(), QWidget::DrawWindowBackground | QWidget::DrawChildren);
    p.end();
    f.size = widget.size();
    f.caption = caption;
    return f;
}

// A host window for the widgets, shown nowhere: showing it lays everything out as on screen.
struct Host {
    QWidget widget;
    QVBoxLayout* layout;
    explicit Host(const QFont& font)
        : layout(new QVBoxLayout(&widget))
    {
        widget.setAttribute(Qt::WA_DontShowOnScreen);
        widget.setPalette(packPaperPalette());
        widget.setAutoFillBackground(true);
        widget.setFont(font);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(0);
        // No size constraints on the window: the offscreen platform would warn that it cannot pass them on.
        layout->setSizeConstraint(QLayout::SetNoConstraint);
    }
};

TimelineView* newTimeline(QWidget* parent, std::shared_ptr<const TimelineOverview> overview, std::vector<TimelineView::ShadedSpan> spans,
    std::vector<TimelineView::FlaggedWindow> flagged = {})
{
    auto* view = new TimelineView(parent);
    view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // On paper nothing expands or collapses; and styles draw branch arrows and header sections from
    // cached pixmaps, which would land in the PDF as pictures: plain vectors instead.
    view->setRootIsDecorated(false);
    view->header()->setStyleSheet(
        QStringLiteral("QHeaderView::section { background: #eef1f5; color: #1d1f23; border: none; "
                       "border-bottom: 1px solid #c9ced6; padding-left: 4px; }"));
    view->setFocusPolicy(Qt::NoFocus);
    view->setOverview(std::move(overview));
    view->setShadedSpans(std::move(spans));
    view->setFlaggedWindows(std::move(flagged));
    return view;
}

ActivityChart* newChart(
    QWidget* parent, ActivityMeasure measure, const QString& title, std::shared_ptr<const TimelineOverview> overview)
{
    auto* chart = new ActivityChart(measure, title, parent);
    chart->setFixedHeight(kChartHeight);
    chart->setOverview(std::move(overview));
    return chart;
}

// The charts' plots over exactly the pixels of the timeline column, as in the window.
void align(QWidget& host, TimelineView* view, const std::vector<ActivityChart*>& charts, Millis start, Millis end)
{
    view->setTimeRange(start, end);
    for (ActivityChart* chart : charts) {
        TimeScale local = view->scale();
        local.left += view->viewport()->mapTo(&host, QPoint(0, 0)).x() - chart->mapTo(&host, QPoint(0, 0)).x();
        chart->setScale(local);
    }
}

int rowHeight(TimelineView* view)
{
    const QModelIndex first = view->model()->index(0, 0);
    const int h = first.isValid() ? view->visualRect(first).height() : 0;
    return h > 0 ? h : view->fontMetrics().height() + 8;
}

} // namespace

PackFigures drawPackFigures(const PackContent& c, const QString& fontFamily)
{
    PackFigures figures;
    if (!c.overview || c.overview->empty()) return figures;
    // The pack is printed on white, whatever the window looks like.
    const ScopedTheme paper(packPaperPalette());
    QFont font(fontFamily);
    font.setPointSizeF(9.0);
    PdfDocument::noLigatures(font);

    // The period the charts show: the scope, within what was recorded.
    const TimelineOverview& all = *c.overview;
    const Millis start = std::max(c.scope.from.value_or(all.first), all.first);
    const Millis end = std::min(c.scope.to.value_or(all.last), all.last);
    if (end <= start) return figures;

    std::map<QString, std::vector<TimelineView::ShadedSpan>> spans;
    for (const Finding& f : c.check.findings)
        if (f.kind == FindingKind::BlindSpot)
            for (const ExposureWindow& w : f.windows)
                spans[f.environment].push_back(
                    { f.environment, w.from, w.to, QStringLiteral("%1 (%2)").arg(f.id, dispositionName(f.disposition)) });
    std::vector<TimelineView::ShadedSpan> allSpans;
    for (const auto& [env, list] : spans)
        allSpans.insert(allSpans.end(), list.begin(), list.end());
    // Every other finding's exposure along the foot of its workload's bars, in its disposition's colour: as the
    // window draws it.
    std::map<QString, std::vector<TimelineView::FlaggedWindow>> flags;
    for (const Finding& f : c.check.findings)
        if (f.kind != FindingKind::BlindSpot)
            for (const ExposureWindow& w : f.windows)
                flags[f.environment].push_back({ f.environment, workloadKey(f), w.from, w.to, f.disposition,
                    QStringLiteral("%1 %2 (%3)").arg(f.id, findingKindName(f.kind), dispositionName(f.disposition)), f.id });

    {
        // The summary: running workloads and instances over every environment in scope, above the
        // environments' snapshot marks with their blind spots.
        Host host(font);
        ActivityChart* workloads = newChart(&host.widget, ActivityMeasure::Workloads,
            QObject::tr("Running workloads, every environment in scope"), c.overview);
        ActivityChart* instances
            = newChart(&host.widget, ActivityMeasure::Instances, QObject::tr("Running instances"), c.overview);
        TimelineView* view = newTimeline(&host.widget, c.overview, allSpans);
        view->collapseAll();
        host.layout->addWidget(workloads);
        host.layout->addWidget(instances);
        host.layout->addWidget(view);
        const int rows = static_cast<int>(all.environments.size());
        host.widget.resize(kWidth, 2 * kChartHeight + view->header()->sizeHint().height() + rows * rowHeight(view));
        host.widget.show();
        host.widget.resize(kWidth, 2 * kChartHeight + view->header()->sizeHint().height() + rows * rowHeight(view));
        align(host.widget, view, { workloads, instances }, start, end);
        figures.summary.push_back(record(host.widget,
            QObject::tr("Running workloads and instances in every environment in scope (blue: known fingerprint; "
                        "orange: none), over "
                        "the environments' snapshots (one mark each; hatched: blind spots).")));
        host.widget.hide();
    }

    for (const EnvironmentTimeline& env : all.environments) {
        if (env.snapshots.empty()) continue;
        auto one = std::make_shared<TimelineOverview>();
        one->environments = { env };
        one->activity = env.activity;
        one->first = env.snapshots.front().takenAt;
        one->last = env.snapshots.back().confirmedUntil;
        const Millis from = std::max(start, one->first), to = std::min(end, one->last);
        if (to <= from) continue;
        const QString name = env.environment.name;
        Host host(font);
        ActivityChart* workloads
            = newChart(&host.widget, ActivityMeasure::Workloads, QObject::tr("Running workloads in %1").arg(name), one);
        TimelineView* view = newTimeline(&host.widget, one, spans[name], flags[name]);
        host.layout->addWidget(workloads);
        host.layout->addWidget(view);
        int rows = 0;
        for (QModelIndex i = view->model()->index(0, 0); i.isValid(); i = view->indexBelow(i))
            ++rows;
        const int rowH = rowHeight(view);
        const int headerH = view->header()->sizeHint().height();
        const int parts = std::max(1, (rows + kRowsPerPart - 1) / kRowsPerPart);
        const int firstRows = std::min(rows, kRowsPerPart);
        // Exactly the rows shown: a view draws a row that starts inside it whole, past its edge, and a
        // recorded picture keeps that.
        host.widget.resize(kWidth, kChartHeight + headerH + firstRows * rowH);
        host.widget.show();
        host.widget.resize(kWidth, kChartHeight + headerH + firstRows * rowH);
        align(host.widget, view, { workloads }, from, to);
        std::vector<PackFigure>& out = figures.environments[name];
        const QString what = QObject::tr(
            "Workloads running in %1 (top), and when each ran (bars: blue with a fingerprint, orange hatched "
            "without; the band along a bar's foot: a finding's exposure, in its disposition's colour (red open, purple "
            "escalated, amber accepted risk, grey false positive, green remediated); marks: snapshots; hatched bands: "
            "blind spots)")
                                 .arg(name);
        out.push_back(record(host.widget,
            parts > 1 ? QString(what + QObject::tr(", part 1 of %1.").arg(parts)) : QString(what + QLatin1Char('.'))));
        for (int part = 1; part < parts; ++part) {
            const int shown = std::min(kRowsPerPart, rows - part * kRowsPerPart);
            view->resize(kWidth, headerH + shown * rowH);
            view->verticalScrollBar()->setValue(part * kRowsPerPart * rowH);
            out.push_back(record(
                *view, QObject::tr("When each workload ran in %1, part %2 of %3.").arg(name).arg(part + 1).arg(parts)));
        }
        host.widget.hide();
    }
    return figures;
}

} // namespace tideline::ui
