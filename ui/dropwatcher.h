// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QStringList>

#include <memory>

class QTimer;

namespace tideline {
class DropFolder;
}

namespace tideline::ui {

// The window's side of a watched folder (File › Case Properties…): it looks every interval and hands out what
// has settled there, for the window to import when no other import runs.
class DropWatcher : public QObject {
    Q_OBJECT
public:
    explicit DropWatcher(QObject* parent = nullptr);
    ~DropWatcher() override;

    // Empty: watch nothing.
    void setFolder(const QString& dir);
    QString folder() const;
    void setInterval(int ms);
    // Looks now (the timer calls it).
    void look();
    // While busy (an import runs), what lands waits: looking goes on, handing out does not.
    void setBusy(bool busy) { m_busy = busy; }

signals:
    void landed(const QStringList& paths);

private:
    QTimer* m_timer;
    std::unique_ptr<DropFolder> m_drop;
    QStringList m_waiting;
    bool m_busy = false;
};

} // namespace tideline::ui
