// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timeline/downsample.h"
#include "timeline/timescale.h"

#include <QChartView>

#include <memory>
#include <optional>
#include <vector>

class QAreaSeries;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace tideline::ui {

// A small stacked-area chart of counts over time (running workloads, or instances), drawn over exactly the
// same pixels as the timeline column below it. Series are rebuilt for the visible range at two points per
// pixel, so neither the case size nor the zoom changes what Qt Charts has to draw. No OpenGL, no animation.
class ActivityChart : public QChartView {
    Q_OBJECT
public:
    ActivityChart(ActivityMeasure measure, const QString& title, QWidget* parent = nullptr);

    void setOverview(std::shared_ptr<const TimelineOverview> overview);
    // Counts to draw instead of the overview's own (e.g. by what the latest check found); nothing: the
    // overview's, stacked by known and unknown fingerprints.
    void setSeries(std::shared_ptr<const ActivitySeries> series);
    QStringList categories() const { return m_categories; }
    // The time scale of the timeline; its left and width are in this widget's coordinates.
    void setScale(const TimeScale& scale);
    void setTimeCursor(std::optional<Millis> at);
    int pointCount() const; // points handed to Qt Charts (for tests and benchmarks)

signals:
    void timeClicked(tideline::Millis at);

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void drawBackground(QPainter* painter, const QRectF& rect) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;

private:
    void applyColours();
    void setCategories(const QStringList& categories);
    void rebuild();
    void layoutPlot();

    ActivityMeasure m_measure;
    QString m_title;
    QChart* m_chart = nullptr;
    QValueAxis* m_x = nullptr;
    QValueAxis* m_y = nullptr;
    std::vector<QLineSeries*> m_lines;
    std::vector<QAreaSeries*> m_areas;
    QLabel* m_legend = nullptr;
    std::shared_ptr<const TimelineOverview> m_overview;
    std::shared_ptr<const ActivitySeries> m_series;
    QStringList m_categories;
    TimeScale m_scale;
    std::optional<Millis> m_cursor;
};

} // namespace tideline::ui
