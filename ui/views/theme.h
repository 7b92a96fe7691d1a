// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QPalette>

class QApplication;

namespace tideline::ui {

// Colours that read on both light and dark palettes, derived from the palette in use.
struct Theme {
    bool dark = false;
    QColor known; // bars and chart areas of workloads with a fingerprint
    QColor unknown; // no fingerprint: no way to tie it to evidence
    QColor laneBackground;
    QColor environmentBackground;
    QColor blindSpot; // stretches nothing vouches for
    QColor mark; // snapshot marks
    QColor cursor;
    QColor pickA;
    QColor pickB;
    QColor grid;
    QColor text;
    QColor mutedText;
    QColor added, removed, scaled, unchanged;
    QColor finding; // exposure of an open finding: what ran without what its policies require
    QColor findingReviewed; // the same, once a reviewer has decided on it

    static Theme fromPalette(const QPalette& palette);
    static Theme current();
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

enum class Appearance { System, Light, Dark };
// Fusion with a light or dark palette, or the platform's own look.
void applyAppearance(QApplication& app, Appearance appearance);
Appearance appearanceFromString(const QString& s);
QString appearanceToString(Appearance a);

} // namespace tideline::ui
