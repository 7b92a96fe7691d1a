// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/finding.h"

#include <QColor>
#include <QPalette>

class QApplication;
class QEvent;

namespace tideline::ui {

// Colours that read on light, dark and high-contrast palettes, derived from the palette in use: the one place the
// window, its charts and the pack take their colours from. Nothing that draws picks a colour of its own.
struct Theme {
    bool dark = false;
    bool highContrast = false;
    QColor known; // bars and chart areas of workloads with a fingerprint
    QColor unknown; // no fingerprint: no way to tie it to evidence
    QColor laneBackground;
    QColor environmentBackground;
    QColor blindSpot; // stretches nothing vouches for
    QColor hatch; // the hatching over blind spots and unknown bars
    QColor mark; // snapshot marks
    QColor cursor;
    QColor pickA;
    QColor pickB;
    QColor grid;
    QColor text;
    QColor mutedText;
    QColor added, removed, scaled, unchanged;
    QColor finding; // an open finding: disposition(Disposition::Open)
    QColor findingReviewed; // kept for callers that only tell open from decided: disposition(Remediated)
    QColor warning; // what deserves a second look (an import's warning)
    QColor outsidePeriod; // laid over the timeline outside the chosen period

    // Each disposition its own colour, in the timeline, the charts, the list and the pack alike.
    QColor disposition(Disposition d) const;
    // A finding's colour: its disposition's; one a VEX statement suppresses, halfway between false positive's grey and
    // a bar's "no finding" (a supplier says it does not apply; nobody here decided).
    QColor flagColour(Disposition d, bool suppressedByVex) const
    {
        if (!suppressedByVex)
            return disposition(d);
        const QColor a = disposition(Disposition::FalsePositive), b = known;
        return QColor((a.red() + b.red()) / 2, (a.green() + b.green()) / 2, (a.blue() + b.blue()) / 2);
    }
    QColor severity(Severity s) const;
    // Black or white, whichever reads better on fill (the labels on bars, badges and flags).
    static QColor onColour(const QColor& fill);
    // The WCAG 2 contrast ratio of two colours (1 to 21).
    static double contrast(const QColor& a, const QColor& b);

    static Theme fromPalette(const QPalette& palette);
    static Theme current();

private:
    QColor m_dispositions[5];
    QColor m_severities[4];
};

// While it lives, Theme::current() derives from this palette instead of the application's: the PDF pack
// is drawn light whatever the window looks like. GUI thread only, like everything that paints widgets.
class ScopedTheme {
public:
    explicit ScopedTheme(const QPalette& palette);
    ~ScopedTheme();
    ScopedTheme(const ScopedTheme&) = delete;
    ScopedTheme& operator=(const ScopedTheme&) = delete;

private:
    QPalette m_palette;
    const QPalette* m_previous;
};

enum class Appearance { System, Light, Dark, HighContrast };
// The platform's own look (as it was when Tideline started), or Fusion with a light, dark or high-contrast palette.
// Switching takes effect at once: every widget gets the new palette, and those that write colours into rich text
// render it again (see ThemeChange).
void applyAppearance(QApplication& app, Appearance appearance);
Appearance appearanceFromString(const QString& s);
QString appearanceToString(Appearance a);
QPalette appearancePalette(Appearance a); // the palette applyAppearance would set (System: the platform's)

// True for the events after which colours taken from the theme must be taken again.
bool isThemeChange(const QEvent* event);

} // namespace tideline::ui
