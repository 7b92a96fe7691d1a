// SPDX-License-Identifier: GPL-3.0-or-later
#include "dropwatcher.h"

#include "import/dropfolder.h"

#include <QTimer>

namespace tideline::ui {

DropWatcher::DropWatcher(QObject* parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(2000);
    connect(m_timer, &QTimer::timeout, this, &DropWatcher::look);
}

DropWatcher::~DropWatcher() = default;

void DropWatcher::setFolder(const QString& dir)
{
    if (dir == folder())
        return;
    m_waiting.clear();
    m_drop = dir.isEmpty() ? nullptr : std::make_unique<DropFolder>(dir);
    if (m_drop)
        m_timer->start();
    else
        m_timer->stop();
}

QString DropWatcher::folder() const
{
    return m_drop ? m_drop->dir() : QString();
}

void DropWatcher::setInterval(int ms)
{
    m_timer->setInterval(ms);
}

void DropWatcher::look()
{
    if (!m_drop || !m_drop->exists())
        return;
    for (const QString& p : m_drop->scan())
        if (!m_waiting.contains(p))
            m_waiting << p;
    if (m_busy || m_waiting.isEmpty())
        return;
    const QStringList out = m_waiting;
    m_waiting.clear();
    emit landed(out);
}

} // namespace tideline::ui
