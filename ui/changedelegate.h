#pragma once

#include <QStyledItemDelegate>

namespace tideline::ui {

// Paints a diff's change column as a coloured tag (added, removed, scaled, unchanged).
class ChangeDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace tideline::ui
