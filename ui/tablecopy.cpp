// SPDX-License-Identifier: GPL-3.0-or-later
#include "tablecopy.h"

#include "items/copyrole.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QKeyEvent>
#include <QTableView>

#include <map>
#include <set>

namespace tideline::ui {

namespace {

class CopyFilter : public QObject {
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress) {
            auto* key = static_cast<QKeyEvent*>(event);
            if (key->matches(QKeySequence::Copy)) {
                if (event->type() == QEvent::ShortcutOverride) {
                    event->accept(); // ours, not a window shortcut's
                    return true;
                }
                const QString text = copyText(static_cast<QAbstractItemView*>(watched));
                if (!text.isEmpty())
                    QApplication::clipboard()->setText(text);
                return true;
            }
        }
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

QString copyText(const QAbstractItemView* view)
{
    const QAbstractItemModel* model = view->model();
    if (!model || !view->selectionModel())
        return QString();
    std::set<int> rows;
    for (const QModelIndex& i : view->selectionModel()->selectedIndexes())
        rows.insert(i.row());
    if (rows.empty() && view->currentIndex().isValid())
        rows.insert(view->currentIndex().row());
    const auto* table = qobject_cast<const QTableView*>(view);
    QStringList lines;
    for (int r : rows) {
        QStringList cells;
        for (int c = 0; c < model->columnCount(); ++c) {
            if (table && table->isColumnHidden(c))
                continue;
            const QModelIndex i = model->index(r, c);
            const QVariant full = i.data(CopyRole);
            cells << (full.isValid() ? full.toString() : i.data(Qt::DisplayRole).toString());
        }
        lines << cells.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n'));
}

void makeCopyable(QAbstractItemView* view)
{
    view->installEventFilter(new CopyFilter(view));
}

} // namespace tideline::ui
