// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/finding.h"
#include "domain/model.h"
#include "timeline/overview.h"
#include "timeline/timescale.h"

#include <QTreeView>

#include <map>
#include <memory>
#include <optional>

namespace tideline {
class LaneModel;
class LaneProxy;
}

namespace tideline::ui {

class TimelineDelegate;
class TimeAxisHeader;

// One row per environment (its snapshot marks) and one lane per workload under it (its run intervals),
// over a shared time axis. Wheel zooms about the pointer, dragging pans, a click sets the time cursor,
// clicking two snapshot marks picks them for a diff.
class TimelineView : public QTreeView {
    Q_OBJECT
public:
    struct Pick {
        int environment = -1; // index into the overview's environments
        int snapshot = -1; // index into that environment's snapshots
        bool valid() const { return environment >= 0 && snapshot >= 0; }
        bool operator==(const Pick& o) const { return environment == o.environment && snapshot == o.snapshot; }
    };

    // A stretch drawn shaded across an environment's rows: where nothing can be proven (a blind spot).
    // The compliance engine decides where they are; the view only draws them.
    struct ShadedSpan {
        QString environment;
        Millis from = 0;
        Millis to = 0;
        QString why; // shown as a tooltip
    };

    // A finding's exposure on one workload: painted along the foot of that workload's bars in its disposition's colour.
    struct FlaggedWindow {
        QString environment;
        QString key; // the workload: its fingerprint, or "?" + its name when it has none
        Millis from = 0;
        Millis to = 0;
        Disposition disposition = Disposition::Open;
        QString why; // shown as a tooltip, e.g. "F-3a9c1b2d no provenance (open)"
        QString findingId;
        bool suppressed = false; // a vulnerable-package finding a VEX statement suppresses: drawn as not open
        bool open() const { return stillOpen(disposition) && !suppressed; }
    };

    // What lies under a point of the timeline column.
    struct Hit {
        int environment = -1; // index into the overview's environments (-1: nothing)
        QString environmentName;
        bool onLane = false;
        QString laneLabel;
        QStringList laneKeys; // the workload keys of every version on the lane
        std::optional<RunInterval> interval; // the bar under the point
        Pick mark; // a snapshot mark under the point (environment rows)
        Millis at = 0; // the time under the point, in whole seconds
        QStringList findingIds; // findings whose exposure is under the point on that bar
        bool valid() const { return environment >= 0; }
    };

    explicit TimelineView(QWidget* parent = nullptr);
    ~TimelineView() override;

    // keepView: keep the stretch of time shown and the cursor (the same case, other environments ticked).
    void setOverview(std::shared_ptr<const TimelineOverview> overview, bool keepView = false);
    const std::shared_ptr<const TimelineOverview>& overview() const { return m_overview; }
    LaneModel* laneModel() const { return m_model; }
    LaneProxy* laneProxy() const { return m_proxy; }

    const TimeScale& scale() const { return m_scale; }
    const TimeBounds& bounds() const { return m_bounds; }
    const std::vector<TimeTick>& ticks() const { return m_ticks; }
    void setTimeRange(Millis start, Millis end);
    void fit();
    void zoomBy(double factor); // about the centre
    void zoomAt(double factor, double x);
    void panBy(double dx);
    void showRange(Millis from, Millis to);

    void setShadedSpans(std::vector<ShadedSpan> spans);
    const std::vector<ShadedSpan>& shadedSpans() const { return m_shaded; }
    // The spans of one environment (by its index in the overview), for the delegate.
    const std::vector<std::pair<Millis, Millis>>& shadedIn(int environment) const;

    void setFlaggedWindows(std::vector<FlaggedWindow> windows);
    int flaggedCount() const { return static_cast<int>(m_flagged.size()); }
    // The flags on one workload of one environment (by its index in the overview).
    const std::vector<FlaggedWindow>& flaggedIn(int environment, const QString& key) const;

    std::optional<Millis> timeCursor() const { return m_cursor; }
    void setTimeCursor(std::optional<Millis> at);
    // The time under the mouse while it hovers the timeline column (drawn on the axis).
    std::optional<Millis> hoverTime() const { return m_hover; }
    // The period the window looks at: drawn, and outside it dimmed (nothing: the whole history).
    void setPeriod(std::optional<Millis> from, std::optional<Millis> to);
    // The snapshot time next to the cursor (or the middle of the view), in the environments drawn (step: +1 later,
    // -1 earlier); nothing at either end.
    std::optional<Millis> adjacentSnapshotTime(int step) const;
    // Moves the cursor to the next or previous snapshot, shows it, and emits timeClicked (← and → in the view).
    bool stepSnapshot(int step);

    Hit hitAt(const QPoint& viewportPos) const;
    // The lane of a workload, in the proxy's indexes (invalid when not drawn).
    QModelIndex laneIndex(const QString& environment, const QString& key) const;
    // The workload keys on the lane of a (proxy) index; empty for an environment row.
    QStringList keysOfLane(const QModelIndex& index) const;
    // The flags on a workload (every finding window drawn on it).
    std::vector<FlaggedWindow> flagsOf(const QString& environment, const QString& key) const;
    // Makes a lane current and shows it without telling laneSelected (the window following a finding's selection).
    void showLane(const QModelIndex& index);
    std::optional<Millis> periodFrom() const { return m_periodFrom; }
    std::optional<Millis> periodTo() const { return m_periodTo; }

    Pick pickA() const { return m_pickA; }
    Pick pickB() const { return m_pickB; }
    // The first pick starts a pair, the second completes it (and asks for the diff); a third starts over.
    void pickSnapshot(int environment, int snapshot);
    void clearPicks();
    const Snapshot* snapshotOf(const Pick& p) const;

    // Where the timeline column lies, in viewport coordinates.
    QRect timelineRect() const;
    // The centre of a snapshot's mark, in viewport coordinates (for tests and tools).
    QPoint markPosition(int environment, int snapshot) const;

signals:
    void scaleChanged(const tideline::TimeScale& scale);
    void timeClicked(tideline::Millis at);
    void picksChanged();
    void diffRequested(const tideline::Snapshot& from, const tideline::Snapshot& to);
    void snapshotActivated(const tideline::Snapshot& snapshot);
    // A double click on a bar (or a lane's label): its finding, or its workload's evidence.
    void barActivated(const tideline::ui::TimelineView::Hit& hit);
    // A right click: the window builds the menu (copy, search, open finding, diff, source).
    void contextMenuRequested(const tideline::ui::TimelineView::Hit& hit, const QPoint& globalPos);
    void hoverTimeChanged(std::optional<tideline::Millis> at);
    // The current lane changed by the user (a click, the keyboard): its environment and workload keys.
    void laneSelected(const QString& environment, const QStringList& keys);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void currentChanged(const QModelIndex& current, const QModelIndex& previous) override;

private:
    void setHover(std::optional<Millis> at);
    void updateGeometryOfScale();
    void applyScale(TimeScale s);
    bool inTimeline(const QPoint& viewportPos) const;
    // The snapshot mark within a few pixels of pos on an environment row, if any.
    Pick markAt(const QPoint& viewportPos) const;
    void indexShaded();
    void indexFlagged();

    LaneModel* m_model = nullptr;
    LaneProxy* m_proxy = nullptr;
    TimelineDelegate* m_delegate = nullptr;
    TimeAxisHeader* m_header = nullptr;
    std::shared_ptr<const TimelineOverview> m_overview;
    TimeScale m_scale;
    TimeBounds m_bounds;
    std::vector<TimeTick> m_ticks;
    std::optional<Millis> m_cursor;
    std::optional<Millis> m_hover;
    std::optional<Millis> m_periodFrom, m_periodTo;
    bool m_settingCurrent = false; // a lane made current by the program, not the user
    std::vector<ShadedSpan> m_shaded;
    std::vector<std::vector<std::pair<Millis, Millis>>> m_shadedByEnv;
    std::vector<FlaggedWindow> m_flagged;
    std::vector<std::map<QString, std::vector<FlaggedWindow>>> m_flaggedByEnv;
    Pick m_pickA, m_pickB;
    QPoint m_pressPos;
    QPoint m_lastDragPos;
    bool m_pressed = false;
    bool m_dragging = false;
};

} // namespace tideline::ui
