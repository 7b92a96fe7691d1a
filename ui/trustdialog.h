// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/evidence.h"

#include <QDialog>

#include <vector>

class QLabel;
class QPushButton;
class QTableWidget;

namespace tideline::ui {

// Asked after an import that brought keys or Sigstore trusted roots from inside a folder or an archive: they came
// with the evidence they would vouch for, so what they verify is not verified until someone trusts them. Lists each
// (name, kind, sha256, where it came from), all ticked; "Trust" trusts the ticked ones in the engine (recorded in the
// case's log with who and when, the evidence they sign verified again), "Keep untrusted" leaves them as they are.
class TrustDialog : public QDialog {
    Q_OBJECT
public:
    TrustDialog(const QString& casePath, std::vector<AnchorImport> anchors, const QString& actor, QWidget* parent = nullptr);

    const std::vector<AnchorImport>& anchors() const { return m_anchors; }
    QTableWidget* table() const { return m_table; }
    QPushButton* trustButton() const { return m_trust; }
    QPushButton* keepButton() const { return m_keep; }
    QLabel* problem() const { return m_problem; }

signals:
    // After Trust: how many were trusted and how many pieces of evidence changed verdict.
    void trusted(int anchors, int reverified);

private:
    void trustTicked();

    QString m_casePath;
    QString m_actor;
    std::vector<AnchorImport> m_anchors;
    QTableWidget* m_table;
    QLabel* m_problem;
    QPushButton* m_trust;
    QPushButton* m_keep;
};

} // namespace tideline::ui
