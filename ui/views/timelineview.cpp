// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelineview.h"

#include "items/lanemodel.h"
#include "items/laneproxy.h"
#include "theme.h"
#include "timeaxisheader.h"
#include "timelinedelegate.h"

#include <QApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace tideline::ui {

namespace {
constexpr int kPad = 6; // pixels between the column edge and the first instant drawn
constexpr double kWheelStep = 1.25; // zoom per wheel notch

Millis wholeSeconds(Millis t)
{
    return (t + 500) / 1000 * 1000;
}
} // namespace

TimelineView::TimelineView(QWidget* parent)
    : QTreeView(parent)
    , m_model(new LaneModel(this))
    , m_proxy(new LaneProxy(this))
{
    m_proxy->setSourceModel(m_model);
    setModel(m_proxy);
    m_header = new TimeAxisHeader(this);
    setHeader(m_header);
    m_delegate = new TimelineDelegate(this);
    setItemDelegate(m_delegate);
    setUniformRowHeights(true); // lets the view skip measuring thousands of rows
    setRootIsDecorated(true);
    setAllColumnsShowFocus(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setMouseTracking(true);
    setSortingEnabled(false);
    setFrameShape(QFrame::NoFrame);
    header()->setStretchLastSection(true);
    header()->setSectionsMovable(false);
    header()->resizeSection(LaneModel::LabelColumn, fontMetrics().horizontalAdvance(QLatin1Char('x')) * 30);
    m_proxy->sort(0);
    connect(header(), &QHeaderView::sectionResized, this, [this] { updateGeometryOfScale(); });
    connect(m_proxy, &QAbstractItemModel::modelReset, this, [this] { expandAll(); });
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, [this] { expandAll(); });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this] { expandAll(); });
}

TimelineView::~TimelineView() = default;

void TimelineView::setOverview(std::shared_ptr<const TimelineOverview> overview, bool keepView)
{
    const bool had = m_overview && !m_overview->empty();
    const TimeScale previous = m_scale;
    m_overview = std::move(overview);
    m_pickA = m_pickB = {};
    if (!keepView)
        m_cursor.reset();
    m_settingCurrent = true;
    m_model->setOverview(m_overview);
    m_settingCurrent = false;
    indexShaded();
    indexFlagged();
    m_bounds = {};
    if (m_overview && !m_overview->empty()) {
        m_bounds.first = m_overview->first;
        m_bounds.last = m_overview->last;
    }
    expandAll();
    const QRect r = timelineRect();
    TimeScale s = fitScale(m_bounds, r.left(), std::max(1, r.width()));
    if (keepView && had && m_overview && !m_overview->empty()) {
        s.start = previous.start;
        s.end = previous.end;
    }
    applyScale(s);
    emit picksChanged();
}

void TimelineView::setShadedSpans(std::vector<ShadedSpan> spans)
{
    m_shaded = std::move(spans);
    indexShaded();
    viewport()->update();
}

void TimelineView::indexShaded()
{
    m_shadedByEnv.clear();
    if (!m_overview)
        return;
    m_shadedByEnv.resize(m_overview->environments.size());
    for (const ShadedSpan& s : m_shaded)
        for (size_t e = 0; e < m_overview->environments.size(); ++e)
            if (m_overview->environments[e].environment.name == s.environment)
                m_shadedByEnv[e].emplace_back(std::min(s.from, s.to), std::max(s.from, s.to));
}

void TimelineView::setFlaggedWindows(std::vector<FlaggedWindow> windows)
{
    m_flagged = std::move(windows);
    indexFlagged();
    viewport()->update();
}

void TimelineView::indexFlagged()
{
    m_flaggedByEnv.clear();
    if (!m_overview)
        return;
    m_flaggedByEnv.resize(m_overview->environments.size());
    for (const FlaggedWindow& f : m_flagged)
        for (size_t e = 0; e < m_overview->environments.size(); ++e)
            if (m_overview->environments[e].environment.name == f.environment)
                m_flaggedByEnv[e][f.key].push_back(f);
}

const std::vector<TimelineView::FlaggedWindow>& TimelineView::flaggedIn(int environment, const QString& key) const
{
    static const std::vector<FlaggedWindow> none;
    if (environment < 0 || environment >= static_cast<int>(m_flaggedByEnv.size()))
        return none;
    const auto& byKey = m_flaggedByEnv[static_cast<size_t>(environment)];
    const auto it = byKey.find(key);
    return it == byKey.end() ? none : it->second;
}

const std::vector<std::pair<Millis, Millis>>& TimelineView::shadedIn(int environment) const
{
    static const std::vector<std::pair<Millis, Millis>> none;
    return environment >= 0 && environment < static_cast<int>(m_shadedByEnv.size()) ? m_shadedByEnv[static_cast<size_t>(environment)] : none;
}

QRect TimelineView::timelineRect() const
{
    const int x = header()->sectionViewportPosition(LaneModel::TimelineColumn);
    const int w = header()->sectionSize(LaneModel::TimelineColumn);
    return QRect(x + kPad, 0, std::max(1, w - 2 * kPad), viewport()->height());
}

void TimelineView::updateGeometryOfScale()
{
    const QRect r = timelineRect();
    TimeScale s = m_scale;
    s.left = r.left();
    s.width = r.width();
    applyScale(s);
}

void TimelineView::applyScale(TimeScale s)
{
    s = clampScale(s, m_bounds);
    const bool changed = s != m_scale;
    m_scale = s;
    const int spacing = fontMetrics().horizontalAdvance(QStringLiteral("2026-03-01")) + fontMetrics().averageCharWidth() * 2;
    m_ticks = timeTicks(m_scale, spacing);
    if (changed) {
        viewport()->update();
        header()->viewport()->update();
        emit scaleChanged(m_scale);
    }
}

void TimelineView::setTimeRange(Millis start, Millis end)
{
    TimeScale s = m_scale;
    s.start = start;
    s.end = std::max(end, start + 1);
    applyScale(s);
}

void TimelineView::fit()
{
    const QRect r = timelineRect();
    applyScale(fitScale(m_bounds, r.left(), r.width()));
}

void TimelineView::zoomBy(double factor) { zoomAt(factor, m_scale.left + m_scale.width / 2); }

void TimelineView::zoomAt(double factor, double x) { applyScale(zoomScale(m_scale, factor, x, m_bounds)); }

void TimelineView::panBy(double dx) { applyScale(panScale(m_scale, dx, m_bounds)); }

void TimelineView::showRange(Millis from, Millis to) { applyScale(showScale(m_scale, from, to, m_bounds)); }

void TimelineView::setTimeCursor(std::optional<Millis> at)
{
    if (m_cursor == at)
        return;
    m_cursor = at;
    viewport()->update();
    header()->viewport()->update();
}

const Snapshot* TimelineView::snapshotOf(const Pick& p) const
{
    if (!m_overview || !p.valid() || p.environment >= static_cast<int>(m_overview->environments.size()))
        return nullptr;
    const auto& snaps = m_overview->environments[static_cast<size_t>(p.environment)].snapshots;
    return p.snapshot < static_cast<int>(snaps.size()) ? &snaps[static_cast<size_t>(p.snapshot)] : nullptr;
}

void TimelineView::pickSnapshot(int environment, int snapshot)
{
    const Pick p { environment, snapshot };
    if (!snapshotOf(p))
        return;
    if (!m_pickA.valid() || m_pickB.valid() || m_pickA == p) {
        m_pickA = p;
        m_pickB = {};
    } else {
        m_pickB = p;
    }
    viewport()->update();
    emit picksChanged();
    if (const Snapshot* s = snapshotOf(p); s && !m_pickB.valid())
        emit snapshotActivated(*s);
    if (m_pickA.valid() && m_pickB.valid()) {
        const Snapshot* a = snapshotOf(m_pickA);
        const Snapshot* b = snapshotOf(m_pickB);
        // Older on the left of the diff, whatever order they were picked in.
        if (a->takenAt > b->takenAt)
            std::swap(a, b);
        emit diffRequested(*a, *b);
    }
}

void TimelineView::clearPicks()
{
    m_pickA = m_pickB = {};
    viewport()->update();
    emit picksChanged();
}

QPoint TimelineView::markPosition(int environment, int snapshot) const
{
    const Snapshot* s = snapshotOf({ environment, snapshot });
    if (!s)
        return {};
    const QModelIndex row = m_proxy->mapFromSource(m_model->environmentIndex(environment).siblingAtColumn(LaneModel::TimelineColumn));
    const QRect r = visualRect(row);
    return QPoint(static_cast<int>(std::lround(m_scale.xOf(s->takenAt))), r.center().y());
}

bool TimelineView::inTimeline(const QPoint& pos) const
{
    return pos.x() >= header()->sectionViewportPosition(LaneModel::TimelineColumn);
}

TimelineView::Pick TimelineView::markAt(const QPoint& pos) const
{
    if (!m_overview)
        return {};
    const QModelIndex index = indexAt(pos);
    if (!index.isValid())
        return {};
    const QModelIndex source = m_proxy->mapToSource(index);
    if (source.data(LaneModel::RowKindRole).toInt() != LaneModel::EnvironmentRow)
        return {};
    const int env = source.row();
    const auto& snaps = m_overview->environments[static_cast<size_t>(env)].snapshots;
    const double tolerance = std::max(4.0, fontMetrics().height() / 3.0);
    const Millis t0 = m_scale.timeAt(pos.x() - tolerance);
    const Millis t1 = m_scale.timeAt(pos.x() + tolerance);
    auto it = std::lower_bound(snaps.begin(), snaps.end(), t0, [](const Snapshot& s, Millis t) { return s.takenAt < t; });
    Pick best;
    double bestDistance = tolerance + 1;
    for (; it != snaps.end() && it->takenAt <= t1; ++it) {
        const double d = std::abs(m_scale.xOf(it->takenAt) - pos.x());
        if (d < bestDistance) {
            bestDistance = d;
            best = { env, static_cast<int>(it - snaps.begin()) };
        }
    }
    return best;
}

void TimelineView::paintEvent(QPaintEvent* event)
{
    QTreeView::paintEvent(event);
    if (!m_overview)
        return;
    QPainter p(viewport());
    const Theme theme = Theme::current();
    const QRect r = timelineRect();
    p.setClipRect(QRect(r.left() - kPad, 0, r.width() + 2 * kPad, viewport()->height()));
    auto vline = [&](Millis t, const QColor& c, Qt::PenStyle style) {
        const double x = std::round(m_scale.xOf(t)) + 0.5;
        if (x < r.left() - 1 || x > r.right() + 1)
            return;
        QPen pen(c, 1, style);
        pen.setCosmetic(true);
        p.setPen(pen);
        p.drawLine(QPointF(x, 0), QPointF(x, viewport()->height()));
    };
    // Outside the period the window looks at, the timeline is dimmed: still there, but not what is in question.
    if (m_periodFrom || m_periodTo) {
        const double x1 = m_periodFrom ? m_scale.xOf(*m_periodFrom) : r.left() - kPad;
        const double x2 = m_periodTo ? m_scale.xOf(*m_periodTo) : r.right() + kPad;
        if (x1 > r.left() - kPad)
            p.fillRect(QRectF(r.left() - kPad, 0, x1 - (r.left() - kPad), viewport()->height()), theme.outsidePeriod);
        if (x2 < r.right() + kPad)
            p.fillRect(QRectF(x2, 0, r.right() + kPad - x2, viewport()->height()), theme.outsidePeriod);
    }
    if (m_hover && (!m_cursor || *m_hover != *m_cursor))
        vline(*m_hover, theme.mutedText, Qt::DotLine);
    if (const Snapshot* a = snapshotOf(m_pickA))
        vline(a->takenAt, theme.pickA, Qt::DashLine);
    if (const Snapshot* b = snapshotOf(m_pickB))
        vline(b->takenAt, theme.pickB, Qt::DashLine);
    if (m_cursor)
        vline(*m_cursor, theme.cursor, Qt::SolidLine);
}

void TimelineView::resizeEvent(QResizeEvent* event)
{
    QTreeView::resizeEvent(event);
    updateGeometryOfScale();
}

void TimelineView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && inTimeline(event->position().toPoint())) {
        m_pressed = true;
        m_dragging = false;
        m_pressPos = m_lastDragPos = event->position().toPoint();
        const QModelIndex index = indexAt(m_pressPos);
        if (index.isValid())
            selectionModel()->setCurrentIndex(index.siblingAtColumn(0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        setFocus(Qt::MouseFocusReason);
        event->accept();
        return;
    }
    QTreeView::mousePressEvent(event);
}

void TimelineView::mouseMoveEvent(QMouseEvent* event)
{
    if (m_pressed) {
        const QPoint pos = event->position().toPoint();
        if (!m_dragging && (pos - m_pressPos).manhattanLength() >= QApplication::startDragDistance()) {
            m_dragging = true;
            viewport()->setCursor(Qt::ClosedHandCursor);
        }
        if (m_dragging) {
            panBy(pos.x() - m_lastDragPos.x());
            m_lastDragPos = pos;
        }
        event->accept();
        return;
    }
    const QPoint pos = event->position().toPoint();
    const bool over = inTimeline(pos) && m_overview && !m_overview->empty();
    viewport()->setCursor(over && markAt(pos).valid() ? Qt::PointingHandCursor : Qt::ArrowCursor);
    setHover(over ? std::optional<Millis>(wholeSeconds(m_scale.timeAt(pos.x()))) : std::nullopt);
    QTreeView::mouseMoveEvent(event);
}

void TimelineView::leaveEvent(QEvent* event)
{
    setHover(std::nullopt);
    QTreeView::leaveEvent(event);
}

void TimelineView::setHover(std::optional<Millis> at)
{
    if (m_hover == at)
        return;
    m_hover = at;
    viewport()->update();
    header()->viewport()->update();
    emit hoverTimeChanged(at);
}

void TimelineView::setPeriod(std::optional<Millis> from, std::optional<Millis> to)
{
    m_periodFrom = from;
    m_periodTo = to;
    viewport()->update();
}

void TimelineView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_pressed && event->button() == Qt::LeftButton) {
        m_pressed = false;
        viewport()->unsetCursor();
        if (!m_dragging) {
            const QPoint pos = event->position().toPoint();
            const Pick mark = markAt(pos);
            if (mark.valid()) {
                pickSnapshot(mark.environment, mark.snapshot);
            } else {
                // No more precision than a pixel holds: whole seconds at least.
                Millis at = m_scale.timeAt(pos.x());
                const Millis unit = m_scale.msPerPixel() > 60000 ? 60000 : 1000;
                at = (at + unit / 2) / unit * unit;
                setTimeCursor(at);
                emit timeClicked(at);
            }
            // A click on a lane is a choice of lane too: its findings follow.
            if (const QModelIndex i = indexAt(pos); i.isValid())
                emit laneSelected(hitAt(pos).environmentName, keysOfLane(i));
        }
        m_dragging = false;
        event->accept();
        return;
    }
    QTreeView::mouseReleaseEvent(event);
}

void TimelineView::mouseDoubleClickEvent(QMouseEvent* event)
{
    // On a bar or a lane's name: its finding, or the workload's evidence where it has none. (The first click already
    // set the cursor or picked the mark.)
    const QPoint pos = event->position().toPoint();
    Hit hit = hitAt(pos);
    if (!inTimeline(pos) && hit.onLane) {
        hit.interval.reset(); // the label: the lane as a whole
        emit barActivated(hit);
        event->accept();
        return;
    }
    if (inTimeline(pos)) {
        if (hit.valid() && (hit.interval || hit.onLane))
            emit barActivated(hit);
        event->accept();
        return;
    }
    QTreeView::mouseDoubleClickEvent(event);
}

void TimelineView::contextMenuEvent(QContextMenuEvent* event)
{
    const Hit hit = hitAt(event->pos());
    if (!hit.valid()) {
        QTreeView::contextMenuEvent(event);
        return;
    }
    if (const QModelIndex i = indexAt(event->pos()); i.isValid())
        selectionModel()->setCurrentIndex(i.siblingAtColumn(0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    emit contextMenuRequested(hit, event->globalPos());
    event->accept();
}

void TimelineView::currentChanged(const QModelIndex& current, const QModelIndex& previous)
{
    QTreeView::currentChanged(current, previous);
    if (m_settingCurrent || !current.isValid() || (current.row() == previous.row() && current.parent() == previous.parent()))
        return;
    // The keyboard moved the current lane: its findings follow (a click says so itself, with the time).
    if (!m_pressed) {
        const QModelIndex source = m_proxy->mapToSource(current.siblingAtColumn(0));
        const int env = source.data(LaneModel::RowKindRole).toInt() == LaneModel::EnvironmentRow ? source.row() : source.parent().row();
        if (m_overview && env >= 0 && env < static_cast<int>(m_overview->environments.size()))
            emit laneSelected(m_overview->environments[static_cast<size_t>(env)].environment.name, keysOfLane(current));
    }
}

void TimelineView::showLane(const QModelIndex& index)
{
    if (!index.isValid())
        return;
    m_settingCurrent = true;
    setCurrentIndex(index.siblingAtColumn(0));
    scrollTo(index, QAbstractItemView::EnsureVisible);
    m_settingCurrent = false;
}

QStringList TimelineView::keysOfLane(const QModelIndex& index) const
{
    QStringList keys;
    const QModelIndex source = m_proxy->mapToSource(index.siblingAtColumn(0));
    if (const LaneModel::Lane* lane = m_model->lane(source))
        for (const RunInterval& iv : lane->intervals)
            if (const QString k = workloadKey(iv); !keys.contains(k))
                keys << k;
    return keys;
}

QModelIndex TimelineView::laneIndex(const QString& environment, const QString& key) const
{
    if (!m_overview)
        return {};
    for (size_t e = 0; e < m_overview->environments.size(); ++e) {
        if (m_overview->environments[e].environment.name != environment)
            continue;
        const QModelIndex envIndex = m_model->environmentIndex(static_cast<int>(e));
        for (int r = 0; r < m_model->rowCount(envIndex); ++r) {
            const QModelIndex lane = m_model->index(r, 0, envIndex);
            if (const LaneModel::Lane* l = m_model->lane(lane))
                for (const RunInterval& iv : l->intervals)
                    if (workloadKey(iv) == key)
                        return m_proxy->mapFromSource(lane);
        }
    }
    return {};
}

std::vector<TimelineView::FlaggedWindow> TimelineView::flagsOf(const QString& environment, const QString& key) const
{
    std::vector<FlaggedWindow> out;
    for (const FlaggedWindow& f : m_flagged)
        if (f.environment == environment && f.key == key)
            out.push_back(f);
    return out;
}

TimelineView::Hit TimelineView::hitAt(const QPoint& pos) const
{
    Hit hit;
    if (!m_overview)
        return hit;
    const QModelIndex index = indexAt(pos);
    if (!index.isValid())
        return hit;
    const QModelIndex source = m_proxy->mapToSource(index.siblingAtColumn(0));
    const bool envRow = source.data(LaneModel::RowKindRole).toInt() == LaneModel::EnvironmentRow;
    hit.environment = envRow ? source.row() : source.parent().row();
    if (hit.environment < 0 || hit.environment >= static_cast<int>(m_overview->environments.size()))
        return Hit();
    hit.environmentName = m_overview->environments[static_cast<size_t>(hit.environment)].environment.name;
    hit.at = wholeSeconds(m_scale.timeAt(pos.x()));
    if (envRow) {
        hit.mark = markAt(pos);
        return hit;
    }
    const LaneModel::Lane* lane = m_model->lane(source);
    if (!lane)
        return hit;
    hit.onLane = true;
    hit.laneLabel = lane->label;
    hit.laneKeys = keysOfLane(index);
    if (!inTimeline(pos))
        return hit;
    // A bar is at least a pixel or two wide on screen: a little slack, so thin ones can be hit.
    const Millis slack = static_cast<Millis>(std::ceil(m_scale.msPerPixel() * 2));
    const Millis t = m_scale.timeAt(pos.x());
    for (const RunInterval& iv : lane->intervals)
        if (iv.from - slack <= t && t <= iv.to + slack) {
            hit.interval = iv;
            break;
        }
    if (hit.interval)
        for (const FlaggedWindow& f : flaggedIn(hit.environment, workloadKey(*hit.interval)))
            if (f.from - slack <= t && t <= f.to + slack && !f.findingId.isEmpty() && !hit.findingIds.contains(f.findingId))
                hit.findingIds << f.findingId;
    return hit;
}

std::optional<Millis> TimelineView::adjacentSnapshotTime(int step) const
{
    if (!m_overview || m_overview->empty())
        return std::nullopt;
    const Millis from = m_cursor ? *m_cursor : m_scale.start + m_scale.span() / 2;
    std::optional<Millis> best;
    for (const EnvironmentTimeline& e : m_overview->environments)
        for (const Snapshot& s : e.snapshots) {
            if (step > 0 && s.takenAt > from && (!best || s.takenAt < *best))
                best = s.takenAt;
            if (step < 0 && s.takenAt < from && (!best || s.takenAt > *best))
                best = s.takenAt;
        }
    return best;
}

bool TimelineView::stepSnapshot(int step)
{
    const std::optional<Millis> at = adjacentSnapshotTime(step);
    if (!at)
        return false;
    if (*at < m_scale.start || *at > m_scale.end)
        panBy(m_scale.xOf(m_scale.start + m_scale.span() / 2) - m_scale.xOf(*at));
    setTimeCursor(*at);
    emit timeClicked(*at);
    return true;
}

void TimelineView::wheelEvent(QWheelEvent* event)
{
    const QPoint pos = event->position().toPoint();
    if (!inTimeline(pos) || (event->modifiers() & Qt::ShiftModifier)) {
        QTreeView::wheelEvent(event);
        return;
    }
    const double notches = event->angleDelta().y() / 120.0;
    if (notches != 0)
        zoomAt(std::pow(kWheelStep, notches), pos.x());
    event->accept();
}

void TimelineView::keyPressEvent(QKeyEvent* event)
{
    const double step = m_scale.width / 8;
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(kWheelStep * kWheelStep);
        return;
    case Qt::Key_Minus:
        zoomBy(1 / (kWheelStep * kWheelStep));
        return;
    case Qt::Key_0:
        fit();
        return;
    case Qt::Key_Left:
    case Qt::Key_Right: {
        const int direction = event->key() == Qt::Key_Left ? -1 : 1;
        if (event->modifiers() & Qt::ControlModifier)
            panBy(-direction * step);
        else
            stepSnapshot(direction); // ← → from snapshot to snapshot
        return;
    }
    case Qt::Key_Escape:
        clearPicks();
        return;
    default:
        break;
    }
    QTreeView::keyPressEvent(event);
}

} // namespace tideline::ui
