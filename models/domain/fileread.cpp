// SPDX-License-Identifier: GPL-3.0-or-later
#include "fileread.h"

#include <QFile>
#include <QFileInfo>

namespace tideline {

Result<QByteArray> readWholeFile(const QString& path, const QString& what, qint64 maxBytes)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Problem(path, QString(), QStringLiteral("no such %1 file").arg(what));
    if (!info.isFile())
        return Problem(path, QString(), QStringLiteral("the %1 is not a regular file").arg(what));
    QFile f(path);
    if (f.size() > maxBytes)
        return Problem(path, QString(), QStringLiteral("the %1 file is larger than %2 MiB").arg(what).arg(maxBytes >> 20));
    if (!f.open(QIODevice::ReadOnly))
        return Problem(path, QString(), QStringLiteral("cannot read the %1 file: %2").arg(what, f.errorString()));
    // Read no more than the bound even if the file grows while it is read, in pieces: QIODevice::read(n) sets
    // aside n bytes first, and n is the bound (512 MiB by default), not the file's size.
    QByteArray bytes;
    bytes.reserve(qsizetype(qMin(f.size(), maxBytes)) + 1);
    for (;;) {
        const QByteArray piece = f.read(qMin<qint64>(qint64(1) << 20, maxBytes + 1 - bytes.size()));
        bytes += piece;
        if (piece.isEmpty() || bytes.size() > maxBytes)
            break;
    }
    if (bytes.size() > maxBytes)
        return Problem(path, QString(), QStringLiteral("the %1 file is larger than %2 MiB").arg(what).arg(maxBytes >> 20));
    if (f.error() != QFile::NoError)
        return Problem(path, QString(), QStringLiteral("cannot read the %1 file: %2").arg(what, f.errorString()));
    return bytes;
}

} // namespace tideline
