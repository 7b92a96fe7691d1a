// SPDX-License-Identifier: GPL-3.0-or-later
#include "theme.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

namespace tideline::ui {

namespace {

const QPalette* g_scoped = nullptr; // set by ScopedTheme

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
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9d, 0xa3));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, button);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x7e, 0xdb));
    p.setColor(QPalette::HighlightedText, QColor(0xff, 0xff, 0xff));
    p.setColor(QPalette::Link, QColor(0x6c, 0xb0, 0xff));
    p.setColor(QPalette::Mid, QColor(0x4a, 0x4c, 0x50));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Midlight, QColor(0x40, 0x42, 0x46));
    p.setColor(QPalette::Light, QColor(0x55, 0x57, 0x5b));
    p.setColor(QPalette::Shadow, QColor(0x0, 0x0, 0x0));
    for (auto role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        p.setColor(QPalette::Disabled, role, QColor(0x80, 0x82, 0x86));
    return p;
}

QColor mix(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(static_cast<float>(a.redF() * (1 - t) + b.redF() * t), static_cast<float>(a.greenF() * (1 - t) + b.greenF() * t),
        static_cast<float>(a.blueF() * (1 - t) + b.blueF() * t));
}

} // namespace

Theme Theme::fromPalette(const QPalette& p)
{
    Theme t;
    const QColor base = p.color(QPalette::Base);
    t.dark = base.lightnessF() < 0.5;
    t.text = p.color(QPalette::Text);
    t.mutedText = mix(p.color(QPalette::Text), base, 0.45);
    t.known = t.dark ? QColor(0x4f, 0x9d, 0xe0) : QColor(0x2f, 0x6f, 0xb5);
    t.unknown = t.dark ? QColor(0xf2, 0xa3, 0x3a) : QColor(0xd9, 0x7b, 0x00);
    t.laneBackground = base;
    t.environmentBackground = mix(base, p.color(QPalette::Highlight), t.dark ? 0.14 : 0.07);
    t.blindSpot = mix(base, t.text, t.dark ? 0.12 : 0.08);
    t.mark = mix(t.text, base, 0.25);
    t.cursor = t.dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc6, 0x28, 0x28);
    t.pickA = t.dark ? QColor(0xc0, 0x8c, 0xff) : QColor(0x7b, 0x3f, 0xc4);
    t.pickB = t.dark ? QColor(0x4d, 0xd0, 0xc8) : QColor(0x00, 0x85, 0x7c);
    t.grid = mix(base, t.text, t.dark ? 0.16 : 0.10);
    t.added = t.dark ? QColor(0x6d, 0xc7, 0x6f) : QColor(0x2e, 0x7d, 0x32);
    t.removed = t.dark ? QColor(0xff, 0x7a, 0x7a) : QColor(0xc6, 0x28, 0x28);
    t.scaled = t.dark ? QColor(0xf2, 0xb8, 0x4b) : QColor(0xb2, 0x6a, 0x00);
    t.unchanged = t.mutedText;
    t.finding = t.dark ? QColor(0xe5, 0x5b, 0x5b) : QColor(0xc6, 0x28, 0x28);
    t.findingReviewed = mix(t.finding, base, 0.5);
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

void applyAppearance(QApplication& app, Appearance appearance)
{
    if (appearance == Appearance::System)
        return;
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    app.setPalette(appearance == Appearance::Dark ? darkPalette() : app.style()->standardPalette());
}

Appearance appearanceFromString(const QString& s)
{
    if (s.compare(QLatin1String("dark"), Qt::CaseInsensitive) == 0)
        return Appearance::Dark;
    if (s.compare(QLatin1String("light"), Qt::CaseInsensitive) == 0)
        return Appearance::Light;
    return Appearance::System;
}

QString appearanceToString(Appearance a)
{
    switch (a) {
    case Appearance::Dark:
        return QStringLiteral("dark");
    case Appearance::Light:
        return QStringLiteral("light");
    case Appearance::System:
        break;
    }
    return QStringLiteral("system");
}

} // namespace tideline::ui
