// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Qt>

namespace tideline {

// What Ctrl+C and "Copy" take from a cell where the display shortens it: the whole value (a full sha256, a name
// with its registry). Cells that answer nothing for it are copied as displayed.
inline constexpr int CopyRole = Qt::UserRole + 99;

} // namespace tideline
