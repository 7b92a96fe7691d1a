// SPDX-License-Identifier: GPL-3.0-or-later
#include "environmentdelegate.h"

#include "items/environmentmodel.h"
#include "theme.h"

#include <QApplication>
#include <QMouseEvent>
#include <QPainter>

namespace tideline::ui {

QSize EnvironmentDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const
{
    const int line = option.fontMetrics.lineSpacing();
    return QSize(option.fontMetrics.averageCharWidth() * 30, line * 3 + 10);
}

QRect EnvironmentDelegate::checkRect(const QStyleOptionViewItem& option) const
{
    const QStyle* style = option.widget ? option.widget->style() : QApplication::style();
    const int w = style->pixelMetric(QStyle::PM_IndicatorWidth, &option, option.widget);
    const int h = style->pixelMetric(QStyle::PM_IndicatorHeight, &option, option.widget);
    return QRect(option.rect.left() + 6, option.rect.top() + 5 + (option.fontMetrics.lineSpacing() - h) / 2, w, h);
}

void EnvironmentDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem o = option;
    initStyleOption(&o, index);
    const QStyle* style = o.widget ? o.widget->style() : QApplication::style();
    o.text.clear();
    o.features &= ~QStyleOptionViewItem::HasCheckIndicator;
    style->drawControl(QStyle::CE_ItemViewItem, &o, painter, o.widget); // background and selection

    QStyleOptionButton check;
    check.rect = checkRect(option);
    check.state = QStyle::State_Enabled
        | (index.siblingAtColumn(EnvironmentModel::NameColumn).data(Qt::CheckStateRole).toInt() == Qt::Checked ? QStyle::State_On : QStyle::State_Off);
    style->drawPrimitive(QStyle::PE_IndicatorCheckBox, &check, painter, o.widget);

    auto col = [&](int c) { return index.siblingAtColumn(c).data().toString(); };
    const bool selected = option.state & QStyle::State_Selected;
    const QColor text = option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    QColor muted = text;
    muted.setAlphaF(0.65f);
    const int line = option.fontMetrics.lineSpacing();
    const int left = check.rect.right() + 8;
    QRect r(left, option.rect.top() + 5, option.rect.right() - left - 4, line);
    painter->save();
    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(text);
    const QString name = col(EnvironmentModel::NameColumn);
    painter->drawText(r, Qt::AlignLeft | Qt::AlignVCenter, QFontMetrics(bold).elidedText(name, Qt::ElideRight, r.width()));
    const int nameWidth = std::min(r.width(), QFontMetrics(bold).horizontalAdvance(name));
    painter->setFont(option.font);
    painter->setPen(muted);
    const QString tail = tr("%1 · %2 snapshots").arg(col(EnvironmentModel::TypeColumn), col(EnvironmentModel::SnapshotsColumn));
    const QRect tailRect = r.adjusted(nameWidth + option.fontMetrics.averageCharWidth() * 2, 0, 0, 0);
    painter->drawText(tailRect, Qt::AlignLeft | Qt::AlignVCenter, option.fontMetrics.elidedText(tail, Qt::ElideRight, tailRect.width()));
    r.translate(0, line);
    painter->drawText(r, Qt::AlignLeft | Qt::AlignVCenter, option.fontMetrics.elidedText(col(EnvironmentModel::SpanColumn), Qt::ElideRight, r.width()));
    r.translate(0, line);
    // Open findings stand out; everything else about the environment stays quiet.
    if (index.siblingAtColumn(EnvironmentModel::NameColumn).data(EnvironmentModel::OpenFindingsRole).toInt() > 0 && !selected)
        painter->setPen(Theme::current().finding);
    painter->drawText(r, Qt::AlignLeft | Qt::AlignVCenter,
        option.fontMetrics.elidedText(tr("findings: %1").arg(col(EnvironmentModel::ComplianceColumn)), Qt::ElideRight, r.width()));
    painter->restore();
}

bool EnvironmentDelegate::editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option, const QModelIndex& index)
{
    // A click on the box (or anywhere on the first line) ticks the environment.
    if (event->type() == QEvent::MouseButtonRelease) {
        auto* e = static_cast<QMouseEvent*>(event);
        const QRect firstLine(option.rect.left(), option.rect.top(), checkRect(option).right() + 8 - option.rect.left(), option.rect.height());
        if (e->button() == Qt::LeftButton && firstLine.contains(e->position().toPoint())) {
            const QModelIndex name = index.siblingAtColumn(EnvironmentModel::NameColumn);
            const bool on = name.data(Qt::CheckStateRole).toInt() == Qt::Checked;
            return model->setData(name, on ? Qt::Unchecked : Qt::Checked, Qt::CheckStateRole);
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

} // namespace tideline::ui
