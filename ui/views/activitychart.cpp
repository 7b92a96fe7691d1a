// SPDX-License-Identifier: GPL-3.0-or-later
#include "activitychart.h"

#include "theme.h"

#include <QAreaSeries>
#include <QGraphicsLayout>
#include <QLabel>
#include <QLineSeries>
#include <QMouseEvent>
#include <QValueAxis>

#include <cmath>

namespace tideline::ui {

ActivityChart::ActivityChart(ActivityMeasure measure, const QString& title, QWidget* parent)
    : QChartView(parent)
    , m_measure(measure)
    , m_title(title)
    , m_chart(new QChart)
{
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->legend()->hide();
    m_chart->setBackgroundRoundness(0);
    m_chart->setMargins(QMargins(0, 0, 0, 0));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_x = new QValueAxis(m_chart);
    m_x->setLabelsVisible(false);
    m_x->setGridLineVisible(false);
    m_x->setLineVisible(false);
    m_x->setTickCount(2);
    m_x->setTitleVisible(false);
    m_x->setVisible(false); // the timeline's header is the time axis
    m_y = new QValueAxis(m_chart);
    m_y->setLabelFormat(QStringLiteral("%d"));
    m_y->setTickCount(3);
    m_y->setLineVisible(false);
    m_y->setTitleVisible(false);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    setChart(m_chart);
    setRenderHint(QPainter::Antialiasing, false);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // A pan or zoom changes the whole plot: one full repaint is cheaper than tracking dirty regions.
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
    setOptimizationFlags(QGraphicsView::DontSavePainterState | QGraphicsView::DontAdjustForAntialiasing);
    m_legend = new QLabel(this);
    m_legend->setTextFormat(Qt::RichText);
    m_legend->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_legend->setAutoFillBackground(false);
    m_legend->setAttribute(Qt::WA_TranslucentBackground);
    setMinimumHeight(fontMetrics().height() * 5);
    setCategories(activityCategories());
}

void ActivityChart::setCategories(const QStringList& categories)
{
    if (categories == m_categories)
        return;
    // Each area owns its upper line, which is the lower line of the next: take them all out of the
    // chart, then delete from the top down so that no area outlives the line it stands on.
    for (QAreaSeries* area : m_areas)
        m_chart->removeSeries(area);
    for (auto it = m_areas.rbegin(); it != m_areas.rend(); ++it)
        delete *it;
    m_areas.clear();
    m_lines.clear();
    m_categories = categories;
    for (int c = 0; c < categories.size(); ++c) {
        auto* upper = new QLineSeries;
        m_lines.push_back(upper);
        auto* area = new QAreaSeries(upper, c > 0 ? m_lines[static_cast<size_t>(c - 1)] : nullptr);
        upper->setParent(area);
        area->setName(categories[c]);
        m_chart->addSeries(area);
        area->attachAxis(m_x);
        area->attachAxis(m_y);
        m_areas.push_back(area);
    }
    applyColours();
}

void ActivityChart::setSeries(std::shared_ptr<const ActivitySeries> series)
{
    m_series = std::move(series);
    rebuild();
}

void ActivityChart::applyColours()
{
    const Theme theme = Theme::current();
    const QPalette pal = palette();
    // The chart blends with the window; its plot area is framed like a view. Qt Charts' own plot area
    // background keeps the geometry it had before setPlotArea() (drawn as a stray box), so
    // drawBackground() paints it instead.
    m_chart->setBackgroundVisible(false);
    m_chart->setPlotAreaBackgroundVisible(false);
    setBackgroundBrush(pal.color(QPalette::Window));
    // Each category in the colour the timeline gives the same thing.
    auto colour = [&theme](const QString& category) {
        if (category == QLatin1String("unknown fingerprint"))
            return theme.unknown;
        if (category == QLatin1String("suppressed by VEX"))
            return theme.flagColour(Disposition::Open, true);
        if (const auto d = dispositionFromName(category))
            return theme.disposition(*d);
        return theme.known;
    };
    for (size_t c = 0; c < m_areas.size(); ++c) {
        // Fills only: an outline would draw an empty category as a line along the top of the stack.
        QColor fill = colour(m_categories[static_cast<int>(c)]);
        fill.setAlpha(theme.dark ? 190 : 175);
        m_areas[c]->setBrush(fill);
        m_areas[c]->setPen(Qt::NoPen);
    }
    m_y->setLabelsBrush(pal.color(QPalette::Text));
    QFont small = font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.85));
    m_y->setLabelsFont(small);
    m_y->setGridLineColor(theme.grid);
    QString legend = QStringLiteral("<b>%1</b>").arg(m_title.toHtmlEscaped());
    for (int c = static_cast<int>(m_categories.size()) - 1; c >= 0; --c)
        legend += QStringLiteral("&nbsp;&nbsp;<span style='color:%1'>■</span>&nbsp;%2")
                      .arg(colour(m_categories[c]).name(), QString(m_categories[c]).replace(QLatin1Char('-'), QLatin1Char(' ')).toHtmlEscaped());
    m_legend->setText(legend);
    m_legend->setPalette(pal);
    m_legend->adjustSize();

}

void ActivityChart::setOverview(std::shared_ptr<const TimelineOverview> overview)
{
    m_overview = std::move(overview);
    rebuild();
}

void ActivityChart::setScale(const TimeScale& scale)
{
    m_scale = scale;
    layoutPlot();
    rebuild();
}

void ActivityChart::setTimeCursor(std::optional<Millis> at)
{
    m_cursor = at;
    scene()->update();
}

int ActivityChart::pointCount() const
{
    int n = 0;
    for (const QLineSeries* s : m_lines)
        n += static_cast<int>(s->count());
    return n;
}

void ActivityChart::layoutPlot()
{
    // The legend sits above the plot; the top axis label needs half a line of room under it.
    const int top = m_legend->sizeHint().height() + fontMetrics().height() / 2 + 2;
    m_legend->move(4, 2);
    const QRectF plot(m_scale.left, top, std::max(1.0, m_scale.width), std::max(1, height() - top - fontMetrics().height() / 2));
    if (m_chart->plotArea() != plot)
        m_chart->setPlotArea(plot);
}

void ActivityChart::rebuild()
{
    if (!m_overview || m_overview->empty() || m_scale.width < 1) {
        for (QLineSeries* s : m_lines)
            s->clear();
        m_y->setRange(0, 1);
        return;
    }
    const ActivitySeries& series = m_series ? *m_series : m_overview->activity;
    setCategories(series.categories);
    const int buckets = std::max(1, static_cast<int>(std::ceil(m_scale.width)));
    const StackedSteps steps = downsampleStacked(series, m_measure, m_scale.start, m_scale.end, buckets);
    for (size_t c = 0; c < m_lines.size() && c < steps.levels.size(); ++c)
        m_lines[c]->replace(QList<QPointF>(steps.levels[c].begin(), steps.levels[c].end()));
    m_x->setRange(static_cast<double>(m_scale.start), static_cast<double>(m_scale.end));
    // Two round steps up from zero keep the axis labels whole and steady while panning (more labels do
    // not fit a chart this low: Qt Charts elides them).
    const double wanted = std::max(1.0, steps.maxY / 2);
    const double magnitude = std::pow(10.0, std::floor(std::log10(wanted)));
    double step = 10 * magnitude;
    for (double m : { 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.5, 8.0 })
        if (m * magnitude >= wanted) {
            step = m * magnitude;
            break;
        }
    step = std::max(1.0, std::ceil(step));
    const double top = 2 * step;
    if (m_y->max() != top || m_y->min() != 0)
        m_y->setRange(0, top);
}

void ActivityChart::resizeEvent(QResizeEvent* event)
{
    QChartView::resizeEvent(event);
    layoutPlot();
}

void ActivityChart::changeEvent(QEvent* event)
{
    QChartView::changeEvent(event);
    if (isThemeChange(event) || event->type() == QEvent::FontChange)
        applyColours();
}

void ActivityChart::mousePressEvent(QMouseEvent* event)
{
    const double x = event->position().x();
    if (event->button() == Qt::LeftButton && x >= m_scale.left && x <= m_scale.left + m_scale.width) {
        emit timeClicked(m_scale.timeAt(x));
        event->accept();
        return;
    }
    QChartView::mousePressEvent(event);
}

void ActivityChart::drawBackground(QPainter* painter, const QRectF& rect)
{
    QChartView::drawBackground(painter, rect);
    painter->save();
    painter->setPen(Theme::current().grid);
    painter->setBrush(palette().color(QPalette::Base));
    painter->drawRect(m_chart->plotArea());
    painter->restore();
}

void ActivityChart::drawForeground(QPainter* painter, const QRectF& rect)
{
    QChartView::drawForeground(painter, rect);
    if (!m_cursor)
        return;
    const double x = std::round(m_scale.xOf(*m_cursor)) + 0.5;
    if (x < m_scale.left || x > m_scale.left + m_scale.width)
        return;
    painter->save();
    QPen pen(Theme::current().cursor, 1);
    pen.setCosmetic(true);
    painter->setPen(pen);
    painter->drawLine(QPointF(x, m_chart->plotArea().top()), QPointF(x, m_chart->plotArea().bottom()));
    painter->restore();
}

} // namespace tideline::ui
