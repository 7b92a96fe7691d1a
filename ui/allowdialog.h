// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/finding.h"
#include "store/compliancestore.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace tideline::ui {

class TimeField;

// Puts a finding's workload on the allow-list: by its fingerprint or by a pattern on its name, in its
// environment or everywhere, for a reason, by someone, until a time (a week past its last exposure unless told
// otherwise) or, unticked, for good. Later checks leave out
// what it allows (the pack lists it as allowed); the entry is logged like a decision.
class AllowDialog : public QDialog {
    Q_OBJECT
public:
    AllowDialog(const Finding& finding, const QString& who, QWidget* parent = nullptr);

    AllowEntry entry() const;
    // The engine refused it: say why, and stay open.
    void setProblem(const QString& message);
    void setBusy(bool busy);

    QRadioButton* byFingerprint() const { return m_byFingerprint; }
    QRadioButton* byName() const { return m_byName; }
    QLineEdit* patternField() const { return m_pattern; }
    QLineEdit* reasonField() const { return m_reason; }
    QLineEdit* whoField() const { return m_who; }
    QCheckBox* untilBox() const { return m_hasUntil; }
    TimeField* untilField() const { return m_until; }
    QPushButton* allowButton() const;

signals:
    void submitted(const tideline::AllowEntry& entry);

private:
    void updateState();

    Finding m_finding;
    QRadioButton* m_byFingerprint;
    QRadioButton* m_byName;
    QLineEdit* m_pattern;
    QCheckBox* m_onlyHere;
    QLineEdit* m_reason;
    QLineEdit* m_who;
    QCheckBox* m_hasUntil;
    TimeField* m_until;
    QLabel* m_problem;
    QDialogButtonBox* m_buttons;
    bool m_busy = false;
};

} // namespace tideline::ui
