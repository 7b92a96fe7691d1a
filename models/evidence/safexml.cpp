// SPDX-License-Identifier: GPL-3.0-or-later
#include "safexml.h"

#include <QRegularExpression>
#include <QStringDecoder>

#include <set>

namespace tideline::safexml {

bool isUtf16(const QByteArray& b)
{
    return b.startsWith("\xFF\xFE") || b.startsWith("\xFE\xFF") || (b.size() >= 2 && (b[0] == 0 || b[1] == 0));
}

// Enough of the file's start, as text, to find its declaration and root element.
QString headText(const QByteArray& bytes)
{
    const QByteArray head = bytes.left(64 * 1024);
    if (isUtf16(head)) {
        const bool be = head.startsWith("\xFE\xFF") || (head.size() >= 2 && head[0] == 0);
        QStringDecoder d(be ? QStringConverter::Utf16BE : QStringConverter::Utf16LE);
        return d(head);
    }
    return QString::fromLatin1(head); // markup is ASCII in every encoding we could meet here
}

QString declaredEncoding(const QString& head)
{
    static const QRegularExpression decl(QStringLiteral("^\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"']([^\"']+)[\"']"));
    QString h = head;
    if (h.startsWith(QChar(0xFEFF)) || h.startsWith(QStringLiteral("\u00EF\u00BB\u00BF")))
        h = h.mid(h.startsWith(QChar(0xFEFF)) ? 1 : 3);
    const auto m = decl.match(h);
    return m.hasMatch() ? m.captured(1) : QString();
}

std::optional<Problem> encodingProblem(const QByteArray& bytes, const QString& file)
{
    const QString head = headText(bytes);
    // Only UTF-8 and UTF-16 are read: a report in another encoding is refused, not guessed at.
    const QString encoding = declaredEncoding(head).toLower();
    const bool utf16 = isUtf16(bytes);
    if (!encoding.isEmpty()) {
        static const std::set<QString> readable { QStringLiteral("utf-8"), QStringLiteral("utf8"), QStringLiteral("us-ascii"),
            QStringLiteral("ascii"), QStringLiteral("utf-16"), QStringLiteral("utf-16le"), QStringLiteral("utf-16be") };
        if (!readable.count(encoding))
            return Problem { file, QStringLiteral("line 1"),
                QStringLiteral("XML in encoding '%1' cannot be read: Tideline reads UTF-8 and UTF-16 (convert it, e.g. `iconv -f %1 -t "
                               "UTF-8`)")
                    .arg(declaredEncoding(head)) };
        if (encoding.startsWith(QLatin1String("utf-16")) && !utf16)
            return Problem { file, QStringLiteral("line 1"), QStringLiteral("declared UTF-16, but the bytes are not UTF-16") };
    }
    if (!utf16)
        return utf8Problem(bytes, file);
    return std::nullopt;
}

std::optional<Problem> utf8Problem(const QByteArray& bytes, const QString& file)
{
    QStringDecoder check(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
    const QString decoded = check(bytes);
    if (!check.hasError())
        return std::nullopt;
    qsizetype line = 1;
    const qsizetype bad = decoded.indexOf(QChar(QChar::ReplacementCharacter));
    for (qsizetype i = 0; i < bad && i < decoded.size(); ++i)
        if (decoded[i] == QLatin1Char('\n'))
            ++line;
    return Problem { file, QStringLiteral("line %1").arg(line), QStringLiteral("not valid UTF-8: declare the file's encoding or convert it to UTF-8") };
}

std::optional<Problem> tokenProblem(const QXmlStreamReader& xml, QXmlStreamReader::TokenType t, const QString& file)
{
    if (t == QXmlStreamReader::DTD)
        return Problem { file, QStringLiteral("line %1").arg(xml.lineNumber()),
        QStringLiteral("a document type declaration is refused: it can declare entities (external entities, entity "
                   "expansion)") };
    if (t == QXmlStreamReader::EntityReference)
        return Problem { file, QStringLiteral("line %1").arg(xml.lineNumber()),
        QStringLiteral("entity reference '&%1;' refused: only the five predefined XML entities and character references "
                   "are read")
            .arg(xml.name().toString()) };
    return std::nullopt;
}

} // namespace tideline::safexml
