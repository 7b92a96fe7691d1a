// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <map>

namespace tideline {

// A drop folder: what lands in it (files and folders, at its top level) is handed out once it has settled: its size
// and modification time held still from one scan to the next, so a file still being copied is not read half-way.
// Each entry is handed out once; one that changes afterwards is handed out again. Hidden entries and the usual
// partial-download names (*.part, *.partial, *.tmp, *.crdownload) wait until they are renamed.
class DropFolder {
public:
    explicit DropFolder(const QString& dir);
    const QString& dir() const { return m_dir; }
    bool exists() const;
    // What settled since the last scan, in name order. settleNow: what is there counts as settled at once
    // (a single pass: `watch --once`).
    QStringList scan(bool settleNow = false);

private:
    struct Seen {
        qint64 size = -1;
        qint64 modified = -1;
        bool handedOut = false;
    };
    QString m_dir;
    std::map<QString, Seen> m_seen;
};

} // namespace tideline
