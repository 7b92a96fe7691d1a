// SPDX-License-Identifier: GPL-3.0-or-later
#include "allowdialog.h"

#include "items/findingmodel.h"
#include "theme.h"
#include "timefield.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace tideline::ui {

namespace {

// Only the characters a regular expression gives a meaning to: QRegularExpression::escape() also
// escapes '/' and ':', which an image name is full of and which read badly.
QString escaped(const QString& name)
{
    static const QString special = QStringLiteral(".^$*+?()[]{}|\\");
    QString out;
    for (const QChar c : name) {
        if (special.contains(c)) out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

} // namespace

AllowDialog::AllowDialog(const Finding& finding, const QString& who, QWidget* parent)
    : QDialog(parent)
    , m_finding(finding)
{
    setWindowTitle(tr("Allow %1").arg(FindingModel::workloadText(finding)));
    auto* layout = new QVBoxLayout(this);
    auto* intro
        = new QLabel(tr("<p>Allowed workloads raise no finding while the entry holds: the next check leaves them out, "
                        "and the evidence pack lists them as allowed, with the reason. For a decision on this finding "
                        "alone, record a disposition instead.</p>"),
            this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* form = new QFormLayout;
    m_byFingerprint = new QRadioButton(this);
    m_byFingerprint->setObjectName(QStringLiteral("allowFingerprint"));
    m_byName = new QRadioButton(tr("names matching"), this);
    m_pattern = new QLineEdit(this);
    m_pattern->setObjectName(QStringLiteral("allowPattern"));
    // The workload's own name, exactly: the user widens it on purpose, not by accident.
    m_pattern->setText(QStringLiteral("^%1$").arg(escaped(finding.names.value(0))));
    if (finding.fingerprint.isEmpty()) {
        m_byFingerprint->setText(tr("this fingerprint (it has none)"));
        m_byFingerprint->setEnabled(false);
        m_byName->setChecked(true);
    } else {
        m_byFingerprint->setText(tr("this fingerprint, sha256:%1…").arg(finding.fingerprint.left(16)));
        m_byFingerprint->setToolTip(QStringLiteral("sha256:") + finding.fingerprint);
        m_byFingerprint->setChecked(true);
    }
    auto* nameRow = new QHBoxLayout;
    nameRow->addWidget(m_byName);
    nameRow->addWidget(m_pattern, 1);
    form->addRow(tr("Allow"), m_byFingerprint);
    form->addRow(QString(), nameRow);
    m_onlyHere = new QCheckBox(tr("only in %1").arg(finding.environment), this);
    m_onlyHere->setChecked(true);
    form->addRow(tr("Where"), m_onlyHere);
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("allowReason"));
    m_reason->setPlaceholderText(tr("e.g. load test approved in CHG-1234"));
    form->addRow(tr("Reason"), m_reason);
    m_who = new QLineEdit(who, this);
    m_who->setObjectName(QStringLiteral("allowWho"));
    form->addRow(tr("Allowed by"), m_who);
    auto* untilRow = new QHBoxLayout;
    m_hasUntil = new QCheckBox(tr("until"), this);
    m_hasUntil->setObjectName(QStringLiteral("allowHasUntil"));
    m_until = new TimeField(this);
    m_until->setObjectName(QStringLiteral("allowUntil"));
    // An allowance ends unless someone says it should not: a week past the last exposure, long enough to see the
    // change through, short enough to come back.
    m_until->setTime(finding.lastSeen + 7LL * 24 * 3600 * 1000);
    m_hasUntil->setChecked(true);
    untilRow->addWidget(m_hasUntil);
    untilRow->addWidget(m_until, 1);
    form->addRow(tr("Valid"), untilRow);
    layout->addLayout(form);

    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->hide();
    layout->addWidget(m_problem);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    allowButton()->setText(tr("Allow"));
    layout->addWidget(m_buttons);

    connect(m_hasUntil, &QCheckBox::toggled, m_until, &QWidget::setEnabled);
    connect(m_hasUntil, &QCheckBox::toggled, this, [this] { updateState(); });
    connect(m_until, &TimeField::timeChanged, this, [this] { updateState(); });
    for (QLineEdit* e : { m_pattern, m_reason, m_who })
        connect(e, &QLineEdit::textChanged, this, [this] { updateState(); });
    connect(m_byName, &QRadioButton::toggled, this, [this] { updateState(); });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        m_problem->hide();
        emit submitted(entry());
    });
    setMinimumWidth(fontMetrics().averageCharWidth() * 80);
    updateState();
}

QPushButton* AllowDialog::allowButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

AllowEntry AllowDialog::entry() const
{
    AllowEntry a;
    if (m_onlyHere->isChecked()) a.environment = m_finding.environment;
    if (m_byName->isChecked())
        a.namePattern = m_pattern->text().trimmed();
    else
        a.fingerprint = m_finding.fingerprint;
    a.reason = m_reason->text().trimmed();
    a.who = m_who->text().trimmed();
    if (m_hasUntil->isChecked()) a.validUntil = m_until->time();
    return a;
}

void AllowDialog::setProblem(const QString& message)
{
    m_problem->setText(QStringLiteral("<span style='color:%1'>%2</span>")
                           .arg(Theme::current().removed.name(), message.toHtmlEscaped()));
    m_problem->show();
    setBusy(false);
}

void AllowDialog::setBusy(bool busy)
{
    m_busy = busy;
    updateState();
}

void AllowDialog::updateState()
{
    m_pattern->setEnabled(m_byName->isChecked());
    const bool patternOk = !m_byName->isChecked() || QRegularExpression(m_pattern->text()).isValid();
    allowButton()->setEnabled(!m_busy && patternOk && (!m_hasUntil->isChecked() || m_until->time()) && !m_reason->text().trimmed().isEmpty()
        && !m_who->text().trimmed().isEmpty()
        && (m_byName->isChecked() ? !m_pattern->text().trimmed().isEmpty() : !m_finding.fingerprint.isEmpty()));
}

} // namespace tideline::ui
