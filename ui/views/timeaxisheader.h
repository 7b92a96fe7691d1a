// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHeaderView>

#include <vector>

namespace tideline::ui {

class TimelineView;

// The timeline's header: the time axis (dates above, round UTC ticks below) over the timeline column.
class TimeAxisHeader : public QHeaderView {
    Q_OBJECT
public:
    // A label as last painted: the x it names (its tick) and where it stands.
    struct Label {
        int x = 0;
        QRect rect;
        QString text;
        bool top = false; // the date (or month) row
        bool context = false; // the left edge's date, naming no tick
    };

    explicit TimeAxisHeader(TimelineView* view);
    QSize sizeHint() const override;
    // For tests: every label the last paint placed, and the note that times are UTC.
    const std::vector<Label>& labels() const { return m_labels; }
    static QString utcNote();

protected:
    void paintSection(QPainter* painter, const QRect& rect, int logicalIndex) const override;

private:
    TimelineView* m_view;
    mutable std::vector<Label> m_labels;
};

} // namespace tideline::ui
