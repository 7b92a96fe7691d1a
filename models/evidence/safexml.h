// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Reading XML safely, for every XML format of this folder (JUnit, CycloneDX): UTF-8 or UTF-16 only, no document type
// declaration (so no declared or external entities, no entity expansion), no entity reference but the predefined ones.

#include "domain/result.h"

#include <QByteArray>
#include <QString>
#include <QXmlStreamReader>

#include <optional>

namespace tideline::safexml {

bool isUtf16(const QByteArray& bytes);
// Enough of the file's start, as text, to find its declaration and root element.
QString headText(const QByteArray& bytes);
QString declaredEncoding(const QString& head);
// An encoding that is not read (declared, or bytes that are not valid UTF-8), with the line.
std::optional<Problem> encodingProblem(const QByteArray& bytes, const QString& file);
// Bytes that are not valid UTF-8, with the line of the first bad one.
std::optional<Problem> utf8Problem(const QByteArray& bytes, const QString& file);
// A token that is refused: a DTD or an entity reference.
std::optional<Problem> tokenProblem(const QXmlStreamReader& xml, QXmlStreamReader::TokenType t, const QString& file);

} // namespace tideline::safexml
