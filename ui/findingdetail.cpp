// SPDX-License-Identifier: GPL-3.0-or-later
#include "findingdetail.h"

#include "evidence/evidenceindex.h"
#include "items/evidencemodel.h"
#include "items/findingmodel.h"
#include "store/logstore.h"
#include "theme.h"
#include "timetext.h"
#include "timeline/findingactivity.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace tideline::ui {

namespace {

constexpr int kWindowsShown = 40; // a blind spot over months may have hundreds; the pack lists them all

QString esc(const QString& s)
{
    return s.toHtmlEscaped();
}

QString row(const QString& label, const QString& html)
{
    return QStringLiteral("<tr><td style='padding-right:10px' valign='top'><b>%1</b></td><td valign='top'>%2</td></tr>")
        .arg(label, html);
}

QString defaultReviewer()
{
    // The last reviewer here, else whoever the log would name as acting (never a made-up name).
    const QString saved = QSettings().value(QStringLiteral("review/reviewer")).toString();
    if (!saved.isEmpty())
        return saved;
    const QString actor = LogStore::defaultActor();
    return actor == QLatin1String("unknown") ? QString() : actor;
}

} // namespace

FindingDetail::FindingDetail(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // A text browser, not a label: it wraps a 64-digit fingerprint at the pane's edge instead of
    // widening the pane, and copying still gives the digits whole.
    m_body = new QTextBrowser(this);
    m_body->setObjectName(QStringLiteral("findingBody"));
    m_body->setOpenLinks(false);
    m_body->setFrameShape(QFrame::NoFrame);
    m_body->viewport()->setAutoFillBackground(false);
    connect(m_body, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (!m_finding) return;
        const QString link = url.toString();
        if (link.startsWith(QLatin1String("window:")))
            emit windowActivated(*m_finding, link.mid(7).toInt());
        else if (link == QLatin1String("evidence"))
            emit evidenceRequested(m_finding->fingerprint);
    });
    layout->addWidget(m_body, 1);

    // The next decision: what, why, who.
    m_form = new QWidget(this);
    auto* form = new QVBoxLayout(m_form);
    form->setContentsMargins(4, 4, 4, 2);
    form->setSpacing(4);
    auto* top = new QHBoxLayout;
    m_disposition = new QComboBox(m_form);
    m_disposition->setObjectName(QStringLiteral("disposition"));
    for (Disposition d : dispositions())
        m_disposition->addItem(FindingModel::dispositionLabel(d), static_cast<int>(d));
    m_reviewer = new QLineEdit(defaultReviewer(), m_form);
    m_reviewer->setObjectName(QStringLiteral("reviewer"));
    m_reviewer->setPlaceholderText(tr("reviewer"));
    m_record = new QPushButton(tr("Record decision"), m_form);
    m_record->setObjectName(QStringLiteral("recordDecision"));
    top->addWidget(new QLabel(tr("Decision"), m_form));
    top->addWidget(m_disposition);
    top->addWidget(new QLabel(tr("by"), m_form));
    top->addWidget(m_reviewer, 1);
    top->addWidget(m_record);
    m_allow = new QPushButton(tr("Allow…"), m_form);
    m_allow->setObjectName(QStringLiteral("allowWorkload"));
    m_allow->setToolTip(tr("Put this workload on the allow-list (by fingerprint or name, for a reason, until a time): later checks leave it out"));
    top->addWidget(m_allow);
    form->addLayout(top);
    m_note = new QPlainTextEdit(m_form);
    m_note->setObjectName(QStringLiteral("note"));
    m_note->setPlaceholderText(tr(
        "Why: the ticket, the change, who you asked, what you saw. Every decision is kept in the case's signed log."));
    m_note->setTabChangesFocus(true);
    m_note->setFixedHeight(fontMetrics().lineSpacing() * 2 + 12);
    form->addWidget(m_note);
    m_formStatus = new QLabel(m_form);
    m_formStatus->setObjectName(QStringLiteral("reviewStatus"));
    m_formStatus->setWordWrap(true);
    m_formStatus->hide();
    form->addWidget(m_formStatus);
    layout->addWidget(m_form);

    connect(m_disposition, &QComboBox::currentIndexChanged, this, [this] { updateRecordButton(); });
    connect(m_reviewer, &QLineEdit::textChanged, this, [this] { updateRecordButton(); });
    connect(m_note, &QPlainTextEdit::textChanged, this, [this] { updateRecordButton(); });
    connect(m_allow, &QPushButton::clicked, this, [this] {
        if (m_finding)
            emit allowRequested(*m_finding);
    });
    connect(m_record, &QPushButton::clicked, this, [this] {
        if (!m_finding || !m_record->isEnabled()) return;
        emit reviewRequested(m_finding->id, static_cast<Disposition>(m_disposition->currentData().toInt()), m_note->toPlainText().trimmed(),
            m_reviewer->text().trimmed());
    });
    setFinding(std::nullopt);
}

void FindingDetail::setFinding(const std::optional<Finding>& finding)
{
    const bool same = finding && m_finding && finding->id == m_finding->id;
    m_finding = finding;
    if (!same) {
        m_recording = false; // a decision on another finding (or case) still on its way ends there
        m_evidenceLine.clear();
        m_note->clear();
        setStatus(QString());
        if (m_finding) m_disposition->setCurrentIndex(std::max(0, m_disposition->findData(static_cast<int>(m_finding->disposition))));
    }
    m_form->setVisible(m_finding.has_value());
    m_allow->setVisible(m_finding && m_finding->kind != FindingKind::BlindSpot); // time cannot be allowed
    render();
    updateRecordButton();
}

void FindingDetail::setEvidence(const ArtifactEvidence* evidence)
{
    if (!m_finding) return;
    if (!evidence) {
        m_evidenceLine = m_finding->fingerprint.isEmpty() ? QString() : tr("loading…");
    } else if (evidence->evidence.empty() && evidence->provenance.empty()) {
        m_evidenceLine = tr("none in this case for this fingerprint");
    } else {
        std::map<Verification, int> counts;
        for (const EvidenceRecord& e : evidence->evidence)
            ++counts[e.verification.verdict];
        QStringList parts;
        for (const auto& [v, n] : counts)
            parts << QStringLiteral("%1 %2").arg(n).arg(EvidenceModel::verificationLabel(v));
        const size_t n = evidence->evidence.size();
        m_evidenceLine = n == 1 ? tr("1 piece") : tr("%1 pieces").arg(n);
        if (!parts.isEmpty()) m_evidenceLine += QStringLiteral(" (%1)").arg(parts.join(QStringLiteral(", ")));
        if (!evidence->evaluations.empty())
            m_evidenceLine += evidence->evaluations.size() == 1
                ? tr(", in 1 trail")
                : tr(", in %1 trails").arg(evidence->evaluations.size());
    }
    render();
}

void FindingDetail::setReadOnly(const QString& reason)
{
    m_readOnly = reason;
    m_allow->setEnabled(reason.isEmpty());
    m_allow->setToolTip(reason);
    updateRecordButton();
}

void FindingDetail::setRecording(bool recording)
{
    m_recording = recording;
    if (recording) setStatus(tr("Recording…"));
    updateRecordButton();
}

void FindingDetail::setReviewProblem(const QString& message)
{
    m_recording = false;
    updateRecordButton();
    setStatus(QStringLiteral("<span style='color:%1'>%2</span>").arg(Theme::current().removed.name(), esc(message)));
}

void FindingDetail::setRecorded(const QString& message)
{
    m_recording = false;
    m_note->clear();
    setStatus(QStringLiteral("<span style='color:%1'>%2</span>").arg(Theme::current().added.name(), esc(message)));
    updateRecordButton();
}

void FindingDetail::setStatus(const QString& html)
{
    m_formStatus->setText(html);
    m_formStatus->setVisible(!html.isEmpty());
}

void FindingDetail::updateRecordButton()
{
    const auto chosen = static_cast<Disposition>(m_disposition->currentData().toInt());
    // As the engine rules: every decision says why, except taking a decided finding back to open; a decision that
    // keeps the disposition it has would otherwise sit in the log for good, telling nobody anything.
    const bool same = m_finding && m_finding->disposition == chosen;
    const bool noteNeeded = chosen != Disposition::Open || same;
    const bool noNote = m_note->toPlainText().trimmed().isEmpty();
    const bool ready = m_finding && !m_recording && m_readOnly.isEmpty() && !m_reviewer->text().trimmed().isEmpty() && (!noteNeeded || !noNote);
    m_record->setEnabled(ready);
    m_record->setToolTip(!m_finding                  ? QString()
            : !m_readOnly.isEmpty()                  ? m_readOnly
            : m_reviewer->text().trimmed().isEmpty() ? tr("Say who decides.")
            : same && noNote                         ? tr("It is %1 already: a note says why it stays so.").arg(FindingModel::dispositionLabel(chosen))
            : noteNeeded && noNote                   ? tr("A decision other than “open” needs a note saying why.")
                                                     : tr("Append this decision to the finding's history (earlier ones stay)."));
}

void FindingDetail::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (isThemeChange(event))
        render(); // its colours come from the theme
}

// A vulnerable-package finding opens with its advisory: what it is, how bad, what fixes it, and what a VEX
// statement says of it.
QString FindingDetail::advisoryHtml(const VulnerabilityDetail& v, const Theme& theme)
{
    QString h = QStringLiteral("<table cellspacing='2' style='margin-bottom:6px'>");
    h += row(tr("Advisory"), QStringLiteral("<b>%1</b>%2").arg(esc(v.advisory),
                                  v.aliases.isEmpty() ? QString() : QStringLiteral(" · ") + esc(v.aliases.join(QStringLiteral(", ")))));
    if (!v.summary.isEmpty()) h += row(tr("Summary"), esc(v.summary));
    QString severity;
    if (v.rating.isEmpty())
        severity = v.vector.isEmpty() ? tr("not given by the advisory") : tr("not scored: %1").arg(esc(v.vector));
    else
        severity = QStringLiteral("<span style='color:%1'><b>%2</b></span>%3")
                       .arg((v.rating == QLatin1String("critical") || v.rating == QLatin1String("high") ? theme.removed : theme.scaled).name(),
                           esc(v.rating), v.score ? tr(" %1 (CVSS v3 base score of %2)").arg(*v.score, 0, 'f', 1).arg(esc(v.vector)) : QString());
    h += row(tr("Severity"), severity);
    h += row(tr("Packages"), esc(v.packages.join(QStringLiteral(", "))));
    h += row(tr("Fixed in"), v.fixed.isEmpty() ? tr("no fixed version named") : esc(v.fixed));
    if (!v.undecided.isEmpty()) h += row(tr("Affected?"), tr("cannot be told: %1").arg(esc(v.undecided)));
    if (!v.vexStatus.isEmpty())
        h += row(tr("VEX"),
            tr("<b>%1</b>%2%3%4<br><span style='color:%5'>%6 · %7…</span>%8")
                .arg(esc(v.vexStatus), v.vexJustification.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(esc(v.vexJustification)),
                    v.vexAuthor.isEmpty() ? QString() : tr(" by %1").arg(esc(v.vexAuthor)),
                    v.vexStatement.isEmpty() ? QString() : QStringLiteral(": ") + esc(v.vexStatement), theme.mutedText.name(),
                    esc(v.vexSource.section(QLatin1Char('/'), -1)), esc(v.vexSha256.left(16)),
                    v.suppressed ? tr("<br><b>Suppressed by VEX</b>: listed, not counted open, until a decision is recorded") : QString()));
    h += row(tr("Record"), QStringLiteral("%1 <span style='color:%2'>%3…</span>")
                               .arg(esc(v.advisorySource.section(QLatin1Char('/'), -1)), theme.mutedText.name(), esc(v.advisorySha256.left(16))));
    return h + QStringLiteral("</table>");
}

void FindingDetail::render()
{
    if (!m_finding) {
        m_body->setHtml(tr("<p style='color:%1'>Pick a finding on the left to read it in full, see its exposure on the "
                           "timeline and its "
                           "evidence, and record a decision.</p>")
                            .arg(Theme::current().mutedText.name()));
        return;
    }
    const Finding& f = *m_finding;
    const Theme theme = Theme::current();
    const bool open = stillOpen(f.disposition);
    QString html;
    html += QStringLiteral("<p><span style='font-size:large'><b>%1</b></span>&nbsp;&nbsp;<span "
                           "style='color:%2'><b>%3</b></span> · <b>%4</b> · %5 · <span style='color:%6'><b>%7</b></span></p>")
                .arg(esc(f.id), (open ? theme.severity(f.severity) : theme.mutedText).name(), esc(severityName(f.severity)),
                    esc(FindingModel::kindLabel(f.kind)), esc(f.environment), theme.disposition(f.disposition).name(),
                    esc(FindingModel::dispositionLabel(f.disposition)));
    if (f.kind != FindingKind::BlindSpot) {
        html += QStringLiteral("<p><b>%1</b><br><code>%2</code></p>")
                    .arg(esc(FindingModel::workloadText(f)),
                        f.fingerprint.isEmpty() ? tr("no sha256 fingerprint")
                                                : QStringLiteral("sha256:") + esc(f.fingerprint));
    }
    html += QStringLiteral("<p>%1</p>").arg(esc(f.detail));
    if (f.vulnerability) html += advisoryHtml(*f.vulnerability, theme);

    html += QStringLiteral("<table cellspacing='2'>");
    if (!f.rules.isEmpty())
        html += row(
            tr("Rules"), esc(f.rules.join(QStringLiteral("\n"))).replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    if (!f.attestations.isEmpty()) html += row(tr("Attestations"), esc(f.attestations.join(QStringLiteral(", "))));
    if (!f.provenance.isEmpty()) {
        // One line per record it rests on; that it rests only on unsigned records stands out.
        QStringList lines;
        for (const QString& line : f.provenance.split(QStringLiteral("; ")))
            lines << (line.startsWith(QLatin1String("rests only on unsigned records"))
                    ? QStringLiteral("<span style='color:%1'><b>%2</b></span>").arg(theme.finding.name(), esc(line))
                    : esc(line));
        html += row(tr("Provenance"), lines.join(QStringLiteral("<br>")));
    }
    if (!f.fingerprint.isEmpty())
        html += row(tr("Evidence"),
            QStringLiteral("%1 &nbsp;<a href='evidence'>%2</a>").arg(esc(m_evidenceLine), tr("show evidence")));
    html += row(tr("Exposure"),
        tr("%1 in %2, first seen %3, last seen %4")
            .arg(timefmt::formatDuration(f.totalSeconds * 1000),
                f.windows.size() == 1 ? tr("one window") : tr("%1 windows").arg(f.windows.size()), utcText(f.firstSeen), utcText(f.lastSeen)));
    html += QStringLiteral("</table>");

    html += QStringLiteral("<table cellspacing='2' style='margin-top:4px'>");
    const int shown = std::min(static_cast<int>(f.windows.size()), kWindowsShown);
    for (int i = 0; i < shown; ++i) {
        const ExposureWindow& w = f.windows[static_cast<size_t>(i)];
        const QString snaps = w.lastSnapshot && w.lastSnapshot != w.firstSnapshot
            ? tr("snapshots #%1–#%2").arg(w.firstSnapshot).arg(w.lastSnapshot)
            : w.lastSnapshot == 0 && f.kind == FindingKind::BlindSpot
            ? tr("after snapshot #%1").arg(w.firstSnapshot)
            : tr("snapshot #%1").arg(w.firstSnapshot);
        html += QStringLiteral(
            "<tr><td style='white-space:nowrap'><a href='window:%1'>%2</a></td><td style='padding-left:8px;white-space:nowrap' "
            "align='right'>%3</td><td style='padding-left:8px'>%4</td></tr>")
                    .arg(i)
                    .arg(utcRange(w.from, w.to), timefmt::formatDuration(w.duration()), snaps);
    }
    html += QStringLiteral("</table>");
    if (static_cast<int>(f.windows.size()) > shown)
        html += tr("<p>… and %1 more windows (the evidence pack lists them all).</p>")
                    .arg(static_cast<int>(f.windows.size()) - shown);

    html += tr("<p><b>Decisions</b></p>");
    if (f.history.empty()) {
        html += tr("<p style='color:%1'>None yet: the finding is open.</p>").arg(theme.mutedText.name());
    } else {
        html += QStringLiteral("<table cellspacing='2'>");
        for (auto it = f.history.rbegin(); it != f.history.rend(); ++it)
            html += QStringLiteral(
                "<tr><td valign='top' style='white-space:nowrap'>%1</td><td valign='top' style='padding-left:8px;white-space:nowrap'><b>%2</b></td>"
                "<td valign='top' style='padding-left:8px'>%3</td><td valign='top' style='padding-left:8px'>%4"
                "<br><span style='color:%5'>log %6…</span></td></tr>")
                        .arg(utcText(it->at), esc(FindingModel::dispositionLabel(it->disposition)),
                            esc(it->reviewer), esc(it->note).replace(QLatin1Char('\n'), QStringLiteral("<br>")),
                            theme.mutedText.name(), esc(it->logHash.left(16)));
        html += QStringLiteral("</table>");
    }
    m_body->setHtml(html);
}

} // namespace tideline::ui
