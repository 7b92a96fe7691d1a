// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace tideline::ui {

class TimelineView;

// Paints the timeline column: snapshot marks on environment rows, run intervals on lanes. At most one
// mark or sliver per pixel column, whatever the number of snapshots or intervals.
class TimelineDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit TimelineDelegate(TimelineView* view);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    bool helpEvent(QHelpEvent* event, QAbstractItemView* view, const QStyleOptionViewItem& option, const QModelIndex& index) override;

    // The short label a bar shows: the tag of "repo:tag", else the fingerprint's start.
    static QString versionLabel(const QString& name, const QString& fingerprint);

private:
    void paintEnvironment(QPainter* p, const QRect& rect, const QModelIndex& source) const;
    void paintLane(QPainter* p, const QRect& rect, const QModelIndex& source) const;

    TimelineView* m_view;
};

} // namespace tideline::ui
