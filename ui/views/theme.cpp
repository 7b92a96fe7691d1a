// SPDX-License-Identifier: GPL-3.0-or-later
#include "theme.h"

#include <QApplication>
#include <QEvent>
#include <QPainter>
#include <QProxyStyle>
#include <QStyleFactory>
#include <QStyleOption>

#include <cmath>

namespace tideline::ui {

namespace {

const QPalette* g_scoped = nullptr; // set by ScopedTheme

// The look the platform gave before Tideline chose one: what "System" returns to.
struct SystemLook {
    bool captured = false;
    QString style;
    QPalette palette;
};
SystemLook& systemLook()
{
    static SystemLook look;
    return look;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31), base(0x1f, 0x21, 0x24), text(0xe6, 0xe6, 0xe6), button(0x35, 0x37, 0x3b);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x27, 0x29, 0x2d));
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3c, 0x40));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0xa6, 0xa9, 0xaf));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, button);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x6c, 0xc4));
    p.setColor(QPalette::HighlightedText, QColor(0xff, 0xff, 0xff));
    p.setColor(QPalette::Link, QColor(0x6c, 0xb0, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb0, 0x9c, 0xff));
    // Fusion draws frames and indicator outlines from these: light enough to show on the dark window.
    p.setColor(QPalette::Mid, QColor(0x6a, 0x6d, 0x73));
    p.setColor(QPalette::Dark, QColor(0x14, 0x15, 0x17));
    p.setColor(QPalette::Midlight, QColor(0x48, 0x4a, 0x4f));
    p.setColor(QPalette::Light, QColor(0x5c, 0x5f, 0x64));
    p.setColor(QPalette::Shadow, QColor(0x0, 0x0, 0x0));
    for (auto role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        p.setColor(QPalette::Disabled, role, QColor(0x8c, 0x8f, 0x94));
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    return p;
}

QPalette highContrastPalette()
{
    QPalette p;
    const QColor black(0, 0, 0), white(0xff, 0xff, 0xff);
    for (auto role : { QPalette::Window, QPalette::Base, QPalette::Button, QPalette::ToolTipBase, QPalette::AlternateBase })
        p.setColor(role, black);
    p.setColor(QPalette::AlternateBase, QColor(0x14, 0x14, 0x14));
    for (auto role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::ToolTipText, QPalette::BrightText })
        p.setColor(role, white);
    p.setColor(QPalette::PlaceholderText, QColor(0xc8, 0xc8, 0xc8));
    p.setColor(QPalette::Highlight, QColor(0xff, 0xe6, 0x00));
    p.setColor(QPalette::HighlightedText, black);
    p.setColor(QPalette::Link, QColor(0x80, 0xd8, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xff, 0x9c, 0xff));
    p.setColor(QPalette::Mid, QColor(0xb0, 0xb0, 0xb0));
    p.setColor(QPalette::Dark, QColor(0xd0, 0xd0, 0xd0));
    p.setColor(QPalette::Midlight, QColor(0x60, 0x60, 0x60));
    p.setColor(QPalette::Light, QColor(0xe0, 0xe0, 0xe0));
    p.setColor(QPalette::Shadow, white);
    for (auto role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        p.setColor(QPalette::Disabled, role, QColor(0xa8, 0xa8, 0xa8));
    return p;
}

QColor mix(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(static_cast<float>(a.redF() * (1 - t) + b.redF() * t), static_cast<float>(a.greenF() * (1 - t) + b.greenF() * t),
        static_cast<float>(a.blueF() * (1 - t) + b.blueF() * t));
}

double luminance(const QColor& c)
{
    auto channel = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

// Check boxes and radio buttons keep an outline that shows on any window: Fusion derives theirs from the window
// colour, which on a dark window leaves an unchecked box looking like plain text.
class IndicatorStyle : public QProxyStyle {
public:
    using QProxyStyle::QProxyStyle;

    void drawPrimitive(PrimitiveElement pe, const QStyleOption* option, QPainter* painter, const QWidget* widget) const override
    {
        QProxyStyle::drawPrimitive(pe, option, painter, widget);
        // Where a field's base is the window's own colour (high contrast), its frame is what shows it is a field.
        if (pe == PE_PanelLineEdit && option->palette.color(QPalette::Base) == option->palette.color(QPalette::Window)) {
            painter->save();
            painter->setPen(QPen(option->palette.color(option->state & State_HasFocus ? QPalette::Highlight : QPalette::Text), 1));
            painter->setBrush(Qt::NoBrush);
            painter->drawRect(QRectF(option->rect).adjusted(0.5, 0.5, -0.5, -0.5));
            painter->restore();
            return;
        }
        if (pe != PE_IndicatorCheckBox && pe != PE_IndicatorRadioButton && pe != PE_IndicatorItemViewItemCheck)
            return;
        QColor edge = option->palette.color(QPalette::Text);
        edge.setAlphaF(option->state & State_Enabled ? 0.75f : 0.4f);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing, pe == PE_IndicatorRadioButton);
        painter->setPen(QPen(edge, 1));
        painter->setBrush(Qt::NoBrush);
        const QRectF r = QRectF(option->rect).adjusted(0.5, 0.5, -0.5, -0.5);
        if (pe == PE_IndicatorRadioButton)
            painter->drawEllipse(r);
        else
            painter->drawRect(r);
        painter->restore();
    }
};

} // namespace

// The arrays follow the enum's order: open, accepted risk, false positive, remediated, escalated.
QColor Theme::disposition(Disposition d) const
{
    return m_dispositions[static_cast<int>(d)];
}

QColor Theme::severity(Severity s) const
{
    return m_severities[static_cast<int>(s)];
}

QColor Theme::onColour(const QColor& fill)
{
    const QColor black(0x10, 0x10, 0x10), white(0xff, 0xff, 0xff);
    return contrast(fill, white) >= contrast(fill, black) ? white : black;
}

double Theme::contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

Theme Theme::fromPalette(const QPalette& p)
{
    Theme t;
    const QColor base = p.color(QPalette::Base);
    t.dark = base.lightnessF() < 0.5;
    t.text = p.color(QPalette::Text);
    // The high-contrast palette is black through and through; a light one's black text on white is not that.
    t.highContrast = base == QColor(Qt::black) && p.color(QPalette::Window) == QColor(Qt::black);
    t.mutedText = mix(p.color(QPalette::Text), base, t.highContrast ? 0.2 : t.dark ? 0.35 : 0.4);
    t.laneBackground = base;
    t.environmentBackground = mix(base, p.color(QPalette::Highlight), t.highContrast ? 0.0 : t.dark ? 0.14 : 0.07);
    t.blindSpot = mix(base, t.text, t.highContrast ? 0.2 : t.dark ? 0.12 : 0.08);
    t.hatch = mix(base, t.text, t.highContrast ? 0.6 : 0.35);
    t.mark = mix(t.text, base, t.highContrast ? 0.0 : 0.25);
    t.grid = mix(base, t.text, t.highContrast ? 0.3 : t.dark ? 0.16 : 0.10);
    t.outsidePeriod = mix(base, t.text, t.highContrast ? 0.25 : 0.06);
    t.outsidePeriod.setAlphaF(0.6f);
    if (t.highContrast) {
        t.known = QColor(0x4d, 0xa6, 0xff);
        t.unknown = QColor(0xff, 0xa5, 0x00);
        t.cursor = QColor(0xff, 0x40, 0x40);
        t.pickA = QColor(0xff, 0x80, 0xff);
        t.pickB = QColor(0x00, 0xff, 0xff);
        t.added = QColor(0x5c, 0xff, 0x5c);
        t.removed = QColor(0xff, 0x5c, 0x5c);
        t.scaled = QColor(0xff, 0xd0, 0x00);
        t.warning = QColor(0xff, 0xd0, 0x00);
        const QColor d[] = { QColor(0xff, 0x5c, 0x5c), QColor(0xff, 0xd0, 0x00), QColor(0xc8, 0xc8, 0xc8), QColor(0x5c, 0xff, 0x5c),
            QColor(0xff, 0x80, 0xff) };
        const QColor s[] = { QColor(0xff, 0x5c, 0x5c), QColor(0xff, 0xa5, 0x00), QColor(0xff, 0xe6, 0x00), QColor(0xc8, 0xc8, 0xc8) };
        std::copy(std::begin(d), std::end(d), t.m_dispositions);
        std::copy(std::begin(s), std::end(s), t.m_severities);
    } else if (t.dark) {
        t.known = QColor(0x4f, 0x9d, 0xe0);
        t.unknown = QColor(0xf2, 0xa3, 0x3a);
        t.cursor = QColor(0xff, 0x6b, 0x6b);
        t.pickA = QColor(0xc0, 0x8c, 0xff);
        t.pickB = QColor(0x4d, 0xd0, 0xc8);
        t.added = QColor(0x6d, 0xc7, 0x6f);
        t.removed = QColor(0xff, 0x7a, 0x7a);
        t.scaled = QColor(0xf2, 0xb8, 0x4b);
        t.warning = QColor(0xf2, 0xb8, 0x4b);
        const QColor d[] = { QColor(0xff, 0x6b, 0x6b), QColor(0xf2, 0xb8, 0x4b), QColor(0xa4, 0xa8, 0xae), QColor(0x6d, 0xc7, 0x6f),
            QColor(0xd5, 0x9c, 0xff) };
        const QColor s[] = { QColor(0xff, 0x6b, 0x6b), QColor(0xff, 0x9e, 0x5e), QColor(0xf2, 0xc9, 0x4b), QColor(0xa4, 0xa8, 0xae) };
        std::copy(std::begin(d), std::end(d), t.m_dispositions);
        std::copy(std::begin(s), std::end(s), t.m_severities);
    } else {
        t.known = QColor(0x2f, 0x6f, 0xb5);
        t.unknown = QColor(0xd9, 0x7b, 0x00);
        t.cursor = QColor(0xc6, 0x28, 0x28);
        t.pickA = QColor(0x7b, 0x3f, 0xc4);
        t.pickB = QColor(0x00, 0x79, 0x71);
        t.added = QColor(0x2e, 0x7d, 0x32);
        t.removed = QColor(0xc6, 0x28, 0x28);
        t.scaled = QColor(0x9a, 0x5b, 0x00);
        t.warning = QColor(0x9a, 0x5b, 0x00);
        const QColor d[] = { QColor(0xc6, 0x28, 0x28), QColor(0x9a, 0x5b, 0x00), QColor(0x61, 0x66, 0x6d), QColor(0x2e, 0x7d, 0x32),
            QColor(0x8e, 0x24, 0xaa) };
        const QColor s[] = { QColor(0xb7, 0x1c, 0x1c), QColor(0xbf, 0x36, 0x0c), QColor(0x8a, 0x62, 0x00), QColor(0x61, 0x66, 0x6d) };
        std::copy(std::begin(d), std::end(d), t.m_dispositions);
        std::copy(std::begin(s), std::end(s), t.m_severities);
    }
    t.unchanged = t.mutedText;
    t.finding = t.disposition(Disposition::Open);
    t.findingReviewed = t.disposition(Disposition::Remediated);
    return t;
}

Theme Theme::current() { return fromPalette(g_scoped ? *g_scoped : QApplication::palette()); }

ScopedTheme::ScopedTheme(const QPalette& palette)
    : m_palette(palette)
    , m_previous(g_scoped)
{
    g_scoped = &m_palette;
}

ScopedTheme::~ScopedTheme() { g_scoped = m_previous; }

QPalette appearancePalette(Appearance a)
{
    switch (a) {
    case Appearance::Dark:
        return darkPalette();
    case Appearance::HighContrast:
        return highContrastPalette();
    case Appearance::Light: {
        QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion"));
        QPalette p = fusion ? fusion->standardPalette() : QPalette();
        delete fusion;
        // Fusion's selection blue and disabled grey are too pale for their text (3.7:1 and 1.9:1): darker ones.
        p.setColor(QPalette::Highlight, QColor(0x2a, 0x6c, 0xb0));
        p.setColor(QPalette::HighlightedText, Qt::white);
        for (auto role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
            p.setColor(QPalette::Disabled, role, QColor(0x80, 0x80, 0x80));
        p.setColor(QPalette::PlaceholderText, QColor(0x6b, 0x6b, 0x6b));
        return p;
    }
    case Appearance::System:
        break;
    }
    return systemLook().captured ? systemLook().palette : QApplication::palette();
}

void applyAppearance(QApplication& app, Appearance appearance)
{
    SystemLook& system = systemLook();
    if (!system.captured) {
        system.captured = true;
        system.style = app.style()->name();
        system.palette = app.palette();
    }
    const QString base = appearance == Appearance::System ? system.style : QStringLiteral("Fusion");
    app.setStyle(new IndicatorStyle(QStyleFactory::create(base)));
    app.setPalette(appearancePalette(appearance));
}

Appearance appearanceFromString(const QString& s)
{
    if (s.compare(QLatin1String("dark"), Qt::CaseInsensitive) == 0)
        return Appearance::Dark;
    if (s.compare(QLatin1String("light"), Qt::CaseInsensitive) == 0)
        return Appearance::Light;
    if (s.compare(QLatin1String("high-contrast"), Qt::CaseInsensitive) == 0 || s.compare(QLatin1String("contrast"), Qt::CaseInsensitive) == 0)
        return Appearance::HighContrast;
    return Appearance::System;
}

QString appearanceToString(Appearance a)
{
    switch (a) {
    case Appearance::Dark:
        return QStringLiteral("dark");
    case Appearance::Light:
        return QStringLiteral("light");
    case Appearance::HighContrast:
        return QStringLiteral("high-contrast");
    case Appearance::System:
        break;
    }
    return QStringLiteral("system");
}

bool isThemeChange(const QEvent* event)
{
    const QEvent::Type t = event->type();
    return t == QEvent::PaletteChange || t == QEvent::ApplicationPaletteChange || t == QEvent::StyleChange;
}

} // namespace tideline::ui
