// SPDX-License-Identifier: GPL-3.0-or-later
#include "casepropertiesdialog.h"

#include "theme.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace tideline::ui {

CasePropertiesDialog::CasePropertiesDialog(const CaseProperties& current, const QString& caseId, const QString& casePath, QWidget* parent)
    : QDialog(parent)
    , m_current(current)
{
    setWindowTitle(tr("Case Properties"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    auto* id = new QLabel(caseId, this);
    id->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Case id:"), id);
    auto* file = new QLabel(QDir::toNativeSeparators(casePath), this);
    file->setTextInteractionFlags(Qt::TextSelectableByMouse);
    file->setWordWrap(true);
    form->addRow(casePath.startsWith(QLatin1String("postgresql://")) ? tr("Shared case:") : tr("Case file:"), file);
    m_title = new QLineEdit(current.title, this);
    m_title->setObjectName(QStringLiteral("caseTitle"));
    m_title->setPlaceholderText(tr("e.g. Q1 2026 audit: aws-prod and prod"));
    m_title->setToolTip(tr("The evidence pack and the window name the case by it"));
    form->addRow(tr("Title:"), m_title);
    m_watch = new QLineEdit(current.watchFolder, this);
    m_watch->setObjectName(QStringLiteral("watchFolder"));
    m_watch->setPlaceholderText(tr("a drop folder: what lands there is imported and checked (empty: none)"));
    auto* browse = new QPushButton(tr("Choose…"), this);
    auto* watchRow = new QHBoxLayout;
    watchRow->addWidget(m_watch, 1);
    watchRow->addWidget(browse);
    form->addRow(tr("Watched folder:"), watchRow);
    layout->addLayout(form);
    auto* note = new QLabel(tr("Each change is kept in the case's log, so the names a case had stay on record."), this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(note);
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->hide();
    layout->addWidget(m_problem);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_save = buttons->addButton(tr("Save"), QDialogButtonBox::AcceptRole);
    m_save->setObjectName(QStringLiteral("savePropertiesButton"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, [this] { emit submitted(properties()); });
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("The Folder to Watch"), m_watch->text());
        if (!dir.isEmpty())
            m_watch->setText(dir);
    });
    connect(m_title, &QLineEdit::textChanged, this, [this] { updateState(); });
    connect(m_watch, &QLineEdit::textChanged, this, [this] { updateState(); });
    setMinimumWidth(fontMetrics().averageCharWidth() * 80);
    updateState();
}

CaseProperties CasePropertiesDialog::properties() const
{
    return { m_title->text().simplified(), m_watch->text().trimmed() };
}

void CasePropertiesDialog::setProblem(const QString& message)
{
    QPalette p = m_problem->palette();
    p.setColor(QPalette::WindowText, Theme::current().removed);
    m_problem->setPalette(p);
    m_problem->setText(message);
    m_problem->setVisible(!message.isEmpty());
    m_save->setEnabled(true);
}

void CasePropertiesDialog::updateState()
{
    const CaseProperties p = properties();
    QString problem;
    if (!p.watchFolder.isEmpty() && !QFileInfo(p.watchFolder).isDir())
        problem = tr("%1 is not a folder.").arg(QDir::toNativeSeparators(p.watchFolder));
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_save->setEnabled(problem.isEmpty() && !(p == m_current));
}

} // namespace tideline::ui
