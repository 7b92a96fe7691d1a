// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace tideline {

// Text from files, shown as data: control characters (C0 but line breaks and tabs where allowed, DEL, C1) and
// the invisible characters that reorder or hide text (bidi overrides and isolates, zero-width joiners, the BOM)
// become visible escapes such as \u202E, so that a name cannot move the cursor, rewrite a terminal line, or make
// "gpj.exe" read as "exe.jpg".
enum class LineBreaks { Escape, Keep };
QString visibleText(const QString& text, LineBreaks breaks = LineBreaks::Escape);
// Whether visibleText would change the text.
bool hasInvisibleCharacters(const QString& text, LineBreaks breaks = LineBreaks::Escape);

} // namespace tideline
