#include "mainwindow.h"

#include "activitychart.h"
#include "allowdialog.h"
#include "casereader.h"
#include "compliance/findings.h"
#include "demo/generator.h"
#include "trustdialog.h"
#include "diffpanel.h"
#include "environmentdelegate.h"
#include "evidence/evidenceindex.h"
#include "evidencepanel.h"
#include "exportdialog.h"
#include "findingdetail.h"
#include "findingspanel.h"
#include "importdialog.h"
#include "importresultspanel.h"
#include "importrunner.h"
#include "items/environmentmodel.h"
#include "items/findingmodel.h"
#include "items/lanemodel.h"
#include "items/laneproxy.h"
#include "review/review.h"
#include "review/verify.h"
#include "searchpanel.h"
#include "sourcepanel.h"
#include "statepanel.h"
#include "store/casefile.h"
#include "store/logstore.h"
#include "store/sourcedocument.h"
#include "theme.h"
#include "timeline/findingactivity.h"
#include "timeline/timeline.h"
#include "timelineview.h"
#include "welcomepage.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QPointer>
#include <QProgressBar>
#include <QScrollBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace tideline::ui {

namespace {

constexpr int kMaxRecent = 8;
constexpr int kDefaultEnvironments = 2; // drawn when a case opens; more are a tick away

QString demoFolder()
{
    QString base = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    if (base.isEmpty())
        base = QDir::temp().filePath(QStringLiteral("tideline"));
    return QDir(base).filePath(QStringLiteral("demo"));
}

QString megabytes(qint64 bytes) { return QString::number(static_cast<double>(bytes) / 1e6, 'f', 1); }

// The environment list, which says what will appear in it while it is empty.
class EnvironmentList : public QListView {
public:
    using QListView::QListView;

protected:
    void paintEvent(QPaintEvent* event) override
    {
        QListView::paintEvent(event);
        if (model() && model()->rowCount() > 0)
            return;
        QPainter p(viewport());
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(viewport()->rect().adjusted(12, 12, -12, -12), Qt::AlignTop | Qt::AlignHCenter | Qt::TextWordWrap,
            QCoreApplication::translate("tideline::ui::MainWindow", "Environments appear here once snapshots are imported."));
    }
};

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_reader(new CaseReader(this))
    , m_runner(new ImportRunner(this))
    , m_envModel(new EnvironmentModel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Tideline"));
    setAcceptDrops(true);
    setDockNestingEnabled(true);
    buildCentral();
    buildDocks();
    buildActions();
    connect(m_runner, &ImportRunner::progress, this, &MainWindow::onImportProgress);
    connect(m_runner, &ImportRunner::finished, this, &MainWindow::onImportFinished);
    connect(m_envModel, &EnvironmentModel::chosenChanged, this, [this] { loadOverview(); });

    QSettings settings;
    const QSize initial(fontMetrics().averageCharWidth() * 190, fontMetrics().height() * 52);
    resize(initial);
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    refreshRecentMenu();
    updatePage();
}

MainWindow::~MainWindow()
{
    m_runner->cancel();
    m_runner->waitForIdle();
}

// ---- layout ---------------------------------------------------------------------------------------------

void MainWindow::buildCentral()
{
    m_pages = new QStackedWidget(this);
    m_welcome = new WelcomePage(m_pages);
    connect(m_welcome, &WelcomePage::demoRequested, this, &MainWindow::openDemo);
    connect(m_welcome, &WelcomePage::openRequested, this, &MainWindow::openCaseDialog);
    connect(m_welcome, &WelcomePage::newRequested, this, &MainWindow::newCaseDialog);
    connect(m_welcome, &WelcomePage::recentRequested, this, [this](const QString& p) { openCase(p); });
    m_pages->addWidget(m_welcome);

    m_casePage = new QWidget(m_pages);
    auto* caseLayout = new QVBoxLayout(m_casePage);
    caseLayout->setContentsMargins(0, 0, 0, 0);
    m_caseStack = new QStackedWidget(m_casePage);
    caseLayout->addWidget(m_caseStack);

    m_timelinePage = new QWidget(m_caseStack);
    auto* tl = new QVBoxLayout(m_timelinePage);
    tl->setContentsMargins(0, 0, 0, 0);
    tl->setSpacing(0);
    m_workloadsChart = new ActivityChart(ActivityMeasure::Workloads, tr("Running workloads"), m_timelinePage);
    m_instancesChart = new ActivityChart(ActivityMeasure::Instances, tr("Running instances"), m_timelinePage);
    m_workloadsChart->setObjectName(QStringLiteral("workloadsChart"));
    m_instancesChart->setObjectName(QStringLiteral("instancesChart"));
    const int chartHeight = fontMetrics().height() * 6;
    m_workloadsChart->setFixedHeight(chartHeight);
    m_instancesChart->setFixedHeight(chartHeight);
    tl->addWidget(m_workloadsChart);
    tl->addWidget(m_instancesChart);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 4);
    m_laneFilter = new QLineEdit(m_timelinePage);
    m_laneFilter->setPlaceholderText(tr("Filter workloads (Ctrl+L)"));
    m_laneFilter->setClearButtonEnabled(true);
    m_laneOrder = new QComboBox(m_timelinePage);
    m_laneOrder->addItem(tr("by name"));
    m_laneOrder->addItem(tr("by first seen"));
    m_laneCount = new QLabel(m_timelinePage);
    m_laneCount->setForegroundRole(QPalette::PlaceholderText);
    auto* hint = new QLabel(tr("wheel: zoom · drag: pan · click: state at that time · click two snapshot marks: diff"), m_timelinePage);
    hint->setForegroundRole(QPalette::PlaceholderText);
    bar->addWidget(m_laneFilter, 2);
    bar->addWidget(new QLabel(tr("Sort"), m_timelinePage));
    bar->addWidget(m_laneOrder);
    bar->addWidget(m_laneCount);
    bar->addStretch(1);
    bar->addWidget(hint);
    tl->addLayout(bar);

    m_timeline = new TimelineView(m_timelinePage);
    m_timeline->setObjectName(QStringLiteral("timeline"));
    tl->addWidget(m_timeline, 1);
    connect(m_laneFilter, &QLineEdit::textChanged, m_timeline->laneProxy(), &QSortFilterProxyModel::setFilterFixedString);
    connect(m_laneOrder, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_timeline->laneProxy()->setOrder(i == 1 ? LaneProxy::Order::ByFirstSeen : LaneProxy::Order::ByName);
    });
    connect(m_timeline, &TimelineView::scaleChanged, this, [this] { alignCharts(); });
    connect(m_timeline->header(), &QHeaderView::sectionResized, this, [this] { alignCharts(); });
    connect(m_timeline, &TimelineView::timeClicked, this, [this](Millis at) { showStateAt(at); });
    for (ActivityChart* chart : { m_workloadsChart, m_instancesChart })
        connect(chart, &ActivityChart::timeClicked, this, [this](Millis at) {
            m_timeline->setTimeCursor(at);
            showStateAt(at);
        });
    connect(m_timeline, &TimelineView::diffRequested, this, [this](const Snapshot& a, const Snapshot& b) {
        compare(QStringLiteral("%1#%2").arg(a.environment).arg(a.index), QStringLiteral("%1#%2").arg(b.environment).arg(b.index));
    });
    connect(m_timeline, &TimelineView::snapshotActivated, this, [this](const Snapshot& s) {
        showSource(s.sourceSha256, tr("%1 #%2, taken %3").arg(s.environment).arg(s.index).arg(timefmt::formatIso(s.takenAt)));
        statusBar()->showMessage(tr("Picked %1 #%2 (A). Click a second snapshot mark to compare.").arg(s.environment).arg(s.index), 8000);
    });

    m_emptyCase = new EmptyState(tr("This case is empty"),
        tr("Drop snapshots, evidence, keys and policies here: files, folders, .zip or .tar.gz archives, in any mix.\n"
           "Their format is read from their content; you are asked for an environment or a time only when a file lacks it."),
        tr("Import…"), m_caseStack);
    connect(m_emptyCase, &EmptyState::clicked, this, [this] { showImportDialog(); });
    m_noEnvironments = new EmptyState(tr("No environment chosen"), tr("Tick one or more environments in the list on the left to draw their timeline."),
        QString(), m_caseStack);
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
        d->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
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
        m_envModel->setData(name, name.data(Qt::CheckStateRole).toInt() == Qt::Checked ? Qt::Unchecked : Qt::Checked, Qt::CheckStateRole);
    });
    QDockWidget* envDock = makeDock(QStringLiteral("environmentsDock"), tr("Environments"), m_envList, Qt::LeftDockWidgetArea);
    envDock->setMinimumWidth(fontMetrics().averageCharWidth() * 34);

    m_state = new StatePanel(this);
    m_diff = new DiffPanel(this);
    m_source = new SourcePanel(this);
    m_search = new SearchPanel(this);
    m_findings = new FindingsPanel(this);
    m_evidence = new EvidencePanel(this);
    m_importResults = new ImportResultsPanel(this);
    QDockWidget* state = makeDock(QStringLiteral("stateDock"), tr("State at cursor"), m_state, Qt::BottomDockWidgetArea);
    QDockWidget* diff = makeDock(QStringLiteral("diffDock"), tr("Diff"), m_diff, Qt::BottomDockWidgetArea);
    QDockWidget* source = makeDock(QStringLiteral("sourceDock"), tr("Source"), m_source, Qt::BottomDockWidgetArea);
    QDockWidget* search = makeDock(QStringLiteral("searchDock"), tr("Search"), m_search, Qt::BottomDockWidgetArea);
    QDockWidget* findings = makeDock(QStringLiteral("findingsDock"), tr("Findings"), m_findings, Qt::BottomDockWidgetArea);
    QDockWidget* evidence = makeDock(QStringLiteral("evidenceDock"), tr("Evidence"), m_evidence, Qt::BottomDockWidgetArea);
    QDockWidget* imports = makeDock(QStringLiteral("importDock"), tr("Import results"), m_importResults, Qt::BottomDockWidgetArea);
    tabifyDockWidget(state, diff);
    tabifyDockWidget(diff, source);
    tabifyDockWidget(source, search);
    tabifyDockWidget(search, findings);
    tabifyDockWidget(findings, evidence);
    tabifyDockWidget(evidence, imports);
    state->raise();
    resizeDocks({ state }, { fontMetrics().height() * 24 }, Qt::Vertical);
    resizeDocks({ envDock }, { fontMetrics().averageCharWidth() * 40 }, Qt::Horizontal);

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
        if (!f.fingerprint.isEmpty())
            showEvidence(f.fingerprint, f.id, false);
    });
    connect(m_findings, &FindingsPanel::findingActivated, this, [this](const Finding& f) { showFinding(f, 0); });
    connect(m_findings->detail(), &FindingDetail::windowActivated, this, &MainWindow::showFinding);
    connect(m_findings->detail(), &FindingDetail::evidenceRequested, this, [this](const QString& fp) {
        const auto& f = m_findings->detail()->finding();
        showEvidence(fp, f ? f->id : QString());
    });
    connect(m_findings->detail(), &FindingDetail::reviewRequested, this, &MainWindow::recordDecision);
    connect(m_findings->detail(), &FindingDetail::allowRequested, this, &MainWindow::showAllowDialog);
    connect(m_evidence, &EvidencePanel::sourceRequested, this, [this](const QString& sha, const QString& context) { showSource(sha, context); });
}

QDockWidget* MainWindow::dock(const QString& objectName) const { return findChild<QDockWidget*>(objectName); }

void MainWindow::buildActions()
{
    auto action = [this](const QString& text, const QKeySequence& key, auto slot) {
        auto* a = new QAction(text, this);
        if (!key.isEmpty())
            a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        return a;
    };
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(action(tr("&New Case…"), QKeySequence::New, [this] { newCaseDialog(); }));
    file->addAction(action(tr("&Open Case…"), QKeySequence::Open, [this] { openCaseDialog(); }));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addAction(action(tr("Open the &Demo Case"), QKeySequence(), [this] { openDemo(); }));
    file->addSeparator();
    m_importAction = action(tr("&Import…"), QKeySequence(Qt::CTRL | Qt::Key_I), [this] { showImportDialog(); });
    file->addAction(m_importAction);
    m_checkAction = action(tr("&Check Findings"), QKeySequence(Qt::CTRL | Qt::Key_R), [this] { runCheck(); });
    m_checkAction->setToolTip(tr("Evaluate the case's policies over every environment: what ran without what they require, and blind spots"));
    file->addAction(m_checkAction);
    QAction* verify = action(tr("&Verify Case Integrity"), QKeySequence(), [this] { verifyCase(); });
    file->addAction(verify);
    QAction* exportPack = action(tr("&Export Evidence Pack…"), QKeySequence(Qt::CTRL | Qt::Key_E), [this] { showExportDialog(); });
    exportPack->setObjectName(QStringLiteral("exportPackAction"));
    file->addAction(exportPack);
    file->addSeparator();
    m_closeAction = action(tr("&Close Case"), QKeySequence::Close, [this] { closeCase(); });
    file->addAction(m_closeAction);
    file->addSeparator();
    file->addAction(action(tr("&Quit"), QKeySequence::Quit, [this] { close(); }));

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* zoomIn = action(tr("Zoom &In"), QKeySequence::ZoomIn, [this] { m_timeline->zoomBy(1.5625); });
    QAction* zoomOut = action(tr("Zoom &Out"), QKeySequence::ZoomOut, [this] { m_timeline->zoomBy(0.64); });
    QAction* fit = action(tr("&Fit Everything"), QKeySequence(Qt::CTRL | Qt::Key_0), [this] { m_timeline->fit(); });
    QAction* panLeft = action(tr("Pan &Earlier"), QKeySequence(Qt::ALT | Qt::Key_Left), [this] { m_timeline->panBy(m_timeline->scale().width / 8); });
    QAction* panRight = action(tr("Pan &Later"), QKeySequence(Qt::ALT | Qt::Key_Right), [this] { m_timeline->panBy(-m_timeline->scale().width / 8); });
    QAction* filter = action(tr("Filter &Workloads"), QKeySequence(Qt::CTRL | Qt::Key_L), [this] {
        m_laneFilter->setFocus();
        m_laneFilter->selectAll();
    });
    QAction* clearPicks = action(tr("&Clear Picked Snapshots"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Escape), [this] { m_timeline->clearPicks(); });
    for (QAction* a : { zoomIn, zoomOut, fit, panLeft, panRight })
        view->addAction(a);
    view->addSeparator();
    view->addAction(filter);
    view->addAction(clearPicks);
    view->addSeparator();
    QMenu* panels = view->addMenu(tr("&Panels"));
    for (QDockWidget* d : findChildren<QDockWidget*>())
        panels->addAction(d->toggleViewAction());
    QMenu* appearance = view->addMenu(tr("&Appearance"));
    auto* group = new QActionGroup(this);
    const QString current = QSettings().value(QStringLiteral("appearance/theme"), QStringLiteral("system")).toString();
    for (const auto& [name, label] : { std::pair { QStringLiteral("system"), tr("&System") }, std::pair { QStringLiteral("light"), tr("&Light") },
             std::pair { QStringLiteral("dark"), tr("&Dark") } }) {
        QAction* a = appearance->addAction(label);
        a->setCheckable(true);
        a->setChecked(name == current);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, n = name] { setAppearance(n); });
    }
    view->addAction(action(tr("&Reset Layout"), QKeySequence(), [this] {
        QSettings().remove(QStringLiteral("window/state"));
        statusBar()->showMessage(tr("The default layout returns the next time Tideline starts."), 6000);
    }));

    QMenu* go = menuBar()->addMenu(tr("&Go"));
    go->addAction(action(tr("&Search Fingerprint or Name"), QKeySequence::Find, [this] {
        m_searchBox->setFocus();
        m_searchBox->selectAll();
    }));
    auto showDock = [this](const QString& name) {
        return [this, name] {
            if (QDockWidget* d = dock(name)) {
                d->show();
                d->raise();
            }
        };
    };
    go->addAction(action(tr("State at Cursor"), QKeySequence(Qt::ALT | Qt::Key_1), showDock(QStringLiteral("stateDock"))));
    go->addAction(action(tr("Diff"), QKeySequence(Qt::ALT | Qt::Key_2), showDock(QStringLiteral("diffDock"))));
    go->addAction(action(tr("Source"), QKeySequence(Qt::ALT | Qt::Key_3), showDock(QStringLiteral("sourceDock"))));
    go->addAction(action(tr("Search Results"), QKeySequence(Qt::ALT | Qt::Key_4), showDock(QStringLiteral("searchDock"))));
    go->addAction(action(tr("Findings"), QKeySequence(Qt::ALT | Qt::Key_5), showDock(QStringLiteral("findingsDock"))));
    go->addAction(action(tr("Import Results"), QKeySequence(Qt::ALT | Qt::Key_6), showDock(QStringLiteral("importDock"))));
    go->addAction(action(tr("Evidence"), QKeySequence(Qt::ALT | Qt::Key_7), showDock(QStringLiteral("evidenceDock"))));
    go->addAction(action(tr("Environments"), QKeySequence(Qt::ALT | Qt::Key_0), [this] {
        dock(QStringLiteral("environmentsDock"))->show();
        m_envList->setFocus();
    }));
    go->addAction(action(tr("Timeline"), QKeySequence(Qt::ALT | Qt::Key_T), [this] { m_timeline->setFocus(); }));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(action(tr("&Keyboard Shortcuts"), QKeySequence::HelpContents, [this] { showShortcuts(); }));
    help->addAction(action(tr("&About Tideline"), QKeySequence(), [this] {
        QMessageBox::about(this, tr("About Tideline"),
            tr("<b>Tideline %1</b><p>Investigate what ran in production and whether it was allowed to.</p>").arg(QStringLiteral(TIDELINE_VERSION)));
    }));

    QToolBar* tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setMovable(false);
    tools->setToolButtonStyle(Qt::ToolButtonTextOnly);
    tools->addAction(m_importAction);
    tools->addAction(m_checkAction);
    tools->addAction(exportPack);
    tools->addSeparator();
    tools->addAction(zoomIn);
    tools->addAction(zoomOut);
    tools->addAction(fit);
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

    m_caseActions = { m_importAction, m_checkAction, verify, exportPack, m_closeAction, zoomIn, zoomOut, fit, panLeft, panRight, filter, clearPicks };

    // Import progress lives in the status bar while an import runs.
    m_progress = new QWidget(this);
    auto* pl = new QHBoxLayout(m_progress);
    pl->setContentsMargins(0, 0, 0, 0);
    m_progressLabel = new QLabel(m_progress);
    m_progressBar = new QProgressBar(m_progress);
    m_progressBar->setRange(0, 1000);
    m_progressBar->setMaximumWidth(fontMetrics().averageCharWidth() * 30);
    m_cancelImport = new QToolButton(m_progress);
    m_cancelImport->setText(tr("Cancel"));
    m_cancelImport->setObjectName(QStringLiteral("cancelImport"));
    connect(m_cancelImport, &QToolButton::clicked, m_runner, &ImportRunner::cancel);
    pl->addWidget(m_progressLabel);
    pl->addWidget(m_progressBar);
    pl->addWidget(m_cancelImport);
    statusBar()->addPermanentWidget(m_progress);
    m_progress->hide();
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
    // Empty panels around the welcome page only distract; they return, as they were, with a case.
    if (on && m_hiddenForWelcome.isEmpty()) {
        for (QDockWidget* d : findChildren<QDockWidget*>())
            if (d->isVisibleTo(this)) {
                m_hiddenForWelcome << d;
                d->hide();
            }
    } else if (!on) {
        for (QDockWidget* d : std::as_const(m_hiddenForWelcome))
            d->show();
        if (!m_hiddenForWelcome.isEmpty())
            if (QDockWidget* state = dock(QStringLiteral("stateDock")); state && state->isVisibleTo(this))
                state->raise();
        m_hiddenForWelcome.clear();
    }
}

void MainWindow::alignCharts()
{
    // The charts' plot areas sit over exactly the pixels of the timeline column.
    TimeScale s = m_timeline->scale();
    for (ActivityChart* chart : { m_workloadsChart, m_instancesChart }) {
        const QPoint origin = m_timeline->viewport()->mapTo(m_timelinePage, QPoint(0, 0)) - chart->mapTo(m_timelinePage, QPoint(0, 0));
        TimeScale local = s;
        local.left += origin.x();
        chart->setScale(local);
    }
}

// ---- cases ----------------------------------------------------------------------------------------------

void MainWindow::openCase(const QString& path, bool create)
{
    ++m_generation;
    m_casePath = QFileInfo(path).absoluteFilePath();
    m_caseId.clear();
    m_overview.reset();
    m_envModel->setEnvironments({});
    m_timeline->setOverview(nullptr);
    m_workloadsChart->setOverview(nullptr);
    m_instancesChart->setOverview(nullptr);
    m_state->clear();
    m_diff->clear();
    m_source->clear();
    m_findings->setCasePath(m_casePath);
    m_evidence->clear();
    m_envModel->setFindings(std::nullopt);
    m_timeline->setShadedSpans({});
    m_timeline->setFlaggedWindows({});
    m_workloadsChart->setSeries(nullptr);
    setWindowTitle(tr("Tideline — %1").arg(QFileInfo(path).fileName()));
    updatePage();
    const quint64 gen = m_generation;
    m_reader->open(m_casePath, create, this, [this, gen, path](Result<QString> id) {
        if (gen != m_generation)
            return;
        if (!id) {
            const QString message = id.error();
            m_casePath.clear();
            setWindowTitle(tr("Tideline"));
            updatePage();
            QMessageBox::warning(this, tr("Cannot open the case"), message);
            emit caseFailed(message);
            return;
        }
        m_caseId = id.value();
        addRecent(m_casePath);
        statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(m_casePath)), 5000);
        emit caseOpened(m_casePath);
        loadEnvironments();
        if (!m_pendingImport.isEmpty()) {
            const QStringList paths = m_pendingImport;
            m_pendingImport.clear();
            ImportOptions o;
            // The demo bundle carries its own signing key: the demo trusts it explicitly, as a user would once told.
            o.trust = !m_demoMarker.isEmpty();
            o.trustHow = QStringLiteral("the demo trusts its own signing key");
            startImport(paths, o);
        }
    });
}

void MainWindow::closeCase()
{
    if (importing()) {
        statusBar()->showMessage(tr("An import is running: cancel it first."), 5000);
        return;
    }
    ++m_generation;
    m_reader->close();
    m_casePath.clear();
    m_caseId.clear();
    m_overview.reset();
    m_envModel->setEnvironments({});
    m_envModel->setFindings(std::nullopt);
    m_timeline->setOverview(nullptr);
    m_timeline->setShadedSpans({});
    m_timeline->setFlaggedWindows({});
    m_findings->setCasePath(QString());
    m_evidence->clear();
    setWindowTitle(tr("Tideline"));
    updatePage();
}

void MainWindow::openDemo()
{
    const QString dir = demoFolder();
    const QString kase = QDir(dir).filePath(QStringLiteral("demo.tideline"));
    const QString marker = QDir(dir).filePath(QStringLiteral("demo.complete"));
    if (QFileInfo::exists(kase) && QFileInfo::exists(marker)) {
        openCase(kase);
        return;
    }
    if (importing()) {
        statusBar()->showMessage(tr("An import is running: the demo case can open once it ends."), 6000);
        return;
    }
    // A demo whose making was interrupted is made again from scratch.
    for (const QString& suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") })
        QFile::remove(kase + suffix);
    QDir().mkpath(dir);
    m_demoMarker = marker;
    statusBar()->showMessage(tr("Generating the demo bundle in %1…").arg(QDir::toNativeSeparators(dir)));
    m_pages->setCurrentWidget(m_casePage);
    m_caseStack->setCurrentWidget(m_loading);
    const QString bundle = QDir(dir).filePath(QStringLiteral("bundle"));
    QtConcurrent::run([bundle] {
        QDir(bundle).removeRecursively();
        Result<GeneratedTruth> g = generateBundle(bundle, GeneratorOptions());
        return g ? QString() : g.error();
    }).then(this, [this, bundle, kase](const QString& error) {
        if (!error.isEmpty()) {
            QMessageBox::warning(this, tr("Cannot make the demo case"), error);
            updatePage();
            return;
        }
        // Import once the case is open: the reader creates it, then the importer fills it.
        m_pendingImport = { bundle };
        openCase(kase, true);
    });
}

void MainWindow::newCaseDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("New case"), QDir::homePath(), tr("Tideline cases (*.tideline)"));
    if (path.isEmpty())
        return;
    QString p = path;
    if (!p.endsWith(QLatin1String(".tideline")))
        p += QStringLiteral(".tideline");
    openCase(p, true);
}

void MainWindow::openCaseDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open case"), QDir::homePath(), tr("Tideline cases (*.tideline);;All files (*)"));
    if (!path.isEmpty())
        openCase(path);
}

void MainWindow::addRecent(const QString& path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recent")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(QStringLiteral("recent"), recent);
    refreshRecentMenu();
}

void MainWindow::refreshRecentMenu()
{
    QStringList recent = QSettings().value(QStringLiteral("recent")).toStringList();
    recent.erase(std::remove_if(recent.begin(), recent.end(), [](const QString& p) { return !QFileInfo::exists(p); }), recent.end());
    m_recentMenu->clear();
    for (int i = 0; i < recent.size(); ++i) {
        QAction* a = m_recentMenu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(QDir::toNativeSeparators(recent[i])));
        connect(a, &QAction::triggered, this, [this, p = recent[i]] { openCase(p); });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
    m_welcome->setRecent(recent);
}

void MainWindow::loadEnvironments()
{
    const quint64 gen = m_generation;
    m_reader->run<std::vector<Environment>>(
        this, [](CaseFile& k) -> Result<std::vector<Environment>> { return Timeline(k).environments(); },
        [this, gen](Result<std::vector<Environment>> envs) {
            if (gen != m_generation || !envs)
                return;
            const bool first = m_envModel->rowCount() == 0;
            QStringList chosen = m_envModel->chosen();
            m_envModel->setEnvironments(std::move(envs).value());
            if (first || chosen.isEmpty()) {
                QStringList pick;
                for (const Environment& e : m_envModel->environments())
                    if (pick.size() < kDefaultEnvironments)
                        pick << e.name;
                m_envModel->setChosen(pick);
            }
            updatePage();
            emit environmentsLoaded();
            loadOverview();
            // Findings follow what the case holds: checked on opening and after every import.
            if (m_envModel->rowCount() > 0)
                runCheck();
        });
}

void MainWindow::setChosenEnvironments(const QStringList& names) { m_envModel->setChosen(names); }

QMap<QString, QString> MainWindow::knownTypes() const
{
    QMap<QString, QString> out;
    for (const Environment& e : m_envModel->environments())
        out.insert(e.name, e.type);
    return out;
}

void MainWindow::loadOverview()
{
    updatePage();
    const QStringList chosen = m_envModel->chosen();
    const quint64 gen = ++m_overviewGen;
    const quint64 caseGen = m_generation;
    m_reader->run<TimelineOverview>(
        this, [chosen](CaseFile& k) { return tideline::loadOverview(k, chosen); },
        [this, gen, caseGen](Result<TimelineOverview> o) {
            if (gen != m_overviewGen || caseGen != m_generation)
                return; // a newer choice is on its way
            if (!o) {
                statusBar()->showMessage(o.error(), 8000);
                return;
            }
            m_overview = std::make_shared<const TimelineOverview>(std::move(o).value());
            m_timeline->setOverview(m_overview);
            m_workloadsChart->setOverview(m_overview);
            m_instancesChart->setOverview(m_overview);
            updateFindingChart();
            alignCharts();
            int intervals = 0;
            for (const EnvironmentTimeline& e : m_overview->environments)
                intervals += static_cast<int>(e.intervals.size());
            m_laneCount->setText(tr("%1 lanes · %2 run intervals").arg(m_timeline->laneModel()->laneCount()).arg(intervals));
            updatePage();
            if (m_pendingJump) {
                const RunInterval run = *m_pendingJump;
                m_pendingJump.reset();
                jumpTo(run);
            }
            emit overviewLoaded();
        });
}

// ---- questions ------------------------------------------------------------------------------------------

void MainWindow::showStateAt(Millis at, bool raise)
{
    if (!m_overview)
        return;
    QStringList envs;
    for (const EnvironmentTimeline& e : m_overview->environments)
        envs << e.environment.name;
    const quint64 gen = ++m_stateGen;
    struct States {
        std::vector<State> states;
        QStringList problems;
    };
    m_reader->run<States>(
        this,
        [envs, at](CaseFile& k) -> Result<States> {
            Timeline t(k);
            States out;
            for (const QString& e : envs) {
                Result<State> s = t.state(e, at);
                if (s)
                    out.states.push_back(std::move(s).value());
                else
                    out.problems << s.problem().message;
            }
            return out;
        },
        [this, gen, at, raise](Result<States> r) {
            if (gen != m_stateGen || !r)
                return;
            m_state->setStates(at, std::move(r->states), r->problems);
            if (QDockWidget* d = dock(QStringLiteral("stateDock")); d && raise && !d->isHidden())
                d->raise();
            emit stateLoaded();
        });
}

void MainWindow::compare(const QString& from, const QString& to)
{
    const quint64 gen = ++m_diffGen;
    m_diff->setSelectors(from, to);
    m_reader->run<SnapshotDiff>(
        this, [from, to](CaseFile& k) { return Timeline(k).diff(from, to); },
        [this, gen](Result<SnapshotDiff> d) {
            if (gen != m_diffGen)
                return;
            if (d)
                m_diff->setDiff(*d);
            else
                m_diff->setProblem(d.error());
            if (QDockWidget* dk = dock(QStringLiteral("diffDock"))) {
                dk->show();
                dk->raise();
            }
            emit diffLoaded();
        });
}

void MainWindow::showSource(const QString& sha256, const QString& context)
{
    const quint64 gen = ++m_sourceGen;
    m_source->setLoading(context);
    m_reader->run<SourceDocument>(
        this, [sha256](CaseFile& k) { return loadSourceDocument(k, sha256); },
        [this, gen, context](Result<SourceDocument> d) {
            if (gen != m_sourceGen)
                return;
            if (d)
                m_source->setDocument(*d, context);
            else
                m_source->setProblem(d.error());
            if (QDockWidget* dk = dock(QStringLiteral("sourceDock"))) {
                dk->show();
                dk->raise();
            }
            emit sourceLoaded();
        });
}

void MainWindow::search(const QString& query)
{
    const QString q = query.trimmed();
    if (q.isEmpty() || m_casePath.isEmpty())
        return;
    const quint64 gen = ++m_searchGen;
    m_reader->run<std::vector<FingerprintMatch>>(
        this, [q](CaseFile& k) -> Result<std::vector<FingerprintMatch>> { return Timeline(k).search(q); },
        [this, gen, q](Result<std::vector<FingerprintMatch>> r) {
            if (gen != m_searchGen || !r)
                return;
            std::optional<RunInterval> first;
            if (!r->empty() && !r->front().runs.empty())
                first = r->front().runs.front();
            m_search->setResults(q, std::move(r).value());
            if (QDockWidget* d = dock(QStringLiteral("searchDock"))) {
                d->show();
                d->raise();
            }
            // One box, one jump: straight to where the first match first ran.
            if (first)
                jumpTo(*first);
            else
                statusBar()->showMessage(tr("Nothing matches “%1”.").arg(q), 6000);
            emit searchFinished();
        });
}

void MainWindow::jumpTo(const RunInterval& run)
{
    QStringList chosen = m_envModel->chosen();
    if (!chosen.contains(run.environment)) {
        // Draw its environment first; the jump completes when the overview arrives.
        m_pendingJump = run;
        chosen << run.environment;
        m_envModel->setChosen(chosen);
        return;
    }
    if (!m_overview)
        return;
    bool loaded = false;
    for (const EnvironmentTimeline& e : m_overview->environments)
        loaded = loaded || e.environment.name == run.environment;
    if (!loaded) {
        m_pendingJump = run;
        return;
    }
    m_laneFilter->clear();
    m_timeline->showRange(run.from, run.to);
    const QModelIndex lane = m_timeline->laneModel()->findLane(run.environment, run.fingerprint, run.name);
    if (lane.isValid()) {
        const QModelIndex proxied = m_timeline->laneProxy()->mapFromSource(lane);
        m_timeline->setCurrentIndex(proxied);
        m_timeline->scrollTo(proxied, QAbstractItemView::PositionAtCenter);
    }
    m_timeline->setTimeCursor(run.from);
    showStateAt(run.from, false);
    statusBar()->showMessage(tr("%1 in %2: %3 → %4").arg(run.name, run.environment, timefmt::formatIso(run.from), timefmt::formatIso(run.to)), 10000);
}

// ---- findings, decisions, evidence ----------------------------------------------------------------------

void MainWindow::runCheck()
{
    if (m_casePath.isEmpty())
        return;
    const quint64 gen = ++m_checkGen;
    const quint64 caseGen = m_generation;
    m_findings->setChecking();
    m_reader->run<CheckReport>(
        this, [](CaseFile& k) { return checkCase(k); },
        [this, gen, caseGen](Result<CheckReport> r) {
            if (gen != m_checkGen || caseGen != m_generation)
                return; // a newer check, or another case
            if (!r) {
                m_findings->setProblem(r.error());
                statusBar()->showMessage(tr("The check failed: %1").arg(r.error()), 10000);
                emit checkFinished(false);
                return;
            }
            m_findings->setReport(std::move(r).value());
            showCheckOnTimeline();
            const CheckReport& report = m_findings->model()->report();
            statusBar()->showMessage(tr("Checked %1: %2 findings, %3 open")
                                         .arg(report.environments.join(QStringLiteral(", ")))
                                         .arg(report.findings.size())
                                         .arg(report.open),
                8000);
            emit checkFinished(true);
        });
}

void MainWindow::showCheckOnTimeline()
{
    const CheckReport& report = m_findings->model()->report();
    std::map<QString, EnvironmentModel::Findings> counts;
    std::vector<TimelineView::ShadedSpan> blind;
    std::vector<TimelineView::FlaggedWindow> flagged;
    for (const QString& e : report.environments)
        counts[e];
    for (const Finding& f : report.findings) {
        EnvironmentModel::Findings& c = counts[f.environment];
        ++c.total;
        c.open += f.disposition == Disposition::Open ? 1 : 0; // as the engine counts them
        const QString why = tr("%1 %2 (%3)").arg(f.id, FindingModel::kindLabel(f.kind), FindingModel::dispositionLabel(f.disposition));
        for (const ExposureWindow& w : f.windows) {
            if (f.kind == FindingKind::BlindSpot)
                blind.push_back({ f.environment, w.from, w.to, tr("%1: %2").arg(why, f.detail) });
            else
                flagged.push_back({ f.environment, workloadKey(f), w.from, w.to, stillOpen(f.disposition), why });
        }
    }
    m_envModel->setFindings(std::move(counts));
    m_timeline->setShadedSpans(std::move(blind));
    m_timeline->setFlaggedWindows(std::move(flagged));
    updateFindingChart();
}

void MainWindow::updateFindingChart()
{
    if (!m_overview || !m_findings->model()->checked()) {
        m_workloadsChart->setSeries(nullptr);
        return;
    }
    m_workloadsChart->setSeries(std::make_shared<const ActivitySeries>(findingActivity(*m_overview, m_findings->model()->report().findings)));
}

void MainWindow::showEvidence(const QString& fingerprint, const QString& context, bool raise)
{
    if (m_casePath.isEmpty() || fingerprint.isEmpty())
        return;
    const quint64 gen = ++m_evidenceGen;
    m_evidence->setLoading(fingerprint, context);
    if (const auto& shown = m_findings->detail()->finding(); shown && shown->fingerprint == fingerprint)
        m_findings->detail()->setEvidence(nullptr); // "loading…" in its line until the answer comes
    if (raise)
        if (QDockWidget* d = dock(QStringLiteral("evidenceDock"))) {
            d->show();
            d->raise();
        }
    m_reader->run<ArtifactEvidence>(
        this, [fingerprint](CaseFile& k) -> Result<ArtifactEvidence> { return EvidenceIndex(k).forFingerprint(fingerprint); },
        [this, gen, context](Result<ArtifactEvidence> r) {
            if (gen != m_evidenceGen)
                return;
            if (!r) {
                m_evidence->setProblem(r.error());
                return;
            }
            const auto& shown = m_findings->detail()->finding();
            if (shown && shown->fingerprint == r->fingerprint)
                m_findings->detail()->setEvidence(&r.value());
            m_evidence->setEvidence(std::move(r).value(), context);
            emit evidenceLoaded();
        });
}

void MainWindow::recordDecision(const QString& findingId, Disposition disposition, const QString& note, const QString& reviewer)
{
    if (m_casePath.isEmpty())
        return;
    m_findings->detail()->setRecording(true);
    const quint64 caseGen = m_generation;
    struct Recorded {
        Review review;
        QString logHash;
    };
    m_reader->run<Recorded>(
        this,
        [findingId, disposition, note, reviewer](CaseFile& k) -> Result<Recorded> {
            Result<Review> r = recordReview(k, findingId, disposition, note, reviewer);
            if (!r)
                return r.problem();
            // Its own log entry's hash: an import may have appended to the log since.
            Recorded out { std::move(r).value(), QString() };
            for (const LogEntry& e : LogStore(k.db()).list())
                if (e.id == out.review.logId)
                    out.logHash = e.hash;
            return out;
        },
        [this, caseGen, findingId](Result<Recorded> r) {
            if (caseGen != m_generation)
                return;
            // The form speaks of the finding it shows; another may have been opened meanwhile.
            const bool shown = m_findings->detail()->finding() && m_findings->detail()->finding()->id == findingId;
            if (!r) {
                if (shown)
                    m_findings->detail()->setReviewProblem(r.error());
                statusBar()->showMessage(tr("%1: not recorded: %2").arg(findingId, r.error()), 10000);
                emit reviewFailed(r.error());
                return;
            }
            const Review& rv = r->review;
            QSettings().setValue(QStringLiteral("review/reviewer"), rv.reviewer);
            m_findings->applyReview(rv.findingId, ReviewEntry { rv.disposition, rv.note, rv.reviewer, rv.at, r->logHash });
            const QString message = tr("%1 is now %2, recorded by %3 (log %4…)")
                                        .arg(rv.findingId, FindingModel::dispositionLabel(rv.disposition), rv.reviewer, r->logHash.left(12));
            if (shown)
                m_findings->detail()->setRecorded(message);
            showCheckOnTimeline();
            statusBar()->showMessage(message, 8000);
            emit reviewRecorded(rv.findingId);
        });
}

AllowDialog* MainWindow::showAllowDialog(const Finding& finding)
{
    if (m_casePath.isEmpty())
        return nullptr;
    auto* dialog = new AllowDialog(finding, m_findings->detail()->reviewerEdit()->text().trimmed(), this);
    dialog->setObjectName(QStringLiteral("allowDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AllowDialog::submitted, this, [this, dialog](const AllowEntry& entry) {
        dialog->setBusy(true);
        const quint64 caseGen = m_generation;
        QPointer<AllowDialog> guard(dialog);
        m_reader->run<AllowEntry>(
            this, [entry](CaseFile& k) { return addAllowEntry(k, entry); },
            [this, guard, caseGen](Result<AllowEntry> r) {
                if (caseGen != m_generation)
                    return;
                if (!r) {
                    if (guard)
                        guard->setProblem(r.error());
                    return;
                }
                if (guard)
                    guard->accept();
                statusBar()->showMessage(tr("Allowed %1 (%2), by %3%4")
                                             .arg(r->fingerprint.isEmpty() ? r->namePattern : QStringLiteral("sha256:") + r->fingerprint.left(12) + QStringLiteral("…"),
                                                 r->reason, r->who,
                                                 r->validUntil ? tr(" until %1").arg(timefmt::formatIso(*r->validUntil)) : QString()),
                    10000);
                emit allowAdded(*r);
                runCheck();
            });
    });
    dialog->open();
    return dialog;
}

void MainWindow::showFinding(const Finding& finding, int window)
{
    if (finding.windows.empty())
        return;
    const ExposureWindow& w = finding.windows[static_cast<size_t>(std::clamp(window, 0, static_cast<int>(finding.windows.size()) - 1))];
    RunInterval run;
    run.environment = finding.environment;
    run.fingerprint = finding.fingerprint;
    // The lane of an unknown workload is found by its name; a blind spot has none.
    run.name = finding.kind == FindingKind::BlindSpot ? tr("blind spot %1").arg(finding.id) : finding.names.value(0);
    run.from = w.from;
    run.to = std::max(w.to, w.from + 1000);
    jumpTo(run);
}

void MainWindow::verifyCase()
{
    if (m_casePath.isEmpty())
        return;
    statusBar()->showMessage(tr("Verifying every stored hash and the log chain…"));
    const quint64 caseGen = m_generation;
    m_reader->run<CaseVerifyReport>(
        this, [](CaseFile& k) -> Result<CaseVerifyReport> { return tideline::verifyCase(k); },
        [this, caseGen](Result<CaseVerifyReport> r) {
            if (caseGen != m_generation || !r)
                return;
            auto* box = new QMessageBox(this);
            box->setObjectName(QStringLiteral("verifyCaseResult"));
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->setWindowTitle(tr("Case integrity"));
            if (r->intact) {
                box->setIcon(QMessageBox::Information);
                box->setText(tr("<b>Intact.</b> %1 sources, %2 log entries, %3 snapshots and %4 decisions hold.")
                                 .arg(r->sources)
                                 .arg(r->logEntries)
                                 .arg(r->snapshots)
                                 .arg(r->reviews));
                box->setInformativeText(tr("Log head: %1").arg(r->logHead));
            } else {
                box->setIcon(QMessageBox::Critical);
                box->setText(tr("<b>Tampered.</b> %1 things do not hold; the first:").arg(r->problems.size()));
                box->setInformativeText(r->problems.front().where + QStringLiteral(": ") + r->problems.front().message);
                QStringList all;
                for (const Problem& p : r->problems)
                    all << p.where + QStringLiteral(": ") + p.message;
                box->setDetailedText(all.join(QLatin1Char('\n')));
            }
            box->open();
            statusBar()->showMessage(r->intact ? tr("The case is intact.") : tr("The case has been tampered with."), 10000);
            emit caseVerified(r->intact);
        });
}

// ---- import ---------------------------------------------------------------------------------------------

bool MainWindow::importing() const { return m_runner->busy(); }

ImportDialog* MainWindow::showImportDialog(const QStringList& paths)
{
    if (m_casePath.isEmpty()) {
        newCaseDialog();
        if (m_casePath.isEmpty())
            return nullptr;
    }
    if (m_importDialog)
        m_importDialog->deleteLater();
    m_importDialog = new ImportDialog(knownTypes(), this);
    m_importDialog->setObjectName(QStringLiteral("importDialog"));
    m_importDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_importDialog, &QDialog::accepted, this, [this, d = m_importDialog] { startImport(d->paths(), d->options()); });
    connect(m_importDialog, &QObject::destroyed, this, [this, d = m_importDialog] {
        if (m_importDialog == d)
            m_importDialog = nullptr;
    });
    if (!paths.isEmpty())
        m_importDialog->setPaths(paths);
    m_importDialog->open();
    return m_importDialog;
}

ExportDialog* MainWindow::exportDialog() const { return m_exportDialog; }

ExportDialog* MainWindow::showExportDialog()
{
    if (m_casePath.isEmpty())
        return nullptr;
    if (importing()) {
        statusBar()->showMessage(tr("Wait for the import to finish: the pack holds what the case holds."), 6000);
        return nullptr;
    }
    if (!m_exportDialog) {
        m_exportDialog = new ExportDialog(m_casePath, m_envModel->environments(), this);
        m_exportDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_exportDialog, &ExportDialog::exported, this, [this](const QString& dir) {
            statusBar()->showMessage(tr("Evidence pack written to %1").arg(QDir::toNativeSeparators(dir)), 10000);
        });
    }
    m_exportDialog->open();
    return m_exportDialog;
}

void MainWindow::startImport(const QStringList& paths, const ImportOptions& options)
{
    if (m_casePath.isEmpty() || paths.isEmpty())
        return;
    if (importing()) {
        statusBar()->showMessage(tr("An import is already running."), 5000);
        return;
    }
    ImportOptions o = options;
    m_runner->start(m_casePath, paths, o);
    m_progressLabel->setText(tr("Importing…"));
    m_progressBar->setValue(0);
    m_progress->show();
    m_importAction->setEnabled(false);
}

void MainWindow::onImportProgress(const ImportProgress& p, double rate)
{
    m_progressBar->setValue(p.bytesTotal > 0 ? static_cast<int>(1000 * p.bytesDone / p.bytesTotal) : 0);
    m_progressLabel->setText(tr("Importing: %1 / %2 files · %3 / %4 MB · %5 MB/s")
                                 .arg(p.filesDone)
                                 .arg(p.filesTotal)
                                 .arg(megabytes(p.bytesDone), megabytes(p.bytesTotal))
                                 .arg(rate / 1e6, 0, 'f', 0));
    m_progressLabel->setToolTip(p.current);
}

void MainWindow::onImportFinished(const ImportReport& report)
{
    const bool demo = !m_demoMarker.isEmpty();
    m_progress->hide();
    m_importAction->setEnabled(!m_casePath.isEmpty());
    m_importResults->setReport(report);
    if (QDockWidget* d = dock(QStringLiteral("importDock"))) {
        d->show();
        d->raise();
    }
    statusBar()->showMessage(tr("Import %1: %2 imported, %3 skipped, %4 failed")
                                 .arg(report.cancelled ? tr("cancelled") : tr("finished"))
                                 .arg(report.imported.size())
                                 .arg(report.skipped.size())
                                 .arg(report.errors.size()),
        10000);
    if (!m_demoMarker.isEmpty()) {
        statusBar()->showMessage(tr("Demo case made. It trusts its own signing key explicitly: a key that comes inside a bundle "
                                    "is not trusted on its own (see Evidence: “trusted … (the demo trusts its own signing key)”)."),
            15000);
        if (!report.cancelled && report.errors.empty()) {
            QFile marker(m_demoMarker);
            if (marker.open(QIODevice::WriteOnly))
                marker.write(QByteArrayLiteral("the demo case was made whole\n"));
        }
        m_demoMarker.clear();
    }
    loadEnvironments();
    emit importFinished(report);
    if (!demo)
        askToTrust(report.untrusted());
}

void MainWindow::askToTrust(const std::vector<AnchorImport>& untrusted)
{
    if (untrusted.empty() || m_casePath.isEmpty())
        return;
    auto* d = new TrustDialog(m_casePath, untrusted, LogStore::defaultActor(), this);
    d->setAttribute(Qt::WA_DeleteOnClose);
    connect(d, &TrustDialog::trusted, this, [this](int anchors, int reverified) {
        statusBar()->showMessage(tr("Trusted %n key(s) or root(s); %1 piece(s) of evidence verified again. Recorded in the case's log.", nullptr, anchors)
                                     .arg(reverified),
            10000);
        runCheck();
        if (!m_evidence->fingerprint().isEmpty())
            showEvidence(m_evidence->fingerprint(), QString(), false);
    });
    d->open();
}

void MainWindow::handleDroppedPaths(const QStringList& paths)
{
    if (paths.isEmpty())
        return;
    if (m_casePath.isEmpty()) {
        newCaseDialog();
        if (m_casePath.isEmpty())
            return;
    }
    // The dialog looks at the files first and asks only for what they lack; with nothing to ask it
    // imports at once.
    ImportDialog* d = showImportDialog(paths);
    if (!d)
        return;
    connect(d, &ImportDialog::probeFinished, this, [this, d] {
        if (!d->probe().needsContext() && d->probe().problems.empty() && d->probe().files > 0 && d->isVisible())
            d->accept();
    });
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    QStringList paths;
    for (const QUrl& u : event->mimeData()->urls())
        if (u.isLocalFile())
            paths << u.toLocalFile();
    event->acceptProposedAction();
    handleDroppedPaths(paths);
}

// ---- the rest -------------------------------------------------------------------------------------------

void MainWindow::showShortcuts()
{
    QStringList rows;
    for (QAction* a : actions())
        if (!a->shortcut().isEmpty())
            rows << QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                        .arg(a->shortcut().toString(QKeySequence::NativeText).toHtmlEscaped(), a->text().remove(QLatin1Char('&')).toHtmlEscaped());
    rows << tr("<tr><td><b>Wheel</b></td><td>Zoom the timeline about the pointer (Shift+Wheel scrolls)</td></tr>")
         << tr("<tr><td><b>Drag</b></td><td>Pan the timeline</td></tr>")
         << tr("<tr><td><b>Click</b></td><td>Set the time cursor: state at that time</td></tr>")
         << tr("<tr><td><b>Click a mark, then another</b></td><td>Diff the two snapshots</td></tr>")
         << tr("<tr><td><b>+ − 0, Ctrl+←/→, Esc</b></td><td>In the timeline: zoom, fit, pan, clear picks</td></tr>");
    QMessageBox::information(this, tr("Keyboard shortcuts"), QStringLiteral("<table cellspacing='6'>%1</table>").arg(rows.join(QString())));
}

void MainWindow::setAppearance(const QString& name)
{
    QSettings().setValue(QStringLiteral("appearance/theme"), name);
    if (auto* app = qobject_cast<QApplication*>(QCoreApplication::instance()))
        applyAppearance(*app, appearanceFromString(name));
    statusBar()->showMessage(name == QLatin1String("system") ? tr("The system look returns the next time Tideline starts.") : QString(), 6000);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (importing()) {
        m_runner->cancel();
        m_runner->waitForIdle();
    }
    setWelcomeMode(false); // save the layout a case shows, not the welcome page's
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    QMainWindow::closeEvent(event);
}

} // namespace tideline::ui
