// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QString>

#include <functional>

namespace tideline {
struct PackContent;
}

namespace tideline::ui {

// Draws pack.pdf from what exportPack gathered: the renderer PackOptions::renderPdf wants. The charts are
// the window's widgets, drawn on the GUI thread (the caller waits for them when it is a worker); the rest
// is laid out and written on the calling thread, so an export on a worker leaves the window responsive.
// Needs a QApplication (the offscreen platform will do). progress gets (pages written, pages).
Status renderPackPdf(
    const PackContent& content, const QString& pdfPath, const std::function<void(int, int)>& progress = {});

// The fonts the PDF embeds: DejaVu Sans and DejaVu Sans Mono, built into the resources from Debian's
// fonts-dejavu-core (else read from /usr/share/fonts at run time). Loaded once.
struct PackFonts {
    QString sans;
    QString mono;
    QString from; // where they were loaded from, for the record
};
PackFonts packFonts();

} // namespace tideline::ui
