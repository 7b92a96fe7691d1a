// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QColor>
#include <QFont>
#include <QPicture>
#include <QSizeF>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

namespace tideline::ui {

// A small document laid out into A4 pages for QPdfWriter at 300 dpi: paragraphs that break between lines,
// tables that break between rows and repeat their header row, figures kept whole, headings kept with what
// follows them, and a header and footer on every page. The whole document is laid out before anything is
// painted, so that every footer can say "page x of y". Needs no widgets: it may run on a worker thread.
class PdfDocument {
public:
    enum class Style {
        Body,
        Bold,
        Small,
        SmallBold,
        Mono,
        SmallMono,
        Muted,
        Title,
        Subtitle,
        Heading1,
        Heading2,
        Heading3
    };

    struct Run {
        QString text;
        Style style = Style::Body;
        QColor colour; // invalid: the style's own
    };
    using Text = std::vector<Run>;
    static Text text(const QString& s, Style style = Style::Body, const QColor& colour = QColor())
    {
        return { Run { s, style, colour } };
    }

    struct Cell {
        Text text;
        QColor background; // invalid: the row's
        Qt::Alignment align = Qt::AlignLeft;
        double bar = -1; // 0..1: a bar of that share of the cell under the text (counts in a summary)
        QColor barColour;
    };
    struct Row {
        std::vector<Cell> cells;
        bool span = false; // one cell across every column (a long hash under the row it belongs to)
        bool keepWithPrevious = false; // never the first row on a page: it explains the row above
    };
    struct Table {
        QStringList headers; // empty: no header row (a list of labels and values)
        std::vector<double> widths; // relative column widths
        std::vector<Row> rows;
        bool zebra = true;
        bool labels = false; // the first column names what the second holds
        bool keepTogether = false; // on one page where it fits (a short list of labels and values)
    };

    struct Decoration {
        QString headerLeft;
        QString headerRight;
        QString footerLeft; // the right of the footer says "Page x of y"
    };

    // Fonts by family name; they must be known to QFontDatabase (loaded from resources by the caller).
    PdfDocument(const QString& sansFamily, const QString& monoFamily);
    ~PdfDocument();

    void heading(int level, const QString& text, bool newPage = false);
    void paragraph(const Text& text, double spaceAfterMm = 2.0);
    void paragraph(const QString& text, Style style = Style::Body, double spaceAfterMm = 2.0)
    {
        paragraph(PdfDocument::text(text, style), spaceAfterMm);
    }
    void table(Table table, double spaceAfterMm = 4.0);
    // A picture painted in sourceSize's coordinates, scaled to the text width (or less, never above 100%
    // of widthShare), kept whole on one page; its caption stays with it.
    void figure(const QPicture& picture, const QSizeF& sourceSize, const QString& caption, double widthShare = 1.0);
    void space(double mm);
    // What comes between these stays on one page where it fits (a finding with its tables).
    void beginGroup();
    void endGroup();
    void pageBreak();
    // A box with a tinted background around a few paragraphs (how to verify, nothing found, ...).
    void note(const std::vector<Text>& paragraphs, const QColor& tint);

    // Lays out and writes the PDF. progress gets (pages painted, pages) while it paints.
    Status write(const QString& path, const QString& title, const QString& creator, const Decoration& decoration,
        const std::function<void(int, int)>& progress = {}) const;

    int pageCount() const { return m_pages; } // after write()

    // Ligatures would turn "ff" in a hash into one glyph that text extraction reads back as "ﬀ".
    static void noLigatures(QFont& font);

    static QColor textColour() { return QColor(0x1d, 0x1f, 0x23); }
    static QColor mutedColour() { return QColor(0x5f, 0x64, 0x6d); }
    static QColor ruleColour() { return QColor(0xc9, 0xce, 0xd6); }
    static QColor headerFill() { return QColor(0xe8, 0xed, 0xf4); }
    static QColor zebraFill() { return QColor(0xf6, 0xf7, 0xf9); }
    static QColor accent() { return QColor(0x2f, 0x6f, 0xb5); }

private:
    struct Block;
    struct Layout;
    std::vector<std::shared_ptr<Block>> m_blocks;
    QString m_sans;
    QString m_mono;
    mutable int m_pages = 0;
};

} // namespace tideline::ui
