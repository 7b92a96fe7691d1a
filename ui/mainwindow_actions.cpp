// SPDX-License-Identifier: GPL-3.0-or-later
// The window's menus, toolbar and status bar: every action, and which of them need an open case.

#include "mainwindow.h"

#include "aboutbox.h"
#include "importprogress.h"
#include "importrunner.h"
#include "recentcases.h"
#include "statepanel.h"
#include "theme.h"
#include "timelinepage.h"
#include "timelineview.h"
#include "welcomepage.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>

namespace tideline::ui {

template <typename Slot>
QAction* MainWindow::newAction(const QString& text, const QKeySequence& key, Slot slot, ActionScope scope)
{
    auto* a = new QAction(text, this);
    if (!key.isEmpty()) a->setShortcut(key);
    connect(a, &QAction::triggered, this, slot);
    addAction(a);
    if (scope == ActionScope::Case) m_caseActions << a;
    if (scope == ActionScope::Write) m_writeActions << a;
    return a;
}

void MainWindow::buildActions()
{
    buildFileMenu();
    buildViewMenu();
    buildGoMenu();
    buildHelpMenu();
    buildToolBar();
    buildStatusBar();
}

void MainWindow::buildFileMenu()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(newAction(tr("&New Case…"), QKeySequence::New, [this] { newCaseDialog(); }));
    file->addAction(newAction(tr("&Open Case…"), QKeySequence::Open, [this] { openCaseDialog(); }));
    QAction* openShared = newAction(tr("Open &Shared Case…"), QKeySequence(), [this] { showSharedCaseDialog(); });
    openShared->setObjectName(QStringLiteral("openSharedCaseAction"));
    openShared->setToolTip(tr("A case on a PostgreSQL server, shared with the team"));
    file->addAction(openShared);
    QAction* openReadOnly = newAction(tr("Open Case &Read-Only…"), QKeySequence(), [this] { openCaseDialog(true); });
    openReadOnly->setObjectName(QStringLiteral("openReadOnlyAction"));
    openReadOnly->setToolTip(tr("Read a case without changing anything in it: no import, decision, retraction or export"));
    file->addAction(openReadOnly);
    m_recent = new RecentCases(file->addMenu(tr("Open &Recent")), this);
    connect(m_recent, &RecentCases::openRequested, this, [this](const QString& p) { openCase(p); });
    connect(m_recent, &RecentCases::changed, m_welcome, &WelcomePage::setRecent);
    file->addAction(newAction(tr("Open the &Demo Case"), QKeySequence(), [this] { openDemo(); }));
    file->addSeparator();
    m_importAction = newAction(
        tr("&Import…"), QKeySequence(Qt::CTRL | Qt::Key_I), [this] { showImportDialog(); }, ActionScope::Write);
    m_importAction->setObjectName(QStringLiteral("importAction"));
    file->addAction(m_importAction);
    QAction* check = newAction(
        tr("&Check Findings"), QKeySequence(Qt::CTRL | Qt::Key_R), [this] { runCheck(); }, ActionScope::Case);
    check->setObjectName(QStringLiteral("checkAction"));
    check->setToolTip(
        tr("Evaluate the case's policies over every environment: what ran without what they require, and blind spots"));
    file->addAction(check);
    file->addAction(newAction(
        tr("&Verify Case Integrity"), QKeySequence(), [this] { verifyCase(); }, ActionScope::Case));
    QAction* verifyAgainst = newAction(
        tr("Verify Case &Against a Pack…"), QKeySequence(), [this] { verifyCaseAgainstPackDialog(); }, ActionScope::Case);
    verifyAgainst->setObjectName(QStringLiteral("verifyAgainstPackAction"));
    verifyAgainst->setToolTip(tr("Prove that the log head an evidence pack recorded is still in this case's log, unchanged"));
    file->addAction(verifyAgainst);
    QAction* exportPack = newAction(
        tr("&Export Evidence Pack…"), QKeySequence(Qt::CTRL | Qt::Key_E), [this] { showExportDialog(); },
        ActionScope::Write); // the case's log records every export
    exportPack->setObjectName(QStringLiteral("exportPackAction"));
    file->addAction(exportPack);
    file->addSeparator();
    QAction* retract = newAction(
        tr("Re&tract an Import…"), QKeySequence(), [this] { showRetractDialog(); }, ActionScope::Write);
    retract->setObjectName(QStringLiteral("retractAction"));
    retract->setToolTip(tr("Take back an import: its records leave every view and check; its bytes and the log stay"));
    file->addAction(retract);
    QAction* properties = newAction(
        tr("Case &Properties…"), QKeySequence(), [this] { showCasePropertiesDialog(); }, ActionScope::Write);
    properties->setObjectName(QStringLiteral("casePropertiesAction"));
    properties->setToolTip(tr("The case's title (packs name it by it) and the folder it watches"));
    file->addAction(properties);
    file->addSeparator();
    QAction* keys = newAction(tr("Signing &Keys…"), QKeySequence(), [this] { showSigningKeysDialog(); });
    keys->setObjectName(QStringLiteral("signingKeysAction"));
    file->addAction(keys);
    file->addSeparator();
    file->addAction(newAction(
        tr("&Close Case"), QKeySequence::Close, [this] { closeCase(); }, ActionScope::Case));
    file->addSeparator();
    file->addAction(newAction(tr("&Quit"), QKeySequence::Quit, [this] { close(); }));
}

void MainWindow::buildViewMenu()
{
    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* zoomIn = newAction(
        tr("Zoom &In"), QKeySequence::ZoomIn, [this] { timeline()->zoomBy(1.5625); }, ActionScope::Case);
    QAction* zoomOut = newAction(
        tr("Zoom &Out"), QKeySequence::ZoomOut, [this] { timeline()->zoomBy(0.64); }, ActionScope::Case);
    QAction* fit = newAction(
        tr("&Fit Everything"), QKeySequence(Qt::CTRL | Qt::Key_0), [this] { timeline()->fit(); }, ActionScope::Case);
    zoomIn->setObjectName(QStringLiteral("zoomInAction"));
    zoomOut->setObjectName(QStringLiteral("zoomOutAction"));
    fit->setObjectName(QStringLiteral("fitAction"));
    for (QAction* a : { zoomIn, zoomOut, fit })
        view->addAction(a);
    view->addAction(newAction(
        tr("Pan &Earlier"), QKeySequence(Qt::ALT | Qt::Key_Left),
        [this] { timeline()->panBy(timeline()->scale().width / 8); }, ActionScope::Case));
    view->addAction(newAction(
        tr("Pan &Later"), QKeySequence(Qt::ALT | Qt::Key_Right),
        [this] { timeline()->panBy(-timeline()->scale().width / 8); }, ActionScope::Case));
    view->addSeparator();
    view->addAction(newAction(
        tr("Filter &Workloads"), QKeySequence(Qt::CTRL | Qt::Key_L), [this] { m_timelinePage->focusLaneFilter(); },
        ActionScope::Case));
    view->addAction(newAction(
        tr("&Clear Picked Snapshots"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Escape),
        [this] { timeline()->clearPicks(); }, ActionScope::Case));
    QAction* charts = newAction(
        tr("Show the &Chart Strip"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), [this](bool on) { setChartsVisible(on); },
        ActionScope::Case);
    charts->setObjectName(QStringLiteral("chartsAction"));
    charts->setCheckable(true);
    charts->setChecked(m_timelinePage->chartsVisible());
    connect(m_timelinePage, &TimelinePage::chartsVisibleChanged, charts, &QAction::setChecked);
    view->addAction(charts);
    view->addSeparator();
    QMenu* panels = view->addMenu(tr("&Panels"));
    for (QDockWidget* d : findChildren<QDockWidget*>())
        panels->addAction(d->toggleViewAction());
    QMenu* appearance = view->addMenu(tr("&Appearance"));
    auto* group = new QActionGroup(this);
    const QString current = QSettings().value(QStringLiteral("appearance/theme"), QStringLiteral("system")).toString();
    for (const auto& [name, label] : { std::pair { QStringLiteral("system"), tr("&System") },
             std::pair { QStringLiteral("light"), tr("&Light") }, std::pair { QStringLiteral("dark"), tr("&Dark") },
             std::pair { QStringLiteral("high-contrast"), tr("&High Contrast") } }) {
        QAction* a = appearance->addAction(label);
        a->setObjectName(QStringLiteral("appearance-") + name);
        a->setCheckable(true);
        a->setChecked(name == current);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, n = name] { setAppearance(n); });
    }
    view->addAction(newAction(tr("&Reset Layout"), QKeySequence(), [this] {
        QSettings().remove(QStringLiteral("window/state"));
        statusBar()->showMessage(tr("The default layout returns the next time Tideline starts."), 6000);
    }));
}

void MainWindow::buildGoMenu()
{
    QMenu* go = menuBar()->addMenu(tr("&Go"));
    go->addAction(newAction(tr("&Search Fingerprint or Name"), QKeySequence::Find, [this] {
        m_searchBox->setFocus();
        m_searchBox->selectAll();
    }));
    QAction* goTo = newAction(
        tr("&Go to Time…"), QKeySequence(Qt::CTRL | Qt::Key_G),
        [this] {
            raiseDock(QStringLiteral("stateDock"));
            m_state->focusAt();
        },
        ActionScope::Case);
    goTo->setObjectName(QStringLiteral("goToTimeAction"));
    goTo->setToolTip(tr("Type a time (2026-03-03 13:00, 3.hours.ago) or a snapshot (prod#12, prod~1, prod@{…}) in State at cursor"));
    go->addAction(goTo);
    QAction* previous = newAction(
        tr("&Previous Snapshot"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Left), [this] { stepSnapshot(-1); }, ActionScope::Case);
    QAction* next = newAction(
        tr("&Next Snapshot"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Right), [this] { stepSnapshot(1); }, ActionScope::Case);
    previous->setObjectName(QStringLiteral("previousSnapshotAction"));
    next->setObjectName(QStringLiteral("nextSnapshotAction"));
    go->addAction(previous);
    go->addAction(next);
    go->addSeparator();
    const std::pair<QString, QString> docks[] = { { tr("State at Cursor"), QStringLiteral("stateDock") },
        { tr("Diff"), QStringLiteral("diffDock") }, { tr("Source"), QStringLiteral("sourceDock") },
        { tr("Search Results"), QStringLiteral("searchDock") }, { tr("Findings"), QStringLiteral("findingsDock") },
        { tr("Import Results"), QStringLiteral("importDock") }, { tr("Evidence"), QStringLiteral("evidenceDock") } };
    int key = Qt::Key_1;
    for (const auto& [label, name] : docks)
        go->addAction(newAction(
            label, QKeySequence(Qt::ALT | static_cast<Qt::Key>(key++)), [this, name = name] { raiseDock(name); }));
    go->addAction(newAction(tr("Environments"), QKeySequence(Qt::ALT | Qt::Key_0), [this] {
        dock(QStringLiteral("environmentsDock"))->show();
        m_envList->setFocus();
    }));
    go->addAction(newAction(tr("Timeline"), QKeySequence(Qt::ALT | Qt::Key_T), [this] { timeline()->setFocus(); }));
}

void MainWindow::buildHelpMenu()
{
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(newAction(tr("&Keyboard Shortcuts"), QKeySequence::HelpContents, [this] { showShortcuts(); }));
    QAction* aboutAction = newAction(tr("&About Tideline"), QKeySequence(), [this] { showAboutBox(this); });
    aboutAction->setObjectName(QStringLiteral("aboutAction"));
    help->addAction(aboutAction);
}

void MainWindow::buildToolBar()
{
    QToolBar* tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setMovable(false);
    tools->setToolButtonStyle(Qt::ToolButtonTextOnly);
    for (const char* name :
        { "importAction", "checkAction", "exportPackAction", "", "zoomInAction", "zoomOutAction", "fitAction" }) {
        if (!*name)
            tools->addSeparator();
        else
            tools->addAction(findChild<QAction*>(QString::fromLatin1(name)));
    }
    auto* spacer = new QWidget(tools);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    tools->addWidget(spacer);
    tools->addWidget(new QLabel(tr("Search "), tools));
    m_searchBox = new QLineEdit(tools);
    m_searchBox->setObjectName(QStringLiteral("searchBox"));
    m_searchBox->setPlaceholderText(tr("fingerprint prefix or name (Ctrl+F)"));
    m_searchBox->setClearButtonEnabled(true);
    m_searchBox->setMinimumWidth(fontMetrics().averageCharWidth() * 36);
    connect(m_searchBox, &QLineEdit::returnPressed, this, [this] { search(m_searchBox->text()); });
    tools->addWidget(m_searchBox);
}

void MainWindow::buildStatusBar()
{
    // Import progress lives in the status bar while an import runs.
    m_progress = new ImportProgressWidget(this);
    connect(m_progress, &ImportProgressWidget::cancelRequested, m_runner, &ImportRunner::cancel);
    statusBar()->addPermanentWidget(m_progress);
}

void MainWindow::showShortcuts()
{
    QStringList rows;
    for (QAction* a : actions())
        if (!a->shortcut().isEmpty())
            rows << QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                        .arg(a->shortcut().toString(QKeySequence::NativeText).toHtmlEscaped(),
                            a->text().remove(QLatin1Char('&')).toHtmlEscaped());
    rows << tr("<tr><td><b>Wheel</b></td><td>Zoom the timeline about the pointer (Shift+Wheel scrolls)</td></tr>")
         << tr("<tr><td><b>Drag</b></td><td>Pan the timeline</td></tr>")
         << tr("<tr><td><b>Click</b></td><td>Set the time cursor: state at that time</td></tr>")
         << tr("<tr><td><b>← →</b></td><td>In the timeline: the snapshot before, after</td></tr>")
         << tr("<tr><td><b>Double-click a bar</b></td><td>Its finding, or its evidence where it has none</td></tr>")
         << tr("<tr><td><b>Right-click</b></td><td>Copy, search, open the finding, diff with the previous snapshot, source</td></tr>")
         << tr("<tr><td><b>Click a mark, then another</b></td><td>Diff the two snapshots</td></tr>")
         << tr("<tr><td><b>+ − 0, Ctrl+←/→, Esc</b></td><td>In the timeline: zoom, fit, pan, clear picks</td></tr>");
    QMessageBox::information(
        this, tr("Keyboard shortcuts"), QStringLiteral("<table cellspacing='6'>%1</table>").arg(rows.join(QString())));
}

void MainWindow::setAppearance(const QString& name)
{
    // At once, no restart: every widget takes the new palette, and what writes colours into its text renders again.
    QSettings().setValue(QStringLiteral("appearance/theme"), name);
    if (auto* app = qobject_cast<QApplication*>(QCoreApplication::instance()))
        applyAppearance(*app, appearanceFromString(name));
    if (QAction* a = findChild<QAction*>(QStringLiteral("appearance-") + name))
        a->setChecked(true);
}

} // namespace tideline::ui
