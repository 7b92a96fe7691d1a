// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QByteArray>
#include <QString>

namespace tideline {

// A whole file read into memory, for the small files a command names (keys, trusted roots, bundles, policies):
// refused when it is not a regular file (a FIFO or a device would block or never end) and when it is larger
// than maxBytes, however the size was reported. what names the file in messages ("key", "trusted root").
Result<QByteArray> readWholeFile(const QString& path, const QString& what, qint64 maxBytes = qint64(512) << 20);

} // namespace tideline
