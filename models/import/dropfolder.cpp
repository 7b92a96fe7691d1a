// SPDX-License-Identifier: GPL-3.0-or-later
#include "dropfolder.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include <set>

namespace tideline {

namespace {

bool partial(const QString& name)
{
    for (const char* suffix : { ".part", ".partial", ".tmp", ".crdownload" })
        if (name.endsWith(QLatin1String(suffix), Qt::CaseInsensitive))
            return true;
    return name.startsWith(QLatin1Char('.'));
}

// A folder's size and latest change, over everything in it.
std::pair<qint64, qint64> signature(const QFileInfo& info)
{
    if (!info.isDir())
        return { info.size(), info.lastModified().toMSecsSinceEpoch() };
    qint64 size = 0, modified = info.lastModified().toMSecsSinceEpoch();
    QDirIterator it(info.absoluteFilePath(), QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo f = it.nextFileInfo();
        size += f.isDir() ? 0 : f.size();
        modified = std::max(modified, f.lastModified().toMSecsSinceEpoch());
    }
    return { size, modified };
}

} // namespace

DropFolder::DropFolder(const QString& dir)
    : m_dir(QFileInfo(dir).absoluteFilePath())
{
}

bool DropFolder::exists() const { return QFileInfo(m_dir).isDir(); }

QStringList DropFolder::scan(bool settleNow)
{
    QStringList out;
    std::set<QString> present;
    const QFileInfoList entries = QDir(m_dir).entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo& e : entries) {
        if (partial(e.fileName()))
            continue;
        const QString path = e.absoluteFilePath();
        present.insert(path);
        const auto [size, modified] = signature(e);
        Seen& s = m_seen[path];
        const bool still = settleNow || (s.size == size && s.modified == modified);
        if (s.size != size || s.modified != modified)
            s.handedOut = false; // changed since: hand it out again once it settles
        s.size = size;
        s.modified = modified;
        if (still && !s.handedOut) {
            s.handedOut = true;
            out << path;
        }
    }
    for (auto it = m_seen.begin(); it != m_seen.end();)
        it = present.count(it->first) ? std::next(it) : m_seen.erase(it);
    return out;
}

} // namespace tideline
