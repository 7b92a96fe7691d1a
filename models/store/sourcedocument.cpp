// SPDX-License-Identifier: GPL-3.0-or-later
#include "sourcedocument.h"

#include "domain/hash.h"
#include "store/casefile.h"
#include "store/sourcestore.h"

#include <QJsonDocument>

namespace tideline {

namespace {

constexpr qsizetype kMaxText = qsizetype(8) << 20;

bool isBinary(const QByteArray& bytes)
{
    const qsizetype n = std::min<qsizetype>(bytes.size(), 8192);
    for (qsizetype i = 0; i < n; ++i)
        if (bytes[i] == '\0')
            return true;
    return false;
}

QString hexDump(const QByteArray& bytes, qsizetype maxBytes)
{
    QString out;
    const qsizetype n = std::min(bytes.size(), maxBytes);
    for (qsizetype row = 0; row < n; row += 16) {
        out += QStringLiteral("%1  ").arg(row, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = row; i < row + 16; ++i) {
            if (i < n) {
                const auto c = static_cast<unsigned char>(bytes[i]);
                out += QStringLiteral("%1 ").arg(c, 2, 16, QLatin1Char('0'));
                ascii += c >= 32 && c < 127 ? QChar(static_cast<char16_t>(c)) : QChar(u'.');
            } else {
                out += QStringLiteral("   ");
            }
        }
        out += QLatin1Char(' ') + ascii + QLatin1Char('\n');
    }
    return out;
}

} // namespace

QString prettySource(const QByteArray& bytes, qsizetype maxChars, bool* truncated)
{
    if (truncated)
        *truncated = false;
    if (isBinary(bytes)) {
        const qsizetype maxBytes = std::max<qsizetype>(16, maxChars / 80 * 16);
        if (truncated)
            *truncated = bytes.size() > maxBytes;
        return hexDump(bytes, maxBytes);
    }
    QString text;
    const QByteArray trimmed = bytes.trimmed();
    if ((trimmed.startsWith('{') || trimmed.startsWith('[')) && bytes.size() < kMaxText) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
        if (error.error == QJsonParseError::NoError)
            text = QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    }
    if (text.isEmpty())
        text = QString::fromUtf8(bytes);
    if (text.size() > maxChars) {
        text.truncate(maxChars);
        if (truncated)
            *truncated = true;
    }
    return text;
}

Result<SourceDocument> loadSourceDocument(CaseFile& kase, const QString& sha256)
{
    SourceStore store(kase.db());
    const auto record = store.findBySha(sha256);
    if (!record)
        return Problem { kase.path(), QString(), QStringLiteral("no source with sha256 %1 in this case").arg(sha256) };
    Result<QByteArray> bytes = store.load(record->id);
    if (!bytes)
        return bytes.problem();
    SourceDocument d;
    d.sha256 = record->sha256;
    d.name = record->name;
    d.format = record->format;
    d.size = record->size;
    d.importedAt = record->importedAt;
    d.bytes = std::move(bytes).value();
    d.verified = sha256Hex(d.bytes) == d.sha256;
    d.text = prettySource(d.bytes, kMaxText, &d.truncated);
    return d;
}

} // namespace tideline
