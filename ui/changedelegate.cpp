// SPDX-License-Identifier: GPL-3.0-or-later
#include "changedelegate.h"

#include "items/diffmodel.h"
#include "theme.h"

#include <QApplication>
#include <QPainter>

namespace tideline::ui {

namespace {

// The coloured bar at the cell's left edge, and the room the text leaves for it.
constexpr int kBarLeft = 1;
constexpr int kBarWidth = 4;
constexpr int kTextIndent = kBarLeft + kBarWidth + 3;

} // namespace

void ChangeDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem cell(option);
    initStyleOption(&cell, index);
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    // The cell's background, selection and focus over its whole width; then its text after the bar.
    QStyleOptionViewItem text(cell);
    cell.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &cell, painter, widget);
    text.rect.adjust(kTextIndent, 0, 0, 0);
    text.state &= ~QStyle::State_HasFocus;
    text.backgroundBrush = Qt::NoBrush;
    style->drawControl(QStyle::CE_ItemViewItem, &text, painter, widget);

    const Theme theme = Theme::current();
    const auto change = static_cast<DiffModel::Change>(index.data(DiffModel::ChangeRole).toInt());
    const QColor colours[] = { theme.added, theme.removed, theme.scaled, theme.unchanged };
    const QColor c = colours[std::clamp(static_cast<int>(change), 0, 3)];
    painter->fillRect(QRect(option.rect.left() + kBarLeft, option.rect.top() + 3, kBarWidth, option.rect.height() - 6), c);
}

QSize ChangeDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    return QStyledItemDelegate::sizeHint(option, index) + QSize(kTextIndent, 0);
}

} // namespace tideline::ui
