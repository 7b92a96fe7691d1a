// SPDX-License-Identifier: GPL-3.0-or-later
#include "imagename.h"

namespace tideline {

QString imageWithoutRegistry(const QString& name)
{
    QString out = name;
    const qsizetype at = out.indexOf(QLatin1String("@sha256:"));
    if (at > 0)
        out.truncate(at);
    const qsizetype slash = out.indexOf(QLatin1Char('/'));
    if (slash > 0) {
        const QStringView host = QStringView(out).left(slash);
        if (host.contains(QLatin1Char('.')) || host.contains(QLatin1Char(':')) || host == QLatin1String("localhost"))
            out.remove(0, slash + 1);
    }
    return out;
}

QString imageRepository(const QString& name)
{
    QString out = imageWithoutRegistry(name);
    const qsizetype at = out.indexOf(QLatin1Char('@'));
    if (at > 0)
        out.truncate(at);
    const qsizetype slash = out.lastIndexOf(QLatin1Char('/'));
    const qsizetype colon = out.lastIndexOf(QLatin1Char(':'));
    if (colon > slash)
        out.truncate(colon);
    return out.isEmpty() ? name : out;
}

} // namespace tideline
