#pragma once

// Helpers for the window's tests: a demo case made once per test run, and waiting for the window's work.

#include <QString>
#include <QStringList>

class QWidget;

namespace uitest {

// Settings, recent cases and the demo folder of the tests stay out of the user's.
void isolateSettings();

// Generates the demo bundle into dir/bundle and imports it into dir/case.tideline; returns the case path.
QString makeDemoCase(const QString& dir);

// Writes the demo bundle only; returns the bundle folder.
QString makeDemoBundle(const QString& dir);

} // namespace uitest
