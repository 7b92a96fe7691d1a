// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace tideline::ui {

// The cases opened last (kept in the settings), as File › Open Recent and the welcome page list them.
class RecentCases : public QObject {
    Q_OBJECT
public:
    explicit RecentCases(QMenu* menu, QObject* parent = nullptr);

    void add(const QString& path); // first in the list
    QStringList paths() const; // those that still exist, latest first
    void refresh(); // the menu again, from the settings

signals:
    void changed(const QStringList& paths);
    void openRequested(const QString& path);

private:
    QMenu* m_menu;
};

} // namespace tideline::ui
