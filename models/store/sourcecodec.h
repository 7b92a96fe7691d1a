// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QByteArray>
#include <QString>

namespace tideline {

// How a source's bytes are kept: raw, zstd, or zstd against another source's bytes as a prefix dictionary
// (consecutive snapshots repeat each other, so the delta is a small fraction of either).
struct EncodedSource {
    QByteArray data;
    QString codec; // "raw", "zstd", "zstd-delta"
};

// Pure functions, safe on any thread. base may be null (no delta).
EncodedSource encodeSource(const QByteArray& bytes, const QByteArray* base);
Result<QByteArray> decodeSource(const QByteArray& data, const QString& codec, qint64 size, const QByteArray* base);

} // namespace tideline
