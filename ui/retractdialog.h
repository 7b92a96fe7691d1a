// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "review/replay.h"

#include <QDialog>

#include <vector>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace tideline::ui {

// File › Retract an Import…: every import the case's log records, newest first; one picked, with a reason, is taken
// back (its records leave every view and check; its bytes, its import entry and the retraction stay in the log).
class RetractDialog : public QDialog {
    Q_OBJECT
public:
    explicit RetractDialog(std::vector<ImportRecord> imports, QWidget* parent = nullptr);

    // Picks the imports of one file (by its sha256), as the import results' "Retract This Import…" does.
    void select(const QString& sha256);
    // What Retract will take back: an import's log hash (or the file's sha256 when every import of it is picked).
    QString target() const;
    QString reason() const;
    void setBusy(bool busy);
    void setProblem(const QString& message);

    QTreeWidget* list() const { return m_list; }
    QLineEdit* filterField() const { return m_filter; }
    QLineEdit* reasonField() const { return m_reason; }
    QPushButton* retractButton() const;

signals:
    void retractRequested(const QString& target, const QString& reason);

private:
    void updateState();

    std::vector<ImportRecord> m_imports;
    QTreeWidget* m_list;
    QLineEdit* m_filter;
    QLineEdit* m_reason;
    QLabel* m_what;
    QLabel* m_problem;
    QDialogButtonBox* m_buttons;
    bool m_busy = false;
};

} // namespace tideline::ui
