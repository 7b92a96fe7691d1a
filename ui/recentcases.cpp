// SPDX-License-Identifier: GPL-3.0-or-later
#include "recentcases.h"
#include "store/caseaddress.h"

#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

#include <algorithm>

namespace tideline::ui {

namespace {

constexpr int kMaxRecent = 8;
const QString kKey = QStringLiteral("recent");

} // namespace

RecentCases::RecentCases(QMenu* menu, QObject* parent)
    : QObject(parent)
    , m_menu(menu)
{ }

void RecentCases::add(const QString& path)
{
    QSettings settings;
    QStringList recent = settings.value(kKey).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(kKey, recent);
    refresh();
}

QStringList RecentCases::paths() const
{
    QStringList recent = QSettings().value(kKey).toStringList();
    recent.erase(std::remove_if(recent.begin(), recent.end(), [](const QString& p) { return !isServerAddress(p) && !QFileInfo::exists(p); }),
        recent.end());
    return recent;
}

void RecentCases::refresh()
{
    const QStringList recent = paths();
    m_menu->clear();
    for (int i = 0; i < recent.size(); ++i) {
        QAction* a = m_menu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(QDir::toNativeSeparators(recent[i])));
        connect(a, &QAction::triggered, this, [this, p = recent[i]] { emit openRequested(p); });
    }
    m_menu->setEnabled(!recent.isEmpty());
    emit changed(recent);
}

} // namespace tideline::ui
