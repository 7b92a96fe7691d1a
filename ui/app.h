// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace tideline::ui {

// Opens the main window: `tideline`, `tideline CASE`, `tideline --demo`. Returns the exit code.
int runApplication(int argc, char** argv);

} // namespace tideline::ui
