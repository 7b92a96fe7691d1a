#pragma once

#include <QStyledItemDelegate>

namespace tideline::ui {

// Two lines per environment in the side list: name, type and snapshot count; time span and compliance.
class EnvironmentDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};

} // namespace tideline::ui
