// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace tideline::ui {

// What a newcomer sees first: open the demo, open or create a case, the recent ones, or drop bundles.
class WelcomePage : public QWidget {
    Q_OBJECT
public:
    explicit WelcomePage(QWidget* parent = nullptr);
    void setRecent(const QStringList& paths);

signals:
    void demoRequested();
    void openRequested();
    void newRequested();
    void recentRequested(const QString& path);

private:
    QListWidget* m_recent;
    QLabel* m_recentTitle;
};

// A big centred message with an optional button: for empty cases and empty selections.
class EmptyState : public QWidget {
    Q_OBJECT
public:
    EmptyState(const QString& title, const QString& text, const QString& button, QWidget* parent = nullptr);
    QPushButton* button() const { return m_button; }

signals:
    void clicked();

private:
    QPushButton* m_button = nullptr;
};

} // namespace tideline::ui
