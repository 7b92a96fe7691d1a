// SPDX-License-Identifier: GPL-3.0-or-later
#include "pdfdocument.h"

#include "domain/text.h"

#include <QFileInfo>
#include <QFont>
#include <QFontMetricsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextLayout>

#include <algorithm>
#include <cmath>

namespace tideline::ui {

namespace {

constexpr int kDpi = 300;
constexpr double kPageWidthMm = 210.0;
constexpr double kPageHeightMm = 297.0;
constexpr double kMarginSideMm = 16.0;
constexpr double kContentTopMm = 21.0;
constexpr double kContentBottomMm = 279.0;
constexpr double kHeaderBaselineMm = 12.0;
constexpr double kHeaderRuleMm = 14.0;
constexpr double kFooterRuleMm = 284.0;
constexpr double kFooterBaselineMm = 288.5;
constexpr double kCellPadXMm = 1.3;
constexpr double kCellPadYMm = 0.9;

double px(double mm)
{
    return mm / 25.4 * kDpi;
}

} // namespace

void PdfDocument::noLigatures(QFont& font)
{
    // Qt 6.4 has no QFont::setFeature; any letter spacing turns the shaper's ligatures off, and a 64th of
    // a device pixel is invisible.
    font.setLetterSpacing(QFont::AbsoluteSpacing, 1.0 / 64);
}

struct PdfDocument::Block {
    enum Kind { Heading, Paragraph, TableBlock, Figure, Space, PageBreak, Note, GroupStart, GroupEnd } kind = Paragraph;
    int level = 1;
    Text text;
    double spaceAfterMm = 0;
    bool newPage = false;
    Table table;
    QPicture picture;
    QSizeF source;
    QString caption;
    double widthShare = 1.0;
    std::vector<Text> paragraphs;
    QColor tint;
};

// What pagination moves around: a piece of the document that is never split (a line, a table row, a
// figure), with how it paints itself at a point.
struct Slice {
    double height = 0;
    double spaceBefore = 0; // dropped at the top of a page
    double spaceAfter = 0;
    bool keepWithNext = false;
    bool breakBefore = false;
    bool isHeader = false;
    int header = -1; // a table row: the header slice to repeat when it opens a page
    std::function<void(QPainter&, const QPointF&)> paint;
};

struct PdfDocument::Layout {
    const PdfDocument& doc;
    QPaintDevice* device;
    double width; // of the text column, in device pixels
    double height;
    std::vector<Slice> slices;
    double pendingSpace = 0;
    bool pendingBreak = false;

    QFont font(Style s) const
    {
        QFont f(doc.m_sans);
        double pt = 9;
        switch (s) {
        case Style::Body:
            break;
        case Style::Bold:
            f.setBold(true);
            break;
        case Style::Small:
            pt = 7.5;
            break;
        case Style::SmallBold:
            pt = 7.5;
            f.setBold(true);
            break;
        case Style::Mono:
            f = QFont(doc.m_mono);
            pt = 8;
            break;
        case Style::SmallMono:
            f = QFont(doc.m_mono);
            pt = 7;
            break;
        case Style::Muted:
            pt = 8;
            break;
        case Style::Title:
            pt = 26;
            f.setBold(true);
            break;
        case Style::Subtitle:
            pt = 13;
            break;
        case Style::Heading1:
            pt = 16;
            f.setBold(true);
            break;
        case Style::Heading2:
            pt = 12;
            f.setBold(true);
            break;
        case Style::Heading3:
            pt = 10;
            f.setBold(true);
            break;
        }
        f.setPointSizeF(pt);
        noLigatures(f);
        // Unhinted outlines measure the same wherever the PDF is shown.
        f.setHintingPreference(QFont::PreferNoHinting);
        f.setStyleStrategy(QFont::PreferOutline);
        return f;
    }

    static QColor colour(Style s) { return s == Style::Muted ? mutedColour() : textColour(); }

    struct Box {
        std::shared_ptr<QTextLayout> layout;
        double height = 0;
    };

    Box lay(const Text& text, double w, Qt::Alignment align = Qt::AlignLeft) const
    {
        QString all;
        QList<QTextLayout::FormatRange> formats;
        for (const Run& r : text) {
            // Text from files is data: control and bidi characters show as escapes (an RLO cannot reverse a line).
            const QString shown = visibleText(r.text, LineBreaks::Keep);
            QTextLayout::FormatRange range;
            range.start = static_cast<int>(all.size());
            range.length = static_cast<int>(shown.size());
            range.format.setFont(font(r.style));
            range.format.setForeground(r.colour.isValid() ? r.colour : colour(r.style));
            formats << range;
            all += shown;
        }
        Box b;
        const Style base = text.empty() ? Style::Body : text.front().style;
        b.layout = std::make_shared<QTextLayout>(all, font(base), device);
        QTextOption option(align);
        // Long hashes and paths have no spaces: they may break anywhere rather than run off the page.
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        b.layout->setTextOption(option);
        b.layout->setFormats(formats);
        b.layout->setCacheEnabled(true);
        b.layout->beginLayout();
        double y = 0;
        for (;;) {
            QTextLine line = b.layout->createLine();
            if (!line.isValid()) break;
            line.setLineWidth(w);
            line.setPosition(QPointF(0, y));
            y += line.height() * 1.12;
        }
        b.layout->endLayout();
        // The last line needs no spacing below it.
        const int lines = b.layout->lineCount();
        b.height = lines ? y - b.layout->lineAt(lines - 1).height() * 0.12 : 0;
        return b;
    }

    Slice& add(Slice s)
    {
        s.spaceBefore += pendingSpace;
        s.breakBefore = s.breakBefore || pendingBreak;
        pendingSpace = 0;
        pendingBreak = false;
        slices.push_back(std::move(s));
        return slices.back();
    }

    void heading(const Block& b)
    {
        const Style style = b.level <= 1 ? Style::Heading1 : b.level == 2 ? Style::Heading2 : Style::Heading3;
        const Box box = lay(text(b.text.front().text, style), width);
        Slice s;
        const double rule = b.level <= 1 ? px(1.6) : 0;
        s.height = box.height + rule;
        s.spaceBefore = px(b.level <= 1 ? 4 : b.level == 2 ? 5 : 3.5);
        s.spaceAfter = px(b.level <= 1 ? 3 : 1.6);
        s.keepWithNext = true;
        s.breakBefore = b.newPage;
        const double w = width;
        s.paint = [box, rule, w](QPainter& p, const QPointF& at) {
            box.layout->draw(&p, at);
            if (rule > 0) {
                p.fillRect(QRectF(at.x(), at.y() + box.height + rule * 0.45, w, px(0.35)), accent());
            }
        };
        add(std::move(s));
    }

    void paragraph(const Text& t, double spaceAfterMm)
    {
        const Box box = lay(t, width);
        const int lines = box.layout->lineCount();
        if (lines <= 3) {
            Slice s;
            s.height = box.height;
            s.spaceAfter = px(spaceAfterMm);
            s.paint = [box](QPainter& p, const QPointF& at) { box.layout->draw(&p, at); };
            add(std::move(s));
            return;
        }
        // Long paragraphs break between lines, never leaving one line alone at a page's end or start.
        for (int i = 0; i < lines; ++i) {
            const QTextLine line = box.layout->lineAt(i);
            const double top = line.y();
            const double bottom = i + 1 < lines ? box.layout->lineAt(i + 1).y() : box.height;
            Slice s;
            s.height = bottom - top;
            s.keepWithNext = i == 0 || i == lines - 2;
            if (i == lines - 1) s.spaceAfter = px(spaceAfterMm);
            auto layout = box.layout;
            s.paint = [layout, i, top](QPainter& p, const QPointF& at) {
                layout->lineAt(i).draw(&p, QPointF(at.x(), at.y() - top));
            };
            add(std::move(s));
        }
    }

    void table(const Table& t, double spaceAfterMm)
    {
        const size_t columns = std::max<size_t>(1, t.headers.isEmpty() ? t.widths.size() : size_t(t.headers.size()));
        std::vector<double> widths(columns, 1.0);
        for (size_t c = 0; c < columns && c < t.widths.size(); ++c)
            widths[c] = t.widths[c];
        double total = 0;
        for (double w : widths)
            total += w;
        std::vector<double> x(columns + 1, 0);
        for (size_t c = 0; c < columns; ++c)
            x[c + 1] = x[c] + widths[c] / total * width;
        const double padX = px(kCellPadXMm), padY = px(kCellPadYMm);
        const double hair = px(0.2);
        const double w = width;

        struct LaidCell {
            Box box;
            double left = 0;
            double width = 0;
            Cell cell;
        };
        auto layRow = [&](const Row& row, bool header) {
            std::vector<LaidCell> cells;
            const size_t n = row.span ? 1 : std::min(columns, row.cells.size());
            for (size_t c = 0; c < n; ++c) {
                LaidCell lc;
                lc.cell = row.cells[c];
                lc.left = x[c];
                lc.width = row.span ? w : x[c + 1] - x[c];
                Text text = lc.cell.text;
                if (header)
                    for (Run& r : text)
                        r.style = Style::SmallBold;
                else if (t.labels && c == 0)
                    for (Run& r : text) {
                        r.style = Style::SmallBold;
                        r.colour = mutedColour();
                    }
                lc.box = lay(text, std::max(1.0, lc.width - 2 * padX), lc.cell.align);
                cells.push_back(std::move(lc));
            }
            double h = 0;
            for (const LaidCell& c : cells)
                h = std::max(h, c.box.height);
            return std::make_pair(std::move(cells), h + 2 * padY);
        };

        int headerSlice = -1;
        if (!t.headers.isEmpty()) {
            Row head;
            for (const QString& h : t.headers) {
                // A header sits over its column as the column's cells do (numbers to the right).
                Qt::Alignment align = Qt::AlignLeft;
                for (const Row& r : t.rows)
                    if (!r.span && head.cells.size() < r.cells.size()) {
                        align = r.cells[head.cells.size()].align;
                        break;
                    }
                head.cells.push_back(Cell { text(h, Style::SmallBold), QColor(), align, -1, QColor() });
            }
            auto [cells, h] = layRow(head, true);
            Slice s;
            s.height = h;
            s.isHeader = true;
            s.keepWithNext = true;
            s.paint = [cells = cells, h = h, w, padX, padY, hair](QPainter& p, const QPointF& at) {
                p.fillRect(QRectF(at.x(), at.y(), w, h), headerFill());
                for (const LaidCell& c : cells)
                    c.box.layout->draw(&p, at + QPointF(c.left + padX, padY));
                p.fillRect(QRectF(at.x(), at.y() + h - hair * 2, w, hair * 2), mutedColour());
            };
            add(std::move(s));
            headerSlice = static_cast<int>(slices.size()) - 1;
        }
        int band = 0;
        for (size_t r = 0; r < t.rows.size(); ++r) {
            const Row& row = t.rows[r];
            if (!row.keepWithPrevious) ++band;
            const bool ruleBelow = r + 1 >= t.rows.size() || !t.rows[r + 1].keepWithPrevious;
            auto [cells, h] = layRow(row, false);
            const QColor fill = t.zebra && band % 2 == 0 ? zebraFill() : QColor();
            const double contentHeight = height;
            auto paintRow
                = [cells = cells, h = h, w, padX, padY, hair, fill, ruleBelow](QPainter& p, const QPointF& at) {
                      if (fill.isValid()) p.fillRect(QRectF(at.x(), at.y(), w, h), fill);
                      for (const LaidCell& c : cells) {
                          if (c.cell.background.isValid())
                              p.fillRect(QRectF(at.x() + c.left, at.y(), c.width, h), c.cell.background);
                          if (c.cell.bar > 0) {
                              QColor bar = c.cell.barColour.isValid() ? c.cell.barColour : accent();
                              bar.setAlpha(70);
                              p.fillRect(
                                  QRectF(at.x() + c.left + padX, at.y() + padY * 0.6,
                                      std::max(hair, (c.width - 2 * padX) * std::min(1.0, c.cell.bar)), h - padY * 1.2),
                                  bar);
                          }
                          c.box.layout->draw(&p, at + QPointF(c.left + padX, padY));
                      }
                      if (ruleBelow) p.fillRect(QRectF(at.x(), at.y() + h - hair, w, hair), ruleColour());
                  };
            if ((row.keepWithPrevious || (t.keepTogether && r > 0)) && !slices.empty())
                slices.back().keepWithNext = true;
            if (h <= contentHeight * 0.8) {
                Slice s;
                s.height = h;
                s.header = headerSlice;
                s.paint = paintRow;
                add(std::move(s));
                continue;
            }
            // A row taller than most of a page (rare: a very long note) continues on the next, clipped.
            const double piece = contentHeight * 0.7;
            for (double offset = 0; offset < h; offset += piece) {
                Slice s;
                s.height = std::min(piece, h - offset);
                s.header = headerSlice;
                s.paint = [paintRow, offset, w, hgt = s.height](QPainter& p, const QPointF& at) {
                    p.save();
                    p.setClipRect(QRectF(at, QSizeF(w, hgt)));
                    paintRow(p, QPointF(at.x(), at.y() - offset));
                    p.restore();
                };
                add(std::move(s));
            }
        }
        if (!slices.empty()) slices.back().spaceAfter = px(spaceAfterMm);
    }

    void figure(const Block& b)
    {
        const Box caption = lay(text(b.caption, Style::Muted), width);
        const double gap = px(1.5);
        double scale = width * b.widthShare / b.source.width();
        scale = std::min(scale, (height * 0.95 - caption.height - gap) / b.source.height());
        const double w = b.source.width() * scale, h = b.source.height() * scale;
        Slice s;
        s.height = h + gap + caption.height;
        s.spaceBefore = px(1);
        s.spaceAfter = px(4);
        const QPicture picture = b.picture;
        s.paint = [picture, scale, w, h, gap, caption](QPainter& p, const QPointF& at) {
            p.save();
            p.translate(at);
            // A picture plays back scaled by the target's resolution over its own: undo that.
            const double dpi = double(picture.logicalDpiX()) / p.device()->logicalDpiX();
            p.scale(scale * dpi, scale * dpi);
            p.drawPicture(QPointF(0, 0), picture);
            p.restore();
            p.save();
            p.setPen(QPen(ruleColour(), px(0.2)));
            p.setBrush(Qt::NoBrush);
            p.drawRect(QRectF(at, QSizeF(w, h)));
            p.restore();
            caption.layout->draw(&p, at + QPointF(0, h + gap));
        };
        add(std::move(s));
    }

    void note(const Block& b)
    {
        const double pad = px(3);
        std::vector<Box> boxes;
        double h = 0;
        for (const Text& t : b.paragraphs) {
            boxes.push_back(lay(t, width - 2 * pad));
            h += boxes.back().height + px(1.5);
        }
        h += 2 * pad - px(1.5);
        Slice s;
        s.height = h;
        s.spaceBefore = px(1);
        s.spaceAfter = px(4);
        const QColor tint = b.tint;
        const double w = width;
        s.paint = [boxes, h, w, pad, tint](QPainter& p, const QPointF& at) {
            p.fillRect(QRectF(at, QSizeF(w, h)), tint);
            p.fillRect(QRectF(at, QSizeF(px(0.8), h)), tint.darker(160));
            double y = at.y() + pad;
            for (const Box& box : boxes) {
                box.layout->draw(&p, QPointF(at.x() + pad, y));
                y += box.height + px(1.5);
            }
        };
        add(std::move(s));
    }

    void build()
    {
        std::vector<size_t> groups; // where each open group's slices begin
        for (const auto& b : doc.m_blocks) {
            switch (b->kind) {
            case Block::GroupStart:
                groups.push_back(slices.size());
                break;
            case Block::GroupEnd:
                if (!groups.empty()) {
                    for (size_t i = groups.back(); i + 1 < slices.size(); ++i)
                        slices[i].keepWithNext = true;
                    groups.pop_back();
                }
                break;
            case Block::Heading:
                heading(*b);
                break;
            case Block::Paragraph:
                paragraph(b->text, b->spaceAfterMm);
                break;
            case Block::TableBlock:
                table(b->table, b->spaceAfterMm);
                break;
            case Block::Figure:
                figure(*b);
                break;
            case Block::Space:
                pendingSpace += px(b->spaceAfterMm);
                break;
            case Block::PageBreak:
                pendingBreak = true;
                break;
            case Block::Note:
                note(*b);
                break;
            }
        }
    }

    // The height a slice needs on the page it starts: itself and every slice it must stay with.
    double chainHeight(size_t i) const
    {
        double h = slices[i].height;
        while (slices[i].keepWithNext && i + 1 < slices.size() && h < height) {
            h += slices[i].spaceAfter + slices[i + 1].spaceBefore + slices[i + 1].height;
            ++i;
        }
        return std::min(h, height);
    }

    struct Placed {
        size_t slice;
        double y;
    };

    std::vector<std::vector<Placed>> paginate() const
    {
        std::vector<std::vector<Placed>> pages(1);
        const double top = px(kContentTopMm), bottom = top + height;
        double y = top;
        double after = 0;
        for (size_t i = 0; i < slices.size(); ++i) {
            const Slice& s = slices[i];
            bool fresh = pages.back().empty();
            if (s.breakBefore && !fresh) {
                pages.emplace_back();
                fresh = true;
                y = top;
            }
            double before = fresh ? 0 : std::max(after, s.spaceBefore);
            const double header = s.header >= 0 && !s.isHeader ? slices[size_t(s.header)].height : 0;
            if (!fresh && y + before + chainHeight(i) > bottom + 0.5) {
                pages.emplace_back();
                fresh = true;
                y = top;
                before = 0;
            }
            if (fresh && header > 0) {
                pages.back().push_back({ size_t(s.header), y });
                y += header;
            }
            y += before;
            pages.back().push_back({ i, y });
            y += s.height;
            after = s.spaceAfter;
        }
        return pages;
    }
};

PdfDocument::PdfDocument(const QString& sansFamily, const QString& monoFamily)
    : m_sans(sansFamily)
    , m_mono(monoFamily)
{ }

PdfDocument::~PdfDocument() = default;

void PdfDocument::heading(int level, const QString& text, bool newPage)
{
    auto b = std::make_shared<Block>();
    b->kind = Block::Heading;
    b->level = level;
    b->text = PdfDocument::text(text);
    b->newPage = newPage;
    m_blocks.push_back(std::move(b));
}

void PdfDocument::paragraph(const Text& text, double spaceAfterMm)
{
    auto b = std::make_shared<Block>();
    b->kind = Block::Paragraph;
    b->text = text;
    b->spaceAfterMm = spaceAfterMm;
    m_blocks.push_back(std::move(b));
}

void PdfDocument::table(Table table, double spaceAfterMm)
{
    auto b = std::make_shared<Block>();
    b->kind = Block::TableBlock;
    b->table = std::move(table);
    b->spaceAfterMm = spaceAfterMm;
    m_blocks.push_back(std::move(b));
}

void PdfDocument::figure(const QPicture& picture, const QSizeF& sourceSize, const QString& caption, double widthShare)
{
    auto b = std::make_shared<Block>();
    b->kind = Block::Figure;
    b->picture = picture;
    b->source = sourceSize;
    b->caption = caption;
    b->widthShare = widthShare;
    m_blocks.push_back(std::move(b));
}

void PdfDocument::space(double mm)
{
    auto b = std::make_shared<Block>();
    b->kind = Block::Space;
    b->spaceAfterMm = mm;
    m_blocks.push_back(std::move(b));
}

void PdfDocument::beginGroup()
{
    auto b = std::make_shared<Block>();
    b->kind = Block::GroupStart;
    m_blocks.push_back(std::move(b));
}

void PdfDocument::endGroup()
{
    auto b = std::make_shared<Block>();
    b->kind = Block::GroupEnd;
    m_blocks.push_back(std::move(b));
}

void PdfDocument::pageBreak()
{
    auto b = std::make_shared<Block>();
    b->kind = Block::PageBreak;
    m_blocks.push_back(std::move(b));
}

void PdfDocument::note(const std::vector<Text>& paragraphs, const QColor& tint)
{
    auto b = std::make_shared<Block>();
    b->kind = Block::Note;
    b->paragraphs = paragraphs;
    b->tint = tint;
    m_blocks.push_back(std::move(b));
}

Status PdfDocument::write(const QString& path, const QString& title, const QString& creator,
    const Decoration& decoration, const std::function<void(int, int)>& progress) const
{
    QPdfWriter writer(path);
    writer.setResolution(kDpi);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
    writer.setTitle(title);
    writer.setCreator(creator);

    Layout layout { *this, &writer, px(kPageWidthMm - 2 * kMarginSideMm), px(kContentBottomMm - kContentTopMm), {}, 0,
        false };
    layout.build();
    const std::vector<std::vector<Layout::Placed>> pages = layout.paginate();
    m_pages = static_cast<int>(pages.size());

    QPainter p;
    if (!p.begin(&writer))
        return Problem { path, QString(),
            QStringLiteral("cannot write the PDF (%1)").arg(QFileInfo(path).absolutePath()) };
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    const double left = px(kMarginSideMm), right = px(kPageWidthMm - kMarginSideMm);
    const QFont small = layout.font(Style::Small);
    const QFont smallBold = layout.font(Style::SmallBold);
    for (size_t page = 0; page < pages.size(); ++page) {
        if (page > 0) writer.newPage();
        // Header and footer: which case, which page of how many.
        p.setPen(mutedColour());
        p.setFont(smallBold);
        p.drawText(QPointF(left, px(kHeaderBaselineMm)), decoration.headerLeft);
        p.setFont(small);
        const QFontMetricsF fm(small, &writer);
        p.drawText(QPointF(right - fm.horizontalAdvance(decoration.headerRight), px(kHeaderBaselineMm)),
            decoration.headerRight);
        p.fillRect(QRectF(left, px(kHeaderRuleMm), right - left, px(0.25)), ruleColour());
        p.fillRect(QRectF(left, px(kFooterRuleMm), right - left, px(0.25)), ruleColour());
        p.drawText(QPointF(left, px(kFooterBaselineMm)), decoration.footerLeft);
        const QString pageText = QStringLiteral("Page %1 of %2").arg(page + 1).arg(pages.size());
        p.setFont(smallBold);
        const QFontMetricsF fmb(smallBold, &writer);
        p.drawText(QPointF(right - fmb.horizontalAdvance(pageText), px(kFooterBaselineMm)), pageText);
        for (const Layout::Placed& placed : pages[page]) {
            p.save();
            layout.slices[placed.slice].paint(p, QPointF(left, placed.y));
            p.restore();
        }
        if (progress) progress(static_cast<int>(page + 1), static_cast<int>(pages.size()));
    }
    if (!p.end()) return Problem { path, QString(), QStringLiteral("cannot finish the PDF") };
    return {};
}

} // namespace tideline::ui
