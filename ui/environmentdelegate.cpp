#include "environmentdelegate.h"

#include "items/environmentmodel.h"

namespace tideline::ui {

void EnvironmentDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    auto col = [&](int c) { return index.siblingAtColumn(c).data().toString(); };
    option->text = tr("%1   %2 · %3 snapshots\n%4\ncompliance: %5")
                       .arg(col(EnvironmentModel::NameColumn), col(EnvironmentModel::TypeColumn), col(EnvironmentModel::SnapshotsColumn),
                           col(EnvironmentModel::SpanColumn), col(EnvironmentModel::ComplianceColumn));
}

} // namespace tideline::ui
