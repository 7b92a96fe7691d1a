// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeaxisheader.h"

#include "items/lanemodel.h"
#include "theme.h"
#include "timelineview.h"
#include "timetext.h"

#include <QDateTime>
#include <QPainter>

#include <cmath>
#include <limits>

namespace tideline::ui {

namespace {

constexpr Millis kDay = 24LL * 3600 * 1000;

QDateTime utc(Millis t)
{
    return QDateTime::fromMSecsSinceEpoch(t, Qt::UTC);
}

// Places labels centred on the x they name, inside [left, right], each clear of the one before; a label that
// cannot be placed whole is left out rather than cut.
class Row {
public:
    Row(QPainter* p, const QFontMetrics& fm, int left, int right, int baseline, std::vector<TimeAxisHeader::Label>& out, bool top)
        : m_out(out)
        , m_top(top)
        , m_p(p)
        , m_fm(fm)
        , m_left(left)
        , m_right(right)
        , m_baseline(baseline)
        , m_taken(std::numeric_limits<int>::min() / 2)
    {
    }
    bool place(int x, const QString& text, bool leftAligned = false)
    {
        const int w = m_fm.horizontalAdvance(text);
        int at = leftAligned ? x : x - w / 2;
        // Near an edge the label slides inwards, still over its tick (which stays within it).
        at = std::clamp(at, m_left, m_right - w);
        if (at <= m_taken + m_fm.averageCharWidth() || at + w > m_right || x < m_left || x > m_right)
            return false;
        m_p->drawText(QPoint(at, m_baseline), text);
        m_taken = at + w;
        m_out.push_back({ x, QRect(at, m_baseline - m_fm.ascent(), w, m_fm.height()), text, m_top, leftAligned });
        return true;
    }
    int taken() const { return m_taken; }

private:
    std::vector<TimeAxisHeader::Label>& m_out;
    bool m_top;
    QPainter* m_p;
    const QFontMetrics& m_fm;
    int m_left, m_right, m_baseline, m_taken;
};

} // namespace

QString TimeAxisHeader::utcNote()
{
    return tr("times in UTC");
}

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
    const Theme theme = Theme::current();
    const QFontMetrics fm = fontMetrics();
    if (logicalIndex != LaneModel::TimelineColumn) {
        // The base leaves the painter translated and clipped to the label it drew: kept apart from what follows.
        painter->save();
        QHeaderView::paintSection(painter, rect, logicalIndex);
        painter->restore();
        // Every time on this axis, and in the window, is UTC: said where the eye starts reading the axis.
        painter->save();
        painter->setPen(theme.mutedText);
        painter->drawText(rect.adjusted(4, 3, -6, 0), Qt::AlignRight | Qt::AlignTop, utcNote());
        painter->restore();
        return;
    }
    painter->save();
    m_labels.clear();
    painter->fillRect(rect, palette().color(QPalette::Button));
    painter->setClipRect(rect);
    const TimeScale& s = m_view->scale();
    const int mid = rect.top() + fm.height() + 4;
    const int topBaseline = rect.top() + fm.ascent() + 3;
    const int bottomBaseline = mid + fm.ascent();
    const int left = rect.left() + 2, right = rect.right() - 2;
    painter->setPen(theme.grid);
    painter->drawLine(rect.left(), rect.bottom(), rect.right(), rect.bottom());
    const std::vector<TimeTick>& ticks = m_view->ticks();
    const Millis step = ticks.size() >= 2 ? ticks[1].at - ticks[0].at : kDay;
    const bool daily = step >= kDay;
    const QColor ink = palette().color(QPalette::ButtonText);

    // Tick marks, and below, each tick's own label centred under... over it: the label names the line under it.
    QFont bold = font();
    bold.setBold(true);
    Row bottom(painter, fm, left, right, bottomBaseline, m_labels, false);
    for (const TimeTick& t : ticks) {
        const int x = static_cast<int>(std::lround(s.xOf(t.at)));
        painter->setPen(t.major ? ink : theme.mutedText);
        painter->drawLine(x, bottomBaseline + fm.descent(), x, rect.bottom());
        const QDateTime d = utc(t.at);
        const QString label = daily ? d.toString(QStringLiteral("MM-dd"))
            : step >= 60000        ? d.toString(QStringLiteral("HH:mm"))
                                   : d.toString(QStringLiteral("HH:mm:ss"));
        painter->setPen(ink);
        bottom.place(x, label);
    }

    // The top row gives the context the bottom row leaves out: the date of each day boundary (hours below), or
    // the month of each month boundary (days below), over the tick it names; where none is in view, the date or
    // month at the left edge.
    painter->setFont(bold);
    const QFontMetrics bfm(bold);
    Row top(painter, bfm, left, right, topBaseline, m_labels, true);
    const QString contextFormat = daily ? QStringLiteral("yyyy-MM") : QStringLiteral("yyyy-MM-dd");
    std::vector<std::pair<int, QString>> boundaries;
    for (const TimeTick& t : ticks) {
        const QDateTime d = utc(t.at);
        const bool boundary = daily ? d.date().day() == 1 && d.time() == QTime(0, 0) : t.at % kDay == 0;
        if (boundary)
            boundaries.emplace_back(static_cast<int>(std::lround(s.xOf(t.at))), d.toString(contextFormat));
    }
    // Named by the time at the end of where it stands: a boundary just inside the edge must not be misnamed by the
    // day (or month) that ends there.
    const int contextWidth = bfm.horizontalAdvance(QStringLiteral("0000-00-00"));
    const QString leftContext = utc(s.timeAt(left + contextWidth)).toString(contextFormat);
    if (boundaries.empty() || boundaries.front().first - left > bfm.horizontalAdvance(leftContext) * 3 / 2 + bfm.averageCharWidth() * 2)
        top.place(left, leftContext, true);
    for (const auto& [x, text] : boundaries) {
        painter->setPen(ink);
        painter->drawLine(x, topBaseline + bfm.descent(), x, mid);
        top.place(x, text);
    }
    painter->setFont(font());

    // The time under the mouse, then the cursor's, over the top row: in full, so that it can be read off.
    auto box = [&](Millis at, const QColor& fill, const QColor& text) {
        const int x = static_cast<int>(std::lround(s.xOf(at)));
        if (x < rect.left() || x > rect.right())
            return;
        const QString label = utcText(at);
        const int w = fm.horizontalAdvance(label) + 8;
        const int bx = std::clamp(x - w / 2, rect.left(), rect.right() - w);
        const QRect r(bx, rect.top() + 1, w, fm.height() + 4);
        painter->fillRect(r, fill);
        painter->setPen(text);
        painter->drawText(r, Qt::AlignCenter, label);
    };
    if (auto h = m_view->hoverTime(); h && h != m_view->timeCursor())
        box(*h, palette().color(QPalette::ToolTipBase), palette().color(QPalette::ToolTipText));
    if (auto c = m_view->timeCursor())
        box(*c, theme.cursor, Theme::onColour(theme.cursor));
    painter->restore();
}

} // namespace tideline::ui
