// SPDX-License-Identifier: GPL-3.0-or-later
#include "text.h"

#include <QList>

namespace tideline {

namespace {

bool invisible(char32_t c, LineBreaks breaks)
{
    if (c == '\n' || c == '\t' || c == '\r')
        return breaks == LineBreaks::Escape;
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
        return true; // C0, DEL, C1 (ESC starts terminal sequences)
    if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C)
        return true; // bidi embeddings, overrides, isolates and marks
    if ((c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF || c == 0x00AD)
        return true; // zero-width space and joiners, word joiner, BOM, soft hyphen
    return c == 0xFFF9 || c == 0xFFFA || c == 0xFFFB; // interlinear annotation
}

} // namespace

bool hasInvisibleCharacters(const QString& text, LineBreaks breaks)
{
    for (const uint u : text.toUcs4())
        if (invisible(char32_t(u), breaks))
            return true;
    return false;
}

QString visibleText(const QString& text, LineBreaks breaks)
{
    if (!hasInvisibleCharacters(text, breaks))
        return text;
    QString out;
    out.reserve(text.size() + 16);
    for (const uint u : text.toUcs4()) {
        const char32_t c = char32_t(u);
        if (invisible(c, breaks))
            out += QStringLiteral("\\u") + QStringLiteral("%1").arg(static_cast<uint>(c), 4, 16, QLatin1Char('0')).toUpper();
        else
            out += QString::fromUcs4(&c, 1);
    }
    return out;
}

} // namespace tideline
