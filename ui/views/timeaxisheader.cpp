// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeaxisheader.h"

#include "items/lanemodel.h"
#include "theme.h"
#include "timelineview.h"

#include <QDateTime>
#include <QPainter>

#include <cmath>

namespace tideline::ui {

TimeAxisHeader::TimeAxisHeader(TimelineView* view)
    : QHeaderView(Qt::Horizontal, view)
    , m_view(view)
{
    setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    setHighlightSections(false);
    setSectionsClickable(false);
}

QSize TimeAxisHeader::sizeHint() const
{
    QSize s = QHeaderView::sizeHint();
    s.setHeight(std::max(s.height(), fontMetrics().height() * 2 + 10));
    return s;
}

void TimeAxisHeader::paintSection(QPainter* painter, const QRect& rect, int logicalIndex) const
{
    if (logicalIndex != LaneModel::TimelineColumn) {
        QHeaderView::paintSection(painter, rect, logicalIndex);
        return;
    }
    const Theme theme = Theme::current();
    painter->save();
    painter->fillRect(rect, palette().color(QPalette::Button));
    painter->setClipRect(rect);
    const TimeScale& s = m_view->scale();
    const QFontMetrics fm = fontMetrics();
    const int mid = rect.top() + fm.height() + 4;
    painter->setPen(theme.grid);
    painter->drawLine(rect.left(), rect.bottom(), rect.right(), rect.bottom());
    // Top row: the date at the left edge, and every day boundary in view.
    QFont bold = font();
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(palette().color(QPalette::ButtonText));
    const QString leftDate = QDateTime::fromMSecsSinceEpoch(s.start, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd"));
    int leftDateEnd = static_cast<int>(s.left) + QFontMetrics(bold).horizontalAdvance(leftDate) + 12;
    painter->drawText(QPoint(static_cast<int>(s.left), rect.top() + fm.ascent() + 3), leftDate);
    painter->setFont(font());
    for (const TimeTick& t : m_view->ticks()) {
        const int x = static_cast<int>(std::lround(s.xOf(t.at)));
        painter->setPen(t.major ? palette().color(QPalette::ButtonText) : theme.mutedText);
        painter->drawLine(x, mid, x, rect.bottom());
        painter->setPen(palette().color(QPalette::ButtonText));
        if (t.at % (24 * 3600 * 1000) == 0 && x > leftDateEnd) {
            painter->setFont(bold);
            painter->drawText(QPoint(x + 3, rect.top() + fm.ascent() + 3), t.label);
            painter->setFont(font());
        }
        painter->drawText(QPoint(x + 3, mid + fm.ascent()), t.label.size() > 8 ? t.label.mid(5) : t.label);
    }
    if (auto c = m_view->timeCursor()) {
        const int x = static_cast<int>(std::lround(s.xOf(*c)));
        const QString text = timefmt::formatIso(*c).replace(QLatin1Char('T'), QLatin1Char(' '));
        const QRect box(x - fm.horizontalAdvance(text) / 2 - 4, rect.top() + 1, fm.horizontalAdvance(text) + 8, fm.height() + 4);
        painter->fillRect(box, theme.cursor);
        painter->setPen(Qt::white);
        painter->drawText(box, Qt::AlignCenter, text);
    }
    painter->restore();
}

} // namespace tideline::ui
