// SPDX-License-Identifier: GPL-3.0-or-later
// The window's layout: the pages in the middle (welcome, the timeline, empty states) and the docks around it.

#include "mainwindow.h"

#include "activitychart.h"
#include "diffpanel.h"
#include "environmentdelegate.h"
#include "evidencepanel.h"
#include "findingdetail.h"
#include "findingspanel.h"
#include "importresultspanel.h"
#include "items/environmentmodel.h"
#include "searchpanel.h"
#include "sourcepanel.h"
#include "statepanel.h"
#include "timelinepage.h"
#include "timelineview.h"
#include "timetext.h"
#include "welcomepage.h"

#include <QAction>
#include <QCoreApplication>
#include <QDockWidget>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace tideline::ui {

namespace {

// The environment list, which says what will appear in it while it is empty.
class EnvironmentList : public QListView {
public:
    using QListView::QListView;

protected:
    void paintEvent(QPaintEvent* event) override
    {
        QListView::paintEvent(event);
        if (model() && model()->rowCount() > 0) return;
        QPainter p(viewport());
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(viewport()->rect().adjusted(12, 12, -12, -12), Qt::AlignTop | Qt::AlignHCenter | Qt::TextWordWrap,
            QCoreApplication::translate(
                "tideline::ui::MainWindow", "Environments appear here once snapshots are imported."));
    }
};

} // namespace

void MainWindow::buildCentral()
{
    m_pages = new QStackedWidget(this);
    m_welcome = new WelcomePage(m_pages);
    connect(m_welcome, &WelcomePage::demoRequested, this, &MainWindow::openDemo);
    connect(m_welcome, &WelcomePage::openRequested, this, [this] { openCaseDialog(); });
    connect(m_welcome, &WelcomePage::newRequested, this, &MainWindow::newCaseDialog);
    connect(m_welcome, &WelcomePage::recentRequested, this, [this](const QString& p) { openCase(p); });
    m_pages->addWidget(m_welcome);

    m_casePage = new QWidget(m_pages);
    auto* caseLayout = new QVBoxLayout(m_casePage);
    caseLayout->setContentsMargins(0, 0, 0, 0);
    m_caseStack = new QStackedWidget(m_casePage);
    caseLayout->addWidget(m_caseStack);

    m_timelinePage = new TimelinePage(m_caseStack);
    connect(m_timelinePage, &TimelinePage::timeClicked, this, [this](Millis at) { showStateAt(at); });
    connect(timeline(), &TimelineView::diffRequested, this, [this](const Snapshot& a, const Snapshot& b) {
        compare(QStringLiteral("%1#%2").arg(a.environment).arg(a.index),
            QStringLiteral("%1#%2").arg(b.environment).arg(b.index));
    });
    connect(timeline(), &TimelineView::snapshotActivated, this, [this](const Snapshot& s) {
        showSource(s.sourceSha256, tr("%1 #%2, taken %3").arg(s.environment).arg(s.index).arg(utcText(s.takenAt)));
        statusBar()->showMessage(
            tr("Picked %1 #%2 (A). Click a second snapshot mark to compare.").arg(s.environment).arg(s.index), 8000);
    });

    m_emptyCase = new EmptyState(tr("This case is empty"),
        tr("Drop snapshots, evidence, keys and policies here: files, folders, .zip or .tar.gz archives, in any mix.\n"
           "Their format is read from their content; you are asked for an environment or a time only when a file lacks "
           "it."),
        tr("Import…"), m_caseStack);
    connect(m_emptyCase, &EmptyState::clicked, this, [this] { showImportDialog(); });
    m_noEnvironments = new EmptyState(tr("No environment chosen"),
        tr("Tick one or more environments in the list on the left to draw their timeline."), QString(), m_caseStack);
    m_loading = new EmptyState(tr("Opening…"), tr("Reading the case."), QString(), m_caseStack);
    m_caseStack->addWidget(m_timelinePage);
    m_caseStack->addWidget(m_emptyCase);
    m_caseStack->addWidget(m_noEnvironments);
    m_caseStack->addWidget(m_loading);
    m_pages->addWidget(m_casePage);
    setCentralWidget(m_pages);
}

void MainWindow::buildDocks()
{
    auto makeDock = [this](const QString& name, const QString& title, QWidget* content, Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(name);
        d->setWidget(content);
        d->setFeatures(
            QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
        addDockWidget(area, d);
        return d;
    };
    m_envList = new EnvironmentList(this);
    m_envList->setModel(m_envModel);
    m_envList->setItemDelegate(new EnvironmentDelegate(m_envList));
    m_envList->setSpacing(2);
    m_envList->setUniformItemSizes(true);
    m_envList->setObjectName(QStringLiteral("environments"));
    m_envList->setToolTip(tr("Tick the environments to draw on the timeline"));
    connect(m_envList, &QListView::activated, this, [this](const QModelIndex& i) {
        const QModelIndex name = i.siblingAtColumn(EnvironmentModel::NameColumn);
        m_envModel->setData(name, name.data(Qt::CheckStateRole).toInt() == Qt::Checked ? Qt::Unchecked : Qt::Checked,
            Qt::CheckStateRole);
    });
    QDockWidget* envDock
        = makeDock(QStringLiteral("environmentsDock"), tr("Environments"), m_envList, Qt::LeftDockWidgetArea);
    envDock->setMinimumWidth(fontMetrics().averageCharWidth() * 26);

    m_state = new StatePanel(this);
    m_diff = new DiffPanel(this);
    m_source = new SourcePanel(this);
    m_search = new SearchPanel(this);
    m_findings = new FindingsPanel(this);
    m_evidence = new EvidencePanel(this);
    m_importResults = new ImportResultsPanel(this);
    QDockWidget* state
        = makeDock(QStringLiteral("stateDock"), tr("State at cursor"), m_state, Qt::BottomDockWidgetArea);
    QDockWidget* diff = makeDock(QStringLiteral("diffDock"), tr("Diff"), m_diff, Qt::BottomDockWidgetArea);
    QDockWidget* source = makeDock(QStringLiteral("sourceDock"), tr("Source"), m_source, Qt::BottomDockWidgetArea);
    QDockWidget* search = makeDock(QStringLiteral("searchDock"), tr("Search"), m_search, Qt::BottomDockWidgetArea);
    QDockWidget* findings
        = makeDock(QStringLiteral("findingsDock"), tr("Findings"), m_findings, Qt::BottomDockWidgetArea);
    QDockWidget* evidence
        = makeDock(QStringLiteral("evidenceDock"), tr("Evidence"), m_evidence, Qt::BottomDockWidgetArea);
    QDockWidget* imports
        = makeDock(QStringLiteral("importDock"), tr("Import results"), m_importResults, Qt::BottomDockWidgetArea);
    tabifyDockWidget(state, diff);
    tabifyDockWidget(diff, source);
    tabifyDockWidget(source, search);
    tabifyDockWidget(search, findings);
    tabifyDockWidget(findings, evidence);
    tabifyDockWidget(evidence, imports);
    state->raise();
    resizeDocks({ state }, { fontMetrics().height() * 16 }, Qt::Vertical);
    resizeDocks({ envDock }, { fontMetrics().averageCharWidth() * 36 }, Qt::Horizontal);

    connect(m_diff, &DiffPanel::compareRequested, this, &MainWindow::compare);
    connect(m_state, &StatePanel::searchRequested, this, [this](const QString& q) {
        m_searchBox->setText(q);
        this->search(q);
    });
    connect(m_search, &SearchPanel::runActivated, this, [this](const RunInterval& run) {
        jumpTo(run);
        if (!run.fingerprint.isEmpty())
            showEvidence(run.fingerprint, tr("%1 in %2").arg(run.name, run.environment), false);
    });

    connect(m_findings, &FindingsPanel::checkRequested, this, &MainWindow::runCheck);
    connect(m_findings, &FindingsPanel::findingSelected, this, [this](const Finding& f) {
        // Its evidence loads alongside, without taking the findings panel away.
        if (!f.fingerprint.isEmpty()) showEvidence(f.fingerprint, f.id, false);
    });
    connect(m_findings, &FindingsPanel::findingActivated, this, [this](const Finding& f) { showFinding(f, 0); });
    connect(m_findings->detail(), &FindingDetail::windowActivated, this, &MainWindow::showFinding);
    connect(m_findings->detail(), &FindingDetail::evidenceRequested, this, [this](const QString& fp) {
        const auto& f = m_findings->detail()->finding();
        showEvidence(fp, f ? f->id : QString());
    });
    connect(m_findings->detail(), &FindingDetail::reviewRequested, this, &MainWindow::recordDecision);
    connect(m_findings->detail(), &FindingDetail::allowRequested, this, &MainWindow::showAllowDialog);
    connect(m_evidence, &EvidencePanel::sourceRequested, this,
        [this](const QString& sha, const QString& context) { showSource(sha, context); });
}

QDockWidget* MainWindow::dock(const QString& objectName) const
{
    return findChild<QDockWidget*>(objectName);
}

void MainWindow::raiseDock(const QString& objectName)
{
    if (QDockWidget* d = dock(objectName)) {
        d->show();
        d->raise();
    }
}

QWidget* MainWindow::currentPage() const
{
    return m_pages->currentWidget() == m_welcome ? static_cast<QWidget*>(m_welcome) : m_caseStack->currentWidget();
}

void MainWindow::updatePage()
{
    const bool open = !m_casePath.isEmpty();
    for (QAction* a : m_caseActions)
        a->setEnabled(open);
    const QString readOnly = open && m_caseReadOnly ? tr("The case is open read-only: it can be read, not changed.") : QString();
    // On a shared case each write is the role's to make or not: why not, per action.
    auto refusal = [&](QAction* a) -> QString {
        const QString name = a->objectName();
        if ((a == m_importAction || name == QLatin1String("retractAction")) && !m_rights.import)
            return m_rights.whyNot(tr("import or retract"));
        if (name == QLatin1String("exportPackAction") && !m_rights.exportPacks)
            return m_rights.whyNot(tr("export packs"));
        if (name == QLatin1String("casePropertiesAction") && !m_rights.own)
            return m_rights.whyNot(tr("change the case's properties"));
        return QString();
    };
    for (QAction* a : m_writeActions) {
        const QString refused = open ? refusal(a) : QString();
        a->setEnabled(open && !m_caseReadOnly && refused.isEmpty() && (a != m_importAction || !importing()));
        a->setStatusTip(readOnly.isEmpty() ? refused : readOnly);
    }
    m_findings->detail()->setReadOnly(!readOnly.isEmpty() ? readOnly : open && !m_rights.review ? m_rights.whyNot(tr("record decisions")) : QString());
    m_searchBox->setEnabled(open);
    setWelcomeMode(!open);
    if (!open) {
        m_pages->setCurrentWidget(m_welcome);
        return;
    }
    m_pages->setCurrentWidget(m_casePage);
    if (m_envModel->rowCount() == 0)
        m_caseStack->setCurrentWidget(m_caseId.isEmpty() ? static_cast<QWidget*>(m_loading) : m_emptyCase);
    else if (m_envModel->chosen().isEmpty())
        m_caseStack->setCurrentWidget(m_noEnvironments);
    else
        m_caseStack->setCurrentWidget(m_timelinePage);
}

void MainWindow::setWelcomeMode(bool on)
{
    // Empty panels around the welcome page only distract; they return, as they were and at their sizes, with a case.
    if (on && m_hiddenForWelcome.isEmpty()) {
        m_layoutBeforeWelcome = saveState();
        for (QDockWidget* d : findChildren<QDockWidget*>())
            if (d->isVisibleTo(this)) {
                m_hiddenForWelcome << d;
                d->hide();
            }
    } else if (!on) {
        const bool returning = !m_hiddenForWelcome.isEmpty();
        for (QDockWidget* d : std::as_const(m_hiddenForWelcome))
            d->show();
        if (returning && !m_layoutBeforeWelcome.isEmpty())
            restoreState(m_layoutBeforeWelcome);
        if (returning)
            if (QDockWidget* state = dock(QStringLiteral("stateDock")); state && state->isVisibleTo(this))
                state->raise();
        m_hiddenForWelcome.clear();
    }
}

} // namespace tideline::ui
