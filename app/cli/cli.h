#pragma once

#include <QString>
#include <QStringList>

namespace tideline::cli {

enum Exit { Ok = 0, Negative = 1, Usage = 2 };

// Runs one command; args[0] is the command's name. Output on stdout, problems on stderr.
int run(const QStringList& args);

// True for the words that name a command (so that `tideline CASE` can open a case instead).
bool isCommand(const QString& word);

QString overview();

// The main job without a window: generate the demo bundle, import it, say what the case holds.
int runHeadlessDemo(const QString& dir);

} // namespace tideline::cli
