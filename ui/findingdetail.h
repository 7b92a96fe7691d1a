// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/finding.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;

namespace tideline {
struct ArtifactEvidence;
}

namespace tideline::ui {

struct Theme;

// One finding in full (what is wrong, the rules, provenance, every exposure window, its evidence and the
// decisions taken on it) and the form that records the next decision.
class FindingDetail : public QWidget {
    Q_OBJECT
public:
    explicit FindingDetail(QWidget* parent = nullptr);

    void setFinding(const std::optional<Finding>& finding);
    const std::optional<Finding>& finding() const { return m_finding; }
    // What the case holds of the finding's artifact, in a line; nothing while it loads.
    void setEvidence(const ArtifactEvidence* evidence);
    void setRecording(bool recording);
    // A case open read-only takes no decisions and no allow-list entries: the form says why.
    void setReadOnly(const QString& reason);
    const QString& readOnlyReason() const { return m_readOnly; }
    void setReviewProblem(const QString& message);
    // The decision went into the log: the form empties for the next one.
    void setRecorded(const QString& message);

    QTextBrowser* body() const { return m_body; }
    QComboBox* dispositionBox() const { return m_disposition; }
    QLineEdit* reviewerEdit() const { return m_reviewer; }
    QPlainTextEdit* noteEdit() const { return m_note; }
    QPushButton* recordButton() const { return m_record; }
    QPushButton* allowButton() const { return m_allow; }

signals:
    void reviewRequested(
        const QString& findingId, tideline::Disposition disposition, const QString& note, const QString& reviewer);
    void windowActivated(const tideline::Finding& finding, int window);
    void evidenceRequested(const QString& fingerprint);
    void allowRequested(const tideline::Finding& finding);

protected:
    void changeEvent(QEvent* event) override;

private:
    void render();
    static QString advisoryHtml(const VulnerabilityDetail& v, const Theme& theme);
    void setStatus(const QString& html);
    void updateRecordButton();

    std::optional<Finding> m_finding;
    QString m_evidenceLine;
    bool m_recording = false;
    QString m_readOnly; // why the case takes no decisions; empty when it does
    QTextBrowser* m_body;
    QWidget* m_form;
    QComboBox* m_disposition;
    QLineEdit* m_reviewer;
    QPlainTextEdit* m_note;
    QPushButton* m_record;
    QPushButton* m_allow;
    QLabel* m_formStatus;
};

} // namespace tideline::ui
