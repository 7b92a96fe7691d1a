// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Times as the window and the pack show them to people: UTC, said so, in whole seconds. (What is copied or typed
// is ISO 8601, timefmt::formatIso: "2026-03-03T13:00:00Z".)

#include "domain/timefmt.h"

#include <QString>

namespace tideline::ui {

// "2026-03-03 13:00:00 UTC"
QString utcText(Millis t);
// "2026-03-03 13:00:00 → 2026-03-04 11:00:08 UTC" ("… → 14:00:00 UTC" within one day)
QString utcRange(Millis from, Millis to);

} // namespace tideline::ui
