// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QAbstractItemView;

namespace tideline::ui {

// Ctrl+C (and Edit › Copy) on a table copies its selected rows whole: a cell that shortens what it shows gives
// its full value (CopyRole: a whole sha256, a name with its registry), never an ellipsis; tab between cells, one
// row a line, hidden columns left out.
void makeCopyable(QAbstractItemView* view);
QString copyText(const QAbstractItemView* view);

} // namespace tideline::ui
