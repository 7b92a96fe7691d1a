// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelinedelegate.h"

#include "items/lanemodel.h"
#include "items/laneproxy.h"
#include "theme.h"
#include "timeline/findingactivity.h"
#include "timelineview.h"
#include "timetext.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace tideline::ui {

TimelineDelegate::TimelineDelegate(TimelineView* view)
    : QStyledItemDelegate(view)
    , m_view(view)
{
}

QString TimelineDelegate::versionLabel(const QString& name, const QString& fingerprint)
{
    const qsizetype slash = name.lastIndexOf(QLatin1Char('/'));
    const qsizetype colon = name.lastIndexOf(QLatin1Char(':'));
    const qsizetype at = name.indexOf(QLatin1Char('@'));
    if (colon > slash && colon > 0 && (at < 0 || colon < at))
        return name.mid(colon + 1, at < 0 ? -1 : at - colon - 1);
    return fingerprint.isEmpty() ? QStringLiteral("?") : fingerprint.left(7);
}

QSize TimelineDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setHeight(std::max(s.height(), option.fontMetrics.height() + 8));
    return s;
}

void TimelineDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const QModelIndex source = m_view->laneProxy()->mapToSource(index);
    const bool envRow = source.data(LaneModel::RowKindRole).toInt() == LaneModel::EnvironmentRow;
    const Theme theme = Theme::current();
    if (index.column() != LaneModel::TimelineColumn) {
        QStyleOptionViewItem o = option;
        if (envRow) {
            painter->fillRect(option.rect, theme.environmentBackground);
            o.font.setBold(true);
        }
        QStyledItemDelegate::paint(painter, o, index);
        return;
    }
    painter->save();
    painter->setClipRect(option.rect);
    const bool selected = option.state & QStyle::State_Selected;
    painter->fillRect(option.rect, envRow ? theme.environmentBackground : selected ? option.palette.color(QPalette::AlternateBase) : theme.laneBackground);
    // Hour and day lines behind the bars.
    painter->setPen(theme.grid);
    const TimeScale& s = m_view->scale();
    for (const TimeTick& t : m_view->ticks()) {
        const int x = static_cast<int>(std::lround(s.xOf(t.at)));
        painter->drawLine(x, option.rect.top(), x, option.rect.bottom());
    }
    // Blind spots under everything else of the row: nothing in them can be proven.
    const int envIndex = envRow ? source.row() : static_cast<int>(source.parent().row());
    for (const auto& [from, to] : m_view->shadedIn(envIndex)) {
        const int x1 = static_cast<int>(std::floor(s.xOf(from)));
        const int x2 = static_cast<int>(std::ceil(s.xOf(to)));
        if (x2 < option.rect.left() || x1 > option.rect.right())
            continue;
        const QRect band(x1, option.rect.top(), std::max(1, x2 - x1), option.rect.height());
        painter->fillRect(band, theme.blindSpot);
        painter->fillRect(band, QBrush(theme.hatch, Qt::FDiagPattern));
    }
    if (envRow)
        paintEnvironment(painter, option.rect, source);
    else
        paintLane(painter, option.rect, source);
    painter->restore();
}

void TimelineDelegate::paintEnvironment(QPainter* p, const QRect& rect, const QModelIndex& source) const
{
    const EnvironmentTimeline* env = m_view->laneModel()->environment(source);
    if (!env)
        return;
    const TimeScale& s = m_view->scale();
    const Theme theme = Theme::current();
    const auto& snaps = env->snapshots;
    const Millis t0 = s.timeAt(rect.left() - 2);
    const Millis t1 = s.timeAt(rect.right() + 2);
    auto it = std::lower_bound(snaps.begin(), snaps.end(), t0, [](const Snapshot& sn, Millis t) { return sn.takenAt < t; });
    const int top = rect.top() + rect.height() / 4;
    const int bottom = rect.bottom() - rect.height() / 5;
    p->setPen(QPen(theme.mark, 1));
    p->setRenderHint(QPainter::Antialiasing, false); // straight lines only
    int lastX = std::numeric_limits<int>::min();
    for (; it != snaps.end() && it->takenAt <= t1; ++it) {
        const int x = static_cast<int>(std::lround(s.xOf(it->takenAt)));
        if (x == lastX)
            continue; // one mark per pixel column
        lastX = x;
        p->drawLine(x, top, x, bottom);
    }
    // Picked snapshots: the mark made strong, and a small flag with the pick's letter in the row's top quarter, above
    // the marks (whose lines start below it), so that it hides none of its neighbours. The snapshot's number is in the
    // diff's title and the mark's tooltip.
    const int envIndex = source.row();
    QFont small = m_view->font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.8));
    small.setBold(true);
    const QFontMetrics fm(small);
    p->setFont(small);
    for (const auto& [pick, color, letter] : { std::tuple { m_view->pickA(), theme.pickA, QStringLiteral("A") },
             std::tuple { m_view->pickB(), theme.pickB, QStringLiteral("B") } }) {
        if (pick.environment != envIndex || !pick.valid())
            continue;
        const Snapshot& sn = snaps[static_cast<size_t>(pick.snapshot)];
        const int x = static_cast<int>(std::lround(s.xOf(sn.takenAt)));
        const int h = std::min(fm.height(), top - rect.top() + fm.height() / 2);
        const QRect box(x + 2, rect.top(), fm.horizontalAdvance(letter) + 4, h);
        p->fillRect(QRect(x - 1, rect.top() + 1, 3, rect.height() - 2), color);
        p->fillRect(box, color);
        p->setPen(Theme::onColour(color));
        p->drawText(box, Qt::AlignCenter, letter);
    }
}

void TimelineDelegate::paintLane(QPainter* p, const QRect& rect, const QModelIndex& source) const
{
    const LaneModel::Lane* lane = m_view->laneModel()->lane(source);
    if (!lane)
        return;
    const int envIndex = lane->environment;
    const TimeScale& s = m_view->scale();
    const Theme theme = Theme::current();
    const Millis t0 = s.timeAt(rect.left() - 2);
    const Millis t1 = s.timeAt(rect.right() + 2);
    const auto& ivs = lane->intervals;
    // Intervals are sorted by start; none that starts before t0 - longest can reach into view.
    auto it = std::lower_bound(ivs.begin(), ivs.end(), t0 - lane->longest, [](const RunInterval& iv, Millis t) { return iv.from < t; });
    const int top = rect.top() + 3;
    const int height = rect.height() - 6;
    const QFontMetrics fm(m_view->font());
    p->setFont(m_view->font());
    p->setRenderHint(QPainter::Antialiasing, false);
    int coveredTo = std::numeric_limits<int>::min(); // rightmost pixel already filled by a sliver
    for (; it != ivs.end() && it->from <= t1; ++it) {
        if (it->to < t0)
            continue;
        const double fx1 = std::max<double>(s.xOf(it->from), rect.left() - 1);
        const double fx2 = std::min<double>(s.xOf(it->to), rect.right() + 1);
        int x1 = static_cast<int>(std::floor(fx1));
        int x2 = static_cast<int>(std::ceil(fx2));
        if (x2 - x1 < 1)
            x2 = x1 + 1;
        if (x2 - x1 == 1 && x1 <= coveredTo)
            continue; // a sliver where one already is
        const bool unknown = it->fingerprint.isEmpty();
        const QRect bar(x1, top, x2 - x1, height);
        p->fillRect(bar, unknown ? theme.unknown : theme.known);
        // Where a finding held, a red band runs along the bar's foot: the exposure, not the whole run, and
        // the bar keeps saying whether its fingerprint is known.
        const int band = std::max(3, height / 3);
        for (const TimelineView::FlaggedWindow& f : m_view->flaggedIn(envIndex, workloadKey(*it))) {
            if (f.to <= it->from || f.from >= it->to)
                continue;
            const int fx1 = std::max(x1, static_cast<int>(std::floor(s.xOf(std::max(f.from, it->from)))));
            const int fx2 = std::min(x2, static_cast<int>(std::ceil(s.xOf(std::min(f.to, it->to)))));
            if (fx2 > fx1 || (fx2 == fx1 && bar.width() == 1))
                p->fillRect(QRect(fx1, top + height - band, std::max(1, fx2 - fx1), band), theme.flagColour(f.disposition, f.suppressed));
        }
        if (unknown && bar.width() > 3)
            p->fillRect(bar, QBrush(theme.laneBackground, Qt::BDiagPattern));
        if (bar.width() > 3) {
            // A hairline at each start: a new version of the same workload reads as a new bar.
            p->fillRect(QRect(x1, top, 1, height), theme.laneBackground);
        }
        coveredTo = std::max(coveredTo, x2 - 1);
        if (bar.width() > 24) {
            const QString label = versionLabel(it->name, it->fingerprint);
            if (fm.horizontalAdvance(label) + 8 <= bar.width()) {
                p->setPen(Theme::onColour(unknown ? theme.unknown : theme.known));
                p->drawText(bar.adjusted(4, 0, -2, 0), Qt::AlignVCenter | Qt::AlignLeft, label);
            }
        }
    }
}

bool TimelineDelegate::helpEvent(QHelpEvent* event, QAbstractItemView* view, const QStyleOptionViewItem& option, const QModelIndex& index)
{
    if (event->type() != QEvent::ToolTip || index.column() != LaneModel::TimelineColumn)
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const QModelIndex source = m_view->laneProxy()->mapToSource(index);
    const TimeScale& s = m_view->scale();
    const Millis at = s.timeAt(event->pos().x());
    const Millis slack = static_cast<Millis>(std::ceil(s.msPerPixel() * 2));
    QString tip;
    if (const LaneModel::Lane* lane = m_view->laneModel()->lane(source)) {
        QStringList parts;
        for (const RunInterval& iv : lane->intervals) {
            if (iv.from - slack > at || iv.to + slack < at)
                continue;
            parts << tr("<b>%1</b><br>%2<br>%3 (%4)<br>snapshots #%5–#%6, up to %7%8<br><i>double-click: its finding or evidence · right-click: more</i>")
                         .arg(iv.name.toHtmlEscaped(),
                             iv.fingerprint.isEmpty() ? tr("<i>unknown fingerprint</i>") : QStringLiteral("sha256:") + iv.fingerprint,
                             utcRange(iv.from, iv.to), timefmt::formatDuration(iv.duration()))
                         .arg(iv.firstSnapshot)
                         .arg(iv.lastSnapshot)
                         .arg(iv.maxInstances == 1 ? tr("1 instance") : tr("%1 instances").arg(iv.maxInstances))
                         .arg(iv.ongoing ? tr(", still running") : QString());
            for (const TimelineView::FlaggedWindow& f : m_view->flaggedIn(lane->environment, workloadKey(iv)))
                if (f.from - slack <= at && f.to + slack >= at)
                    parts.last() += QStringLiteral("<br><span style='color:%1'>■</span> %2").arg(Theme::current().flagColour(f.disposition, f.suppressed).name(), f.why.toHtmlEscaped());
            if (parts.size() >= 3)
                break;
        }
        tip = parts.join(QStringLiteral("<hr>"));
    } else if (const EnvironmentTimeline* env = m_view->laneModel()->environment(source)) {
        const auto& snaps = env->snapshots;
        auto it = std::upper_bound(snaps.begin(), snaps.end(), at, [](Millis t, const Snapshot& sn) { return t < sn.takenAt; });
        if (it != snaps.begin()) {
            const Snapshot& sn = *(it - 1);
            tip = tr("<b>%1 #%2</b><br>taken %3<br>confirmed until %4<br>%5 workloads, %6 instances<br><i>click a mark to pick it; pick two for a diff</i>")
                      .arg(env->environment.name.toHtmlEscaped())
                      .arg(sn.index)
                      .arg(utcText(sn.takenAt), utcText(sn.confirmedUntil))
                      .arg(sn.workloads)
                      .arg(sn.instances);
        }
    }
    if (const EnvironmentTimeline* env = m_view->laneModel()->environment(source)) {
        for (const TimelineView::ShadedSpan& span : m_view->shadedSpans())
            if (span.environment == env->environment.name && at >= std::min(span.from, span.to) && at <= std::max(span.from, span.to))
                tip = tr("<b>Blind spot</b> %1%2").arg(utcRange(span.from, span.to),
                          span.why.isEmpty() ? QString() : QStringLiteral("<br>") + span.why.toHtmlEscaped())
                    + (tip.isEmpty() ? QString() : QStringLiteral("<hr>") + tip);
    }
    if (tip.isEmpty()) {
        QToolTip::hideText();
        return true;
    }
    QToolTip::showText(event->globalPos(), tip, view);
    return true;
}

} // namespace tideline::ui
