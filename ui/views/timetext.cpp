// SPDX-License-Identifier: GPL-3.0-or-later
#include "timetext.h"

#include <QDateTime>

namespace tideline::ui {

namespace {

QString plain(Millis t, const QString& format)
{
    return QDateTime::fromMSecsSinceEpoch(t / 1000 * 1000, Qt::UTC).toString(format);
}

} // namespace

QString utcText(Millis t)
{
    return plain(t, QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QStringLiteral(" UTC");
}

QString utcRange(Millis from, Millis to)
{
    const bool sameDay = plain(from, QStringLiteral("yyyy-MM-dd")) == plain(to, QStringLiteral("yyyy-MM-dd"));
    return plain(from, QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QStringLiteral(" → ")
        + plain(to, sameDay ? QStringLiteral("HH:mm:ss") : QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QStringLiteral(" UTC");
}

} // namespace tideline::ui
