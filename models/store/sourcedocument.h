// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The original bytes of an imported file, checked against their sha256 and made readable.

#include "domain/result.h"
#include "domain/timefmt.h"

#include <QByteArray>
#include <QString>

namespace tideline {

class CaseFile;

struct SourceDocument {
    QString sha256; // as recorded
    bool verified = false; // the stored bytes hash to sha256
    QString name; // the path it was imported from
    QString format;
    qint64 size = 0;
    Millis importedAt = 0;
    QByteArray bytes;
    QString text; // pretty-printed JSON, the text as it is, or a hex dump of binary content
    bool truncated = false; // text shows only the start of a very large file
};

// The source with this sha256 (the one a snapshot names).
Result<SourceDocument> loadSourceDocument(CaseFile& kase, const QString& sha256);

// Readable text for bytes: JSON indented, other text unchanged, binary as a hex dump; at most maxChars.
QString prettySource(const QByteArray& bytes, qsizetype maxChars, bool* truncated = nullptr);

} // namespace tideline
