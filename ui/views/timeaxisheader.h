// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHeaderView>

namespace tideline::ui {

class TimelineView;

// The timeline's header: the time axis (dates above, round UTC ticks below) over the timeline column.
class TimeAxisHeader : public QHeaderView {
    Q_OBJECT
public:
    explicit TimeAxisHeader(TimelineView* view);
    QSize sizeHint() const override;

protected:
    void paintSection(QPainter* painter, const QRect& rect, int logicalIndex) const override;

private:
    TimelineView* m_view;
};

} // namespace tideline::ui
