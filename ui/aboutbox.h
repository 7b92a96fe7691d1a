// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QWidget;
class QString;

namespace tideline::ui {

// Help › About: the version, the licence and the libraries with their versions, in a box that is not modal
// (objectName "aboutBox"; deleted when closed).
void showAboutBox(QWidget* parent);

// The box's text (rich text).
QString aboutText();

} // namespace tideline::ui
