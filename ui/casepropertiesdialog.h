// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/caseproperties.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace tideline::ui {

// File › Case Properties…: the title packs and the window name the case by, and the drop folder the window
// watches (what lands there is imported and checked; new findings show in the status bar and as a notification).
// Stored in the case, as a log entry.
class CasePropertiesDialog : public QDialog {
    Q_OBJECT
public:
    CasePropertiesDialog(const CaseProperties& current, const QString& caseId, const QString& casePath, QWidget* parent = nullptr);

    CaseProperties properties() const;
    void setProblem(const QString& message);

    QLineEdit* titleField() const { return m_title; }
    QLineEdit* watchField() const { return m_watch; }
    QPushButton* saveButton() const { return m_save; }

signals:
    void submitted(const tideline::CaseProperties& properties);

private:
    void updateState();

    CaseProperties m_current;
    QLineEdit* m_title;
    QLineEdit* m_watch;
    QLabel* m_problem;
    QPushButton* m_save;
};

} // namespace tideline::ui
