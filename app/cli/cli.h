// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QString>
#include <QStringList>

#include <functional>

namespace tideline {
struct PackContent;
}

namespace tideline::cli {

enum Exit { Ok = 0, Negative = 1, Usage = 2 };

// Runs one command; args[0] is the command's name. Output on stdout, problems on stderr.
int run(const QStringList& args);

// True for the words that name a command (so that `tideline CASE` can open a case instead).
bool isCommand(const QString& word);
// True for a command that draws (export): main() gives it a QApplication on the offscreen platform.
bool commandDraws(const QString& word);

// Draws pack.pdf. This library has no widgets: main() registers the window library's renderer, and
// `export` (and the headless demo's pack) use it. Without one, `export` cannot make a pack.
using PackRenderer = std::function<Status(const PackContent& content, const QString& pdfPath)>;
void setPackRenderer(PackRenderer renderer);
const PackRenderer& packRenderer();

QString overview();

// The main job without a window: generate the demo bundle, import it, say what the case holds, and export
// its evidence pack (with the PDF when a renderer is registered).
int runHeadlessDemo(const QString& dir);

} // namespace tideline::cli
