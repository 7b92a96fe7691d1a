// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace tideline {
struct ImportProgress;
}

namespace tideline::ui {

// What the status bar shows while an import runs: files and megabytes done, the rate, and a Cancel button.
class ImportProgressWidget : public QWidget {
    Q_OBJECT
public:
    explicit ImportProgressWidget(QWidget* parent = nullptr);

    void start(); // shown, at zero
    void setProgress(const ImportProgress& p, double bytesPerSecond);

signals:
    void cancelRequested();

private:
    QLabel* m_label;
    QProgressBar* m_bar;
    QToolButton* m_cancel;
};

} // namespace tideline::ui
