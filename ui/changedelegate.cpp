#include "changedelegate.h"

#include "items/diffmodel.h"
#include "theme.h"

#include <QPainter>

namespace tideline::ui {

void ChangeDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyledItemDelegate::paint(painter, option, index);
    const Theme theme = Theme::current();
    const auto change = static_cast<DiffModel::Change>(index.data(DiffModel::ChangeRole).toInt());
    const QColor colours[] = { theme.added, theme.removed, theme.scaled, theme.unchanged };
    const QColor c = colours[std::clamp(static_cast<int>(change), 0, 3)];
    painter->save();
    painter->fillRect(QRect(option.rect.left() + 1, option.rect.top() + 3, 4, option.rect.height() - 6), c);
    painter->restore();
}

} // namespace tideline::ui
