// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPalette>
#include <QPicture>
#include <QSizeF>
#include <QString>

#include <map>
#include <vector>

namespace tideline {
struct PackContent;
}

namespace tideline::ui {

struct PackFigure {
    QPicture picture; // vector drawing commands, in the coordinates of size
    QSizeF size;
    QString caption;
};

struct PackFigures {
    std::vector<PackFigure> summary; // every environment in scope
    std::map<QString, std::vector<PackFigure>> environments; // per environment: its chart and timeline, in parts
};

// The pack's charts, drawn by the window's own widgets (ActivityChart over the TimelineView with its time
// axis, snapshot marks and shaded blind spots) on light paper, offscreen, without OpenGL or animation, and
// recorded as vector commands for the PDF. Widgets: GUI thread only (see onGuiThread).
PackFigures drawPackFigures(const PackContent& content, const QString& fontFamily);

// The paper the pack is printed on: white, dark text. Its colours (dispositions, severities) come from the window's
// Theme over this palette, so the pack and the window agree.
QPalette packPaperPalette();

} // namespace tideline::ui
