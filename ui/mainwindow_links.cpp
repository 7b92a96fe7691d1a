// SPDX-License-Identifier: GPL-3.0-or-later
// What links to what in the window: a double click on a bar opens its finding, a right click anywhere offers what
// can be done with what is under it, a lane and its findings select each other, time is typed or stepped; and the
// case's own corrections and controls: retracted imports, its title, its watched folder and what lands there.

#include "mainwindow.h"
#include "caselistener.h"
#include "store/caseaddress.h"

#include "activitychart.h"
#include "casepropertiesdialog.h"
#include "casereader.h"
#include "diffpanel.h"
#include "dropwatcher.h"
#include "exportdialog.h"
#include "findingdetail.h"
#include "findingspanel.h"
#include "importresultspanel.h"
#include "items/copyrole.h"
#include "items/diffmodel.h"
#include "items/environmentmodel.h"
#include "items/findingmodel.h"
#include "items/findingproxy.h"
#include "items/searchmodel.h"
#include "items/statemodel.h"
#include "periodpicker.h"
#include "retractdialog.h"
#include "review/replay.h"
#include "review/retraction.h"
#include "searchpanel.h"
#include "statepanel.h"
#include "store/casefile.h"
#include "store/logstore.h"
#include "tablecopy.h"
#include "timeline/selector.h"
#include "timeline/timeline.h"
#include "timelinepage.h"
#include "timelineview.h"
#include "timetext.h"

#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <map>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTableView>

namespace tideline::ui {

namespace {

// The findings a report holds about one workload of an environment.
QStringList findingsAbout(const CheckReport& report, const QString& environment, const QStringList& keys)
{
    QStringList ids;
    for (const Finding& f : report.findings)
        if (f.environment == environment && f.kind != FindingKind::BlindSpot && keys.contains(workloadKey(f)))
            ids << f.id;
    return ids;
}

LinkSubject subjectOf(const TimelineView::Hit& hit, const CheckReport& report)
{
    LinkSubject s;
    s.environment = hit.environmentName;
    s.at = hit.at;
    s.snapshotRow = !hit.onLane;
    if (hit.interval) {
        s.fingerprint = hit.interval->fingerprint;
        s.name = hit.interval->name;
        // The findings under the pointer first; else every finding about that version of the workload.
        s.findingIds = !hit.findingIds.isEmpty() ? hit.findingIds : findingsAbout(report, hit.environmentName, { workloadKey(*hit.interval) });
    } else if (hit.onLane) {
        s.name = hit.laneLabel;
        s.findingIds = findingsAbout(report, hit.environmentName, hit.laneKeys);
    }
    return s;
}

// The snapshot in force at a time in an environment of the overview, and the one before it.
std::pair<const Snapshot*, const Snapshot*> snapshotsAt(const TimelineOverview& o, const QString& environment, Millis at)
{
    for (const EnvironmentTimeline& e : o.environments) {
        if (e.environment.name != environment)
            continue;
        const Snapshot* current = nullptr;
        const Snapshot* before = nullptr;
        for (const Snapshot& s : e.snapshots) {
            if (s.takenAt > at)
                break;
            before = current;
            current = &s;
        }
        return { current, before };
    }
    return { nullptr, nullptr };
}

} // namespace

void MainWindow::buildLinks()
{
    TimelineView* tl = timeline();
    connect(tl, &TimelineView::barActivated, this, [this](const TimelineView::Hit& hit) {
        activate(subjectOf(hit, m_findings->model()->report()));
    });
    connect(tl, &TimelineView::contextMenuRequested, this, [this](const TimelineView::Hit& hit, const QPoint& global) {
        std::unique_ptr<QMenu> menu(contextMenu(subjectOf(hit, m_findings->model()->report()), this));
        menu->exec(global);
    });
    connect(tl, &TimelineView::laneSelected, this, &MainWindow::followLane);
    connect(m_findings, &FindingsPanel::findingSelected, this, &MainWindow::followFinding);

    connect(m_state, &StatePanel::goToRequested, this, &MainWindow::goToTime);
    connect(m_state, &StatePanel::stepRequested, this, &MainWindow::stepSnapshot);
    // Every list's rows lead somewhere too, and copy whole.
    makeCopyable(m_diff->table());
    m_diff->table()->setContextMenuPolicy(Qt::CustomContextMenu);
    for (QTableView* table : { m_state->table(), m_diff->table(), m_search->table(), m_findings->table() })
        connect(table, &QWidget::customContextMenuRequested, this, [this, table](const QPoint& pos) { showTableMenu(table, pos); });
    connect(m_importResults, &ImportResultsPanel::retractRequested, this, [this](const QString& sha) { showRetractDialog(sha); });

    connect(m_timelinePage->periodPicker(), &PeriodPicker::periodChanged, this,
        [this](std::optional<Millis> from, std::optional<Millis> to) { setPeriod(from, to); });

    m_listener = new CaseListener(this);
    connect(m_listener, &CaseListener::changed, this, [this](const QStringList& actors, const QStringList& actions) {
        if (m_casePath.isEmpty())
            return;
        QStringList what;
        for (const QString& a : actions) {
            static const std::map<QString, const char*> words { { QStringLiteral("import"), QT_TR_NOOP("imported files") },
                { QStringLiteral("review"), QT_TR_NOOP("recorded a decision") }, { QStringLiteral("allow"), QT_TR_NOOP("changed the allow-list") },
                { QStringLiteral("policy"), QT_TR_NOOP("imported a policy") }, { QStringLiteral("retract"), QT_TR_NOOP("retracted an import") },
                { QStringLiteral("export"), QT_TR_NOOP("exported a pack") }, { QStringLiteral("trust"), QT_TR_NOOP("changed what is trusted") } };
            const auto it = words.find(a);
            what << (it != words.end() ? tr(it->second) : a);
        }
        // One's own work (this window, or one's own commands) is said where it is done; others' is said here.
        const QString self = m_listener->role().isEmpty() ? LogStore::defaultActor() : m_listener->role();
        const bool others = std::any_of(actors.begin(), actors.end(), [&self](const QString& a) { return a != self; });
        if (others)
            statusBar()->showMessage(tr("%1 %2 in this shared case: shown as it is now.")
                                     .arg(actors.isEmpty() ? tr("Someone") : actors.join(QStringLiteral(", ")),
                                         what.isEmpty() ? tr("changed it") : what.join(QStringLiteral(", "))),
            15000);
        loadCaseProperties();
        loadEnvironments(); // environments, timelines and findings, as the server now has them
        emit sharedCaseChanged(actors, actions);
    });
    connect(m_listener, &CaseListener::lost, this, [this](const QString& why) {
        statusBar()->showMessage(tr("The shared case's server is gone (%1): what is shown may be out of date; reconnecting…").arg(why));
    });
    connect(m_listener, &CaseListener::back, this, [this] {
        statusBar()->showMessage(tr("The shared case's server is back: shown as it is now."), 10000);
        loadEnvironments();
    });

    m_dropWatcher = new DropWatcher(this);
    connect(m_dropWatcher, &DropWatcher::landed, this, [this](const QStringList& paths) {
        if (m_casePath.isEmpty())
            return;
        statusBar()->showMessage(tr("%1 landed in the watched folder: importing…").arg(paths.size() == 1 ? QFileInfo(paths.front()).fileName()
                                                                                                         : tr("%1 files").arg(paths.size())),
            6000);
        m_announceNewFindings = true;
        startImport(paths);
    });
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->setToolTip(tr("Tideline"));
    }
    qApp->installEventFilter(this);
}

void MainWindow::activate(const LinkSubject& s)
{
    if (!s.findingIds.isEmpty()) {
        raiseDock(QStringLiteral("findingsDock"));
        m_following = true; // the lane is where the click was
        m_findings->selectFinding(s.findingIds.front());
        m_following = false;
        statusBar()->showMessage(s.findingIds.size() == 1 ? tr("Finding %1").arg(s.findingIds.front())
                                                          : tr("%1 findings about %2: %3").arg(s.findingIds.size()).arg(s.name, s.findingIds.join(QStringLiteral(", "))),
            8000);
        return;
    }
    if (!s.fingerprint.isEmpty()) {
        showEvidence(s.fingerprint, tr("%1 in %2").arg(s.name, s.environment));
        statusBar()->showMessage(tr("No finding about %1 in %2: its evidence").arg(s.name, s.environment), 8000);
        return;
    }
    if (s.snapshotRow && s.at) {
        showSnapshotSourceAt(s.environment, *s.at);
        return;
    }
    if (!s.name.isEmpty()) {
        m_searchBox->setText(s.name);
        search(s.name);
    }
}

QMenu* MainWindow::contextMenu(const LinkSubject& s, QWidget* parent)
{
    auto* menu = new QMenu(parent);
    menu->setObjectName(QStringLiteral("linkMenu"));
    auto add = [menu](const QString& name, const QString& text, auto slot) {
        QAction* a = menu->addAction(text);
        a->setObjectName(name);
        QObject::connect(a, &QAction::triggered, menu, slot);
        return a;
    };
    auto copy = [](const QString& text) { return [text] { QApplication::clipboard()->setText(text); }; };
    if (!s.fingerprint.isEmpty())
        add(QStringLiteral("copyFingerprint"), tr("Copy Fingerprint (sha256:%1…, in full)").arg(s.fingerprint.left(12)), copy(s.fingerprint));
    if (!s.name.isEmpty())
        add(QStringLiteral("copyName"), tr("Copy Name (%1)").arg(s.name), copy(s.name));
    if (s.at)
        add(QStringLiteral("copyTime"), tr("Copy Time (%1)").arg(timefmt::formatIso(*s.at)), copy(timefmt::formatIso(*s.at)));
    if (!s.fingerprint.isEmpty() || !s.name.isEmpty()) {
        menu->addSeparator();
        const QString query = s.fingerprint.isEmpty() ? s.name : s.fingerprint;
        add(QStringLiteral("searchEverywhere"), tr("Search Everywhere for %1").arg(s.fingerprint.isEmpty() ? s.name : s.fingerprint.left(12)), [this, query] {
            m_searchBox->setText(query);
            search(query);
        });
    }
    for (const QString& id : s.findingIds.mid(0, 6))
        add(QStringLiteral("openFinding"), tr("Open Finding %1").arg(id), [this, id] {
            raiseDock(QStringLiteral("findingsDock"));
            m_findings->selectFinding(id);
        });
    if (!s.fingerprint.isEmpty())
        add(QStringLiteral("showEvidence"), tr("Show Evidence"), [this, s] { showEvidence(s.fingerprint, tr("%1 in %2").arg(s.name, s.environment)); });
    if (s.at && !s.environment.isEmpty()) {
        menu->addSeparator();
        const QString env = s.environment;
        const Millis at = *s.at;
        QAction* diff = add(QStringLiteral("diffPrevious"), tr("Diff with the Previous Snapshot"), [this, env, at] { diffWithPrevious(env, at); });
        QAction* source = add(QStringLiteral("showSnapshotSource"), tr("Show Source of the Snapshot"), [this, env, at] { showSnapshotSourceAt(env, at); });
        const auto [current, before] = m_overview ? snapshotsAt(*m_overview, env, at) : std::pair<const Snapshot*, const Snapshot*>();
        diff->setEnabled(current && before);
        source->setEnabled(current != nullptr);
        if (current)
            source->setText(tr("Show Source of %1 #%2").arg(env).arg(current->index));
        if (current && before)
            diff->setText(tr("Diff %1 #%2 with the Previous Snapshot (#%3)").arg(env).arg(current->index).arg(before->index));
    }
    return menu;
}

void MainWindow::showTableMenu(QTableView* table, const QPoint& pos)
{
    const QModelIndex i = table->indexAt(pos);
    if (!i.isValid())
        return;
    LinkSubject s;
    const QModelIndex row = i.siblingAtColumn(0);
    if (table == m_state->table()) {
        s.environment = row.data(StateModel::EnvironmentRole).toString();
        s.fingerprint = row.data(StateModel::FingerprintRole).toString();
        s.name = i.siblingAtColumn(StateModel::NameColumn).data(CopyRole).toString();
        s.at = timeline()->timeCursor();
    } else if (table == m_diff->table()) {
        const SnapshotDiff& d = m_diff->model()->diff();
        s.environment = d.to.environment;
        s.fingerprint = row.data(DiffModel::FingerprintRole).toString();
        s.name = i.siblingAtColumn(DiffModel::NameColumn).data(CopyRole).toString();
        s.at = d.to.takenAt;
    } else if (table == m_search->table()) {
        const RunInterval& r = m_search->model()->run(row.row());
        s.environment = r.environment;
        s.fingerprint = r.fingerprint;
        s.name = r.name;
        s.at = r.from;
    } else if (table == m_findings->table()) {
        const QModelIndex source = m_findings->proxy()->mapToSource(row);
        if (!source.isValid())
            return;
        const Finding& f = m_findings->model()->finding(source.row());
        s.environment = f.environment;
        s.fingerprint = f.fingerprint;
        s.name = f.names.value(0);
        s.at = f.firstSeen;
        s.findingIds = { f.id };
        s.snapshotRow = f.kind == FindingKind::BlindSpot;
    }
    if (s.findingIds.isEmpty() && !s.environment.isEmpty())
        s.findingIds = findingsAbout(m_findings->model()->report(), s.environment, { workloadKey(s.fingerprint, s.name) });
    std::unique_ptr<QMenu> menu(contextMenu(s, this));
    QAction* copyRow = new QAction(tr("Copy Row"), menu.get());
    copyRow->setObjectName(QStringLiteral("copyRow"));
    connect(copyRow, &QAction::triggered, this, [table] { QApplication::clipboard()->setText(copyText(table)); });
    menu->insertAction(menu->actions().value(0), copyRow);
    menu->exec(table->viewport()->mapToGlobal(pos));
}

void MainWindow::followLane(const QString& environment, const QStringList& keys)
{
    if (m_following || keys.isEmpty())
        return;
    m_following = true;
    if (m_findings->selectWorkloads(environment, keys)) {
        const QStringList ids = m_findings->selectedIds();
        statusBar()->showMessage(tr("%1 about this lane selected: %2 (Findings, Alt+5)")
                                     .arg(ids.size() == 1 ? tr("1 finding") : tr("%1 findings").arg(ids.size()), ids.join(QStringLiteral(", "))),
            8000);
    }
    m_following = false;
}

void MainWindow::followFinding(const Finding& f)
{
    if (m_following || f.kind == FindingKind::BlindSpot)
        return;
    m_following = true;
    timeline()->showLane(timeline()->laneIndex(f.environment, workloadKey(f)));
    m_following = false;
}

void MainWindow::goToTime(const QString& text)
{
    if (m_casePath.isEmpty())
        return;
    QStringList envs;
    for (const Environment& e : m_envModel->environments())
        envs << e.name;
    Result<TimeInput> in = parseTimeInput(text, envs);
    auto failed = [this](const QString& message) {
        m_state->setGoToProblem(message);
        raiseDock(QStringLiteral("stateDock"));
        statusBar()->showMessage(message, 8000);
        emit goToFailed(message);
    };
    auto go = [this](Millis at) {
        m_state->setGoToProblem(QString());
        TimelineView* tl = timeline();
        if (at < tl->scale().start || at > tl->scale().end) {
            const Millis half = tl->scale().span() / 2;
            tl->setTimeRange(at - half, at + half);
        }
        tl->setTimeCursor(at);
        showStateAt(at, true);
        raiseDock(QStringLiteral("stateDock"));
        emit wentTo(at);
    };
    if (!in) {
        failed(in.error());
        return;
    }
    if (in->time) {
        go(*in->time);
        return;
    }
    // A snapshot: where it was taken (its environment drawn first, if it is not).
    const QString selector = text.trimmed();
    const QString env = in->snapshot->environment;
    if (!m_envModel->chosen().contains(env) && envs.contains(env))
        m_envModel->setChosen(m_envModel->chosen() << env);
    m_reader->run<Snapshot>(
        this, [selector](CaseFile& k) { return Timeline(k).resolve(selector); },
        [go, failed](Result<Snapshot> s) {
            if (!s)
                failed(s.error());
            else
                go(s->takenAt);
        });
}

void MainWindow::stepSnapshot(int step)
{
    if (!timeline()->stepSnapshot(step))
        statusBar()->showMessage(step > 0 ? tr("No snapshot after the cursor.") : tr("No snapshot before the cursor."), 5000);
}

void MainWindow::setPeriod(std::optional<Millis> from, std::optional<Millis> to)
{
    if (from == m_periodFrom && to == m_periodTo)
        return;
    m_periodFrom = from;
    m_periodTo = to;
    PeriodPicker* picker = m_timelinePage->periodPicker();
    if (picker->from() != from || picker->to() != to) {
        const QSignalBlocker block(picker);
        if (!from && !to)
            picker->setPreset(PeriodPicker::Whole);
        else
            picker->setPeriod(from, to);
    }
    timeline()->setPeriod(from, to);
    if (m_overview && !m_overview->empty())
        timeline()->showRange(from.value_or(m_overview->first), to.value_or(m_overview->last));
    statusBar()->showMessage(tr("Looking at %1: the findings are checked over it, the export starts from it").arg(picker->describe()), 8000);
    runCheck();
}

void MainWindow::diffWithPrevious(const QString& environment, Millis at)
{
    const auto [current, before] = m_overview ? snapshotsAt(*m_overview, environment, at) : std::pair<const Snapshot*, const Snapshot*>();
    if (!current || !before) {
        statusBar()->showMessage(tr("No snapshot of %1 before %2 to compare with.").arg(environment, utcText(at)), 6000);
        return;
    }
    compare(QStringLiteral("%1#%2").arg(environment).arg(before->index), QStringLiteral("%1#%2").arg(environment).arg(current->index));
}

void MainWindow::showSnapshotSourceAt(const QString& environment, Millis at)
{
    const auto [current, before] = m_overview ? snapshotsAt(*m_overview, environment, at) : std::pair<const Snapshot*, const Snapshot*>();
    Q_UNUSED(before)
    if (!current) {
        statusBar()->showMessage(tr("No snapshot of %1 at %2.").arg(environment, utcText(at)), 6000);
        return;
    }
    showSource(current->sourceSha256, tr("%1 #%2, taken %3").arg(environment).arg(current->index).arg(utcText(current->takenAt)));
}

RetractDialog* MainWindow::retractDialog() const
{
    return m_retractDialog;
}

RetractDialog* MainWindow::showRetractDialog(const QString& sha256)
{
    if (m_casePath.isEmpty())
        return nullptr;
    if (refusedReadOnly(tr("retracted")))
        return nullptr;
    if (importing()) {
        statusBar()->showMessage(tr("Wait for the import to finish before retracting one."), 6000);
        return nullptr;
    }
    if (m_retractDialog)
        m_retractDialog->close();
    // The list comes from the log, read off the GUI thread; the dialog opens once it is in.
    m_reader->run<std::vector<ImportRecord>>(
        this,
        [](CaseFile& k) -> Result<std::vector<ImportRecord>> {
            Result<std::vector<LogEntry>> entries = LogStore(k.db()).list();
            if (!entries)
                return entries.problem();
            return importRecords(*entries);
        },
        [this, sha256](Result<std::vector<ImportRecord>> r) {
            if (!r) {
                statusBar()->showMessage(tr("Cannot read the case's imports: %1").arg(r.error()), 10000);
                return;
            }
            auto* dialog = new RetractDialog(std::move(r).value(), this);
            dialog->setObjectName(QStringLiteral("retractDialog"));
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            if (!sha256.isEmpty())
                dialog->select(sha256);
            connect(dialog, &RetractDialog::retractRequested, this, &MainWindow::retractImport);
            m_retractDialog = dialog;
            dialog->open();
        });
    return nullptr;
}

void MainWindow::retractImport(const QString& target, const QString& reason)
{
    if (m_casePath.isEmpty())
        return;
    if (m_retractDialog)
        m_retractDialog->setBusy(true);
    m_reader->run<Retraction>(
        this, [target, reason](CaseFile& k) { return tideline::retractImport(k, target, reason); },
        [this](Result<Retraction> r) {
            if (!r) {
                if (m_retractDialog)
                    m_retractDialog->setProblem(r.error());
                statusBar()->showMessage(tr("Not retracted: %1").arg(r.error()), 10000);
                emit retractFailed(r.error());
                return;
            }
            if (m_retractDialog)
                m_retractDialog->accept();
            QString what = QFileInfo(r->path).fileName();
            if (!r->environmentsRemoved.isEmpty())
                what += tr("; %1 had nothing else and is gone").arg(r->environmentsRemoved.join(QStringLiteral(", ")));
            else if (!r->environments.isEmpty())
                what += tr("; %1 replayed without it").arg(r->environments.join(QStringLiteral(", ")));
            statusBar()->showMessage(tr("Retracted %1 (log %2…). Its bytes and the retraction stay in the log.").arg(what, r->logHash.left(12)), 12000);
            loadEnvironments(); // the timelines, the environments and the findings, without it
            emit retracted(r->logHash);
        });
}

CasePropertiesDialog* MainWindow::showCasePropertiesDialog()
{
    if (m_casePath.isEmpty())
        return nullptr;
    if (refusedReadOnly(tr("changed in its properties")))
        return nullptr;
    auto* dialog = new CasePropertiesDialog(m_properties, m_caseId, m_casePath, this);
    dialog->setObjectName(QStringLiteral("casePropertiesDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CasePropertiesDialog::submitted, this, [this, dialog](const CaseProperties& p) {
        QPointer<CasePropertiesDialog> guard(dialog);
        m_reader->run<CaseProperties>(
            this, [p](CaseFile& k) -> Result<CaseProperties> {
                if (Status s = setCaseProperties(k, p); !s)
                    return s.problem();
                return tideline::caseProperties(k.db());
            },
            [this, guard](Result<CaseProperties> r) {
                if (!r) {
                    if (guard)
                        guard->setProblem(r.error());
                    return;
                }
                if (guard)
                    guard->accept();
                saveCaseProperties(*r);
            });
    });
    dialog->open();
    return dialog;
}

void MainWindow::saveCaseProperties(const CaseProperties& p)
{
    m_properties = p;
    updateWindowTitle();
    m_dropWatcher->setFolder(p.watchFolder);
    if (m_exportDialog)
        m_exportDialog->setCaseTitle(p.title);
    statusBar()->showMessage(p.watchFolder.isEmpty() ? tr("Case properties saved.")
                                                     : tr("Case properties saved; watching %1.").arg(QDir::toNativeSeparators(p.watchFolder)),
        6000);
    emit propertiesSaved();
}

void MainWindow::loadCaseProperties()
{
    m_reader->runLatest<CaseProperties>(
        "properties", this, [](CaseFile& k) -> Result<CaseProperties> { return tideline::caseProperties(k.db()); },
        [this](Result<CaseProperties> r) {
            if (!r) {
                // The title and watched folder stay as they were; the window says why, never shows nothing silently.
                statusBar()->showMessage(tr("Cannot read the case's properties (its title, its watched folder): %1").arg(r.error()), 15000);
                return;
            }
            m_properties = *r;
            updateWindowTitle();
            m_dropWatcher->setFolder(m_caseReadOnly ? QString() : m_properties.watchFolder); // nothing lands in a read-only case
        });
}

void MainWindow::updateWindowTitle()
{
    if (m_casePath.isEmpty()) {
        setWindowTitle(tr("Tideline"));
        return;
    }
    const QString file = caseShortName(m_casePath);
    const QString title = m_properties.title.isEmpty() ? tr("Tideline — %1").arg(file) : tr("Tideline — %1 (%2)").arg(m_properties.title, file);
    setWindowTitle(m_caseReadOnly ? tr("%1 [read-only]").arg(title) : title);
}

void MainWindow::announceNewFindings()
{
    const CheckReport& report = m_findings->model()->report();
    std::set<QString> now;
    QStringList fresh;
    for (const Finding& f : report.findings) {
        now.insert(f.id);
        if (m_announceNewFindings && !m_knownFindings.count(f.id))
            fresh << f.id;
    }
    m_knownFindings = std::move(now);
    if (!m_announceNewFindings)
        return;
    m_announceNewFindings = false;
    if (fresh.isEmpty()) {
        statusBar()->showMessage(tr("What landed in the watched folder raised no new finding."), 8000);
        return;
    }
    const QString message = fresh.size() == 1 ? tr("1 new finding from the watched folder: %1").arg(fresh.front())
                                              : tr("%1 new findings from the watched folder: %2").arg(fresh.size()).arg(fresh.mid(0, 6).join(QStringLiteral(", ")));
    statusBar()->showMessage(message, 15000);
    if (m_tray) {
        m_tray->show();
        m_tray->showMessage(tr("Tideline: new findings"), message, QSystemTrayIcon::Warning, 10000);
    }
    emit newFindings(fresh);
}

void MainWindow::setChartsVisible(bool visible)
{
    m_timelinePage->setChartsVisible(visible);
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    // Window shortcuts (Ctrl+E, Ctrl+G, Ctrl+I…) win over a text field that would take the key for itself (a line
    // edit reads Ctrl+E as "end of line"); the field keeps its editing keys.
    if (event->type() == QEvent::ShortcutOverride) {
        auto* w = qobject_cast<QWidget*>(watched);
        if (w && w->window() == this
            && (qobject_cast<QLineEdit*>(w) || qobject_cast<QAbstractSpinBox*>(w) || qobject_cast<QPlainTextEdit*>(w))) {
            auto* key = static_cast<QKeyEvent*>(event);
            static const QKeySequence::StandardKey editing[] = { QKeySequence::Copy, QKeySequence::Cut, QKeySequence::Paste,
                QKeySequence::Undo, QKeySequence::Redo, QKeySequence::SelectAll, QKeySequence::Delete, QKeySequence::Backspace,
                QKeySequence::DeleteStartOfWord, QKeySequence::DeleteEndOfWord, QKeySequence::MoveToNextWord,
                QKeySequence::MoveToPreviousWord, QKeySequence::SelectNextWord, QKeySequence::SelectPreviousWord };
            bool keeps = !(key->modifiers() & (Qt::ControlModifier | Qt::AltModifier));
            for (QKeySequence::StandardKey k : editing)
                keeps = keeps || key->matches(k);
            if (!keeps) {
                const QKeySequence pressed(key->keyCombination());
                for (QAction* a : actions())
                    if (a->isEnabled() && a->shortcut() == pressed) {
                        event->ignore(); // not the field's: the shortcut fires
                        return true;
                    }
            }
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

} // namespace tideline::ui
